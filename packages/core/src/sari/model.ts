import { Schema } from "effect"
import { Role } from "../roles/actor.js"
import { AccessSystem, Collaborator } from "../roles/assignments.js"
import { UnitId, UnitKind } from "../roles/units.js"

/**
 * A SARI request's internal id (`sari_…`).
 *
 * @since 0.2.0
 * @category schemas
 */
export const SariRequestId = Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(100)).pipe(Schema.brand("SariRequestId"))
/** @since 0.2.0 @category schemas */
export type SariRequestId = typeof SariRequestId.Type

/**
 * The number people quote: `SARI-2026-000042`.
 *
 * @since 0.2.0
 * @category schemas
 */
export const SariRequestNumber = Schema.String.check(Schema.isPattern(/^SARI-\d{4}-\d{6,}$/))

/**
 * The states of an access request (DOMAIN.md §3): Borrador → Enviada → Aprobada |
 * Rechazada; Anulada when the requester withdraws it before a decision.
 *
 * @since 0.2.0
 * @category schemas
 */
export const SariState = Schema.Literals(["Borrador", "Enviada", "Aprobada", "Rechazada", "Anulada"])
/** @since 0.2.0 @category schemas */
export type SariState = typeof SariState.Type

/**
 * The states in which a request is still open (at most one per collaborator and system).
 *
 * @since 0.2.0
 * @category schemas
 */
export const openSariStates: ReadonlyArray<SariState> = ["Borrador", "Enviada"]

/**
 * One change a request asks for: add a role or remove it.
 *
 * @since 0.2.0
 * @category schemas
 */
export const RoleChange = Schema.Struct({ op: Schema.Literals(["add", "remove"]), role: Role })
/** @since 0.2.0 @category schemas */
export type RoleChange = typeof RoleChange.Type

/**
 * A person as a request remembers them (a snapshot).
 *
 * @since 0.2.0
 * @category schemas
 */
export const SariParty = Schema.Struct({ id: Schema.String, name: Schema.String, email: Schema.optional(Schema.String) })
/** @since 0.2.0 @category schemas */
export type SariParty = typeof SariParty.Type

/**
 * The unit a request belongs to: the requester's, which decides who approves it.
 *
 * @since 0.2.0
 * @category schemas
 */
export const SariUnit = Schema.Struct({ id: UnitId, kind: UnitKind, name: Schema.String })
/** @since 0.2.0 @category schemas */
export type SariUnit = typeof SariUnit.Type

/**
 * Instant, ISO 8601 UTC.
 *
 * @since 0.2.0
 * @category schemas
 */
export const SariInstant = Schema.String.check(Schema.isPattern(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/))

/**
 * The approver's answer.
 *
 * @since 0.2.0
 * @category schemas
 */
export const SariDecision = Schema.Struct({
  outcome: Schema.Literals(["approved", "rejected"]),
  by: SariParty,
  at: SariInstant,
  /** Required for a rejection. */
  reason: Schema.optional(Schema.String)
})
/** @since 0.2.0 @category schemas */
export type SariDecision = typeof SariDecision.Type

/**
 * An access request ("solicitud SARI"): who asks (an Operador OCI/UO), for whom (the
 * collaborator), in which system, the roles the collaborator held when it was last saved,
 * and the changes asked for.
 *
 * @since 0.2.0
 * @category schemas
 */
export const SariRequest = Schema.Struct({
  id: SariRequestId,
  number: SariRequestNumber,
  state: SariState,
  unit: SariUnit,
  system: AccessSystem,
  requester: SariParty,
  collaborator: Collaborator,
  rolesHeld: Schema.Array(Role),
  changes: Schema.Array(RoleChange),
  createdAt: SariInstant,
  updatedAt: SariInstant,
  sentAt: Schema.optional(SariInstant),
  decision: Schema.optional(SariDecision),
  withdrawnAt: Schema.optional(SariInstant),
  /** Optimistic version: 1 when created, +1 at each change. */
  version: Schema.Number.check(Schema.isInt(), Schema.isGreaterThanOrEqualTo(1))
})
/** @since 0.2.0 @category schemas */
export type SariRequest = typeof SariRequest.Type

/**
 * Decodes an unknown value (JSON, an IndexedDB row) into a {@link SariRequest}; throws a SchemaError.
 *
 * @since 0.2.0
 * @category decoding
 */
export const decodeSariRequestSync: (input: unknown) => SariRequest = Schema.decodeUnknownSync(SariRequest)

/**
 * What an audit entry records.
 *
 * @since 0.2.0
 * @category schemas
 */
export const SariAuditAction = Schema.Literals(["created", "edited", "sent", "withdrawn", "approved", "rejected", "role-granted", "role-revoked"])
/** @since 0.2.0 @category schemas */
export type SariAuditAction = typeof SariAuditAction.Type

/**
 * One step of the audit trail: who, when, what. Entries are appended in the same commit
 * as the change they record and are never updated or deleted by any store.
 *
 * @since 0.2.0
 * @category schemas
 */
export const SariAuditEntry = Schema.Struct({
  id: Schema.String,
  requestId: Schema.String,
  /** Order within the request, from 1. */
  seq: Schema.Number.check(Schema.isInt(), Schema.isGreaterThanOrEqualTo(1)),
  at: SariInstant,
  by: SariParty,
  action: SariAuditAction,
  /** The request's state after the step. */
  state: SariState,
  changes: Schema.optional(Schema.Array(RoleChange)),
  /** For role-granted / role-revoked: whose role, which one, in which system. */
  userId: Schema.optional(Schema.String),
  role: Schema.optional(Role),
  system: Schema.optional(AccessSystem),
  reason: Schema.optional(Schema.String)
})
/** @since 0.2.0 @category schemas */
export type SariAuditEntry = typeof SariAuditEntry.Type

/**
 * Decodes an audit entry; throws a SchemaError.
 *
 * @since 0.2.0
 * @category decoding
 */
export const decodeSariAuditEntrySync: (input: unknown) => SariAuditEntry = Schema.decodeUnknownSync(SariAuditEntry)
