import { Context, Effect } from "effect"
import { checkDni, checkRuc, checkUserCode } from "../identity/rules.js"
import type { Actor } from "../roles/actor.js"
import { AuthError } from "./errors.js"

/**
 * What a person types to sign in: a receptor with a DNI (persona natural) or a RUC (entity),
 * or an internal user (SCA) with a user code `U…`/`E…`, a password and the security code.
 *
 * @since 0.2.0
 * @category auth
 */
export type LoginCredentials =
  | { readonly kind: "receptor"; readonly documentType: "dni" | "ruc"; readonly number: string; readonly password: string }
  | {
    readonly kind: "internal"
    readonly userCode: string
    readonly password: string
    /** The challenge shown and the characters the person typed. */
    readonly captcha: { readonly token: string; readonly answer: string }
  }

/**
 * Whose password to reset: the same identities as the login.
 *
 * @since 0.2.0
 * @category auth
 */
export type PasswordResetRequest =
  | { readonly kind: "receptor"; readonly documentType: "dni" | "ruc"; readonly number: string }
  | { readonly kind: "internal"; readonly userCode: string }

/**
 * A new password chosen from a reset link: the link's one-shot token and the password.
 *
 * @since 0.2.0
 * @category auth
 */
export interface PasswordResetConfirmation {
  readonly token: string
  readonly password: string
}

/**
 * The length a new password must have (characters): the one rule, shared by the backend that
 * stores it and the form that asks for it.
 *
 * @since 0.2.0
 * @category auth
 */
export const NEW_PASSWORD_LENGTH = { min: 8, max: 200 } as const

/**
 * Whether a new password has an acceptable length ({@link NEW_PASSWORD_LENGTH}).
 *
 * @since 0.2.0
 * @category auth
 */
export const isAcceptableNewPassword = (password: string): boolean =>
  password.length >= NEW_PASSWORD_LENGTH.min && password.length <= NEW_PASSWORD_LENGTH.max

/**
 * A signed-in session.
 *
 * @since 0.2.0
 * @category auth
 */
export interface AuthSession {
  readonly token: string
  readonly actor: Actor
  readonly expiresAt: string
}

/**
 * A captcha challenge: an opaque token and what to show (an image URL or data URL).
 *
 * @since 0.2.0
 * @category auth
 */
export interface CaptchaChallenge {
  readonly token: string
  readonly image: string
}

/**
 * The answer to "¿Olvidó su contraseña?": always the same whether or not the account
 * exists, so the form can say only "si la cuenta existe, recibirá un correo".
 *
 * @since 0.2.0
 * @category auth
 */
export interface PasswordResetAck {
  readonly accepted: true
}

/**
 * Sign-in for receptors (eCasilla) and internal users (SCA). The HTTP adapter comes with the
 * transport issue; `@ecasilla/adapters/memory` has one for tests and demos.
 *
 * @since 0.2.0
 * @category auth
 */
export class AuthGateway extends Context.Service<AuthGateway, {
  readonly login: (credentials: LoginCredentials) => Effect.Effect<AuthSession, AuthError>
  readonly logout: (session: AuthSession) => Effect.Effect<void>
  readonly captcha: Effect.Effect<CaptchaChallenge, AuthError>
  /** Never fails for an unknown account: the answer must not reveal whether it exists. */
  readonly requestPasswordReset: (request: PasswordResetRequest) => Effect.Effect<PasswordResetAck, AuthError>
  /**
   * Sets the new password of the reset link's account, spends the link and ends the account's
   * sessions. `weak-password` when it breaks {@link NEW_PASSWORD_LENGTH}; `invalid-reset-link`
   * for an unknown, spent or expired link (nothing changes). Added in 0.2.0.
   */
  readonly confirmPasswordReset: (confirmation: PasswordResetConfirmation) => Effect.Effect<void, AuthError>
}>()("@ecasilla/core/casilla/AuthGateway") {}

/**
 * The id the identity logs in with after the identity rules (`10117410` for `10117410-2`),
 * or `invalid-identity` with the identity reason in `detail`. Gateways and forms share it.
 *
 * @since 0.2.0
 * @category auth
 */
export const loginIdOf = (who: PasswordResetRequest): Effect.Effect<string, AuthError> => {
  const check = who.kind === "internal" ? checkUserCode(who.userCode) : who.documentType === "dni" ? checkDni(who.number) : checkRuc(who.number)
  return check.ok ? Effect.succeed(check.value) : Effect.fail(new AuthError({ reason: "invalid-identity", detail: check.reason }))
}
