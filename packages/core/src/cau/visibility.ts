import type { Actor } from "../roles/actor.js"
import { partiesOf } from "./lifecycle.js"
import { isCauAnalyst, isCauStaff } from "./staff.js"
import type { TicketQuery } from "./store.js"
import type { Ticket } from "./ticket.js"

/**
 * Whether `actor` may see `ticket`: its requester (who filed it or the user it was filed
 * for), and the help-desk staff (analysts and support-group leads, who work the queue).
 * Everyone else gets "not found", so ticket ids reveal nothing.
 *
 * @since 0.1.0
 * @category lifecycle
 */
export const canViewTicket = (
  ticket: Pick<Ticket, "requester" | "onBehalfOf" | "analyst">,
  actor: Pick<Actor, "id" | "roles">
): boolean => {
  const parties = partiesOf(ticket, actor)
  return parties.has("requester") || parties.has("lead") || parties.has("system") || isCauAnalyst(actor)
}

/**
 * The query an actor may run: help-desk staff list anything; everyone else only their
 * own tickets, whatever they asked for.
 *
 * @since 0.1.0
 * @category lifecycle
 */
export const ticketQueryFor = (actor: Pick<Actor, "id" | "roles">, query: TicketQuery = {}): TicketQuery =>
  isCauStaff(actor)
    ? query
    : { ...query, requesterId: actor.id }
