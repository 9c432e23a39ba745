// The casilla's CasillaStore on SQL (PGlite or PostgreSQL): casillas, notifications, their
// documents and constancias, and the casilla's events, each commit in one transaction.
import {
  Casilla,
  type CasillaCommit,
  CasillaStore,
  CasillaStoreError,
  compareNotifications,
  decodeCasillaSync,
  decodeNotificationSync,
  matchesNotificationQuery,
  Notification,
  type NotificationQuery
} from "@ecasilla/core/casilla"
import type { DomainEvent } from "@ecasilla/core/ports"
import { Effect, Layer, Option, Schema } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import type { SqlError } from "effect/sql/SqlError"
import { isUniqueViolation, sqlDetail, strictJson } from "./errors.js"

const encodeCasilla = Schema.encodeSync(Casilla)
const encodeNotification = Schema.encodeSync(Notification)

class Refused {
  constructor(readonly reason: "conflict" | "duplicate", readonly id: string) {}
}

/**
 * The CasillaStore over SQL. A commit is one transaction: each casilla and notification row
 * is locked and its version checked (version 1 inserts, version n replaces n − 1; a login id
 * belongs to one casilla), blobs are written, and the events go to the casilla's outbox. A
 * refusal or a failure rolls all of it back. Passes the CasillaStore contract.
 *
 * @since 0.2.0
 * @category stores
 */
export const makeSqlCasillaStore = Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  const unavailable = (e: SqlError) => new CasillaStoreError({ reason: isUniqueViolation(e) ? "duplicate" : "unavailable", detail: sqlDetail(e) })

  const commitTx = (change: CasillaCommit) =>
    Effect.gen(function*() {
      for (const c of change.casillas ?? []) {
        const body = JSON.stringify(encodeCasilla(c))
        if (c.version === 1) {
          const taken = yield* sql<{ id: string }>`SELECT id FROM casillas WHERE id = ${c.id} OR login_id = ${c.loginId}`
          if (taken.length > 0) return yield* Effect.fail(new Refused("duplicate", c.id))
          yield* sql`INSERT INTO casillas (id, login_id, version, body) VALUES (${c.id}, ${c.loginId}, ${c.version}, ${body})`
        } else {
          const [stored] = yield* sql<{ version: number; login_id: string }>`SELECT version, login_id FROM casillas WHERE id = ${c.id} FOR UPDATE`
          if (!stored || stored.version !== c.version - 1 || stored.login_id !== c.loginId) return yield* Effect.fail(new Refused("conflict", c.id))
          yield* sql`UPDATE casillas SET version = ${c.version}, body = ${body} WHERE id = ${c.id}`
        }
      }
      for (const n of change.notifications ?? []) {
        const body = JSON.stringify(encodeNotification(n))
        const [stored] = yield* sql<{ version: number }>`SELECT version FROM notifications WHERE id = ${n.id} FOR UPDATE`
        if (n.version === 1) {
          if (stored) return yield* Effect.fail(new Refused("duplicate", n.id))
          yield* sql`INSERT INTO notifications (id, receptor_id, notificador_id, emisor_id, version, body)
            VALUES (${n.id}, ${n.receptorId}, ${n.notificador.id}, ${n.emisor.id}, ${n.version}, ${body})`
        } else {
          if (!stored || stored.version !== n.version - 1) return yield* Effect.fail(new Refused("conflict", n.id))
          yield* sql`UPDATE notifications SET receptor_id = ${n.receptorId}, notificador_id = ${n.notificador.id}, emisor_id = ${n.emisor.id}, version = ${n.version}, body = ${body}
            WHERE id = ${n.id}`
        }
      }
      for (const b of change.blobs ?? []) {
        yield* sql`INSERT INTO casilla_blobs (key, bytes) VALUES (${b.key}, ${b.bytes}) ON CONFLICT (key) DO UPDATE SET bytes = EXCLUDED.bytes`
      }
      for (const e of change.events) {
        const body = yield* Effect.try({ try: () => strictJson(e), catch: () => new CasillaStoreError({ reason: "unavailable", detail: "an event that is not JSON" }) })
        // A repeated event id is a unique violation: the whole commit rolls back.
        yield* sql`INSERT INTO casilla_outbox (id, body) VALUES (${e.id}, ${body})`
      }
    })

  /** The rows a query can match, narrowed by its best index; the core's predicate and order decide. */
  const matching = (q: NotificationQuery) =>
    Effect.map(
      q.receptorId !== undefined
        ? sql<{ body: string }>`SELECT body FROM notifications WHERE receptor_id = ${q.receptorId}`
        : q.notificadorId !== undefined
          ? sql<{ body: string }>`SELECT body FROM notifications WHERE notificador_id = ${q.notificadorId}`
          : q.emisorId !== undefined
            ? sql<{ body: string }>`SELECT body FROM notifications WHERE emisor_id = ${q.emisorId}`
            : sql<{ body: string }>`SELECT body FROM notifications`,
      (rows) => rows.map((r) => decodeNotificationSync(JSON.parse(r.body))).filter((n) => matchesNotificationQuery(n, q)).sort(compareNotifications)
    )

  return CasillaStore.of({
    commit: (change) =>
      sql.withTransaction(commitTx(change)).pipe(
        Effect.catch((e) =>
          Effect.fail(
            e instanceof Refused
              ? new CasillaStoreError({ reason: e.reason, id: e.id })
              : e instanceof CasillaStoreError
                ? e
                : unavailable(e)
          )
        )
      ),
    getCasilla: (id) =>
      sql<{ body: string }>`SELECT body FROM casillas WHERE id = ${id}`.pipe(
        Effect.map((r) => Option.map(Option.fromNullishOr(r[0]), (x) => decodeCasillaSync(JSON.parse(x.body)))),
        Effect.mapError(unavailable)
      ),
    getCasillaByLogin: (loginId) =>
      sql<{ body: string }>`SELECT body FROM casillas WHERE login_id = ${loginId}`.pipe(
        Effect.map((r) => Option.map(Option.fromNullishOr(r[0]), (x) => decodeCasillaSync(JSON.parse(x.body)))),
        Effect.mapError(unavailable)
      ),
    getNotification: (id) =>
      sql<{ body: string }>`SELECT body FROM notifications WHERE id = ${id}`.pipe(
        Effect.map((r) => Option.map(Option.fromNullishOr(r[0]), (x) => decodeNotificationSync(JSON.parse(x.body)))),
        Effect.mapError(unavailable)
      ),
    listNotifications: (q) =>
      matching(q).pipe(
        Effect.map((all) => (q.limit === undefined ? all : all.slice(0, Math.max(0, q.limit)))),
        Effect.mapError(unavailable)
      ),
    countNotifications: (q) => matching({ ...q, limit: undefined }).pipe(Effect.map((all) => all.length), Effect.mapError(unavailable)),
    getBlob: (key) =>
      sql<{ bytes: Uint8Array }>`SELECT bytes FROM casilla_blobs WHERE key = ${key}`.pipe(
        Effect.map((r) => Option.map(Option.fromNullishOr(r[0]), (x) => new Uint8Array(x.bytes))),
        Effect.mapError(unavailable)
      ),
    pendingEvents: (limit) =>
      sql<{ body: string }>`SELECT body FROM casilla_outbox WHERE delivered_at IS NULL ORDER BY seq LIMIT ${Math.max(0, limit)}`.pipe(
        Effect.map((rows) => rows.map((r) => JSON.parse(r.body) as DomainEvent)),
        Effect.mapError(unavailable)
      ),
    markDelivered: (ids) =>
      ids.length === 0
        ? Effect.void
        : sql`UPDATE casilla_outbox SET delivered_at = ${new Date().toISOString()} WHERE delivered_at IS NULL AND ${sql.in("id", ids)}`.pipe(
          Effect.asVoid,
          Effect.mapError(unavailable)
        )
  })
})

/**
 * The casilla's store over the SqlClient in context.
 *
 * @since 0.2.0
 * @category layers
 */
export const layerSqlCasilla: Layer.Layer<CasillaStore, never, SqlClient.SqlClient> = Layer.effect(CasillaStore)(makeSqlCasillaStore)
