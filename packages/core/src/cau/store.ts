import { Context, type Effect, type Option } from "effect"
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
 * Where tickets live. Every adapter (memory, Dexie, HTTP) passes the shared contract
 * suite in `test/contracts/ticket-store.contract.ts`.
 *
 * Writes are optimistic: `update` succeeds only when the stored version is
 * `ticket.version - 1`, so two people changing one ticket never overwrite each other.
 *
 * @since 0.1.0
 * @category ports
 */
export class TicketStore extends Context.Service<TicketStore, {
  /** Stores a new ticket (version 1); `duplicate` when its id or number exists. */
  readonly insert: (ticket: Ticket) => Effect.Effect<void, TicketStoreError>
  /** Replaces a ticket; `conflict` unless the stored version is `ticket.version - 1`, `not-found` when absent. */
  readonly update: (ticket: Ticket) => Effect.Effect<void, TicketStoreError>
  readonly get: (id: string) => Effect.Effect<Option.Option<Ticket>, TicketStoreError>
  readonly getByNumber: (number: string) => Effect.Effect<Option.Option<Ticket>, TicketStoreError>
  readonly list: (query?: TicketQuery) => Effect.Effect<ReadonlyArray<Ticket>, TicketStoreError>
  /** Keeps the bytes of an attachment (its metadata lives on the ticket). */
  readonly putAttachment: (ticketId: string, attachmentId: string, bytes: Uint8Array) => Effect.Effect<void, TicketStoreError>
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
