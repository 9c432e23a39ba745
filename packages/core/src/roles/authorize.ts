import type { Actor, Role } from "./actor.js"
import { isSystemPrincipal, type Principal } from "./principal.js"
import { sariApproverRoles, sariOperatorRoles, type UnitKind } from "./units.js"

/**
 * A unit as authorization needs it: its id and kind.
 *
 * @since 0.2.0
 * @category authorization
 */
export interface UnitRef {
  readonly id: string
  readonly kind: UnitKind
}

/**
 * A SARI request as authorization needs it.
 *
 * @since 0.2.0
 * @category authorization
 */
export interface SariRequestRef {
  readonly requesterId: string
  readonly collaboratorId: string
  readonly unit: UnitRef
}

/**
 * Every action the permission model answers for, with the resource it is asked about.
 * `authorize(actor, action, resource)` is typed by this map.
 *
 * @since 0.2.0
 * @category authorization
 */
export interface AuthorizationResources {
  /** Create and activate a casilla by asignación obligatoria. */
  readonly "casilla.assign-obligatoria": Record<string, never>
  /** Process a solicitud de generación voluntaria of a casilla. */
  readonly "casilla.process-voluntaria": Record<string, never>
  /** Sign a document as its issuing authority (firma titular). */
  readonly "casilla.sign-document": Record<string, never>
  /** Build, sign as notification and deposit a notification. */
  readonly "casilla.deposit-notification": Record<string, never>
  /** Read the notifications of a casilla. */
  readonly "casilla.read-notifications": { readonly ownerId: string }
  /** Assign or reassign a CAU ticket to an analyst. */
  readonly "cau.assign-ticket": Record<string, never>
  /** Answer a CAU ticket assigned to oneself. */
  readonly "cau.resolve-ticket": { readonly analystId: string }
  /** Press "Nuevo" in the SARI bandeja of a unit. */
  readonly "sari.request.create": { readonly unit: UnitRef }
  /** See a SARI request. */
  readonly "sari.request.view": SariRequestRef
  /** Change, send or withdraw one's own SARI request. */
  readonly "sari.request.manage": SariRequestRef
  /** Approve or reject a SARI request. */
  readonly "sari.request.decide": SariRequestRef
  /** Open the approver's bandeja of a unit. */
  readonly "sari.inbox.view": { readonly unit: UnitRef }
}

/**
 * The name of an action.
 *
 * @since 0.2.0
 * @category authorization
 */
export type AuthorizationAction = keyof AuthorizationResources

/**
 * Why an action is allowed: the system principal, a role held (in the right unit), or
 * being the owner of the resource.
 *
 * @since 0.2.0
 * @category authorization
 */
export type AllowReason = "system" | "role" | "owner"

/**
 * Why an action is refused: a role is missing (`roles` lists the ones that would do), the
 * resource belongs to another unit, the actor is a party to what they would decide
 * (approving their own request, or one about themselves), or only its owner may do it.
 *
 * @since 0.2.0
 * @category authorization
 */
export type DenyReason = "missing-role" | "other-unit" | "own-request" | "not-owner" | "system-not-allowed"

/**
 * The answer of {@link authorize}.
 *
 * @since 0.2.0
 * @category authorization
 */
export type AuthorizationDecision =
  | { readonly allowed: true; readonly reason: AllowReason }
  | { readonly allowed: false; readonly reason: DenyReason; readonly roles?: ReadonlyArray<Role> }

/**
 * One rule of the permission table: the principal is allowed when it is the owner, or
 * when it holds one of `roles` (in `unit`, when given) and is none of `notParties`.
 * `system` says whether the system principal may do it.
 *
 * @since 0.2.0
 * @category authorization
 */
export interface PermissionRule<R> {
  readonly system: boolean
  readonly owner?: (resource: R) => string
  readonly roles?: (resource: R) => ReadonlyArray<Role>
  readonly unit?: (resource: R) => string
  readonly notParties?: (resource: R) => ReadonlyArray<string>
}

/**
 * The permission model as data: one rule per action. Profiles come from DOMAIN.md §1,
 * SARI routing from §3.
 *
 * @since 0.2.0
 * @category authorization
 */
export const permissionRules: { readonly [A in AuthorizationAction]: PermissionRule<AuthorizationResources[A]> } = {
  "casilla.assign-obligatoria": { system: false, roles: () => ["auxiliar-casilla"] },
  "casilla.process-voluntaria": { system: false, roles: () => ["operador-casilla"] },
  "casilla.sign-document": { system: false, roles: () => ["emisor"] },
  "casilla.deposit-notification": { system: false, roles: () => ["notificador"] },
  "casilla.read-notifications": { system: true, owner: (r) => r.ownerId },
  "cau.assign-ticket": { system: false, roles: () => ["cau-lider-grupo"] },
  "cau.resolve-ticket": { system: false, roles: () => ["cau-analista"] },
  "sari.request.create": { system: false, roles: (r) => sariOperatorRoles[r.unit.kind], unit: (r) => r.unit.id },
  "sari.request.view": { system: true, owner: (r) => r.requesterId, roles: (r) => sariApproverRoles[r.unit.kind], unit: (r) => r.unit.id },
  "sari.request.manage": { system: false, owner: (r) => r.requesterId },
  "sari.request.decide": {
    system: false,
    roles: (r) => sariApproverRoles[r.unit.kind],
    unit: (r) => r.unit.id,
    notParties: (r) => [r.requesterId, r.collaboratorId]
  },
  "sari.inbox.view": { system: true, roles: (r) => sariApproverRoles[r.unit.kind], unit: (r) => r.unit.id }
}

/**
 * May this principal do this action on this resource? The one permission check of the
 * ecosystem: services call it before every read and write, elements only to hint (show a
 * button or not). Pure; the answer carries the reason.
 *
 * `cau.resolve-ticket` also needs the analyst to be the one assigned: that is the ticket
 * lifecycle's check, which stays in the CAU.
 *
 * @since 0.2.0
 * @category authorization
 */
export const authorize = <A extends AuthorizationAction>(
  principal: Principal,
  action: A,
  resource: AuthorizationResources[A]
): AuthorizationDecision => {
  const rule = permissionRules[action] as PermissionRule<AuthorizationResources[A]>
  if (isSystemPrincipal(principal)) return rule.system ? { allowed: true, reason: "system" } : { allowed: false, reason: "system-not-allowed" }
  const actor = principal as Actor
  if (action === "cau.resolve-ticket" && (resource as AuthorizationResources["cau.resolve-ticket"]).analystId !== actor.id) {
    return { allowed: false, reason: "not-owner" }
  }
  if (rule.owner !== undefined && rule.owner(resource) === actor.id) return { allowed: true, reason: "owner" }
  if (rule.roles === undefined) return { allowed: false, reason: "not-owner" }
  const roles = rule.roles(resource)
  if (!roles.some((r) => actor.roles.includes(r))) return { allowed: false, reason: "missing-role", roles }
  if (rule.unit !== undefined && actor.unit !== rule.unit(resource)) return { allowed: false, reason: "other-unit" }
  if (rule.notParties?.(resource).includes(actor.id)) return { allowed: false, reason: "own-request" }
  return { allowed: true, reason: "role" }
}

/**
 * `authorize(…).allowed`, for the common yes/no question.
 *
 * @since 0.2.0
 * @category authorization
 */
export const isAllowed = <A extends AuthorizationAction>(principal: Principal, action: A, resource: AuthorizationResources[A]): boolean =>
  authorize(principal, action, resource).allowed
