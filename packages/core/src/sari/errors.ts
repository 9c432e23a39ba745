import { Schema } from "effect"
import { Role } from "../roles/actor.js"
import { AccessSystem } from "../roles/assignments.js"
import { Cargo } from "../roles/profiles.js"
import { sariErrorMessage } from "./messages.js"

/**
 * Every reason of a {@link SariError}.
 *
 * @since 0.2.0
 * @category errors
 */
export const SariReason = Schema.Literals([
  "not-found",
  "not-allowed",
  "other-unit",
  "own-request",
  "wrong-state",
  "reason-required",
  "text-too-long",
  "unknown-collaborator",
  "collaborator-other-unit",
  "no-changes",
  "duplicate-change",
  "role-not-in-system",
  "already-held",
  "not-held",
  "cargo-not-eligible",
  "open-request-exists"
])
/** @since 0.2.0 @category errors */
export type SariReason = typeof SariReason.Type

/**
 * A SARI command or query refused: the permission model, the lifecycle or an invariant
 * said no. Nothing was changed. Carries a code and its parameters, never a sentence: the
 * catalogue in `messages.ts` renders it (es-PE, en).
 *
 * @since 0.2.0
 * @category errors
 */
export class SariError extends Schema.TaggedError<SariError>()("@ecasilla/core/sari/SariError", {
  reason: SariReason,
  requestId: Schema.optional(Schema.String),
  action: Schema.optional(Schema.String),
  state: Schema.optional(Schema.String),
  role: Schema.optional(Role),
  cargo: Schema.optional(Cargo),
  system: Schema.optional(AccessSystem),
  /** For `open-request-exists`: the number of the request already open. */
  openNumber: Schema.optional(Schema.String)
}) {
  /** The es-PE rendering of the catalogue (elements render the reader's locale). */
  override get message(): string {
    return sariErrorMessage(this)
  }
}

/**
 * Every reason of a {@link SariStoreError}.
 *
 * @since 0.2.0
 * @category errors
 */
export const SariStoreReason = Schema.Literals([
  "conflict",
  "duplicate",
  "not-found",
  "open-request-exists",
  "assignment-conflict",
  "audit-immutable",
  "unavailable"
])
/** @since 0.2.0 @category errors */
export type SariStoreReason = typeof SariStoreReason.Type

/**
 * The SariStore refused a commit (nothing of it was written) or could not be read:
 * another change came first (`conflict`), an id exists (`duplicate`), the collaborator
 * already has an open request in that system, a role assignment to grant exists or one to
 * revoke is gone (`assignment-conflict`), an audit entry would be overwritten
 * (`audit-immutable`), or the storage failed.
 *
 * @since 0.2.0
 * @category errors
 */
export class SariStoreError extends Schema.TaggedError<SariStoreError>()("@ecasilla/core/sari/SariStoreError", {
  reason: SariStoreReason,
  requestId: Schema.optional(Schema.String),
  detail: Schema.optional(Schema.String)
}) {
  /** The es-PE rendering of the catalogue. */
  override get message(): string {
    return sariErrorMessage(this)
  }
}

/**
 * True for the errors of the SARI domain (for elements rendering a failure).
 *
 * @since 0.2.0
 * @category guards
 */
export const isSariError = (u: unknown): u is SariError | SariStoreError => u instanceof SariError || u instanceof SariStoreError
