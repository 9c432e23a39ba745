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
 * `error`, with its Spanish `message` beside it (clients render their own from the fields).
 *
 * @internal
 */
export const answer = <S extends Schema.Top>(error: S, status: number) =>
  Schema.Struct({ error, message: Schema.optional(Schema.String) }).annotate({ httpApiStatus: status })

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

/**
 * The HTTP status of each refusal of the transport, by its code: the one place it is
 * declared (the backend answers with it; a client decodes each problem at its status).
 *
 * @since 0.2.0
 * @category http
 */
export const problemHttpStatus = (code: string): number => problemStatuses[code] ?? 400

const problemStatuses: Readonly<Record<string, number>> = {
  "bad-request": 400,
  "bad-json": 400,
  "bad-multipart": 400,
  "bad-attachments": 400,
  "bad-idempotency-key": 400,
  "no-idempotency": 400,
  "weak-password": 400,
  "invalid-token": 400,
  "unauthenticated": 401,
  "invalid-credentials": 401,
  "bad-captcha": 401,
  "not-found": 404,
  "method-not-allowed": 405,
  "too-large": 413,
  "unsupported-media-type": 415,
  "rate-limited": 429,
  "internal": 500
}

/** @internal */
export const problem = (status: number) =>
  answer(
    HttpProblemBody.check(Schema.makeFilter((p: { readonly code: string }) => problemHttpStatus(p.code) === status || `not a problem answered with ${status}`)),
    status
  )

