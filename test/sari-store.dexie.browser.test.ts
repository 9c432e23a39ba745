// The SariStore contract on Dexie over the real IndexedDB of Chromium.
import { makeDexieEventOutbox, makeDexieSariStore, openEcasillaDb, seedDexieRoleAssignments } from "@ecasilla/adapters/dexie"
import { expect as chaiExpect } from "@open-wc/testing"
import { sariStoreContract } from "./contracts/sari-store.contract.js"
import { tamperDexieAudit } from "./contracts/sari-store.dexie-tamper.js"

const expect = (actual: unknown) => ({
  toEqual: (expected: unknown) => chaiExpect(actual).to.deep.equal(expected),
  toBe: (expected: unknown) => chaiExpect(actual).to.equal(expected)
})

let n = 0
sariStoreContract("dexie (Chromium IndexedDB)", async (assignments) => {
  const db = openEcasillaDb(`sari-contract-browser-${Date.now()}-${++n}`)
  await seedDexieRoleAssignments(db, assignments)
  return { store: makeDexieSariStore(db), outbox: makeDexieEventOutbox(db), tamperAudit: (e) => tamperDexieAudit(db, e), dispose: async () => { db.close(); await db.delete() } }
}, { describe, it, expect })
