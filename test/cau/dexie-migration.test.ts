// Dexie schema version 2 adds the event outbox: a database written by version 1 opens with
// its tickets, attachments and counters intact, and the next command commits to the outbox.
import { layerDexieCau, openEcasillaDb } from "@ecasilla/adapters/dexie"
import { layerNodeHtmlSanitizer } from "@ecasilla/adapters/node"
import { TicketService } from "@ecasilla/core/cau"
import { Dexie } from "dexie"
import { Effect, Layer, ManagedRuntime } from "effect"
import { IDBFactory, IDBKeyRange } from "fake-indexeddb"
import { describe, expect, it } from "vitest"
import { contractTicket } from "../contracts/ticket-store.contract.js"
import { layerTestClock, lead, users } from "./fixtures.js"

describe("Dexie schema migration", () => {
  it("opens a version-1 database and keeps everything in it", async () => {
    const deps = { indexedDB: new IDBFactory(), IDBKeyRange }
    const v1 = new Dexie("migrate", deps)
    v1.version(1).stores({ tickets: "id, &number, createdAt, state, *parties, analystId", attachments: "[ticketId+attachmentId]", counters: "name", users: "id, name" })
    const old = contractTicket(1, { requester: { id: lead.id, name: lead.name } })
    await v1.table("tickets").put({ id: old.id, number: old.number, createdAt: old.createdAt, state: old.state, parties: [lead.id], analystId: "", ticket: old })
    await v1.table("attachments").put({ ticketId: old.id, attachmentId: "att_1", bytes: new Uint8Array([1, 2, 3]) })
    await v1.table("users").bulkPut(users.map((u) => ({ ...u })))
    v1.close()

    const db = openEcasillaDb("migrate", deps)
    await db.open()
    // Version 2 added the outbox, version 3 the SARI tables, version 4 the offline queue: all start empty.
    expect(db.verno).toBe(4)
    expect([await db.mutations.count(), await db.syncedIds.count()]).toEqual([0, 0])
    expect([await db.sariRequests.count(), await db.roleAssignments.count(), await db.sariAudit.count(), await db.collaborators.count()]).toEqual([0, 0, 0, 0])
    expect((await db.tickets.get(old.id))?.ticket).toEqual(old)
    expect(Array.from((await db.attachments.get([old.id, "att_1"]))!.bytes)).toEqual([1, 2, 3])
    expect(await db.outbox.count()).toBe(0)
    const runtime = ManagedRuntime.make(layerDexieCau({ db, sanitizer: layerNodeHtmlSanitizer }).pipe(Layer.provideMerge(layerTestClock())))
    const edited = await runtime.runPromise(Effect.flatMap(TicketService, (s) => s.editTicket(lead, old.id, { titulo: "Título tras la migración" })))
    expect(edited.version).toBe(2)
    expect((await db.outbox.toArray()).map((r) => [r.tag, r.aggregateId, r.delivered])).toEqual([["@ecasilla/core/cau/TicketEdited", old.id, 1]])
    await runtime.dispose()
    await db.delete()
  })
})
