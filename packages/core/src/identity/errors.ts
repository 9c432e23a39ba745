import { Schema } from "effect"
import { identityMessage } from "./messages.js"

/**
 * @since 0.1.0
 * @category errors
 */
export const IdentityReasonSchema = Schema.Literals(["empty", "bad-length", "not-digits", "bad-prefix", "bad-check-digit"])

/**
 * @since 0.1.0
 * @category errors
 */
export const IdentityKindSchema = Schema.Literals(["dni", "ruc", "ce", "user-code"])

/**
 * An identity number that is not valid, with the reason. It crosses HTTP unchanged;
 * `message` is Spanish, {@link identityMessage} gives English.
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
    return identityMessage(this.reason, this.kind)
  }
}
