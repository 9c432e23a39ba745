export * from "./locale.js"
