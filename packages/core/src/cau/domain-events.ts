import { Option, Schema } from "effect"
import type { DomainEvent } from "../ports/domain-events.js"
import { TicketEvent, type TicketEventTag } from "./events.js"
import { Ticket } from "./ticket.js"

const prefix = "@ecasilla/core/cau/"

/**
 * The fully qualified outbox tag of a ticket event: `TicketCreated` →
 * `"@ecasilla/core/cau/TicketCreated"`.
 *
 * @since 0.2.0
 * @category events
 */
export const ticketEventTag = (tag: TicketEventTag): string => `${prefix}${tag}`

/**
 * What a CAU event carries in the outbox: the event and the ticket as it was right after
 * it (so a consumer renders the e-mail of that moment, even if the ticket moved on before
 * the relay ran).
 *
 * @since 0.2.0
 * @category events
 */
export const TicketEventData = Schema.Struct({ event: TicketEvent, ticket: Ticket })
/** @since 0.2.0 @category events */
export type TicketEventData = typeof TicketEventData.Type

const encodeData = Schema.encodeSync(TicketEventData)
const decodeData = Schema.decodeUnknownOption(TicketEventData)

/**
 * The outbox form of a ticket event.
 *
 * @since 0.2.0
 * @category events
 */
export const toTicketDomainEvent = (id: string, event: TicketEvent, ticket: Ticket): DomainEvent => ({
  id,
  tag: ticketEventTag(event._tag),
  aggregateId: ticket.id,
  at: event.at,
  data: encodeData({ event, ticket })
})

/**
 * The ticket event inside an outbox event, or none when the event is another domain's (or
 * its data does not decode: a consumer skips what it does not know).
 *
 * @since 0.2.0
 * @category events
 */
export const fromTicketDomainEvent = (event: DomainEvent): Option.Option<TicketEventData> =>
  event.tag.startsWith(prefix) ? Option.filter(decodeData(event.data), (d) => ticketEventTag(d.event._tag) === event.tag) : Option.none()
