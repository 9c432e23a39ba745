import { authorize, type DenyReason, type SariRequestRef } from "../roles/authorize.js"
import type { Principal } from "../roles/principal.js"
import type { SariRequest, SariState } from "./model.js"

/*
 * The request lifecycle as data: each action names the states it starts from, the state
 * it leads to, and which permission of the roles model fires it. Services and elements
 * both read it; `availableSariActions` is the one answer to "what can this actor do now?".
 */

/**
 * Everything that can happen to a request after it is created.
 *
 * @since 0.2.0
 * @category lifecycle
 */
export type SariAction = "edit" | "send" | "withdraw" | "approve" | "reject"

/**
 * One transition: from which states, to which, under which permission, needing what.
 *
 * @since 0.2.0
 * @category lifecycle
 */
export interface SariTransition {
  readonly from: ReadonlyArray<SariState>
  readonly to: SariState
  readonly permission: "sari.request.manage" | "sari.request.decide"
  readonly requires?: ReadonlyArray<"reason">
}

/**
 * The lifecycle (DOMAIN.md §3). The requester edits and sends a Borrador and may withdraw
 * it (Anulada) before a decision; the approver of the unit approves or rejects (with a
 * reason) an Enviada.
 *
 * @since 0.2.0
 * @category lifecycle
 */
export const sariLifecycle: Readonly<Record<SariAction, SariTransition>> = {
  edit: { from: ["Borrador"], to: "Borrador", permission: "sari.request.manage" },
  send: { from: ["Borrador"], to: "Enviada", permission: "sari.request.manage" },
  withdraw: { from: ["Borrador", "Enviada"], to: "Anulada", permission: "sari.request.manage" },
  approve: { from: ["Enviada"], to: "Aprobada", permission: "sari.request.decide" },
  reject: { from: ["Enviada"], to: "Rechazada", permission: "sari.request.decide", requires: ["reason"] }
}

/**
 * Every action, in the order a UI lists them.
 *
 * @since 0.2.0
 * @category lifecycle
 */
export const sariActions: ReadonlyArray<SariAction> = Object.keys(sariLifecycle) as Array<SariAction>

/**
 * The request as the permission model sees it.
 *
 * @since 0.2.0
 * @category lifecycle
 */
export const sariRequestRef = (r: Pick<SariRequest, "requester" | "collaborator" | "unit">): SariRequestRef => ({
  requesterId: r.requester.id,
  collaboratorId: r.collaborator.id,
  unit: { id: r.unit.id, kind: r.unit.kind }
})

/**
 * Why a lifecycle action is refused: a permission denial, or the request's state.
 *
 * @since 0.2.0
 * @category lifecycle
 */
export type SariDenial = DenyReason | "wrong-state"

/**
 * Whether `principal` may fire `action` on `request` now, and the state it leads to.
 *
 * @since 0.2.0
 * @category lifecycle
 */
export const checkSariAction = (
  request: Pick<SariRequest, "state" | "requester" | "collaborator" | "unit">,
  principal: Principal,
  action: SariAction
): { readonly ok: true; readonly to: SariState } | { readonly ok: false; readonly reason: SariDenial } => {
  const t = sariLifecycle[action]
  const decision = authorize(principal, t.permission, sariRequestRef(request))
  if (!decision.allowed) return { ok: false, reason: decision.reason }
  if (!t.from.includes(request.state)) return { ok: false, reason: "wrong-state" }
  return { ok: true, to: t.to }
}

/**
 * The actions `principal` may take on `request` right now, in lifecycle order. A UI shows
 * these and only these; the service checks them again.
 *
 * @since 0.2.0
 * @category lifecycle
 */
export const availableSariActions = (
  request: Pick<SariRequest, "state" | "requester" | "collaborator" | "unit">,
  principal: Principal
): ReadonlyArray<SariAction> => sariActions.filter((a) => checkSariAction(request, principal, a).ok)

/**
 * Whether `principal` may see `request`: its requester always; the approvers of its unit
 * once it was sent (a Borrador is the requester's alone); the system.
 *
 * @since 0.2.0
 * @category lifecycle
 */
export const canViewSariRequest = (request: Pick<SariRequest, "requester" | "collaborator" | "unit" | "sentAt">, principal: Principal): boolean => {
  const d = authorize(principal, "sari.request.view", sariRequestRef(request))
  return d.allowed && (d.reason !== "role" || request.sentAt !== undefined)
}
