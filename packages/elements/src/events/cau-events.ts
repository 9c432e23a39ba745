import type { Ticket, TicketAction } from "@ecasilla/core/cau"

/**
 * Fired by `<cau-ticket-form>` when the user saved a new ticket: `detail` is the ticket
 * as stored (with its number, state Registrada). `bubbles` and `composed`.
 *
 * @since 0.1.0
 * @category events
 */
export class TicketCreatedEvent extends CustomEvent<Ticket> {
  constructor(ticket: Ticket) {
    super("ticket-created", { bubbles: true, composed: true, detail: ticket })
  }
  /** The new ticket (same as `detail`). */
  get ticket(): Ticket {
    return this.detail
  }
}

/**
 * Fired by `<cau-ticket-detail>` after the user took an action on the ticket (assign,
 * note, answer, correcta/incorrecta, survey): `detail` is the ticket after the change,
 * `action` says which. `bubbles` and `composed`.
 *
 * @since 0.1.0
 * @category events
 */
export class TicketUpdatedEvent extends CustomEvent<Ticket> {
  /** The action the user took. */
  readonly action: TicketAction
  constructor(ticket: Ticket, action: TicketAction) {
    super("ticket-updated", { bubbles: true, composed: true, detail: ticket })
    this.action = action
  }
  /** The ticket after the change (same as `detail`). */
  get ticket(): Ticket {
    return this.detail
  }
}

declare global {
  interface HTMLElementEventMap {
    "ticket-created": TicketCreatedEvent
    "ticket-updated": TicketUpdatedEvent
  }
}
