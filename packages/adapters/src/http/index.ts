/**
 * HTTP adapters: the core's CAU services over a backend that serves the core's HTTP contract
 * (`CauApi` of `@ecasilla/core/http`, e.g. `examples/server`), through fetch.
 *
 * @since 0.2.0
 */
export * from "./cau.js"
export * from "./sari.js"
export * from "./casilla.js"
export * from "./auth.js"
