import { Effect, Layer, Option } from "effect"
import { Directory } from "../ports/directory.js"
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
