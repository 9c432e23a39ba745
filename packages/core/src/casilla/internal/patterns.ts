// The shared contracts the casilla builds on, in one place: the principal, the domain event,
// the role check, and where the roles checked come from (the RoleDirectory, when provided).
import { Effect, Option } from "effect"
import { DomainEvent } from "../../ports/domain-events.js"
import { type Actor, hasRole, type Role } from "../../roles/actor.js"
import { actorOf, isSystemPrincipal, type Principal } from "../../roles/principal.js"
import { RoleDirectory } from "../../roles/role-directory.js"
import { CasillaStoreError } from "../errors.js"

export { DomainEvent, isSystemPrincipal, type Principal }

/** The id recorded for a principal: the actor's, or "system" for system jobs. */
export const principalId = (p: Principal): string => actorOf(p)?.id ?? "system"

/** The one place the casilla checks a role. The system holds none. */
export const holdsRole = (p: Principal, role: Role): boolean => {
  const actor = actorOf(p)
  return actor !== undefined && hasRole(actor, role)
}

/**
 * Every method of the service, with the actor's roles read **now** from the RoleDirectory
 * (SARI's assignments) instead of the roles the caller passed: an approval or a removal takes
 * effect on the next call, and a session that remembers an old role gains nothing. Without a
 * RoleDirectory in context (tests, a deployment without SARI) the passed roles are used as is.
 * The directory being unreachable refuses the call (`unavailable`) rather than guessing.
 */
export const withCurrentRoles = <S extends Record<string, (actor: Principal, ...rest: Array<any>) => Effect.Effect<any, any>>>(service: S) =>
  Effect.map(Effect.serviceOption(RoleDirectory), (directory): S => {
    if (Option.isNone(directory)) return service
    const current = (p: Principal): Effect.Effect<Principal, CasillaStoreError> =>
      isSystemPrincipal(p)
        ? Effect.succeed(p)
        : Effect.mapError(directory.value.refresh(p as Actor), (e) => new CasillaStoreError({ reason: "unavailable", detail: `role directory${e.detail ? `: ${e.detail}` : ""}` }))
    return Object.fromEntries(
      Object.entries(service).map(([name, method]) => [name, (actor: Principal, ...rest: Array<unknown>) => Effect.flatMap(current(actor), (a) => method(a, ...rest))])
    ) as S
  })
