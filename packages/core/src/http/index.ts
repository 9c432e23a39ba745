/**
 * The HTTP contract of the backends, declared from the core's Schemas with effect's HttpApi:
 * served by `examples/server`, consumed with `HttpApiClient`, published as OpenAPI.
 *
 * @since 0.2.0
 */
export * from "./cau.js"
export * from "./sari.js"
export * from "./casilla.js"
