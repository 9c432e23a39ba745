// The casilla's AuthGateway over HTTP: sign-in (`<casilla-login>`), the captcha, sign-out,
// the password-reset request and the new password from its link, against a backend serving the contract's auth group (e.g.
// examples/server: scrypt, rate limits, one-shot captchas). The identity rules run here first
// (`loginIdOf`), as in every gateway; the backend decides.
import { AuthError, AuthGateway, isAcceptableNewPassword, type LoginCredentials, loginIdOf } from "@ecasilla/core/casilla"
import type { Actor } from "@ecasilla/core/roles"
import { Effect, Layer } from "effect"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import type { HttpCauOptions } from "./cau.js"
import { makeClients } from "./client.js"

/** The backend's refusal as the core's AuthError: by its code, never by its words. */
const refusal = (e: unknown): AuthError => {
  const code = typeof e === "object" && e !== null && "error" in e ? (e as { error?: { code?: unknown } }).error?.code : undefined
  return new AuthError({
    reason: code === "invalid-credentials"
      ? "invalid-credentials"
      : code === "bad-captcha"
        ? "captcha-failed"
        : code === "rate-limited"
          ? "rate-limited"
          : code === "weak-password"
            ? "weak-password"
            : code === "invalid-token"
              ? "invalid-reset-link"
              : "unavailable"
  })
}

/**
 * The AuthGateway over a backend's `POST /api/auth/login`, `GET /api/auth/captcha`,
 * `POST /api/auth/logout`, `POST /api/auth/reset` and `POST /api/auth/reset/confirm`. A receptor's sign-in (DNI or RUC) must
 * give a receptor's session and an internal user's a staff one, as the two doors of the
 * casilla's login are different; a session from the wrong door is ended and refused.
 *
 * @since 0.2.0
 * @category layers
 */
export const layerHttpAuth = (options: Pick<HttpCauOptions, "baseUrl" | "timeout" | "retries">): Layer.Layer<AuthGateway> =>
  Layer.effect(AuthGateway)(Effect.gen(function*() {
    const { client, retrying } = yield* makeClients(options)
    const timeout = options.timeout ?? "15 seconds"
    const logout = (token: string) => client.auth.logout({ headers: { authorization: `Bearer ${token}` }, payload: {} }).pipe(Effect.timeout(timeout), Effect.ignore)
    return AuthGateway.of({
      login: (credentials: LoginCredentials) =>
        Effect.gen(function*() {
          const userCode = yield* loginIdOf(credentials)
          const session = yield* client.auth.login({
            payload: { userCode, password: credentials.password, ...(credentials.kind === "internal" ? { captcha: credentials.captcha } : {}) }
          }).pipe(Effect.timeout(timeout), Effect.mapError(refusal))
          const actor = session.actor as Actor
          if ((credentials.kind === "receptor") !== actor.roles.includes("receptor")) {
            yield* logout(session.token)
            return yield* Effect.fail(new AuthError({ reason: "invalid-credentials" }))
          }
          return { token: session.token, actor, expiresAt: session.expiresAt }
        }),
      logout: (session) => logout(session.token),
      captcha: retrying.auth.captcha().pipe(Effect.timeout(timeout), Effect.mapError(() => new AuthError({ reason: "unavailable" }))),
      requestPasswordReset: (request) =>
        Effect.gen(function*() {
          const userCode = yield* loginIdOf(request)
          yield* client.auth.reset({ payload: { userCode } }).pipe(Effect.timeout(timeout), Effect.mapError(refusal))
          return { accepted: true as const }
        }),
      confirmPasswordReset: ({ token, password }) =>
        isAcceptableNewPassword(password)
          ? client.auth.resetConfirm({ payload: { token, password } }).pipe(Effect.timeout(timeout), Effect.mapError(refusal), Effect.asVoid)
          : Effect.fail(new AuthError({ reason: "weak-password" }))
    })
  })).pipe(Layer.provide(FetchHttpClient.layer))
