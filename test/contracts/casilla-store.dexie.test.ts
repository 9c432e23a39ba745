// The CasillaStore contract on Dexie in Node over fake-indexeddb (the Chromium run is
// test/casilla-store.dexie.browser.test.ts), plus the schema upgrade and per-receptor scoping.
import { CasillaDb, casillaDbName, casillaDbSchemaV1, clearCasillaScope, makeDexieCasillaStore, openCasillaDb } from "@ecasilla/adapters/dexie"
import { Dexie } from "dexie"
import { Effect, Option } from "effect"
import { IDBFactory, IDBKeyRange } from "fake-indexeddb"
import { describe, expect, it } from "vitest"
import { casillaStoreContract, contractNotification } from "./casilla-store.contract.js"

let n = 0
casillaStoreContract("dexie (fake-indexeddb)", async () => {
  const db = openCasillaDb(`contract-${++n}`, { indexedDB: new IDBFactory(), IDBKeyRange })
  return { store: makeDexieCasillaStore(db), dispose: async () => { db.close(); await db.delete() } }
}, { describe, it, expect })

describe("casilla database upgrade and scoping", () => {
  it("upgrades a version 1 database: rows gain the inbox keys and the outbox survives", async () => {
    const deps = { indexedDB: new IDBFactory(), IDBKeyRange }
    const old = new Dexie(casillaDbName("10000001"), deps)
    old.version(1).stores(casillaDbSchemaV1)
    const rows = [1, 4, 7].map((i) => contractNotification(i))
    await old.table("notifications").bulkAdd(rows.map((x) => ({ id: x.id, casillaId: x.casillaId, receptorId: x.receptorId, state: x.state, depositedAt: x.depositedAt, notification: x })))
    await old.table("outbox").add({ id: "e1", delivered: 0, event: { id: "e1", tag: "t", aggregateId: "a", at: "2026-01-01T00:00:00.000Z", data: null } })
    old.close()
    const db = openCasillaDb("10000001", deps)
    const store = makeDexieCasillaStore(db)
    const unread = await Effect.runPromise(store.listNotifications({ receptorId: "10000001", unread: true }))
    expect(unread.map((x) => x.id)).toEqual(["ntf_0007", "ntf_0004", "ntf_0001"])
    expect(db.verno).toBe(2)
    expect(await Effect.runPromise(store.countNotifications({ receptorId: "10000001", states: ["Depositada", "Leída"], unread: true }))).toBe(3)
    expect((await Effect.runPromise(store.pendingEvents(5))).map((e) => e.id)).toEqual(["e1"])
    db.close()
  })

  it("a second receptor in the same browser profile sees none of the first's; sign-out clears them", async () => {
    const deps = { indexedDB: new IDBFactory(), IDBKeyRange }
    const first = makeDexieCasillaStore(openCasillaDb("10000001", deps))
    await Effect.runPromise(first.commit({ notifications: [contractNotification(1)], blobs: [{ key: "k", bytes: new Uint8Array([1]) }], events: [] }))
    const second = makeDexieCasillaStore(openCasillaDb("10000002", deps))
    expect(await Effect.runPromise(second.listNotifications({}))).toEqual([])
    expect(Option.isNone(await Effect.runPromise(second.getNotification("ntf_0001")))).toBe(true)
    expect(Option.isNone(await Effect.runPromise(second.getBlob("k")))).toBe(true)
    await clearCasillaScope("10000001", deps)
    expect((await deps.indexedDB.databases()).map((d) => d.name)).not.toContain(casillaDbName("10000001"))
    const again = makeDexieCasillaStore(openCasillaDb("10000001", deps))
    expect(await Effect.runPromise(again.listNotifications({}))).toEqual([])
    expect(new CasillaDb("x", deps).name).toBe("x")
  })
})
