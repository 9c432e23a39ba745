/**
 * Firma Perú: verification of signed PDFs (PAdES / PDF signatures) as the casilla needs it
 * (DOMAIN.md §5) — a document edited after it was signed is not valid.
 *
 * @since 0.2.0
 */
export * from "./report.js"
export * from "./errors.js"
export * from "./messages.js"
export * from "./crypto.js"
export * from "./verify.js"
export * from "./lima.js"
export { firmaClearCaches, verifyPdfOutcome, type FirmaOutcome } from "./outcome.js"
