/**
 * In-memory adapters: for tests, demos and examples.
 *
 * @since 0.1.0
 */
export * from "./ticket-store.js"
export * from "./directory.js"
export * from "./mailer.js"
export * from "./cau.js"
export * from "./casilla-store.js"
export * from "./auth-gateway.js"
export { cauDemoUsers, seedCauDemoTickets } from "../demo/cau-demo.js"
export { casillaDemoUsers, seedCasillaDemo } from "../demo/casilla-demo.js"
