// The TicketStore contract on Dexie in Node, over fake-indexeddb (the real-browser run is
// test/ticket-store.dexie.browser.test.ts).
import { makeDexieEventOutbox, makeDexieTicketStore, openEcasillaDb } from "@ecasilla/adapters/dexie"
import { IDBFactory, IDBKeyRange } from "fake-indexeddb"
import { describe, expect, it } from "vitest"
import { ticketStoreContract } from "./ticket-store.contract.js"

let n = 0
ticketStoreContract("dexie (fake-indexeddb)", async () => {
  const db = openEcasillaDb(`contract-${++n}`, { indexedDB: new IDBFactory(), IDBKeyRange })
  return { store: makeDexieTicketStore(db), outbox: makeDexieEventOutbox(db), dispose: async () => { db.close(); await db.delete() } }
}, { describe, it, expect })
