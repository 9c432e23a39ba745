// The SariStore contract on Dexie in Node, over fake-indexeddb (the real-browser run is
// test/sari-store.dexie.browser.test.ts).
import { makeDexieEventOutbox, makeDexieSariStore, openEcasillaDb, seedDexieRoleAssignments } from "@ecasilla/adapters/dexie"
import { IDBFactory, IDBKeyRange } from "fake-indexeddb"
import { describe, expect, it } from "vitest"
import { sariStoreContract } from "./sari-store.contract.js"
import { tamperDexieAudit } from "./sari-store.dexie-tamper.js"

let n = 0
sariStoreContract("dexie (fake-indexeddb)", async (assignments) => {
  const db = openEcasillaDb(`sari-contract-${++n}`, { indexedDB: new IDBFactory(), IDBKeyRange })
  await seedDexieRoleAssignments(db, assignments)
  return { store: makeDexieSariStore(db), outbox: makeDexieEventOutbox(db), tamperAudit: (e) => tamperDexieAudit(db, e), dispose: async () => { db.close(); await db.delete() } }
}, { describe, it, expect })
