import { Context, type Effect, type Option, Schema } from "effect"
import type { Actor } from "./actor.js"
import type { RoleAssignment } from "./assignments.js"

/**
 * The role assignments could not be read.
 *
 * @since 0.2.0
 * @category errors
 */
export class RoleDirectoryError extends Schema.TaggedError<RoleDirectoryError>()("@ecasilla/core/roles/RoleDirectoryError", {
  reason: Schema.Literal("unavailable"),
  detail: Schema.optional(Schema.String)
}) {}

/**
 * Where services read the roles a person holds **now**: the directory's user with the
 * SARI-managed roles taken from the role assignments. An approved SARI request changes
 * the assignments, so the next lookup (by the casilla, the CAU…) sees the change at once.
 *
 * @since 0.2.0
 * @category ports
 */
export class RoleDirectory extends Context.Service<RoleDirectory, {
  /** The assignments of one person, every system. */
  readonly assignmentsOf: (userId: string) => Effect.Effect<ReadonlyArray<RoleAssignment>, RoleDirectoryError>
  /** The registered user `userId` with the roles they hold now, if registered. */
  readonly actorOf: (userId: string) => Effect.Effect<Option.Option<Actor>, RoleDirectoryError>
  /** `actor` (as a session remembers it) with the roles they hold now. */
  readonly refresh: (actor: Actor) => Effect.Effect<Actor, RoleDirectoryError>
}>()("@ecasilla/core/roles/RoleDirectory") {}
