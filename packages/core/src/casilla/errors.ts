import { Schema } from "effect"

/**
 * Every reason a casilla command or query can be refused for.
 *
 * @since 0.2.0
 * @category errors
 */
export const CasillaReason = Schema.Literals([
  "not-found",
  "not-allowed",
  "wrong-state",
  "casilla-not-found",
  "casilla-inactive",
  "casilla-exists",
  "not-entity-casilla",
  "invalid-login-id",
  "invalid-field",
  "too-many-documents",
  "document-too-large",
  "no-documents",
  "not-a-pdf",
  "document-not-valid",
  "verifier-unavailable"
])

/**
 * @since 0.2.0
 * @category errors
 */
export type CasillaReason = typeof CasillaReason.Type

/**
 * A casilla command refused (nothing changed) or a read of something the actor may not see
 * (`not-found`, so existence never leaks). Carries a code and parameters, never a sentence:
 * {@link casillaErrorMessage} renders it.
 *
 * @since 0.2.0
 * @category errors
 */
export class CasillaError extends Schema.TaggedError<CasillaError>()("@ecasilla/core/casilla/CasillaError", {
  reason: CasillaReason,
  action: Schema.optional(Schema.String),
  notificationId: Schema.optional(Schema.String),
  casillaId: Schema.optional(Schema.String),
  state: Schema.optional(Schema.String),
  /** The document that failed (`document-not-valid`, `not-a-pdf`). */
  documentName: Schema.optional(Schema.String),
  /** The firma verdict behind `document-not-valid`: `invalid`, `indeterminate` or `unsigned`. */
  verdict: Schema.optional(Schema.String),
  /** The verifier's own words on why (already in the requested language), or the invalid fields. */
  detail: Schema.optional(Schema.String)
}) {}

/**
 * The casilla store could not do what was asked: a concurrent change came first
 * (`conflict`), the id exists (`duplicate`) or the storage failed (`unavailable`).
 *
 * @since 0.2.0
 * @category errors
 */
export class CasillaStoreError extends Schema.TaggedError<CasillaStoreError>()("@ecasilla/core/casilla/CasillaStoreError", {
  reason: Schema.Literals(["conflict", "duplicate", "unavailable"]),
  id: Schema.optional(Schema.String),
  detail: Schema.optional(Schema.String)
}) {}

/**
 * A login or password-reset request refused. `invalid-credentials` never says whether the
 * account exists.
 *
 * @since 0.2.0
 * @category errors
 */
export class AuthError extends Schema.TaggedError<AuthError>()("@ecasilla/core/casilla/AuthError", {
  reason: Schema.Literals(["invalid-credentials", "captcha-failed", "invalid-identity", "rate-limited", "unavailable", "weak-password", "invalid-reset-link"]),
  /** `invalid-identity`: the identity rule that failed (`bad-check-digit`…). */
  detail: Schema.optional(Schema.String)
}) {}

/**
 * True for any of the casilla domain's tagged errors (also after crossing HTTP as JSON).
 *
 * @since 0.2.0
 * @category guards
 */
export const isCasillaError = (u: unknown): u is CasillaError =>
  typeof u === "object" && u !== null && (u as { _tag?: unknown })._tag === "@ecasilla/core/casilla/CasillaError"
