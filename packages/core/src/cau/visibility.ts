import { isSystemPrincipal } from "../roles/principal.js"
import { partiesOf, type TicketPrincipal } from "./lifecycle.js"
import { isCauStaff } from "./staff.js"
import type { TicketQuery } from "./store.js"
import type { Ticket } from "./ticket.js"

/**
 * Whether `actor` may see `ticket`: its requester (who filed it or the user it was filed
 * for), the help-desk staff (analysts and support-group leads, who work the queue) and the
 * system. Everyone else gets "not found", so ticket ids reveal nothing.
 *
 * This is the rule the TicketService enforces on every read and write; elements may call it
 * for hints (what to render), never as the only check.
 *
 * @since 0.1.0
 * @category lifecycle
 */
export const canViewTicket = (
  ticket: Pick<Ticket, "requester" | "onBehalfOf" | "analyst">,
  actor: TicketPrincipal
): boolean => {
  const parties = partiesOf(ticket, actor)
  return parties.has("requester") || parties.has("lead") || parties.has("system") || isCauStaff(actor)
}

/**
 * The query an actor may run: help-desk staff and the system list anything; everyone else
 * only their own tickets, whatever they asked for. The service also filters the results
 * through {@link canViewTicket}, so the two can never disagree.
 *
 * @since 0.1.0
 * @category lifecycle
 */
export const ticketQueryFor = (actor: TicketPrincipal, query: TicketQuery = {}): TicketQuery =>
  isSystemPrincipal(actor) || isCauStaff(actor) ? query : { ...query, requesterId: actor.id }
