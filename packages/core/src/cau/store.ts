import { Context, type Effect, type Option } from "effect"
import type { DomainEvent } from "../ports/domain-events.js"
import type { TicketStoreError } from "./errors.js"
import type { TicketState } from "./model.js"
import type { Ticket } from "./ticket.js"

/**
 * What to list. Every given field must match; results are newest first.
 *
 * @since 0.1.0
 * @category models
 */
export interface TicketQuery {
  /** Tickets filed by this user or for this user. */
  readonly requesterId?: string
  readonly analystId?: string
  readonly states?: ReadonlyArray<TicketState>
  readonly limit?: number
}

/**
 * One command's whole effect on storage: the ticket as it is after the command, the bytes
 * of the attachments it added, and its domain events for the outbox. A store writes all of
 * it in one transaction or none of it.
 *
 * @since 0.2.0
 * @category models
 */
export interface TicketCommit {
  readonly ticket: Ticket
  /**
   * The version the command read: 0 for a new ticket (then `ticket.version` is 1). The
   * commit succeeds only if the stored version is still this one, and `ticket.version` is
   * the next.
   */
  readonly expectedVersion: number
  /** Bytes of attachments new in this commit, by the id their metadata has on `ticket`. */
  readonly attachments: ReadonlyArray<{ readonly id: string; readonly bytes: Uint8Array }>
  /** Appended to the event outbox in order (see `relayEvents`). */
  readonly events: ReadonlyArray<DomainEvent>
}

/**
 * Where tickets live. Every adapter (memory, Dexie, HTTP) passes the shared contract
 * suite in `test/contracts/ticket-store.contract.ts`.
 *
 * A command writes through one `commit`: the ticket, its new attachment bytes and its
 * domain events in one transaction (all or nothing), with an optimistic version check so two
 * people changing one ticket never overwrite each other. The same storage serves the
 * `EventOutbox` the events are relayed from.
 *
 * @since 0.1.0
 * @category ports
 */
export class TicketStore extends Context.Service<TicketStore, {
  /**
   * Writes a {@link TicketCommit} atomically. Fails, writing nothing, with `duplicate` (a new
   * ticket whose id or number exists, an attachment or event id already stored), `conflict`
   * (the stored version is not `expectedVersion`, or the number changed), `not-found` (an
   * update of an absent ticket) or `unavailable` (the storage failed).
   */
  readonly commit: (commit: TicketCommit) => Effect.Effect<void, TicketStoreError>
  readonly get: (id: string) => Effect.Effect<Option.Option<Ticket>, TicketStoreError>
  readonly getByNumber: (number: string) => Effect.Effect<Option.Option<Ticket>, TicketStoreError>
  readonly list: (query?: TicketQuery) => Effect.Effect<ReadonlyArray<Ticket>, TicketStoreError>
  /** The bytes of an attachment committed with the ticket (its metadata lives on the ticket). */
  readonly getAttachment: (ticketId: string, attachmentId: string) => Effect.Effect<Option.Option<Uint8Array>, TicketStoreError>
}>()("@ecasilla/core/cau/TicketStore") {}

/**
 * True when `ticket` matches `query` (adapters that filter in memory share this).
 *
 * @since 0.1.0
 * @category utils
 */
export const matchesTicketQuery = (ticket: Ticket, query: TicketQuery | undefined): boolean =>
  !query ||
  ((query.requesterId === undefined || ticket.requester.id === query.requesterId || ticket.onBehalfOf?.id === query.requesterId) &&
    (query.analystId === undefined || ticket.analyst?.id === query.analystId) &&
    (query.states === undefined || query.states.includes(ticket.state)))

/**
 * Newest first (by createdAt, then number), then the limit: the order every adapter returns.
 *
 * @since 0.1.0
 * @category utils
 */
export const orderTickets = (tickets: ReadonlyArray<Ticket>, limit?: number): ReadonlyArray<Ticket> => {
  const sorted = [...tickets].sort((a, b) =>
    a.createdAt === b.createdAt ? (a.number < b.number ? 1 : a.number > b.number ? -1 : 0) : a.createdAt < b.createdAt ? 1 : -1
  )
  return limit === undefined ? sorted : sorted.slice(0, Math.max(0, limit))
}
