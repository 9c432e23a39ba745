import { copyStored, EventOutbox, makeMemoryEventOutbox, type MemoryEventOutbox } from "@ecasilla/core/ports"
import { assignmentKey, type RoleAssignment } from "@ecasilla/core/roles"
import { matchesSariQuery, openRequestKey, orderSariRequests, type SariAuditEntry, type SariRequest, SariStore, SariStoreError } from "@ecasilla/core/sari"
import { Effect, Layer, Option } from "effect"

const copy = copyStored

/**
 * What a memory SariStore starts from and shares.
 *
 * @since 0.2.0
 * @category models
 */
export interface MemorySariStoreOptions {
  readonly requests?: ReadonlyArray<SariRequest>
  /** The role assignments people hold at the start (a deployment's seed). */
  readonly assignments?: ReadonlyArray<RoleAssignment>
  /** The outbox its commits append events to; share one between the memory stores of several domains. */
  readonly outbox?: MemoryEventOutbox
}

/**
 * A SariStore in memory (tests, demos). A commit checks everything, copies everything
 * (a value that cannot be stored fails here, before anything is written), appends the
 * events and only then applies the request, the assignments and the audit entries, in
 * one synchronous step: all or nothing. No method updates or deletes an audit entry.
 * Passes the shared SariStore contract suite.
 *
 * @since 0.2.0
 * @category constructors
 */
export const makeMemorySariStore = (options: MemorySariStoreOptions = {}): SariStore["Service"] => {
  const outbox = options.outbox ?? makeMemoryEventOutbox()
  const requests = new Map<string, SariRequest>((options.requests ?? []).map((r) => [r.id, copy(r)]))
  const assignments = new Map<string, RoleAssignment>((options.assignments ?? []).map((a) => [assignmentKey(a), copy(a)]))
  const audit = new Map<string, SariAuditEntry>()
  const trails = new Map<string, Array<SariAuditEntry>>()
  const fail = (reason: SariStoreError["reason"], requestId: string, detail?: string) =>
    Effect.fail(new SariStoreError({ reason, requestId, ...(detail ? { detail } : {}) }))

  return SariStore.of({
    commit: (change) =>
      Effect.suspend(() => {
        const { request, expectedVersion } = change
        const stored = requests.get(request.id)
        if (expectedVersion === 0) {
          if (stored) return fail("duplicate", request.id)
        } else {
          if (!stored) return fail("not-found", request.id)
          if (stored.version !== expectedVersion) return fail("conflict", request.id)
        }
        if (request.version !== expectedVersion + 1) return fail("conflict", request.id, "version must be expectedVersion + 1")
        const key = openRequestKey(request)
        if (key !== undefined) {
          for (const other of requests.values()) if (other.id !== request.id && openRequestKey(other) === key) return fail("open-request-exists", request.id)
        }
        const grants = change.grant ?? []
        const revokes = change.revoke ?? []
        const grantKeys = grants.map(assignmentKey)
        const revokeKeys = revokes.map(assignmentKey)
        if (grantKeys.some((k, i) => assignments.has(k) || grantKeys.indexOf(k) !== i)) return fail("assignment-conflict", request.id, "already granted")
        if (revokeKeys.some((k, i) => !assignments.has(k) || revokeKeys.indexOf(k) !== i || grantKeys.includes(k))) return fail("assignment-conflict", request.id, "not held")
        const entryIds = change.audit.map((e) => e.id)
        if (entryIds.some((id, i) => audit.has(id) || entryIds.indexOf(id) !== i)) return fail("audit-immutable", request.id)
        const dup = outbox.duplicateOf(change.events)
        if (dup !== undefined) return fail("duplicate", request.id, `event ${dup}`)
        let staged: { request: SariRequest; grants: Array<RoleAssignment>; entries: Array<SariAuditEntry> }
        try {
          staged = { request: copy(request), grants: grants.map(copy), entries: change.audit.map(copy) }
          // Copied before anything is written; the shared outbox keeps none of the events
          // when one of them cannot be stored.
          outbox.append(change.events.map(copy))
        } catch (e) {
          return fail("unavailable", request.id, e instanceof Error ? e.message : String(e))
        }
        // Everything is checked and copied: apply in one synchronous step.
        requests.set(request.id, staged.request)
        for (const k of revokeKeys) assignments.delete(k)
        staged.grants.forEach((g, i) => assignments.set(grantKeys[i], g))
        for (const e of staged.entries) {
          audit.set(e.id, e)
          const trail = trails.get(e.requestId) ?? []
          trail.push(e)
          trails.set(e.requestId, trail)
        }
        return Effect.void
      }),
    get: (id) => Effect.sync(() => Option.map(Option.fromNullishOr(requests.get(id)), copy)),
    list: (query) => Effect.sync(() => orderSariRequests([...requests.values()].filter((r) => matchesSariQuery(r, query)), query?.limit).map(copy)),
    assignmentsOf: (userId) =>
      Effect.sync(() => [...assignments.values()].filter((a) => a.userId === userId).sort((a, b) => assignmentKey(a).localeCompare(assignmentKey(b))).map(copy)),
    auditTrail: (requestId) => Effect.sync(() => [...(trails.get(requestId) ?? [])].sort((a, b) => a.seq - b.seq).map(copy))
  })
}

/**
 * {@link makeMemorySariStore} as a Layer, with the EventOutbox its commits write to; each
 * build starts from the options and a fresh outbox unless one is given.
 *
 * @since 0.2.0
 * @category layers
 */
export const layerMemorySariStore = (options: MemorySariStoreOptions = {}): Layer.Layer<SariStore | EventOutbox> =>
  Layer.unwrap(Effect.sync(() => {
    const outbox = options.outbox ?? makeMemoryEventOutbox()
    return Layer.merge(Layer.succeed(SariStore, makeMemorySariStore({ ...options, outbox })), Layer.succeed(EventOutbox, outbox.outbox))
  }))
