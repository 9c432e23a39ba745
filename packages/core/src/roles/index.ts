/**
 * Actors and the roles they hold.
 *
 * @since 0.1.0
 */
export * from "./actor.js"
