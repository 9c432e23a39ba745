/**
 * Identity numbers of Peru as the casilla uses them: DNI, RUC, carné de extranjería,
 * internal user codes and SUNAT document types (DOMAIN.md §6).
 *
 * @since 0.1.0
 */
export * from "./rules.js"
export * from "./messages.js"
export * from "./errors.js"
export * from "./schema.js"
