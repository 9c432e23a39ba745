/**
 * Ports: what the core needs from outside (time, ids, mail, HTML sanitizing, the user
 * directory). Adapters provide them as Layers; every domain shares them.
 *
 * @since 0.1.0
 */
export * from "./clock.js"
export * from "./ids.js"
export * from "./mailer.js"
export * from "./html-sanitizer.js"
export * from "./directory.js"
