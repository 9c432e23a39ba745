/**
 * Actors and the roles they hold; the system principal scheduled jobs run as.
 *
 * @since 0.1.0
 */
export * from "./actor.js"
export * from "./principal.js"
