/**
 * Node adapters: what a backend needs that the browser has built in.
 *
 * @since 0.1.0
 */
export * from "./html-sanitizer.js"
