import { Context, type Effect, type Option } from "effect"
import type { AccessSystem, RoleAssignment } from "../roles/assignments.js"
import type { Role } from "../roles/actor.js"
import type { SariStoreError } from "./errors.js"
import type { DomainEvent } from "../ports/domain-events.js"
import type { SariAuditEntry, SariRequest, SariState } from "./model.js"

/**
 * What to list. Every given field must match; newest first (by `updatedAt`, then id).
 *
 * @since 0.2.0
 * @category models
 */
export interface SariQuery {
  readonly unitId?: string
  readonly requesterId?: string
  readonly collaboratorId?: string
  readonly system?: AccessSystem
  readonly states?: ReadonlyArray<SariState>
  readonly limit?: number
}

/**
 * One role assignment to take away.
 *
 * @since 0.2.0
 * @category models
 */
export interface RoleRevocation {
  readonly userId: string
  readonly system: AccessSystem
  readonly role: Role
}

/**
 * Everything one SARI command writes, all or nothing: the request (`expectedVersion` 0
 * inserts it; otherwise it replaces the stored `expectedVersion`, and its own version is
 * `expectedVersion + 1`), the role assignments it grants and revokes, its audit entries
 * (appended) and its domain events (into the outbox).
 *
 * @since 0.2.0
 * @category models
 */
export interface SariCommit {
  readonly request: SariRequest
  readonly expectedVersion: number
  readonly grant?: ReadonlyArray<RoleAssignment>
  readonly revoke?: ReadonlyArray<RoleRevocation>
  readonly audit: ReadonlyArray<SariAuditEntry>
  readonly events: ReadonlyArray<DomainEvent>
}

/**
 * Where SARI requests, the role assignments and the audit trail live. Every adapter
 * (memory, Dexie…) passes the shared contract suite in
 * `test/contracts/sari-store.contract.ts`.
 *
 * `commit` is the only write and is atomic: it fails, writing nothing, when the stored
 * version is not `expectedVersion` (`conflict`, or `not-found`), the id is taken (`duplicate`), another request of the
 * same collaborator and system is open (`open-request-exists`), a grant already exists or
 * a revoked assignment is gone (`assignment-conflict`), or an audit entry id exists
 * (`audit-immutable`). No method updates or deletes an audit entry.
 *
 * @since 0.2.0
 * @category ports
 */
export class SariStore extends Context.Service<SariStore, {
  readonly commit: (change: SariCommit) => Effect.Effect<void, SariStoreError>
  readonly get: (id: string) => Effect.Effect<Option.Option<SariRequest>, SariStoreError>
  readonly list: (query?: SariQuery) => Effect.Effect<ReadonlyArray<SariRequest>, SariStoreError>
  /** The role assignments of one person, every system. */
  readonly assignmentsOf: (userId: string) => Effect.Effect<ReadonlyArray<RoleAssignment>, SariStoreError>
  /** The audit trail of one request, in order. */
  readonly auditTrail: (requestId: string) => Effect.Effect<ReadonlyArray<SariAuditEntry>, SariStoreError>
}>()("@ecasilla/core/sari/SariStore") {}

/**
 * True when `request` matches `query` (adapters that filter in memory share this).
 *
 * @since 0.2.0
 * @category utils
 */
export const matchesSariQuery = (r: SariRequest, q: SariQuery | undefined): boolean =>
  !q ||
  ((q.unitId === undefined || r.unit.id === q.unitId) &&
    (q.requesterId === undefined || r.requester.id === q.requesterId) &&
    (q.collaboratorId === undefined || r.collaborator.id === q.collaboratorId) &&
    (q.system === undefined || r.system === q.system) &&
    (q.states === undefined || q.states.includes(r.state)))

/**
 * Newest first (by updatedAt, then id descending), then the limit: the order every adapter returns.
 *
 * @since 0.2.0
 * @category utils
 */
export const orderSariRequests = (rs: ReadonlyArray<SariRequest>, limit?: number): ReadonlyArray<SariRequest> => {
  const sorted = [...rs].sort((a, b) => (a.updatedAt === b.updatedAt ? (a.id < b.id ? 1 : a.id > b.id ? -1 : 0) : a.updatedAt < b.updatedAt ? 1 : -1))
  return limit === undefined ? sorted : sorted.slice(0, Math.max(0, limit))
}

/**
 * The key that makes "one open request per collaborator and system" an index: set while
 * the request is open, absent once decided or withdrawn.
 *
 * @since 0.2.0
 * @category utils
 */
export const openRequestKey = (r: Pick<SariRequest, "collaborator" | "system" | "state">): string | undefined =>
  r.state === "Borrador" || r.state === "Enviada" ? `${r.collaborator.id}|${r.system}` : undefined
