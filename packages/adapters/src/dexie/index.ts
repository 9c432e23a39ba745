/**
 * IndexedDB adapters through Dexie: the browser's default storage.
 *
 * @since 0.1.0
 */
export * from "./db.js"
export * from "./ticket-store.js"
export * from "./outbox.js"
export * from "./ids.js"
export * from "./directory.js"
export * from "./cau.js"
export * from "./casilla-db.js"
export * from "./casilla-store.js"
export { cauDemoUsers, seedCauDemoTickets } from "../demo/cau-demo.js"
export { casillaDemoUsers, seedCasillaDemo } from "../demo/casilla-demo.js"
