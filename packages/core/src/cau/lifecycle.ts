import type { Actor } from "../roles/actor.js"
import { isSystemPrincipal, type SystemPrincipal } from "../roles/principal.js"
import type { TicketState } from "./model.js"
import { isCauAnalyst, isCauLead } from "./staff.js"
import type { Ticket } from "./ticket.js"

/*
 * The ticket lifecycle as data: each action names the states it starts from, the state it
 * leads to, who may fire it and any extra condition. Services and elements both read it;
 * `availableTicketActions` is the one answer to "what can this actor do now?". Pure.
 */

/**
 * Everything that can happen to a ticket.
 *
 * @since 0.1.0
 * @category lifecycle
 */
export type TicketAction =
  | "edit"
  | "assign"
  | "reassign"
  | "note"
  | "resolve"
  | "incorrecta"
  | "correcta"
  | "survey"
  | "auto-close"

/**
 * Who may fire an action, relative to the ticket: the requester (who filed it, or the
 * user it was filed for), the assigned analyst, a support-group lead (role
 * `cau-lider-grupo`), or the system (scheduled jobs).
 *
 * @since 0.1.0
 * @category lifecycle
 */
export type TicketParty = "requester" | "analyst" | "lead" | "system"

/**
 * Extra conditions inside the Resuelta state: waiting for the verdict (correcta/incorrecta)
 * or, once correcta, waiting for the survey.
 *
 * @since 0.1.0
 * @category lifecycle
 */
export type TicketCondition = "awaiting-verdict" | "awaiting-survey"

/**
 * One transition of the lifecycle.
 *
 * @since 0.1.0
 * @category lifecycle
 */
export interface TicketTransition {
  readonly from: ReadonlyArray<TicketState>
  readonly to: TicketState
  readonly by: ReadonlyArray<TicketParty>
  readonly when?: TicketCondition
  /** What the action needs besides permission, for forms: a comment, a survey level… */
  readonly requires?: ReadonlyArray<"comment" | "answer" | "analyst" | "survey-level" | "message">
}

/**
 * The lifecycle (DOMAIN.md §2): Registrada → Asignada-Pendiente → Resuelta; correcta →
 * survey → Cerrada; incorrecta + comment → Asignada-Pendiente with the same analyst.
 *
 * @since 0.1.0
 * @category lifecycle
 */
export const ticketLifecycle: Readonly<Record<TicketAction, TicketTransition>> = {
  edit: { from: ["Registrada"], to: "Registrada", by: ["requester"] },
  assign: { from: ["Registrada"], to: "Asignada-Pendiente", by: ["lead"], requires: ["analyst"] },
  reassign: { from: ["Asignada-Pendiente"], to: "Asignada-Pendiente", by: ["lead"], requires: ["analyst"] },
  note: { from: ["Asignada-Pendiente"], to: "Asignada-Pendiente", by: ["requester"], requires: ["message"] },
  resolve: { from: ["Asignada-Pendiente"], to: "Resuelta", by: ["analyst"], requires: ["answer"] },
  incorrecta: { from: ["Resuelta"], to: "Asignada-Pendiente", by: ["requester"], when: "awaiting-verdict", requires: ["comment"] },
  correcta: { from: ["Resuelta"], to: "Resuelta", by: ["requester"], when: "awaiting-verdict" },
  survey: { from: ["Resuelta"], to: "Cerrada", by: ["requester"], when: "awaiting-survey", requires: ["survey-level"] },
  "auto-close": { from: ["Resuelta"], to: "Cerrada", by: ["system"], when: "awaiting-verdict" }
}

/**
 * Every action, in the order a UI would list them.
 *
 * @since 0.1.0
 * @category lifecycle
 */
export const ticketActions: ReadonlyArray<TicketAction> = Object.keys(ticketLifecycle) as Array<TicketAction>

/**
 * Who the lifecycle rules are asked about: a person (only their id and roles matter) or the
 * `systemPrincipal`.
 *
 * @since 0.2.0
 * @category lifecycle
 */
export type TicketPrincipal = Pick<Actor, "id" | "roles"> | SystemPrincipal

/**
 * What a principal is to a ticket. The system is recognised by `isSystemPrincipal` only,
 * never by an id, so a user whose id is `"system"` is an ordinary user.
 *
 * @since 0.1.0
 * @category lifecycle
 */
export const partiesOf = (
  ticket: Pick<Ticket, "requester" | "onBehalfOf" | "analyst">,
  actor: TicketPrincipal
): ReadonlySet<TicketParty> => {
  const parties = new Set<TicketParty>()
  if (isSystemPrincipal(actor)) {
    parties.add("system")
    return parties
  }
  if (actor.id === ticket.requester.id || actor.id === ticket.onBehalfOf?.id) parties.add("requester")
  if (ticket.analyst && actor.id === ticket.analyst.id && isCauAnalyst(actor)) parties.add("analyst")
  if (isCauLead(actor)) parties.add("lead")
  return parties
}

/**
 * Why an action is not possible now: the ticket is in another state; the action waits for
 * a verdict or a survey first; the actor is not the requester (`not-your-ticket`) or holds
 * no right to it (`not-allowed`).
 *
 * @since 0.1.0
 * @category lifecycle
 */
export type TicketDenial = "wrong-state" | "verdict-pending" | "survey-pending" | "not-your-ticket" | "not-allowed"

const conditionHolds = (ticket: Pick<Ticket, "resolution">, when: TicketCondition | undefined): TicketDenial | undefined => {
  if (when === "awaiting-verdict") return ticket.resolution?.accepted ? "survey-pending" : undefined
  if (when === "awaiting-survey") return ticket.resolution?.accepted ? undefined : "verdict-pending"
  return undefined
}

/**
 * Whether `actor` may fire `action` on `ticket` now, and the state it leads to.
 *
 * @since 0.1.0
 * @category lifecycle
 */
export const checkTicketAction = (
  ticket: Pick<Ticket, "state" | "requester" | "onBehalfOf" | "analyst" | "resolution">,
  actor: TicketPrincipal,
  action: TicketAction
): { readonly ok: true; readonly to: TicketState } | { readonly ok: false; readonly reason: TicketDenial } => {
  const t = ticketLifecycle[action]
  const parties = partiesOf(ticket, actor)
  if (!t.by.some((p) => parties.has(p))) {
    return { ok: false, reason: t.by.length === 1 && t.by[0] === "requester" ? "not-your-ticket" : "not-allowed" }
  }
  if (!t.from.includes(ticket.state)) return { ok: false, reason: "wrong-state" }
  const denied = conditionHolds(ticket, t.when)
  return denied ? { ok: false, reason: denied } : { ok: true, to: t.to }
}

/**
 * The actions `actor` may take on `ticket` right now, in lifecycle order; a UI shows these
 * and only these. `auto-close` is the system's and never listed for people.
 *
 * @since 0.1.0
 * @category lifecycle
 */
export const availableTicketActions = (
  ticket: Pick<Ticket, "state" | "requester" | "onBehalfOf" | "analyst" | "resolution">,
  actor: TicketPrincipal
): ReadonlyArray<TicketAction> => ticketActions.filter((a) => checkTicketAction(ticket, actor, a).ok)
