import type { EventOutbox } from "@ecasilla/core/ports"
import { assignmentKey, decodeRoleAssignmentSync, type RoleAssignment } from "@ecasilla/core/roles"
import {
  decodeSariAuditEntrySync,
  decodeSariRequestSync,
  matchesSariQuery,
  openRequestKey,
  orderSariRequests,
  type SariRequest,
  SariStore,
  SariStoreError
} from "@ecasilla/core/sari"
import { Effect, Layer, Option } from "effect"
import type { EcasillaDb, SariRequestRow } from "./db.js"
import { layerDexieEventOutbox } from "./outbox.js"

const toRow = (r: SariRequest): SariRequestRow => {
  const openKey = openRequestKey(r)
  return {
    id: r.id,
    updatedAt: r.updatedAt,
    unitId: r.unit.id,
    requesterId: r.requester.id,
    collaboratorId: r.collaborator.id,
    ...(openKey !== undefined ? { openKey } : {}),
    request: r
  }
}

const errorName = (e: unknown): string | undefined =>
  typeof e === "object" && e !== null ? ((e as { inner?: { name?: string } }).inner?.name ?? (e as { name?: string }).name) : undefined

const tryStore = <A>(f: () => Promise<A>, requestId?: string) =>
  Effect.tryPromise({
    try: f,
    catch: (e) =>
      e instanceof SariStoreError
        ? e
        : new SariStoreError({
          // A unique index hit inside the transaction: an event or entry id stored before.
          reason: errorName(e) === "ConstraintError" ? "duplicate" : "unavailable",
          detail: e instanceof Error ? e.message : String(e),
          ...(requestId ? { requestId } : {})
        })
  })

/**
 * A SariStore on IndexedDB through Dexie. A commit is one IndexedDB transaction over the
 * requests, role assignments, audit and outbox tables: any refusal or failure aborts all
 * of it. The unique `openKey` index keeps one open request per colleague and system even
 * across tabs; the audit table's hooks refuse every update and delete, whoever asks.
 * Passes the shared SariStore contract in Node (fake-indexeddb) and in Chromium.
 *
 * @since 0.2.0
 * @category constructors
 */
export const makeDexieSariStore = (db: EcasillaDb): SariStore["Service"] =>
  SariStore.of({
    commit: (change) =>
      tryStore(() =>
        db.transaction("rw", [db.sariRequests, db.roleAssignments, db.sariAudit, db.outbox], async () => {
          const { request, expectedVersion } = change
          const fail = (reason: SariStoreError["reason"], detail?: string) => {
            throw new SariStoreError({ reason, requestId: request.id, ...(detail ? { detail } : {}) })
          }
          const stored = await db.sariRequests.get(request.id)
          if (expectedVersion === 0) {
            if (stored) fail("duplicate")
          } else {
            if (!stored) fail("not-found")
            else if (stored.request.version !== expectedVersion) fail("conflict")
          }
          if (request.version !== expectedVersion + 1) fail("conflict", "version must be expectedVersion + 1")
          const row = toRow(request)
          if (row.openKey !== undefined) {
            const other = await db.sariRequests.where("openKey").equals(row.openKey).first()
            if (other && other.id !== request.id) fail("open-request-exists")
          }
          const grants = change.grant ?? []
          const revokes = change.revoke ?? []
          const grantKeys = grants.map(assignmentKey)
          const revokeKeys = revokes.map(assignmentKey)
          if (grantKeys.some((k, i) => grantKeys.indexOf(k) !== i || revokeKeys.includes(k))) fail("assignment-conflict", "repeated")
          for (const g of grants) if (await db.roleAssignments.get([g.userId, g.system, g.role])) fail("assignment-conflict", "already granted")
          for (const r of revokes) if (!(await db.roleAssignments.get([r.userId, r.system, r.role]))) fail("assignment-conflict", "not held")
          for (const e of change.audit) if (await db.sariAudit.get(e.id)) fail("audit-immutable")
          await db.sariRequests.put(row)
          for (const r of revokes) await db.roleAssignments.delete([r.userId, r.system, r.role])
          for (const g of grants) await db.roleAssignments.add(g)
          for (const e of change.audit) await db.sariAudit.add(e)
          for (const e of change.events) await db.outbox.add({ id: e.id, tag: e.tag, aggregateId: e.aggregateId, at: e.at, data: e.data, delivered: 0 })
        }), change.request.id),
    get: (id) => tryStore(async () => Option.map(Option.fromNullishOr(await db.sariRequests.get(id)), (r) => decodeSariRequestSync(r.request)), id),
    list: (query) =>
      tryStore(async () => {
        const rows = query?.requesterId !== undefined
          ? await db.sariRequests.where("requesterId").equals(query.requesterId).toArray()
          : query?.collaboratorId !== undefined
            ? await db.sariRequests.where("collaboratorId").equals(query.collaboratorId).toArray()
            : query?.unitId !== undefined
              ? await db.sariRequests.where("unitId").equals(query.unitId).toArray()
              : await db.sariRequests.toArray()
        // Rows are decoded on the way out: a row written by a broken client is an error.
        return orderSariRequests(rows.map((r) => decodeSariRequestSync(r.request)).filter((r) => matchesSariQuery(r, query)), query?.limit)
      }),
    assignmentsOf: (userId) =>
      tryStore(async () =>
        (await db.roleAssignments.where("userId").equals(userId).toArray())
          .map((a) => decodeRoleAssignmentSync(a))
          .sort((a, b) => assignmentKey(a).localeCompare(assignmentKey(b)))),
    auditTrail: (requestId) =>
      tryStore(async () => (await db.sariAudit.where("requestId").equals(requestId).toArray()).map((e) => decodeSariAuditEntrySync(e)).sort((a, b) => a.seq - b.seq), requestId)
  })

/**
 * {@link makeDexieSariStore} as a Layer, with the EventOutbox over the same database.
 *
 * @since 0.2.0
 * @category layers
 */
export const layerDexieSariStore = (db: EcasillaDb): Layer.Layer<SariStore | EventOutbox> =>
  Layer.merge(Layer.sync(SariStore, () => makeDexieSariStore(db)), layerDexieEventOutbox(db))

/**
 * Loads role assignments and colleagues as they are at the start (a deployment's seed or a
 * demo), outside SARI's commits; assignments already there are kept.
 *
 * @since 0.2.0
 * @category constructors
 */
export const seedDexieRoleAssignments = (db: EcasillaDb, assignments: ReadonlyArray<RoleAssignment>): Promise<void> =>
  db.transaction("rw", db.roleAssignments, async () => {
    for (const a of assignments) if (!(await db.roleAssignments.get([a.userId, a.system, a.role]))) await db.roleAssignments.add({ ...a })
  })
