import type { SariAction, SariRequest } from "@ecasilla/core/sari"

/**
 * Fired by `<sari-request-form>` when the user saved ("Guardar", `sent` false) or sent
 * ("Enviar", `sent` true) a request: `detail` is the request as stored. `bubbles` and
 * `composed`.
 *
 * @since 0.2.0
 * @category events
 */
export class SariRequestSavedEvent extends CustomEvent<SariRequest> {
  /** Whether it was sent for approval (Enviada) rather than kept as a Borrador. */
  readonly sent: boolean
  constructor(request: SariRequest) {
    super("sari-request-saved", { bubbles: true, composed: true, detail: request })
    this.sent = request.state === "Enviada"
  }
}

/**
 * Fired by `<sari-approval-inbox>` after the user approved, rejected, sent or withdrew a
 * request (once per request in a bulk approval): `detail` is the request after the change.
 * `bubbles` and `composed`.
 *
 * @since 0.2.0
 * @category events
 */
export class SariRequestChangedEvent extends CustomEvent<SariRequest> {
  /** What the user did. */
  readonly action: SariAction
  constructor(request: SariRequest, action: SariAction) {
    super("sari-request-changed", { bubbles: true, composed: true, detail: request })
    this.action = action
  }
}

declare global {
  interface HTMLElementEventMap {
    "sari-request-saved": SariRequestSavedEvent
    "sari-request-changed": SariRequestChangedEvent
  }
}
