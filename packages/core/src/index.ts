/**
 * @ecasilla/core: the rules of the CGR Casilla Electrónica ecosystem, one folder per domain.
 * Everything is re-exported here; each domain also has its own subpath export.
 *
 * @packageDocumentation
 */
export * from "./i18n/index.js"
export * from "./calendar/index.js"
export * from "./identity/index.js"
export * from "./roles/index.js"
export * from "./ports/index.js"
export * from "./cau/index.js"
export * from "./casilla/index.js"
export * from "./firma/index.js"
