// SARI's SariStore on SQL (PGlite or PostgreSQL): requests, role assignments, the
// append-only audit trail and the events of a command in one transaction.
import { assignmentKey, decodeRoleAssignmentSync, RoleAssignment } from "@ecasilla/core/roles"
import {
  decodeSariAuditEntrySync,
  decodeSariRequestSync,
  matchesSariQuery,
  openRequestKey,
  orderSariRequests,
  SariAuditEntry,
  type SariCommit,
  SariRequest,
  SariStore,
  SariStoreError
} from "@ecasilla/core/sari"
import { Effect, Layer, Option, Schema } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import { SqlError } from "effect/sql/SqlError"
import { isUniqueViolation, strictJson, sqlDetail } from "./errors.js"

const encodeRequest = Schema.encodeSync(SariRequest)
const encodeAssignment = Schema.encodeSync(RoleAssignment)
const encodeAudit = Schema.encodeSync(SariAuditEntry)

/**
 * The SariStore over SQL. A commit is one transaction: the request row is locked and its
 * version checked, the unique `open_key` keeps one open request per colleague and system
 * (across server processes too), grants and revocations must match what is held, audit
 * entries are only ever inserted (a trigger refuses every UPDATE, DELETE and TRUNCATE of the
 * table, whoever asks), and the events go to the shared outbox. Passes the SariStore contract.
 *
 * @since 0.2.0
 * @category stores
 */
export const makeSqlSariStore = Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  const refuse = (change: SariCommit, reason: SariStoreError["reason"], detail?: string) =>
    Effect.fail(new SariStoreError({ reason, requestId: change.request.id, ...(detail ? { detail } : {}) }))
  const failure = (requestId?: string) => (e: SqlError | SariStoreError) =>
    e instanceof SariStoreError
      ? e
      : new SariStoreError({ reason: isUniqueViolation(e) ? "duplicate" : "unavailable", detail: sqlDetail(e), ...(requestId ? { requestId } : {}) })

  const commitTx = (change: SariCommit) =>
    Effect.gen(function*() {
      const { request, expectedVersion } = change
      const [stored] = yield* sql<{ version: number }>`SELECT version FROM sari_requests WHERE id = ${request.id} FOR UPDATE`
      if (expectedVersion === 0) {
        if (stored) return yield* refuse(change, "duplicate")
      } else if (!stored) return yield* refuse(change, "not-found")
      else if (stored.version !== expectedVersion) return yield* refuse(change, "conflict")
      if (request.version !== expectedVersion + 1) return yield* refuse(change, "conflict", "version must be expectedVersion + 1")
      const openKey = openRequestKey(request) ?? null
      if (openKey !== null) {
        const other = yield* sql<{ id: string }>`SELECT id FROM sari_requests WHERE open_key = ${openKey} AND id <> ${request.id}`
        if (other.length > 0) return yield* refuse(change, "open-request-exists")
      }
      const grants = change.grant ?? []
      const revokes = change.revoke ?? []
      const grantKeys = grants.map(assignmentKey)
      const revokeKeys = revokes.map(assignmentKey)
      if (grantKeys.some((k, i) => grantKeys.indexOf(k) !== i || revokeKeys.includes(k))) return yield* refuse(change, "assignment-conflict", "repeated")
      for (const g of grants) {
        const held = yield* sql`SELECT 1 FROM role_assignments WHERE user_id = ${g.userId} AND system = ${g.system} AND role = ${g.role}`
        if (held.length > 0) return yield* refuse(change, "assignment-conflict", "already granted")
      }
      for (const r of revokes) {
        const held = yield* sql`SELECT 1 FROM role_assignments WHERE user_id = ${r.userId} AND system = ${r.system} AND role = ${r.role}`
        if (held.length === 0) return yield* refuse(change, "assignment-conflict", "not held")
      }
      for (const e of change.audit) {
        const there = yield* sql`SELECT 1 FROM sari_audit WHERE id = ${e.id}`
        if (there.length > 0) return yield* refuse(change, "audit-immutable")
      }
      const body = JSON.stringify(encodeRequest(request))
      if (stored) {
        yield* sql`UPDATE sari_requests SET unit_id = ${request.unit.id}, requester_id = ${request.requester.id}, collaborator_id = ${request.collaborator.id},
          updated_at = ${request.updatedAt}, version = ${request.version}, open_key = ${openKey}, body = ${body} WHERE id = ${request.id}`
      } else {
        yield* sql`INSERT INTO sari_requests (id, unit_id, requester_id, collaborator_id, updated_at, version, open_key, body)
          VALUES (${request.id}, ${request.unit.id}, ${request.requester.id}, ${request.collaborator.id}, ${request.updatedAt}, ${request.version}, ${openKey}, ${body})`
      }
      for (const r of revokes) yield* sql`DELETE FROM role_assignments WHERE user_id = ${r.userId} AND system = ${r.system} AND role = ${r.role}`
      for (const g of grants) {
        yield* sql`INSERT INTO role_assignments (user_id, system, role, body) VALUES (${g.userId}, ${g.system}, ${g.role}, ${JSON.stringify(encodeAssignment(g))})`
      }
      for (const e of change.audit) yield* sql`INSERT INTO sari_audit (id, request_id, seq, body) VALUES (${e.id}, ${e.requestId}, ${e.seq}, ${JSON.stringify(encodeAudit(e))})`
      for (const e of change.events) {
        const data = yield* Effect.try({
          try: () => strictJson(e.data),
          catch: (cause) => new SariStoreError({ reason: "unavailable", requestId: request.id, detail: String(cause) })
        })
        yield* sql`INSERT INTO event_outbox (id, tag, aggregate_id, at, data) VALUES (${e.id}, ${e.tag}, ${e.aggregateId}, ${e.at}, ${data})`
      }
    })

  const rowsFor = (query: Parameters<SariStore["Service"]["list"]>[0]) =>
    query?.requesterId !== undefined
      ? sql<{ body: string }>`SELECT body FROM sari_requests WHERE requester_id = ${query.requesterId}`
      : query?.collaboratorId !== undefined
        ? sql<{ body: string }>`SELECT body FROM sari_requests WHERE collaborator_id = ${query.collaboratorId}`
        : query?.unitId !== undefined
          ? sql<{ body: string }>`SELECT body FROM sari_requests WHERE unit_id = ${query.unitId}`
          : sql<{ body: string }>`SELECT body FROM sari_requests`

  return SariStore.of({
    commit: (change) => sql.withTransaction(commitTx(change)).pipe(Effect.mapError(failure(change.request.id))),
    get: (id) =>
      sql<{ body: string }>`SELECT body FROM sari_requests WHERE id = ${id}`.pipe(
        Effect.map((r) => Option.map(Option.fromNullishOr(r[0]), (row) => decodeSariRequestSync(JSON.parse(row.body)))),
        Effect.mapError(failure(id))
      ),
    // Rows are decoded on the way out: a row written by a broken client is an error.
    list: (query) =>
      rowsFor(query).pipe(
        Effect.map((rows) => orderSariRequests(rows.map((r) => decodeSariRequestSync(JSON.parse(r.body))).filter((r) => matchesSariQuery(r, query)), query?.limit)),
        Effect.mapError(failure())
      ),
    assignmentsOf: (userId) =>
      sql<{ body: string }>`SELECT body FROM role_assignments WHERE user_id = ${userId}`.pipe(
        Effect.map((rows) => rows.map((r) => decodeRoleAssignmentSync(JSON.parse(r.body))).sort((a, b) => assignmentKey(a).localeCompare(assignmentKey(b)))),
        Effect.mapError(failure())
      ),
    auditTrail: (requestId) =>
      sql<{ body: string }>`SELECT body FROM sari_audit WHERE request_id = ${requestId} ORDER BY seq`.pipe(
        Effect.map((rows) => rows.map((r) => decodeSariAuditEntrySync(JSON.parse(r.body)))),
        Effect.mapError(failure(requestId))
      )
  })
})

/**
 * Loads role assignments as they are at the start (a deployment's seed), outside SARI's
 * commits; assignments already there are kept.
 *
 * @since 0.2.0
 * @category stores
 */
export const seedSqlRoleAssignments = (assignments: ReadonlyArray<RoleAssignment>) =>
  Effect.flatMap(Effect.service(SqlClient.SqlClient), (sql) =>
    sql.withTransaction(Effect.forEach(assignments, (g) =>
      sql`INSERT INTO role_assignments (user_id, system, role, body) VALUES (${g.userId}, ${g.system}, ${g.role}, ${JSON.stringify(encodeAssignment(g))})
        ON CONFLICT DO NOTHING`, { discard: true })))

/**
 * SARI's store over the SqlClient in context.
 *
 * @since 0.2.0
 * @category layers
 */
export const layerSqlSari: Layer.Layer<SariStore, never, SqlClient.SqlClient> = Layer.effect(SariStore)(makeSqlSariStore)
