// The shared contracts the casilla builds on, in one place: the principal, the domain event
// and the role check (swapped for `authorize` of `@ecasilla/core/roles` when SARI's roles land).
import { DomainEvent } from "../../ports/domain-events.js"
import { hasRole, type Role } from "../../roles/actor.js"
import { actorOf, isSystemPrincipal, type Principal } from "../../roles/principal.js"

export { DomainEvent, isSystemPrincipal, type Principal }

/** The id recorded for a principal: the actor's, or "system" for system jobs. */
export const principalId = (p: Principal): string => actorOf(p)?.id ?? "system"

/** The one place the casilla checks a role. The system holds none. */
export const holdsRole = (p: Principal, role: Role): boolean => {
  const actor = actorOf(p)
  return actor !== undefined && hasRole(actor, role)
}
