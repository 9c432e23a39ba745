/**
 * Casilla electrónica: casilla accounts, notifications from Borrador to Leída, the deposit
 * with firma verification and its constancia, deadlines in días hábiles (DOMAIN.md §4).
 *
 * @since 0.2.0
 */
export * from "./model.js"
export * from "./errors.js"
export * from "./messages.js"
export * from "./events.js"
export * from "./lifecycle.js"
export * from "./store.js"
export * from "./config.js"
export * from "./constancia.js"
export * from "./deadlines.js"
export * from "./service.js"
export * from "./auth.js"
export { casillaOriginRole } from "./internal/accounts.js"
export * from "./outbox.js"
export * from "./mail.js"
