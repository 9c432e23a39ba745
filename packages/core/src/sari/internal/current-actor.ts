import { Effect, Option } from "effect"
import type { Directory } from "../../ports/directory.js"
import { Actor } from "../../roles/actor.js"
import { actorWithRoles, effectiveRoles } from "../../roles/assignments.js"
import type { SariStore } from "../store.js"

/**
 * The actor as they are now: the directory's record (roles, unit) when registered, else the
 * actor as given; in both cases the SARI-managed roles come from the role assignments only.
 * A session that remembers an old role, or a caller that claims one, gains nothing.
 */
export const currentActorOf = (directory: Directory["Service"], store: SariStore["Service"]) => (actor: Actor) =>
  Effect.gen(function*() {
    const found = yield* directory.findUser(actor.id)
    const base = Option.getOrElse(found, () => actor)
    const assignments = yield* store.assignmentsOf(actor.id)
    return actorWithRoles(base instanceof Actor ? base : new Actor(base), effectiveRoles(base.roles, assignments))
  })
