/**
 * Browser adapters: what a page provides from its own platform (DOMPurify on the
 * page's DOM).
 *
 * @since 0.2.0
 */
export * from "./html-sanitizer.js"
