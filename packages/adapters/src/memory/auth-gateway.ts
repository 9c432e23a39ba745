import type { Actor } from "@ecasilla/core"
import { AuthError, AuthGateway, type AuthSession, isAcceptableNewPassword, type LoginCredentials, loginIdOf } from "@ecasilla/core/casilla"
import { Effect, Layer } from "effect"

/**
 * One account of the memory gateway: the actor it signs in as and its password.
 *
 * @since 0.2.0
 * @category models
 */
export interface MemoryAccount {
  readonly actor: Actor
  readonly password: string
}

/**
 * The memory gateway with a test handle: the answer of each captcha it issued, and the
 * password-reset requests it received for existing accounts (what a Mailer would send).
 *
 * @since 0.2.0
 * @category models
 */
export interface MemoryAuthGateway {
  readonly service: AuthGateway["Service"]
  readonly layer: Layer.Layer<AuthGateway>
  readonly captchaAnswer: (token: string) => string | undefined
  /** The answer of the last captcha issued (what a person would read off the image). */
  readonly lastCaptchaAnswer: () => string | undefined
  readonly resetsSent: ReadonlyArray<string>
  /** The token of the last reset link issued (what the e-mail would carry), one-shot, 30 minutes. */
  readonly lastResetToken: () => string | undefined
}

const hex = (b: ArrayBuffer) => Array.from(new Uint8Array(b), (x) => x.toString(16).padStart(2, "0")).join("")

// Salted SHA-256 is enough for a demo store; a real gateway keeps a slow KDF on the server.
const hashOf = async (loginId: string, password: string): Promise<string> =>
  hex(await globalThis.crypto.subtle.digest("SHA-256", new TextEncoder().encode(`ecasilla:${loginId}:${password}`)))

const randomCode = (): string => {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(5))
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("")
}

const captchaImage = (code: string): string =>
  `data:image/svg+xml,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" width="140" height="44"><rect width="140" height="44" fill="#eef2f7"/><text x="14" y="31" font-family="monospace" font-size="26" letter-spacing="4" fill="#1f2933">${code}</text><line x1="6" y1="12" x2="134" y2="34" stroke="#9aa5b1"/></svg>`)}`

/**
 * An AuthGateway in memory for tests and demos: receptors by DNI/RUC, internal users by
 * user code with a captcha; the reset answer is the same whether the account exists or
 * not (only `resetsSent` tells a test which ones would get an e-mail).
 *
 * @since 0.2.0
 * @category constructors
 */
export const makeMemoryAuthGateway = async (accounts: ReadonlyArray<MemoryAccount>): Promise<MemoryAuthGateway> => {
  const hashes = new Map<string, { actor: Actor; hash: string }>()
  for (const a of accounts) hashes.set(a.actor.id, { actor: a.actor, hash: await hashOf(a.actor.id, a.password) })
  const captchas = new Map<string, string>()
  let lastCode: string | undefined
  const sessions = new Set<string>()
  const resetsSent: Array<string> = []
  const resetTokens = new Map<string, { loginId: string; expires: number }>()
  let lastResetToken: string | undefined
  const invalid = new AuthError({ reason: "invalid-credentials" })
  const login = (credentials: LoginCredentials) =>
    Effect.gen(function*() {
      if (credentials.kind === "internal") {
        const expected = captchas.get(credentials.captcha.token)
        captchas.delete(credentials.captcha.token)
        if (expected === undefined || expected !== credentials.captcha.answer.trim().toUpperCase()) {
          return yield* Effect.fail(new AuthError({ reason: "captcha-failed" }))
        }
      }
      const id = yield* loginIdOf(credentials)
      // The hash is computed for unknown ids too, so timing does not tell them apart.
      const hash = yield* Effect.promise(() => hashOf(id, credentials.password))
      const account = hashes.get(id)
      if (!account || account.hash !== hash) return yield* Effect.fail(invalid)
      const receptorLogin = credentials.kind === "receptor"
      if (receptorLogin !== account.actor.roles.includes("receptor")) return yield* Effect.fail(invalid)
      const token = globalThis.crypto.randomUUID()
      sessions.add(token)
      const session: AuthSession = { token, actor: account.actor, expiresAt: new Date(Date.now() + 8 * 3600_000).toISOString() }
      return session
    })
  const service = AuthGateway.of({
    login,
    logout: (session) => Effect.sync(() => void sessions.delete(session.token)),
    captcha: Effect.sync(() => {
      const token = globalThis.crypto.randomUUID()
      const code = randomCode()
      captchas.set(token, code)
      lastCode = code
      return { token, image: captchaImage(code) }
    }),
    requestPasswordReset: (request) =>
      Effect.map(loginIdOf(request), (id) => {
        if (hashes.has(id)) {
          resetsSent.push(id)
          lastResetToken = globalThis.crypto.randomUUID()
          resetTokens.set(lastResetToken, { loginId: id, expires: Date.now() + 30 * 60_000 })
        }
        return { accepted: true as const }
      }),
    confirmPasswordReset: ({ token, password }) =>
      Effect.gen(function*() {
        if (!isAcceptableNewPassword(password)) return yield* Effect.fail(new AuthError({ reason: "weak-password" }))
        const link = resetTokens.get(token)
        const account = link && link.expires > Date.now() ? hashes.get(link.loginId) : undefined
        if (!link || !account) return yield* Effect.fail(new AuthError({ reason: "invalid-reset-link" }))
        const hash = yield* Effect.promise(() => hashOf(link.loginId, password))
        // The link is spent, and the account's sessions end (this demo store keeps tokens only).
        for (const [t, l] of resetTokens) if (l.loginId === link.loginId) resetTokens.delete(t)
        hashes.set(link.loginId, { actor: account.actor, hash })
      })
  })
  return { service, layer: Layer.succeed(AuthGateway, service), captchaAnswer: (token) => captchas.get(token), lastCaptchaAnswer: () => lastCode, resetsSent, lastResetToken: () => lastResetToken }
}
