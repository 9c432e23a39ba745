import * as Schema from "effect/Schema"
import { firmaErrorMessageOf } from "./messages.js"

/**
 * Why a file could not be verified at all (as opposed to a signature that fails).
 *
 * @since 0.2.0
 * @category errors
 */
export const FirmaErrorReasonSchema = Schema.Literals(["not-a-pdf", "truncated", "unreadable", "too-large", "bad-trust-anchor", "bad-validation-time"])

/**
 * @since 0.2.0
 * @category errors
 */
export type FirmaErrorReason = typeof FirmaErrorReasonSchema.Type

/**
 * A PDF the verifier cannot read, or a trust anchor it cannot parse. It crosses HTTP
 * unchanged; `message` is Spanish, {@link firmaErrorMessage} gives English.
 *
 * @since 0.2.0
 * @category errors
 */
export class FirmaError extends Schema.TaggedError<FirmaError>()("@ecasilla/core/firma/FirmaError", {
  reason: FirmaErrorReasonSchema,
  detail: Schema.String
}) {
  override get message(): string {
    return firmaErrorMessageOf(this)
  }
}
