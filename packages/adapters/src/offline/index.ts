/**
 * Offline pages: the core's CAU over a backend when the network carries it and over
 * IndexedDB when it does not, with a queue that replays each command exactly once.
 *
 * @since 0.2.0
 */
export * from "./cau.js"
