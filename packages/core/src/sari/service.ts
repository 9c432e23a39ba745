import { Context, Effect, Layer, type Result } from "effect"
import type { Role } from "../roles/actor.js"
import type { AccessSystem, Collaborator } from "../roles/assignments.js"
import type { Principal } from "../roles/principal.js"
import type { SariError, SariStoreError } from "./errors.js"
import { makeSariService, type SariServiceRequirements } from "./internal/service.js"
import type { RoleChange, SariAuditEntry, SariRequest, SariState } from "./model.js"

/**
 * The errors a SARI call can fail with; each changes nothing.
 *
 * @since 0.2.0
 * @category errors
 */
export type SariCommandError = SariError | SariStoreError

/**
 * A colleague found by "buscar colaborador", with the roles they hold now in each system.
 *
 * @since 0.2.0
 * @category models
 */
export interface CollaboratorView {
  readonly collaborator: Collaborator
  readonly roles: Readonly<Record<AccessSystem, ReadonlyArray<Role>>>
}

/**
 * What the operator's "Nuevo" form sends: the collaborator, the system and the changes;
 * `send: true` is "Enviar" (saved and sent at once), otherwise "Guardar" keeps a Borrador.
 *
 * @since 0.2.0
 * @category models
 */
export interface SariRequestInput {
  readonly collaboratorId: string
  readonly system: AccessSystem
  readonly changes: ReadonlyArray<RoleChange>
  readonly send?: boolean
}

/**
 * Which list: `mine` is the operator's bandeja (their own requests, every state); `inbox`
 * is the approver's bandeja (requests of their unit they may decide; `Enviada` unless
 * `states` says otherwise).
 *
 * @since 0.2.0
 * @category models
 */
export interface SariListQuery {
  readonly view: "mine" | "inbox"
  readonly states?: ReadonlyArray<SariState>
  readonly system?: AccessSystem
  /** Part of the number, the colleague's name or DNI, or the requester's name (folded). */
  readonly search?: string
  readonly limit?: number
}

/**
 * The outcome of one request in a bulk approval.
 *
 * @since 0.2.0
 * @category models
 */
export interface BulkApprovalItem {
  readonly requestId: string
  readonly result: Result.Result<SariRequest, SariCommandError>
}

/**
 * SARI: access and role requests (DOMAIN.md §3). Every call takes the acting
 * {@link Principal} first, queries included, and is authorized here with `authorize`
 * (the actor's roles and unit are read again from the directory and the role
 * assignments). A request the actor may not see is `not-found`; a forbidden move fails
 * with a precise reason. Each command is one atomic `SariStore.commit`: the request, the
 * role assignments it changes, its audit entries and its domain events.
 *
 * @since 0.2.0
 * @category services
 */
export class SariService extends Context.Service<SariService, {
  /** "Buscar colaborador" by DNI or name, within the operator's unit, with the roles held now. */
  readonly findCollaborators: (actor: Principal, text: string, limit?: number) => Effect.Effect<ReadonlyArray<CollaboratorView>, SariCommandError>
  /** "Nuevo" → Guardar (Borrador) or Enviar (Enviada). */
  readonly createRequest: (actor: Principal, input: SariRequestInput) => Effect.Effect<SariRequest, SariCommandError>
  /** Changes a Borrador's role changes; `send: true` sends it too. */
  readonly updateRequest: (
    actor: Principal,
    requestId: string,
    input: { readonly changes: ReadonlyArray<RoleChange>; readonly send?: boolean }
  ) => Effect.Effect<SariRequest, SariCommandError>
  /** Borrador → Enviada; the changes are checked again against the roles held now. */
  readonly sendRequest: (actor: Principal, requestId: string) => Effect.Effect<SariRequest, SariCommandError>
  /** The requester withdraws it before a decision → Anulada. */
  readonly withdrawRequest: (actor: Principal, requestId: string) => Effect.Effect<SariRequest, SariCommandError>
  /** Enviada → Aprobada, applying the role changes atomically. */
  readonly approveRequest: (actor: Principal, requestId: string) => Effect.Effect<SariRequest, SariCommandError>
  /** Enviada → Rechazada; the reason is required. */
  readonly rejectRequest: (actor: Principal, requestId: string, input: { readonly reason: string }) => Effect.Effect<SariRequest, SariCommandError>
  /** Approves each request on its own (one commit each); one failing leaves the others approved. */
  readonly approveRequests: (actor: Principal, requestIds: ReadonlyArray<string>) => Effect.Effect<ReadonlyArray<BulkApprovalItem>>
  readonly getRequest: (actor: Principal, requestId: string) => Effect.Effect<SariRequest, SariCommandError>
  readonly listRequests: (actor: Principal, query: SariListQuery) => Effect.Effect<ReadonlyArray<SariRequest>, SariCommandError>
  /** Who did what and when, oldest first. */
  readonly auditTrail: (actor: Principal, requestId: string) => Effect.Effect<ReadonlyArray<SariAuditEntry>, SariCommandError>
}>()("@ecasilla/core/sari/SariService") {
  /**
   * The service over its ports: SariStore, Directory and Ids; settings from `SariConfig`.
   * Time comes from effect's `Clock`.
   *
   * @since 0.2.0
   * @category layers
   */
  static readonly layer: Layer.Layer<SariService, never, SariServiceRequirements> = Layer.effect(
    SariService,
    Effect.map(makeSariService, (s) => SariService.of(s))
  )
}
