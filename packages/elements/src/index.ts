/**
 * @ecasilla/elements: Lit web components for CGR intranet pages. Import a
 * `define/<tag>.js` module to register an element; this entry exports the
 * classes, the contexts and the shared controllers without registering anything.
 *
 * @packageDocumentation
 */
export * from "./context/contexts.js"
export * from "./controllers/run.js"
export * from "./controllers/runtime-controller.js"
export * from "./controllers/localize.js"
export * from "./controllers/form-control.js"
export * from "./events/form-events.js"
export * from "./provider/provider.js"
export * from "./id-input/id-input.js"
export * from "./id-input/id-input.strings.js"
export * from "./events/cau-events.js"
export * from "./cau-ticket-form/ticket-form.js"
export * from "./cau-ticket-form/ticket-form.strings.js"
export * from "./cau-ticket-detail/ticket-detail.js"
export * from "./cau-ticket-detail/ticket-detail.strings.js"
export * from "./events/casilla-events.js"
export * from "./casilla-inbox/inbox.js"
export * from "./casilla-inbox/inbox.strings.js"
export * from "./casilla-login/login.js"
export * from "./casilla-login/login.strings.js"
export * from "./casilla-deposit/deposit.js"
export * from "./casilla-deposit/deposit.strings.js"
export * from "./casilla-sign/sign.js"
export * from "./casilla-sign/sign.strings.js"
export { defineElement } from "./internal/define.js"
export * from "./events/sari-events.js"
export * from "./sari/sari.strings.js"
export * from "./sari-request-form/request-form.js"
export * from "./sari-approval-inbox/approval-inbox.js"
export * from "./events/firma-events.js"
export * from "./firma-verify/firma-verify.js"
export * from "./firma-verify/firma-verify.strings.js"
export * from "./firma-verify/findings.js"
