import { TicketStore, TicketStoreError, matchesTicketQuery, orderTickets, type Ticket } from "@ecasilla/core/cau"
import { Effect, Layer, Option } from "effect"

const copy = <A>(a: A): A => structuredClone(a)

/**
 * A TicketStore in memory (tests, demos, the Node example). Values are copied in and
 * out, like a real store. Passes the shared TicketStore contract suite.
 *
 * @since 0.1.0
 * @category layers
 */
export const makeMemoryTicketStore = (initial: ReadonlyArray<Ticket> = []): TicketStore["Service"] => {
  const tickets = new Map<string, Ticket>(initial.map((t) => [t.id, copy(t)]))
  const numbers = new Map<string, string>(initial.map((t) => [t.number, t.id]))
  const files = new Map<string, Uint8Array>()
  return TicketStore.of({
    insert: (ticket) =>
      Effect.suspend(() => {
        if (tickets.has(ticket.id) || numbers.has(ticket.number)) {
          return Effect.fail(new TicketStoreError({ reason: "duplicate", ticketId: ticket.id }))
        }
        tickets.set(ticket.id, copy(ticket))
        numbers.set(ticket.number, ticket.id)
        return Effect.void
      }),
    update: (ticket) =>
      Effect.suspend(() => {
        const current = tickets.get(ticket.id)
        if (!current) return Effect.fail(new TicketStoreError({ reason: "not-found", ticketId: ticket.id }))
        if (current.version !== ticket.version - 1 || current.number !== ticket.number) {
          return Effect.fail(new TicketStoreError({ reason: "conflict", ticketId: ticket.id }))
        }
        tickets.set(ticket.id, copy(ticket))
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
    putAttachment: (ticketId, attachmentId, bytes) =>
      Effect.sync(() => {
        files.set(`${ticketId}/${attachmentId}`, bytes.slice())
      }),
    getAttachment: (ticketId, attachmentId) =>
      Effect.sync(() => Option.map(Option.fromNullishOr(files.get(`${ticketId}/${attachmentId}`)), (b) => b.slice()))
  })
}

/**
 * {@link makeMemoryTicketStore} as a Layer; each build starts from `initial`.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerMemoryTicketStore = (initial: ReadonlyArray<Ticket> = []): Layer.Layer<TicketStore> =>
  Layer.sync(TicketStore, () => makeMemoryTicketStore(initial))
