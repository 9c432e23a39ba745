import { TicketStore, TicketStoreError, matchesTicketQuery, orderTickets, type Ticket } from "@ecasilla/core/cau"
import { copyStored, EventOutbox, makeMemoryEventOutbox, type MemoryEventOutbox } from "@ecasilla/core/ports"
import { Effect, Layer, Option } from "effect"

const copy = copyStored

/**
 * What a memory TicketStore can be given.
 *
 * @since 0.2.0
 * @category models
 */
export interface MemoryTicketStoreOptions {
  /** The outbox its commits append events to; share one between the memory stores of several domains. */
  readonly outbox?: MemoryEventOutbox
}

/**
 * A TicketStore in memory (tests, demos). Values are copied in and out, like a real store.
 * A commit checks everything first and then applies the ticket, its attachment bytes and
 * its events in one synchronous step, so it is all or nothing. Passes the shared
 * TicketStore contract suite.
 *
 * @since 0.1.0
 * @category layers
 */
export const makeMemoryTicketStore = (initial: ReadonlyArray<Ticket> = [], options: MemoryTicketStoreOptions = {}): TicketStore["Service"] => {
  const outbox = options.outbox ?? makeMemoryEventOutbox()
  const tickets = new Map<string, Ticket>(initial.map((t) => [t.id, copy(t)]))
  const numbers = new Map<string, string>(initial.map((t) => [t.number, t.id]))
  const files = new Map<string, Uint8Array>()
  const fileKey = (ticketId: string, attachmentId: string) => `${ticketId}/${attachmentId}`
  const fail = (reason: TicketStoreError["reason"], ticketId: string, detail?: string) =>
    Effect.fail(new TicketStoreError({ reason, ticketId, ...(detail ? { detail } : {}) }))
  return TicketStore.of({
    commit: ({ ticket, expectedVersion, attachments, events }) =>
      Effect.suspend(() => {
        const current = tickets.get(ticket.id)
        if (expectedVersion === 0) {
          if (current || numbers.has(ticket.number)) return fail("duplicate", ticket.id)
        } else {
          if (!current) return fail("not-found", ticket.id)
          if (current.version !== expectedVersion || current.number !== ticket.number) return fail("conflict", ticket.id)
        }
        if (ticket.version !== expectedVersion + 1) return fail("conflict", ticket.id, "version must be expectedVersion + 1")
        const keys = attachments.map((a) => fileKey(ticket.id, a.id))
        if (keys.some((k, i) => files.has(k) || keys.indexOf(k) !== i)) return fail("duplicate", ticket.id, "attachment id")
        const dup = outbox.duplicateOf(events)
        if (dup !== undefined) return fail("duplicate", ticket.id, `event ${dup}`)
        // Everything is checked and the ticket copied (a value that cannot be stored throws
        // before anything is written): apply in one synchronous step (no other fiber runs in between).
        let stored: Ticket
        try {
          stored = copy(ticket)
          outbox.append(events)
        } catch (e) {
          return fail("unavailable", ticket.id, e instanceof Error ? e.message : String(e))
        }
        attachments.forEach((a, i) => files.set(keys[i], a.bytes.slice()))
        tickets.set(ticket.id, stored)
        numbers.set(ticket.number, ticket.id)
        return Effect.void
      }),
    get: (id) => Effect.sync(() => Option.map(Option.fromNullishOr(tickets.get(id)), copy)),
    getByNumber: (number) =>
      Effect.sync(() => {
        const id = numbers.get(number)
        return Option.map(Option.fromNullishOr(id === undefined ? undefined : tickets.get(id)), copy)
      }),
    list: (query) =>
      Effect.sync(() => orderTickets([...tickets.values()].filter((t) => matchesTicketQuery(t, query)), query?.limit).map(copy)),
    getAttachment: (ticketId, attachmentId) =>
      Effect.sync(() => Option.map(Option.fromNullishOr(files.get(fileKey(ticketId, attachmentId))), (b) => b.slice()))
  })
}

/**
 * {@link makeMemoryTicketStore} as a Layer, with the EventOutbox its commits write to; each
 * build starts from `initial` and a fresh outbox unless one is given.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerMemoryTicketStore = (
  initial: ReadonlyArray<Ticket> = [],
  options: MemoryTicketStoreOptions = {}
): Layer.Layer<TicketStore | EventOutbox> =>
  Layer.unwrap(Effect.sync(() => {
    const outbox = options.outbox ?? makeMemoryEventOutbox()
    return Layer.merge(Layer.succeed(TicketStore, makeMemoryTicketStore(initial, { outbox })), Layer.succeed(EventOutbox, outbox.outbox))
  }))
