// The CAU's ports on SQL (PGlite or PostgreSQL): tickets with their files and events in one
// transaction, the event outbox, the directory, ids and sequences, and the mail queue.
import { Actor } from "@ecasilla/core"
import { decodeTicketSync, matchesTicketQuery, orderTickets, Ticket, type TicketCommit, type TicketQuery, TicketStore, TicketStoreError } from "@ecasilla/core/cau"
import { Directory, EventOutbox, EventOutboxError, foldForSearch, Ids, type Mail, Mailer, MailerError, matchesCollaboratorQuery, orderCollaborators, randomId } from "@ecasilla/core/ports"
import { Collaborator } from "@ecasilla/core/roles"
import { Clock, Context, Effect, Layer, Option, Schema } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import type { SqlError } from "effect/sql/SqlError"
import { isUniqueViolation, strictJson } from "./errors.js"

const encodeTicket = Schema.encodeSync(Ticket)
const decodeActor = Schema.decodeUnknownSync(Actor)
const encodeActor = Schema.encodeSync(Actor)

/**
 * The idempotency key of the request being served (`Idempotency-Key` of a create), set by the
 * HTTP handler around the service call: the ticket store records it in the same transaction as
 * the new ticket, so a replayed create finds its ticket instead of filing a second one.
 *
 * @since 0.2.0
 * @category stores
 */
export const IdempotencyKey = Context.Reference<{ readonly actorId: string; readonly key: string } | undefined>("ecasilla/example-server/IdempotencyKey", {
  defaultValue: () => undefined
})

/**
 * The ticket a create with this key made, if any.
 *
 * @since 0.2.0
 * @category stores
 */
export const ticketOfIdempotencyKey = (actorId: string, key: string) =>
  Effect.flatMap(Effect.service(SqlClient.SqlClient), (sql) =>
    Effect.map(sql<{ ticket_id: string }>`SELECT ticket_id FROM idempotency WHERE actor_id = ${actorId} AND key = ${key}`, (r) => Option.fromNullishOr(r[0]?.ticket_id)))

type Outcome = "duplicate" | "conflict" | "not-found"
class Refused {
  constructor(readonly reason: Outcome) {}
}

/**
 * The TicketStore over SQL: the ticket as its encoded JSON beside the columns queries filter
 * on. A commit is one transaction (the row locked with FOR UPDATE, versions checked, files and
 * events inserted): a refusal or a failure leaves nothing. Passes the TicketStore contract.
 *
 * @since 0.2.0
 * @category stores
 */
export const makeSqlTicketStore = Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  const unavailable = (ticketId: string) => (e: SqlError) => new TicketStoreError({ reason: isUniqueViolation(e) ? "duplicate" : "unavailable", ticketId })
  const decode = (r: { body: string }): Ticket => decodeTicketSync(JSON.parse(r.body))
  const columns = (t: Ticket) => ({
    analyst: t.analyst?.id ?? null,
    beneficiary: t.onBehalfOf?.id ?? null,
    body: JSON.stringify(encodeTicket(t))
  })

  const commitTx = (c: TicketCommit) =>
    Effect.gen(function*() {
      const { ticket, expectedVersion } = c
      const col = columns(ticket)
      if (expectedVersion === 0) {
        const taken = yield* sql`SELECT 1 FROM tickets WHERE id = ${ticket.id} OR number = ${ticket.number}`
        if (taken.length > 0) return yield* Effect.fail(new Refused("duplicate"))
        if (ticket.version !== 1) return yield* Effect.fail(new Refused("conflict"))
        yield* sql`INSERT INTO tickets (id, number, requester_id, beneficiary_id, analyst_id, state, created_at, version, body)
          VALUES (${ticket.id}, ${ticket.number}, ${ticket.requester.id}, ${col.beneficiary}, ${col.analyst}, ${ticket.state}, ${ticket.createdAt}, ${ticket.version}, ${col.body})`
        // A keyed create: the key and the ticket commit together (a replay hits the primary key).
        const idempotency = yield* IdempotencyKey
        if (idempotency) yield* sql`INSERT INTO idempotency (actor_id, key, ticket_id) VALUES (${idempotency.actorId}, ${idempotency.key}, ${ticket.id})`
      } else {
        const [current] = yield* sql<{ version: number; number: string }>`SELECT version, number FROM tickets WHERE id = ${ticket.id} FOR UPDATE`
        if (!current) return yield* Effect.fail(new Refused("not-found"))
        if (current.version !== expectedVersion || current.number !== ticket.number || ticket.version !== expectedVersion + 1) return yield* Effect.fail(new Refused("conflict"))
        yield* sql`UPDATE tickets SET analyst_id = ${col.analyst}, beneficiary_id = ${col.beneficiary}, state = ${ticket.state}, version = ${ticket.version}, body = ${col.body}
          WHERE id = ${ticket.id}`
        // A keyed command (an offline page's replay): the key commits with the change.
        const idempotency = yield* IdempotencyKey
        if (idempotency) yield* sql`INSERT INTO idempotency (actor_id, key, ticket_id) VALUES (${idempotency.actorId}, ${idempotency.key}, ${ticket.id})`
      }
      // Plain INSERTs: a repeated attachment or event id is a unique violation that rolls all back.
      for (const a of c.attachments) yield* sql`INSERT INTO attachments (ticket_id, attachment_id, bytes) VALUES (${ticket.id}, ${a.id}, ${a.bytes})`
      for (const e of c.events) {
        const data = yield* Effect.try({ try: () => strictJson(e.data), catch: () => new TicketStoreError({ reason: "unavailable", ticketId: ticket.id }) })
        yield* sql`INSERT INTO event_outbox (id, tag, aggregate_id, at, data) VALUES (${e.id}, ${e.tag}, ${e.aggregateId}, ${e.at}, ${data})`
      }
    })

  const list = (query: TicketQuery | undefined) =>
    Effect.map(
      query?.requesterId !== undefined
        ? sql<{ body: string }>`SELECT body FROM tickets WHERE requester_id = ${query.requesterId} OR beneficiary_id = ${query.requesterId}`
        : query?.analystId !== undefined
          ? sql<{ body: string }>`SELECT body FROM tickets WHERE analyst_id = ${query.analystId}`
          : sql<{ body: string }>`SELECT body FROM tickets`,
      // The indexed columns narrow the rows; the core's own predicate and order decide.
      (rows) => orderTickets(rows.map(decode).filter((t) => matchesTicketQuery(t, query)), query?.limit)
    )

  return TicketStore.of({
    commit: (c) =>
      sql.withTransaction(commitTx(c)).pipe(
        Effect.catch((e) =>
          Effect.fail(e instanceof Refused ? new TicketStoreError({ reason: e.reason, ticketId: c.ticket.id }) : e instanceof TicketStoreError ? e : unavailable(c.ticket.id)(e))
        )
      ),
    get: (id) => sql<{ body: string }>`SELECT body FROM tickets WHERE id = ${id}`.pipe(Effect.map((r) => Option.map(Option.fromNullishOr(r[0]), decode)), Effect.mapError(unavailable(id))),
    getByNumber: (number) =>
      sql<{ body: string }>`SELECT body FROM tickets WHERE number = ${number}`.pipe(Effect.map((r) => Option.map(Option.fromNullishOr(r[0]), decode)), Effect.mapError(unavailable(number))),
    list: (query) => Effect.mapError(list(query), unavailable("")),
    getAttachment: (ticketId, attachmentId) =>
      sql<{ bytes: Uint8Array }>`SELECT bytes FROM attachments WHERE ticket_id = ${ticketId} AND attachment_id = ${attachmentId}`.pipe(
        Effect.map((r) => Option.map(Option.fromNullishOr(r[0]), (row) => new Uint8Array(row.bytes))),
        Effect.mapError(unavailable(ticketId))
      )
  })
})

/**
 * The event outbox every store's commit appends to, in the same database.
 *
 * @since 0.2.0
 * @category stores
 */
export const makeSqlEventOutbox = Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  const unavailable = (e: SqlError) => new EventOutboxError({ reason: "unavailable", detail: e.reason.message ?? e.reason._tag })
  return EventOutbox.of({
    pending: (limit) =>
      sql<{ id: string; tag: string; aggregate_id: string; at: string; data: string }>`SELECT id, tag, aggregate_id, at, data FROM event_outbox
        WHERE delivered_at IS NULL ORDER BY seq LIMIT ${Math.max(0, limit)}`.pipe(
        Effect.map((rows) => rows.map((r) => ({ id: r.id, tag: r.tag, aggregateId: r.aggregate_id, at: r.at, data: JSON.parse(r.data) as unknown }))),
        Effect.mapError(unavailable)
      ),
    markDelivered: (ids) =>
      ids.length === 0
        ? Effect.void
        : Effect.flatMap(Clock.currentTimeMillis, (now) =>
          sql`UPDATE event_outbox SET delivered_at = ${new Date(now).toISOString()} WHERE delivered_at IS NULL AND ${sql.in("id", ids)}`.pipe(Effect.asVoid, Effect.mapError(unavailable)))
  })
})

/**
 * The registered users, accent- and case-insensitive search with LIKE wildcards escaped.
 *
 * @since 0.2.0
 * @category stores
 */
export const makeSqlDirectory = Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  const decode = (r: { body: string }) => decodeActor(JSON.parse(r.body))
  return Directory.of({
    findUser: (id) => sql<{ body: string }>`SELECT body FROM users WHERE id = ${id}`.pipe(Effect.map((r) => Option.map(Option.fromNullishOr(r[0]), decode)), Effect.orDie),
    searchUsers: (query, limit = 20) => {
      const q = foldForSearch(query).replace(/[\\%_]/g, (c) => `\\${c}`)
      return sql<{ body: string }>`SELECT body FROM users WHERE search LIKE ${`%${q}%`} ESCAPE '\\' ORDER BY id LIMIT ${Math.max(0, Math.min(limit, 200))}`.pipe(
        Effect.map((rows) => rows.map(decode)),
        Effect.orDie
      )
    },
    findCollaborators: (query) => {
      // Narrow by the best key in SQL; the core's matcher and order decide.
      const text = query.text?.trim() ?? ""
      const rows = query.id !== undefined
        ? sql<{ body: string }>`SELECT body FROM collaborators WHERE id = ${query.id}`
        : /^\d{8}$/.test(text)
          ? sql<{ body: string }>`SELECT body FROM collaborators WHERE dni = ${text}`
          : query.unitId !== undefined
            ? sql<{ body: string }>`SELECT body FROM collaborators WHERE unit = ${query.unitId}`
            : sql<{ body: string }>`SELECT body FROM collaborators WHERE search LIKE ${`%${foldForSearch(text).replace(/[\\%_]/g, (c) => `\\${c}`)}%`} ESCAPE '\\'`
      return rows.pipe(
        Effect.map((r) => orderCollaborators(r.map((x) => decodeCollaborator(JSON.parse(x.body))).filter((c) => matchesCollaboratorQuery(c, query)), query.limit)),
        Effect.orDie
      )
    }
  })
})

const decodeCollaborator = Schema.decodeUnknownSync(Collaborator)
const encodeCollaborator = Schema.encodeSync(Collaborator)

/**
 * Registers (or updates) the colleagues SARI can find (the deployment's personnel registry).
 *
 * @since 0.2.0
 * @category stores
 */
export const upsertCollaborators = (collaborators: ReadonlyArray<Collaborator>) =>
  Effect.flatMap(Effect.service(SqlClient.SqlClient), (sql) =>
    sql.withTransaction(Effect.forEach(collaborators, (c) =>
      sql`INSERT INTO collaborators (id, dni, unit, search, body) VALUES (${c.id}, ${c.dni}, ${c.unit}, ${foldForSearch(`${c.id} ${c.name} ${c.dni}`)}, ${JSON.stringify(encodeCollaborator(c))})
        ON CONFLICT (id) DO UPDATE SET dni = EXCLUDED.dni, unit = EXCLUDED.unit, search = EXCLUDED.search, body = EXCLUDED.body`, { discard: true })))

/**
 * Registers (or updates) users in the directory.
 *
 * @since 0.2.0
 * @category stores
 */
export const upsertUsers = (users: ReadonlyArray<Actor>) =>
  Effect.flatMap(Effect.service(SqlClient.SqlClient), (sql) =>
    sql.withTransaction(Effect.forEach(users, (u) =>
      sql`INSERT INTO users (id, body, search) VALUES (${u.id}, ${JSON.stringify(encodeActor(u))}, ${foldForSearch(`${u.id} ${u.name} ${u.email ?? ""}`)})
        ON CONFLICT (id) DO UPDATE SET body = EXCLUDED.body, search = EXCLUDED.search`, { discard: true })))

/**
 * Random ids, and sequences (ticket numbers) that stay unique across processes and restarts:
 * one UPSERT, whose row lock orders concurrent callers.
 *
 * @since 0.2.0
 * @category stores
 */
export const makeSqlIds = Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  return Ids.of({
    next: (prefix) => Effect.sync(() => randomId(prefix)),
    sequence: (name) =>
      sql<{ value: number }>`INSERT INTO sequences (name, value) VALUES (${name}, 1)
        ON CONFLICT (name) DO UPDATE SET value = sequences.value + 1 RETURNING value`.pipe(Effect.map((r) => Number(r[0].value)), Effect.orDie)
  })
})

/**
 * A Mailer that queues each e-mail in the mail table; a mail whose `id` (its event's id) is
 * already queued is not queued again, which makes the event consumer idempotent.
 *
 * @since 0.2.0
 * @category stores
 */
export const makeSqlOutboxMailer = Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  return Mailer.of({
    send: (mail) =>
      Effect.flatMap(Clock.currentTimeMillis, (now) =>
        sql`INSERT INTO mail_outbox (mail_id, queued_at, body) VALUES (${mail.id ?? null}, ${new Date(now).toISOString()}, ${JSON.stringify(mail)})
          ON CONFLICT (mail_id) DO NOTHING`.pipe(
          Effect.asVoid,
          Effect.mapError((e) => new MailerError({ reason: "unavailable", detail: e.reason.message ?? e.reason._tag }))
        ))
  })
})

/**
 * The e-mails waiting in the mail queue, oldest first.
 *
 * @since 0.2.0
 * @category stores
 */
export const pendingMail = Effect.flatMap(Effect.service(SqlClient.SqlClient), (sql) =>
  Effect.map(sql<{ body: string }>`SELECT body FROM mail_outbox WHERE sent_at IS NULL ORDER BY seq`, (rows) => rows.map((r) => JSON.parse(r.body) as Mail)))

/**
 * The CAU's ports over the SqlClient in context.
 *
 * @since 0.2.0
 * @category layers
 */
export const layerSqlCau: Layer.Layer<TicketStore | EventOutbox | Directory | Ids, never, SqlClient.SqlClient> = Layer.mergeAll(
  Layer.effect(TicketStore)(makeSqlTicketStore),
  Layer.effect(EventOutbox)(makeSqlEventOutbox),
  Layer.effect(Directory)(makeSqlDirectory),
  Layer.effect(Ids)(makeSqlIds)
)
