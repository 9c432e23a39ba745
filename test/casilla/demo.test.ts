// The casilla demo seed: what the playground shows María, deposited through the authorized
// service with real signed PDFs, so every recorded verdict and digest is the verifier's.
import { casillaDemoUsers, seedCasillaDemo } from "@ecasilla/adapters/memory"
import { Cause, Exit } from "effect"
import { createHash } from "node:crypto"
import { beforeAll, describe, expect, it } from "vitest"
import { TestPdf } from "../../packages/core/test/firma/pdf.js"
import { makePki, type TestPki } from "../../packages/core/test/firma/pki.js"
import { makeCasillaRuntime } from "./fixtures.js"

let pki: TestPki
let signed: Uint8Array
beforeAll(async () => {
  pki = await makePki("rsa")
  signed = (await new TestPdf().sign(pki, { field: "Titular" })).bytes
})

const maria = casillaDemoUsers[3]
const now = new Date("2026-03-02T20:00:00Z")

describe("casilla demo seed", () => {
  it("gives María an active casilla with read and unread notifications whose verdicts and digests are computed, once", async () => {
    const h = makeCasillaRuntime({ trustAnchors: [pki.rootPem] })
    expect(await h.rt.runPromise(seedCasillaDemo([{ name: "valido.pdf", bytes: signed }], { now, count: 6 }))).toBe(true)
    expect(await h.rt.runPromise(seedCasillaDemo([{ name: "valido.pdf", bytes: signed }], { now, count: 6 }))).toBe(false)
    expect(await h.run((s) => s.countNotifications(maria, {}))).toBe(6)
    expect(await h.run((s) => s.countNotifications(maria, { unread: true }))).toBe(4)
    const list = await h.run((s) => s.listNotifications(maria, {}))
    const digest = createHash("sha256").update(signed).digest("hex")
    for (const n of list) {
      expect(n.documents[0].sha256).toBe(digest)
      expect(n.documents[0].verification?.verdict).toBe("valid")
      expect(n.constancia?.documents[0].sha256).toBe(digest)
    }
    // Newest first, 7 hours apart, the newest an hour before `now`.
    expect(list[0].depositedAt).toBe("2026-03-02T19:00:00.000Z")
    expect(list[1].depositedAt).toBe("2026-03-02T12:00:00.000Z")
    const got = await h.run((s) => s.downloadDocument(maria, list[0].id, list[0].documents[0].id))
    expect(got.bytes).toEqual(signed)
    expect(await h.run((s) => s.listNotifications(casillaDemoUsers[4], {}))).toEqual([])
  })

  it("refuses a document changed after signing before it writes anything", async () => {
    const h = makeCasillaRuntime({ trustAnchors: [pki.rootPem] })
    const tampered = signed.slice()
    const at = new TextDecoder("latin1").decode(tampered).indexOf("/MediaBox")
    tampered[at + 1] = "N".charCodeAt(0)
    const exit = await h.rt.runPromiseExit(seedCasillaDemo([{ name: "valido.pdf", bytes: signed }, { name: "modificado.pdf", bytes: tampered }], { now }))
    expect(Exit.isFailure(exit)).toBe(true)
    if (Exit.isFailure(exit)) expect(Cause.squash(exit.cause)).toMatchObject({ reason: "document-not-valid", documentName: "modificado.pdf" })
    expect(await h.store((s) => s.getCasillaByLogin(maria.id))).toMatchObject({ _tag: "None" })
    expect(await h.store((s) => s.pendingEvents(100))).toEqual([])
  })

  it("does not deposit documents the configured anchors do not trust", async () => {
    const stranger = await makePki("rsa")
    const h = makeCasillaRuntime({ trustAnchors: [stranger.rootPem] })
    const exit = await h.rt.runPromiseExit(seedCasillaDemo([{ name: "valido.pdf", bytes: signed }], { now }))
    expect(Exit.isFailure(exit)).toBe(true)
    expect(await h.store((s) => s.getCasillaByLogin(maria.id))).toMatchObject({ _tag: "None" })
  })
})
