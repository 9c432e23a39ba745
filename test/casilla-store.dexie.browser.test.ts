// The CasillaStore contract on Dexie over the real IndexedDB of Chromium, and the outbox
// surviving a close and reopen (what a reload does to the database).
import { clearCasillaScope, makeDexieCasillaStore, openCasillaDb } from "@ecasilla/adapters/dexie"
import { expect as chaiExpect } from "@open-wc/testing"
import { Effect } from "effect"
import { casillaStoreContract, contractNotification } from "./contracts/casilla-store.contract.js"

const expect = (actual: unknown) => ({
  toEqual: (expected: unknown) => chaiExpect(actual).to.deep.equal(expected),
  toBe: (expected: unknown) => chaiExpect(actual).to.equal(expected)
})

let n = 0
casillaStoreContract("dexie (Chromium IndexedDB)", async () => {
  const db = openCasillaDb(`contract-browser-${Date.now()}-${++n}`)
  return { store: makeDexieCasillaStore(db), dispose: async () => { db.close(); await db.delete() } }
}, { describe, it, expect })

describe("casilla data scoped to the signed-in receptor in one browser profile", () => {
  it("a second receptor sees none of the first's data; sign-out deletes the first's", async () => {
    const a = `10117410-${Date.now()}`
    const b = `44556677-${Date.now()}`
    const first = openCasillaDb(a)
    await Effect.runPromise(makeDexieCasillaStore(first).commit({ notifications: [contractNotification(1)], blobs: [{ key: "k", bytes: new Uint8Array([1, 2]) }], events: [] }))
    const second = makeDexieCasillaStore(openCasillaDb(b))
    chaiExpect(await Effect.runPromise(second.listNotifications({}))).to.deep.equal([])
    chaiExpect((await Effect.runPromise(second.getBlob("k")))._tag).to.equal("None")
    first.close()
    await clearCasillaScope(a)
    chaiExpect((await indexedDB.databases()).some((d) => d.name?.endsWith(encodeURIComponent(a)))).to.equal(false)
    await clearCasillaScope(b)
  })
})

describe("casilla outbox in the browser", () => {
  it("pending events survive closing and reopening the database; sign-out deletes them", async () => {
    const scope = `reload-${Date.now()}`
    const db = openCasillaDb(scope)
    const event = { id: "evt_1", tag: "@ecasilla/core/casilla/NotificationRead", aggregateId: "ntf_0001", at: "2026-03-02T15:00:00.000Z", data: { readAt: "x" } }
    await Effect.runPromise(makeDexieCasillaStore(db).commit({ notifications: [contractNotification(1)], events: [event] }))
    db.close()
    const reopened = makeDexieCasillaStore(openCasillaDb(scope))
    chaiExpect(await Effect.runPromise(reopened.pendingEvents(10))).to.deep.equal([event])
    await clearCasillaScope(scope)
    chaiExpect((await indexedDB.databases()).some((d) => d.name?.endsWith(scope))).to.equal(false)
  })
})
