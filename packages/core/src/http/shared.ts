// What every group of the HTTP contract shares: the caller's header and the error envelope.
import { Schema } from "effect"

/**
 * The header that names the caller (a user code, DNI or RUC), set by the single sign-on
 * gateway in front of the backend.
 *
 * @since 0.2.0
 * @category http
 */
export const ACTOR_HEADER = "x-ecasilla-user"

/**
 * An error answer: the core's tagged error (its `_tag`, `reason` and parameters) under
 * `error`, with its Spanish `message` beside them.
 *
 * @internal
 */
export const answer = <S extends Schema.Top>(error: S, status: number) => Schema.Struct({ error }).annotate({ httpApiStatus: status })

/**
 * A domain error answer under the one status its category has: the error schema is refined
 * by `statusOf` (the domain's `…HttpStatus`, where each category's status is declared once),
 * so a server encoding a failure, or a client decoding an answer, matches it to exactly one
 * status.
 *
 * @internal
 */
export const answerAt = <S extends Schema.Top>(error: S, status: number, statusOf: (e: { readonly _tag?: string; readonly reason?: string }) => number) =>
  answer(error.check(Schema.makeFilter((e: unknown) => statusOf(e as { readonly _tag?: string }) === status || `not an error answered with ${status}`)), status)

/**
 * A refusal of the transport itself (malformed JSON, an unknown caller, a body too large,
 * a body that is not JSON):
 * a code and a message, no domain error.
 *
 * @since 0.2.0
 * @category http
 */
export const HttpProblemBody = Schema.Struct({ code: Schema.String, message: Schema.String })

/** @internal */
export const problem = (status: number) => answer(HttpProblemBody, status)

