// Stand-ins for the shared contracts of the patterns issue (Principal, DomainEvent, the role
// check), written against the names the lead fixed so the swap is one import each. Everything
// the casilla domain needs from those contracts goes through this file and nowhere else.
import { Schema } from "effect"
import { type Actor, hasRole, type Role } from "../../roles/actor.js"

const systemMark: unique symbol = Symbol("@ecasilla/core/roles/systemPrincipal")

/** A system job's identity; only {@link isSystemPrincipal} recognises it. */
export interface SystemPrincipal {
  readonly [systemMark]: true
  readonly id: "system"
  readonly name: string
  readonly roles: ReadonlyArray<Role>
}

/** Who calls a service: a person, or the system. */
export type Principal = Actor | SystemPrincipal

/** The system principal (no user id can become it: the mark is a module-private symbol). */
export const systemPrincipal: SystemPrincipal = Object.freeze({ [systemMark]: true as const, id: "system" as const, name: "Sistema", roles: [] })

export const isSystemPrincipal = (p: unknown): p is SystemPrincipal =>
  typeof p === "object" && p !== null && (p as Record<symbol, unknown>)[systemMark] === true

/** The one place the casilla checks a role; swapped for `authorize` of `@ecasilla/core/roles` when it lands. */
export const holdsRole = (actor: Principal, role: Role): boolean => !isSystemPrincipal(actor) && hasRole(actor, role)

/** The generic domain event of the outbox (same shape as `@ecasilla/core/ports` DomainEvent). */
export const DomainEvent = Schema.Struct({
  id: Schema.String,
  tag: Schema.String,
  aggregateId: Schema.String,
  at: Schema.String,
  data: Schema.Unknown
})
export type DomainEvent = typeof DomainEvent.Type
