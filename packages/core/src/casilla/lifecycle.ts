import type { Role } from "../roles/actor.js"
import type { CasillaReason } from "./errors.js"
import { holdsRole, isSystemPrincipal, principalId, type Principal } from "./internal/patterns.js"
import type { Notification, NotificationState } from "./model.js"

/**
 * What can be done with a notification.
 *
 * @since 0.2.0
 * @category lifecycle
 */
export type NotificationAction = "sign" | "deposit" | "open" | "download" | "download-constancia"

/**
 * Which party of the notification an action belongs to.
 *
 * @since 0.2.0
 * @category lifecycle
 */
export type NotificationParty = "emisor" | "notificador" | "receptor"

/**
 * One row of the lifecycle: the states it may start from, the state it leads to (none when
 * the state stays), the role and the party of the notification that may fire it.
 *
 * @since 0.2.0
 * @category lifecycle
 */
export interface NotificationTransition {
  readonly from: ReadonlyArray<NotificationState>
  readonly to?: NotificationState
  readonly role: Role
  readonly parties: ReadonlyArray<NotificationParty>
}

/**
 * The notification lifecycle as data. `open` leads to Leída only from Depositada: a later
 * open keeps the first reading date, and no open changes the legal (deposit) date.
 *
 * @since 0.2.0
 * @category lifecycle
 */
export const notificationLifecycle: Readonly<Record<NotificationAction, NotificationTransition>> = {
  sign: { from: ["Borrador"], to: "Firmada", role: "emisor", parties: ["emisor"] },
  deposit: { from: ["Firmada"], to: "Depositada", role: "notificador", parties: ["notificador"] },
  open: { from: ["Depositada", "Leída"], to: "Leída", role: "receptor", parties: ["receptor"] },
  download: { from: ["Depositada", "Leída"], role: "receptor", parties: ["receptor"] },
  "download-constancia": { from: ["Depositada", "Leída"], role: "notificador", parties: ["notificador", "receptor"] }
}

const isParty = (n: Notification, actor: Principal, party: NotificationParty): boolean => {
  switch (party) {
    case "emisor":
      return principalId(actor) === n.emisor.id && holdsRole(actor, "emisor")
    case "notificador":
      return principalId(actor) === n.notificador.id && holdsRole(actor, "notificador")
    case "receptor":
      return principalId(actor) === n.receptorId && holdsRole(actor, "receptor")
  }
}

/**
 * Whether `actor` may see the notification at all: its emisor and notificador always, its
 * receptor once it is deposited (a Borrador is nobody's business in the casilla), the system.
 *
 * @since 0.2.0
 * @category lifecycle
 */
export const canSeeNotification = (n: Notification, actor: Principal): boolean =>
  isSystemPrincipal(actor) ||
  isParty(n, actor, "emisor") ||
  isParty(n, actor, "notificador") ||
  (isParty(n, actor, "receptor") && (n.state === "Depositada" || n.state === "Leída"))

/**
 * Checks one action: the state, then who the actor is on this notification.
 *
 * @since 0.2.0
 * @category lifecycle
 */
export const checkNotificationAction = (
  n: Notification,
  actor: Principal,
  action: NotificationAction
): { readonly ok: true } | { readonly ok: false; readonly reason: CasillaReason } => {
  if (!canSeeNotification(n, actor)) return { ok: false, reason: "not-found" }
  const t = notificationLifecycle[action]
  const party = t.parties.some((p) => isParty(n, actor, p))
  if (!party) return { ok: false, reason: "not-allowed" }
  if (!t.from.includes(n.state)) return { ok: false, reason: "wrong-state" }
  return { ok: true }
}

/**
 * What `actor` can do with the notification now: the one answer every UI asks.
 *
 * @since 0.2.0
 * @category lifecycle
 */
export const availableNotificationActions = (n: Notification, actor: Principal): ReadonlyArray<NotificationAction> =>
  (Object.keys(notificationLifecycle) as Array<NotificationAction>).filter((a) => checkNotificationAction(n, actor, a).ok)
