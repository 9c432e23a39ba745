import { Schema } from "effect"
import { identityErrorMessage } from "./messages.js"

/**
 * @since 0.1.0
 * @category errors
 */
export const IdentityReasonSchema = Schema.Literals(["empty", "bad-length", "not-digits", "bad-prefix", "bad-check-digit"])

/**
 * @since 0.1.0
 * @category errors
 */
export type IdentityReason = typeof IdentityReasonSchema.Type

/**
 * @since 0.1.0
 * @category errors
 */
export const IdentityKindSchema = Schema.Literals(["dni", "ruc", "ce", "user-code"])

/**
 * @since 0.1.0
 * @category models
 */
export type IdentityKind = typeof IdentityKindSchema.Type

/**
 * An identity number that is not valid, with the reason. It crosses HTTP unchanged;
 * `message` is Spanish, `errorMessage(error, "en")` of `@ecasilla/core/i18n` gives English.
 *
 * @since 0.1.0
 * @category errors
 */
export class IdentityError extends Schema.TaggedError<IdentityError>()("@ecasilla/core/identity/IdentityError", {
  reason: IdentityReasonSchema,
  kind: IdentityKindSchema,
  input: Schema.String
}) {
  override get message(): string {
    return identityErrorMessage(this)
  }
}
