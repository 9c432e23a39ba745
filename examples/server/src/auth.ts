// Sign-in to the example backend: passwords hashed with scrypt (node:crypto, memory-hard),
// opaque session tokens kept only as their SHA-256, failed attempts rate-limited per account
// and per address (counted in the database, so every server process shares them), and a
// captcha hook. A deployment behind the CGR's single sign-on can keep
// trusting the gateway's header instead (see server options).
import { createHash, randomBytes, scrypt as scryptCb, timingSafeEqual } from "node:crypto"
import { promisify } from "node:util"
import type { Actor } from "@ecasilla/core"
import { isAcceptableNewPassword } from "@ecasilla/core/casilla"
import { Directory, type Mail, type Mailer } from "@ecasilla/core/ports"
import { Clock, Effect, Option } from "effect"
import * as SqlClient from "effect/sql/SqlClient"

const scrypt = promisify(scryptCb) as (password: string, salt: Buffer, keylen: number, options: { N: number; r: number; p: number; maxmem: number }) => Promise<Buffer>
const PARAMS = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }

/** `scrypt$N$r$p$salt$hash`, base64: the parameters travel with the hash, so they can grow. */
export const hashPassword = async (password: string): Promise<string> => {
  const salt = randomBytes(16)
  const hash = await scrypt(password.normalize("NFC"), salt, 32, PARAMS)
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString("base64")}$${hash.toString("base64")}`
}

export const verifyPassword = async (password: string, stored: string): Promise<boolean> => {
  const [kind, n, r, p, salt, hash] = stored.split("$")
  if (kind !== "scrypt" || !salt || !hash) return false
  const expected = Buffer.from(hash, "base64")
  const got = await scrypt(password.normalize("NFC"), Buffer.from(salt, "base64"), expected.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: PARAMS.maxmem })
  return got.length === expected.length && timingSafeEqual(got, expected)
}

const tokenHash = (token: string) => createHash("sha256").update(token).digest("hex")

/** Why a sign-in was refused; the same answer whether the account exists or not. */
export type LoginRefusal = "invalid-credentials" | "rate-limited" | "bad-captcha"

export interface AuthOptions {
  /** Session lifetime (default 8 h). */
  readonly sessionMs?: number
  /** Failed attempts allowed per account and per address in a window (default 5 and 20, 15 min). */
  readonly maxFailuresPerAccount?: number
  readonly maxFailuresPerAddress?: number
  readonly windowMs?: number
  /** The captcha hook: when given, a sign-in must carry an answer it accepts. */
  readonly verifyCaptcha?: (token: string, answer: string) => Promise<boolean>
  /**
   * `"internal"`: the server's own captcha (`GET /api/auth/captcha`, one-shot, 5 minutes) is
   * required from internal users (user codes), as on the CGR's sign-on; receptors sign in
   * with their DNI or RUC without one. Ignored when `verifyCaptcha` is given.
   */
  readonly captcha?: "internal"
  /**
   * Where reset e-mails go out (the server's mailer: the SQL mail queue by default, SMTP when
   * configured). Without it, a reset request is counted and answered but sends nothing.
   */
  readonly mailer?: Mailer["Service"]
  /** The page that takes a reset token (default `http://127.0.0.1:8787/restablecer`); the link adds `#token=…`. */
  readonly resetPage?: string
}

const RESET_MS = 30 * 60_000
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
/** The reset e-mail, in Spanish as everything a CGR user reads. */
const resetMail = (to: string, name: string, link: string, id: string): Mail => ({
  id,
  to: [to],
  subject: "Restablecer su contraseña",
  text: `Hola, ${name}:\n\nSe pidió restablecer la contraseña de su cuenta. Para elegir una nueva, abra este enlace en los próximos 30 minutos:\n\n${link}\n\nSi usted no lo pidió, ignore este correo: su contraseña no cambia.\n`,
  html: `<p>Hola, ${escapeHtml(name)}:</p><p>Se pidió restablecer la contraseña de su cuenta. Para elegir una nueva, abra este enlace en los próximos 30 minutos:</p><p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p><p>Si usted no lo pidió, ignore este correo: su contraseña no cambia.</p>`
})

const CAPTCHA_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
const captchaCode = (): string => Array.from(randomBytes(5), (b) => CAPTCHA_ALPHABET[b % CAPTCHA_ALPHABET.length]).join("")
/** The code drawn as an SVG, each character turned and offset, with noise lines. */
const captchaImage = (code: string): string => {
  const r = randomBytes(code.length * 3 + 8)
  const chars = [...code].map((c, i) =>
    `<text x="${14 + i * 24}" y="${30 + (r[i * 3] % 7) - 3}" transform="rotate(${(r[i * 3 + 1] % 31) - 15} ${20 + i * 24} 24)" font-family="monospace" font-size="${24 + (r[i * 3 + 2] % 5)}" fill="#1f2933">${c}</text>`).join("")
  const lines = [0, 1, 2].map((k) => `<line x1="${r[code.length * 3 + k] % 40}" y1="${r[code.length * 3 + k + 3] % 44}" x2="${100 + (r[code.length * 3 + k + 1] % 40)}" y2="${r[code.length * 3 + k + 2] % 44}" stroke="#9aa5b1"/>`).join("")
  return `data:image/svg+xml,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" width="140" height="44"><rect width="140" height="44" fill="#eef2f7"/>${chars}${lines}</svg>`)}`
}
/** A receptor signs in with a DNI (8 digits) or RUC (11); anything else is an internal user code. */
const isInternalLogin = (loginId: string) => !/^\d{8}(\d{3})?$/.test(loginId)

/**
 * Counts failures in a fixed window per key, in the database: every server process behind a
 * load balancer sees the same counts, and no volume of other keys resets one.
 */
const limiter = (sql: SqlClient.SqlClient, max: number, windowMs: number) => ({
  blocked: (key: string, now: number) =>
    Effect.map(sql<{ count: number; since: number }>`SELECT count, since FROM auth_failures WHERE key = ${key}`, ([h]) =>
      h !== undefined && now - Number(h.since) < windowMs && Number(h.count) >= max),
  fail: (key: string, now: number) =>
    Effect.asVoid(sql`INSERT INTO auth_failures (key, count, since) VALUES (${key}, 1, ${now})
      ON CONFLICT (key) DO UPDATE SET
        count = CASE WHEN ${now} - auth_failures.since >= ${windowMs} THEN 1 ELSE auth_failures.count + 1 END,
        since = CASE WHEN ${now} - auth_failures.since >= ${windowMs} THEN ${now} ELSE auth_failures.since END`),
  reset: (key: string) => Effect.asVoid(sql`DELETE FROM auth_failures WHERE key = ${key}`),
  /** Forgets windows that ended (run now and then). */
  sweep: (now: number) => Effect.asVoid(sql`DELETE FROM auth_failures WHERE since < ${now - windowMs}`)
})

export const makeAuth = (options: AuthOptions = {}) =>
  Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    const directory = yield* Directory
    const windowMs = options.windowMs ?? 15 * 60_000
    const perAccount = limiter(sql, options.maxFailuresPerAccount ?? 5, windowMs)
    const perAddress = limiter(sql, options.maxFailuresPerAddress ?? 20, windowMs)
    const sessionMs = options.sessionMs ?? 8 * 3_600_000

    const setPassword = (userId: string, password: string) =>
      Effect.flatMap(Effect.promise(() => hashPassword(password)), (hash) =>
        sql`INSERT INTO credentials (user_id, hash) VALUES (${userId}, ${hash}) ON CONFLICT (user_id) DO UPDATE SET hash = EXCLUDED.hash`)

    const login = (input: { readonly userCode: string; readonly password: string; readonly captcha?: { readonly token: string; readonly answer: string } }, address: string) =>
      Effect.gen(function*() {
        const now = yield* Clock.currentTimeMillis
        const account = input.userCode.trim().toUpperCase()
        if ((yield* perAccount.blocked(account, now)) || (yield* perAddress.blocked(address, now))) return { ok: false as const, refusal: "rate-limited" as LoginRefusal }
        const captchaNeeded = options.verifyCaptcha !== undefined || (options.captcha === "internal" && isInternalLogin(account))
        if (captchaNeeded) {
          const passed = input.captcha
            ? options.verifyCaptcha
              ? yield* Effect.promise(() => options.verifyCaptcha!(input.captcha!.token, input.captcha!.answer))
              : yield* checkCaptcha(input.captcha.token, input.captcha.answer, now)
            : false
          if (!passed) {
            yield* perAddress.fail(address, now)
            return { ok: false as const, refusal: "bad-captcha" as LoginRefusal }
          }
        }
        const [row] = yield* sql<{ hash: string }>`SELECT hash FROM credentials WHERE user_id = ${account}`
        // An unknown account costs the same scrypt as a known one: timing says nothing either.
        const good = yield* Effect.promise(() => verifyPassword(input.password, row?.hash ?? DUMMY))
        const user = good && row ? yield* directory.findUser(account) : Option.none<Actor>()
        if (Option.isNone(user)) {
          yield* perAccount.fail(account, now)
          yield* perAddress.fail(address, now)
          if (Math.random() < 0.01) yield* perAccount.sweep(now)
          return { ok: false as const, refusal: "invalid-credentials" as LoginRefusal }
        }
        yield* perAccount.reset(account)
        const token = randomBytes(32).toString("base64url")
        const expiresAt = new Date(now + sessionMs).toISOString()
        yield* sql`INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (${tokenHash(token)}, ${account}, ${expiresAt})`
        return { ok: true as const, session: { token, actor: user.value, expiresAt } }
      })

    /** A new one-shot challenge: the token and the image; only the token's hash and the answer are kept. */
    const issueCaptcha = Effect.gen(function*() {
      const now = yield* Clock.currentTimeMillis
      const token = randomBytes(24).toString("base64url")
      const code = captchaCode()
      yield* sql`INSERT INTO captchas (token_hash, answer, expires_at) VALUES (${tokenHash(token)}, ${code}, ${new Date(now + 5 * 60_000).toISOString()})`
      if (Math.random() < 0.05) yield* sql`DELETE FROM captchas WHERE expires_at < ${new Date(now).toISOString()}`
      return { token, image: captchaImage(code) }
    })
    /** Spends the challenge (one try, whatever the answer) and says whether the answer was right and in time. */
    const checkCaptcha = (token: string, answer: string, now: number) =>
      Effect.map(
        sql<{ answer: string; expires_at: string }>`DELETE FROM captchas WHERE token_hash = ${tokenHash(token)} RETURNING answer, expires_at`,
        ([row]) => row !== undefined && row.expires_at > new Date(now).toISOString() && row.answer === answer.trim().toUpperCase()
      )

    const actorOfToken = (token: string) =>
      Effect.gen(function*() {
        const now = new Date(yield* Clock.currentTimeMillis).toISOString()
        const [row] = yield* sql<{ user_id: string }>`SELECT user_id FROM sessions WHERE token_hash = ${tokenHash(token)} AND expires_at > ${now}`
        return row ? yield* directory.findUser(row.user_id) : Option.none<Actor>()
      })

    const logout = (token: string) => Effect.asVoid(sql`DELETE FROM sessions WHERE token_hash = ${tokenHash(token)}`)

    /** A reset request: counted like a failure, answered the same for every account. */
    const requestReset = (userCode: string, address: string) =>
      Effect.gen(function*() {
        const now = yield* Clock.currentTimeMillis
        const account = userCode.trim().toUpperCase()
        if ((yield* perAccount.blocked(`reset:${account}`, now)) || (yield* perAddress.blocked(`reset:${address}`, now))) return "rate-limited" as const
        yield* perAccount.fail(`reset:${account}`, now)
        yield* perAddress.fail(`reset:${address}`, now)
        // Only an account with a password and an e-mail gets a link; the answer is the same.
        const [row] = yield* sql<{ user_id: string }>`SELECT user_id FROM credentials WHERE user_id = ${account}`
        const user = row && options.mailer ? yield* directory.findUser(account) : Option.none<Actor>()
        if (Option.isSome(user) && user.value.email && options.mailer) {
          const token = randomBytes(32).toString("base64url")
          const link = `${options.resetPage ?? "http://127.0.0.1:8787/restablecer"}#token=${token}`
          const mail = resetMail(user.value.email, user.value.name, link, `reset:${tokenHash(token)}`)
          // The link and its mail commit together (the SQL mail queue joins the transaction).
          yield* sql.withTransaction(Effect.gen(function*() {
            yield* sql`INSERT INTO password_resets (token_hash, user_id, expires_at) VALUES (${tokenHash(token)}, ${account}, ${new Date(now + RESET_MS).toISOString()})`
            yield* options.mailer!.send(mail)
          })).pipe(Effect.catch((e) => Effect.logWarning("password reset mail not sent", e)))
        }
        return "accepted" as const
      })

    /**
     * A new password from a reset link: the token is spent, the password stored as scrypt, and
     * every session of the account ended; an unknown, spent or expired token changes nothing.
     */
    const confirmReset = (token: string, password: string) =>
      Effect.gen(function*() {
        if (!isAcceptableNewPassword(password)) return "weak-password" as const
        const now = new Date(yield* Clock.currentTimeMillis).toISOString()
        const hash = yield* Effect.promise(() => hashPassword(password))
        return yield* sql.withTransaction(Effect.gen(function*() {
          const [row] = yield* sql<{ user_id: string; expires_at: string }>`DELETE FROM password_resets WHERE token_hash = ${tokenHash(token)} RETURNING user_id, expires_at`
          if (!row || row.expires_at <= now) return "invalid-token" as const
          yield* sql`INSERT INTO credentials (user_id, hash) VALUES (${row.user_id}, ${hash}) ON CONFLICT (user_id) DO UPDATE SET hash = EXCLUDED.hash`
          yield* sql`DELETE FROM sessions WHERE user_id = ${row.user_id}`
          yield* sql`DELETE FROM password_resets WHERE user_id = ${row.user_id}`
          return "changed" as const
        }))
      })

    return { setPassword, login, actorOfToken, logout, requestReset, confirmReset, issueCaptcha }
  })

export type Auth = Effect.Success<ReturnType<typeof makeAuth>>

// A valid scrypt hash of a random password, compared against when the account does not exist.
const DUMMY = "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
