// The casilla demo seed: what the playground shows María, through the authorized service.
import { casillaDemoUsers, seedCasillaDemo } from "@ecasilla/adapters/memory"
import { describe, expect, it } from "vitest"
import { makeCasillaRuntime } from "./fixtures.js"

describe("casilla demo seed", () => {
  it("gives María an active casilla with read and unread notifications, once", async () => {
    const h = makeCasillaRuntime({})
    const maria = casillaDemoUsers[3]
    expect(await h.store((s) => seedCasillaDemo(s, { now: new Date("2026-03-02T20:00:00Z") }))).toBe(true)
    expect(await h.store((s) => seedCasillaDemo(s))).toBe(false)
    expect(await h.run((s) => s.countNotifications(maria, {}))).toBe(24)
    expect(await h.run((s) => s.countNotifications(maria, { unread: true }))).toBe(16)
    const first = (await h.run((s) => s.listNotifications(maria, { limit: 1 })))[0]
    const got = await h.run((s) => s.downloadDocument(maria, first.id, first.documents[0].id))
    expect(new TextDecoder().decode(got.bytes.subarray(0, 5))).toBe("%PDF-")
    expect(await h.run((s) => s.listNotifications(casillaDemoUsers[4], {}))).toEqual([])
  })
})
