import { cauDemoUsers, layerDexieCau, openEcasillaDb, seedCauDemo } from "@ecasilla/adapters/dexie"
import { layerNodeHtmlSanitizer } from "@ecasilla/adapters/node"
import { availableTicketActions, TicketService } from "@ecasilla/core/cau"
import { Effect, Layer, ManagedRuntime } from "effect"
import { IDBFactory, IDBKeyRange } from "fake-indexeddb"
import { describe, expect, it } from "vitest"
import { layerTestClock, requester, validDraft } from "./fixtures.js"

const lead = cauDemoUsers[4]

describe("Dexie CAU with demo data", () => {
  it("seeds an empty database once, with one ticket in every state", async () => {
    const db = openEcasillaDb("demo-1", { indexedDB: new IDBFactory(), IDBKeyRange })
    expect(await seedCauDemo(db, { sanitizer: layerNodeHtmlSanitizer, now: new Date("2026-03-10T15:00:00Z") })).toBe(true)
    expect(await seedCauDemo(db, { sanitizer: layerNodeHtmlSanitizer })).toBe(false)
    const runtime = ManagedRuntime.make(layerDexieCau({ db, sanitizer: layerNodeHtmlSanitizer }).pipe(Layer.provideMerge(layerTestClock("2026-03-10T16:00:00Z"))))
    const tickets = await runtime.runPromise(Effect.flatMap(TicketService, (s) => s.listTickets(lead)))
    expect(tickets.map((t) => [t.number, t.state])).toEqual([
      ["CAU-2026-000004", "Registrada"],
      ["CAU-2026-000003", "Asignada-Pendiente"],
      ["CAU-2026-000002", "Resuelta"],
      ["CAU-2026-000001", "Cerrada"]
    ])
    expect(tickets[3].closure?.comment).toBe("Conforme")
    expect(tickets[1].notes).toHaveLength(1)
    expect(tickets.every((t) => t.createdAt < "2026-03-10T15:00:00.000Z")).toBe(true)
    const rosa = { id: "E40125", roles: [] }
    expect(availableTicketActions(tickets[2], rosa)).toEqual(["incorrecta", "correcta"])
    // numbers keep counting after the seed (sequence persisted in IndexedDB)
    const next = await runtime.runPromise(Effect.flatMap(TicketService, (s) => s.createTicket(requester, validDraft)))
    expect(next.number).toBe("CAU-2026-000005")
    await runtime.dispose()
    await db.delete()
  })
})

describe("seedCauDemo", () => {
  it("seeds once when two pages start together", async () => {
    const deps = { indexedDB: new IDBFactory(), IDBKeyRange }
    const [a, b] = [openEcasillaDb("demo-race", deps), openEcasillaDb("demo-race", deps)]
    const results = await Promise.all([seedCauDemo(a, { sanitizer: layerNodeHtmlSanitizer }), seedCauDemo(b, { sanitizer: layerNodeHtmlSanitizer })])
    expect(results.filter(Boolean)).toHaveLength(1)
    expect(await a.tickets.count()).toBe(4)
    a.close()
    await b.delete()
  })
})
