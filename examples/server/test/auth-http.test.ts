// @ecasilla/adapters/http's layerHttpAuth (the AuthGateway of <casilla-login>) against the
// example backend: an internal user signs in with the server's one-shot captcha, a receptor
// with a DNI and no captcha; a wrong code, a spent code, a wrong password and a bad DNI are
// the core's AuthError with their reason; sign-out ends the session on the backend.
import { createHash } from "node:crypto"
import { layerHttpAuth } from "@ecasilla/adapters/http"
import { Actor } from "@ecasilla/core"
import { AuthGateway } from "@ecasilla/core/casilla"
import { Cause, Effect, Exit, ManagedRuntime } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { receptor } from "../../../test/casilla/fixtures.js"
import { makeAuth } from "../src/auth.js"
import { pendingMail, upsertUsers } from "../src/sql/index.js"
import { startExample } from "./fixtures.js"

let example: Awaited<ReturnType<typeof startExample>>
let runtime: ManagedRuntime.ManagedRuntime<AuthGateway, never>
beforeAll(async () => {
  example = await startExample({ auth: { captcha: "internal" } })
  await example.backend.runPromise(upsertUsers([new Actor({ ...receptor, email: "maria.receptora@correo.example.pe" })]))
  const auth = await example.backend.runPromise(makeAuth())
  await example.backend.runPromise(auth.setPassword("E40125", "Clave-Interna-2026"))
  await example.backend.runPromise(auth.setPassword(receptor.id, "Clave-Receptor-2026"))
  runtime = ManagedRuntime.make(layerHttpAuth({ baseUrl: example.api.url }))
}, 60_000)
afterAll(async () => {
  await runtime?.dispose()
  await example?.close()
})

const gateway = <A, E>(f: (g: AuthGateway["Service"]) => Effect.Effect<A, E>) => runtime.runPromise(Effect.flatMap(Effect.service(AuthGateway), f))
const refused = async <A, E>(f: (g: AuthGateway["Service"]) => Effect.Effect<A, E>) => {
  const exit = await runtime.runPromiseExit(Effect.flatMap(Effect.service(AuthGateway), f))
  if (Exit.isSuccess(exit)) throw new Error("expected a refusal")
  return Cause.squash(exit.cause) as { _tag: string; reason: string }
}
/** What a person reads off the image: here, the answer the backend keeps for the token. */
const answerOf = async (token: string) => {
  const hash = createHash("sha256").update(token).digest("hex")
  const [row] = await example.backend.runPromise(Effect.flatMap(Effect.service(SqlClient.SqlClient), (sql) => sql<{ answer: string }>`SELECT answer FROM captchas WHERE token_hash = ${hash}`))
  return row.answer
}

describe("layerHttpAuth against the example backend", () => {
  it("an internal user signs in with the server's captcha; a wrong or spent code is captcha-failed", async () => {
    const challenge = await gateway((g) => g.captcha)
    expect(challenge.image).toMatch(/^data:image\/svg\+xml,/)
    const answer = await answerOf(challenge.token)
    const wrong = await gateway((g) => g.captcha)
    expect((await refused((g) => g.login({ kind: "internal", userCode: "E40125", password: "Clave-Interna-2026", captcha: { token: wrong.token, answer: "ZZZZZ" } }))).reason).toBe("captcha-failed")
    // The wrong answer spent that challenge: its right answer no longer works either.
    const spent = await answerOf(wrong.token).catch(() => undefined)
    expect(spent).toBe(undefined)
    const session = await gateway((g) => g.login({ kind: "internal", userCode: "e40125", password: "Clave-Interna-2026", captcha: { token: challenge.token, answer: answer.toLowerCase() } }))
    expect(session.actor.id).toBe("E40125")
    // The session works on the backend, and sign-out ends it there.
    const mine = await fetch(`${example.api.url}/api/tickets?mine=1`, { headers: { authorization: `Bearer ${session.token}` } })
    expect(mine.status).toBe(200)
    await gateway((g) => g.logout(session))
    const after = await fetch(`${example.api.url}/api/tickets?mine=1`, { headers: { authorization: `Bearer ${session.token}` } })
    expect(after.status).toBe(401)
    // The same challenge cannot be used twice.
    expect((await refused((g) => g.login({ kind: "internal", userCode: "E40125", password: "Clave-Interna-2026", captcha: { token: challenge.token, answer } }))).reason).toBe("captcha-failed")
  })

  it("a receptor signs in with a DNI and no captcha; a wrong password, a bad DNI and the wrong door are refused", async () => {
    const session = await gateway((g) => g.login({ kind: "receptor", documentType: "dni", number: receptor.id, password: "Clave-Receptor-2026" }))
    expect(session.actor.roles).toContain("receptor")
    expect((await refused((g) => g.login({ kind: "receptor", documentType: "dni", number: receptor.id, password: "otra" }))).reason).toBe("invalid-credentials")
    expect((await refused((g) => g.login({ kind: "receptor", documentType: "dni", number: "1011741", password: "x" }))).reason).toBe("invalid-identity")
    // A receptor's account through the internal door (with a valid captcha) is refused too.
    const c = await gateway((g) => g.captcha)
    const wrongDoor = await refused((g) => g.login({ kind: "internal", userCode: receptor.id, password: "Clave-Receptor-2026", captcha: { token: c.token, answer: "x" } }))
    expect(["invalid-credentials", "invalid-identity", "captcha-failed"]).toContain(wrongDoor.reason)
  })

  it("a reset request is accepted for any account, and then rate-limited", async () => {
    expect(await gateway((g) => g.requestPasswordReset({ kind: "receptor", documentType: "dni", number: receptor.id }))).toEqual({ accepted: true })
    // The e-mailed link's token sets the new password through the gateway (what
    // <casilla-login reset-token> does): a weak one is refused, the link works once.
    const mail = (await example.backend.runPromise(pendingMail)).find((m) => m.to.includes("maria.receptora@correo.example.pe"))!
    const token = /#token=([A-Za-z0-9_-]+)/.exec(mail.text)![1]
    expect((await refused((g) => g.confirmPasswordReset({ token, password: "corta" }))).reason).toBe("weak-password")
    await gateway((g) => g.confirmPasswordReset({ token, password: "Clave-Nueva-2026" }))
    expect((await refused((g) => g.confirmPasswordReset({ token, password: "Clave-Otra-2026" }))).reason).toBe("invalid-reset-link")
    expect((await gateway((g) => g.login({ kind: "receptor", documentType: "dni", number: receptor.id, password: "Clave-Nueva-2026" }))).actor.id).toBe(receptor.id)
    expect((await refused((g) => g.login({ kind: "receptor", documentType: "dni", number: receptor.id, password: "Clave-Receptor-2026" }))).reason).toBe("invalid-credentials")
    for (let i = 0; i < 5; i++) await runtime.runPromiseExit(Effect.flatMap(Effect.service(AuthGateway), (g) => g.requestPasswordReset({ kind: "internal", userCode: "U10288" })))
    expect((await refused((g) => g.requestPasswordReset({ kind: "internal", userCode: "U10288" }))).reason).toBe("rate-limited")
  })
})
