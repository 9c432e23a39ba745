import { Effect, Layer, Option } from "effect"
import { Directory } from "../ports/directory.js"
import type { Actor } from "../roles/actor.js"
import { RoleDirectory, RoleDirectoryError } from "../roles/role-directory.js"
import { currentActorOf } from "./internal/current-actor.js"
import { SariStore } from "./store.js"

const unavailable = (e: { readonly detail?: string | undefined }) =>
  new RoleDirectoryError({ reason: "unavailable", ...(e.detail ? { detail: e.detail } : {}) })

/**
 * The {@link RoleDirectory} over the SariStore's role assignments and the Directory: what
 * the casilla, the CAU and SCA read a person's roles from. An approval commits the
 * assignments, so the very next lookup sees the new role (and not the removed one).
 *
 * @since 0.2.0
 * @category layers
 */
export const layerSariRoleDirectory: Layer.Layer<RoleDirectory, never, SariStore | Directory> = Layer.effect(
  RoleDirectory,
  Effect.gen(function*() {
    const store = yield* SariStore
    const directory = yield* Directory
    const current = currentActorOf(directory, store)
    return RoleDirectory.of({
      assignmentsOf: (userId) => Effect.mapError(store.assignmentsOf(userId), unavailable),
      actorOf: (userId) =>
        Effect.gen(function*() {
          const user = yield* directory.findUser(userId)
          if (Option.isNone(user)) return Option.none()
          return Option.some(yield* current(user.value))
        }).pipe(Effect.mapError(unavailable)),
      refresh: (actor) => Effect.mapError(current(actor), unavailable)
    })
  })
)

/**
 * The Directory as other services should see it: every user it returns carries the roles
 * held **now** (its own roles without the SARI-managed ones, plus the role assignments).
 * Provide it to the CAU or the casilla in place of the plain Directory and a SARI approval
 * (or revocation) changes what they allow at once, with no change to those services: the
 * CAU assigns tickets only to people who hold `cau-analista` now.
 *
 * @since 0.2.0
 * @category layers
 */
export const layerDirectoryWithAssignedRoles: Layer.Layer<Directory, never, Directory | SariStore> = Layer.effect(
  Directory,
  Effect.gen(function*() {
    const base = yield* Directory
    const store = yield* SariStore
    const current = currentActorOf(base, store)
    // A storage failure while reading roles is a defect here: the Directory port has no
    // error channel, and answering with stale roles would be a silent security hole.
    const withRoles = (actor: Actor) => Effect.orDie(current(actor))
    return Directory.of({
      findUser: (id) =>
        Effect.flatMap(base.findUser(id), (found) => (Option.isNone(found) ? Effect.succeed(found) : Effect.map(withRoles(found.value), Option.some))),
      searchUsers: (query, limit) => Effect.flatMap(base.searchUsers(query, limit), (users) => Effect.forEach(users, withRoles)),
      findCollaborators: base.findCollaborators
    })
  })
)
