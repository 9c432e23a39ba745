import { decodeTicketSync, matchesTicketQuery, orderTickets, type Ticket, TicketStore, TicketStoreError } from "@ecasilla/core/cau"
import { Context, Effect, Layer, Option } from "effect"
import type { EventOutbox } from "@ecasilla/core/ports"
import type { EcasillaDb, MutationRow, TicketRow } from "./db.js"
import { layerDexieEventOutbox } from "./outbox.js"

/**
 * The queued command a commit writes with the ticket, in the same IndexedDB transaction
 * (set by `layerOfflineCau` around a command it keeps for later).
 *
 * @since 0.2.0
 * @category internal
 */
export const QueuedMutation = Context.Reference<((ticket: Ticket) => MutationRow) | undefined>("@ecasilla/adapters/dexie/QueuedMutation", {
  defaultValue: () => undefined
})

/**
 * What a {@link makeDexieTicketStore} commit writes besides the ticket.
 *
 * @since 0.2.0
 * @category models
 */
export interface DexieTicketStoreOptions {
  /**
   * Whether commits append their domain events to the outbox (default true). An offline
   * copy of a backend's tickets passes false: the backend publishes the events of the
   * commands it replays.
   */
  readonly events?: boolean
}

/** @internal */
export const toRow = (t: Ticket): TicketRow => ({
  id: t.id,
  number: t.number,
  createdAt: t.createdAt,
  state: t.state,
  parties: t.onBehalfOf ? [t.requester.id, t.onBehalfOf.id] : [t.requester.id],
  analystId: t.analyst?.id ?? "",
  ticket: t
})

const unavailable = (cause: unknown, ticketId?: string) =>
  new TicketStoreError({ reason: "unavailable", detail: cause instanceof Error ? cause.message : String(cause), ...(ticketId ? { ticketId } : {}) })

// Rows are decoded on the way out: a row written by an older or broken client is an
// error, not a malformed ticket on screen.
const fromRow = (row: TicketRow): Ticket => decodeTicketSync(row.ticket)

const tryStore = <A>(f: () => Promise<A>, ticketId?: string) =>
  Effect.tryPromise({
    try: f,
    catch: (e) =>
      e instanceof TicketStoreError
        ? e
        : isConstraintError(e)
          ? new TicketStoreError({ reason: "duplicate", detail: (e as Error).message, ...(ticketId ? { ticketId } : {}) })
          : unavailable(e, ticketId)
  })

// A unique key hit inside a transaction (an attachment or event id stored before).
const isConstraintError = (e: unknown): boolean =>
  typeof e === "object" && e !== null && ((e as { name?: string }).name === "ConstraintError" || (e as { inner?: { name?: string } }).inner?.name === "ConstraintError")

/**
 * A TicketStore on IndexedDB through Dexie: the browser's default storage (offline pages,
 * the docs playground). A commit is one IndexedDB transaction over the tickets,
 * attachments and outbox tables. Passes the shared TicketStore contract in Chromium.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeDexieTicketStore = (db: EcasillaDb, options: DexieTicketStoreOptions = {}): TicketStore["Service"] =>
  TicketStore.of({
    commit: ({ ticket, expectedVersion, attachments, events }) =>
      Effect.flatMap(Effect.service(QueuedMutation), (queued) =>
        tryStore(() =>
          // One IndexedDB transaction over the tables: any throw aborts all of it.
          db.transaction("rw", [db.tickets, db.attachments, db.outbox, db.mutations], async () => {
            const current = await db.tickets.get(ticket.id)
            if (expectedVersion === 0) {
              if (current || (await db.tickets.where("number").equals(ticket.number).count()) > 0) {
                throw new TicketStoreError({ reason: "duplicate", ticketId: ticket.id })
              }
            } else {
              if (!current) throw new TicketStoreError({ reason: "not-found", ticketId: ticket.id })
              if (current.ticket.version !== expectedVersion || current.number !== ticket.number) {
                throw new TicketStoreError({ reason: "conflict", ticketId: ticket.id })
              }
            }
            if (ticket.version !== expectedVersion + 1) {
              throw new TicketStoreError({ reason: "conflict", ticketId: ticket.id, detail: "version must be expectedVersion + 1" })
            }
            await db.tickets.put(toRow(ticket))
            for (const a of attachments) await db.attachments.add({ ticketId: ticket.id, attachmentId: a.id, bytes: a.bytes.slice() })
            if (options.events !== false) {
              for (const e of events) await db.outbox.add({ id: e.id, tag: e.tag, aggregateId: e.aggregateId, at: e.at, data: e.data, delivered: 0 })
            }
            if (queued) await db.mutations.add(queued(ticket))
          }), ticket.id)),
    get: (id) => tryStore(async () => Option.map(Option.fromNullishOr(await db.tickets.get(id)), fromRow), id),
    getByNumber: (number) => tryStore(async () => Option.map(Option.fromNullishOr(await db.tickets.where("number").equals(number).first()), fromRow)),
    list: (query) =>
      tryStore(async () => {
        const rows = query?.requesterId !== undefined
          ? await db.tickets.where("parties").equals(query.requesterId).toArray()
          : query?.analystId !== undefined
            ? await db.tickets.where("analystId").equals(query.analystId).toArray()
            : await db.tickets.toArray()
        const tickets = rows.map(fromRow).filter((t) => matchesTicketQuery(t, query))
        return orderTickets(tickets, query?.limit)
      }),
    getAttachment: (ticketId, attachmentId) =>
      tryStore(async () => Option.map(Option.fromNullishOr(await db.attachments.get([ticketId, attachmentId])), (r) => new Uint8Array(r.bytes)), ticketId)
  })

/**
 * {@link makeDexieTicketStore} as a Layer.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerDexieTicketStore = (db: EcasillaDb, options: DexieTicketStoreOptions = {}): Layer.Layer<TicketStore | EventOutbox> =>
  Layer.merge(Layer.sync(TicketStore, () => makeDexieTicketStore(db, options)), layerDexieEventOutbox(db))
