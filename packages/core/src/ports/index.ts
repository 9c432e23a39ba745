/**
 * Ports: what the core needs from outside (ids, mail, HTML sanitizing, the user directory,
 * the domain-event outbox). Adapters provide them as Layers; every domain shares them.
 *
 * @since 0.1.0
 */
export * from "./clock.js"
export * from "./ids.js"
export * from "./mailer.js"
export * from "./html-sanitizer.js"
export * from "./directory.js"
export * from "./domain-events.js"
export * from "./stored-copy.js"
