// Sign-in with passwords: scrypt hashes, opaque sessions, the same refusal whether the account
// exists or not, rate limits per account (and per address), a captcha hook, sign-out, and a
// server that stops trusting the SSO header when told to.
import { cauDemoUsers } from "@ecasilla/adapters/memory"
import { Effect } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeAuth } from "../src/auth.js"
import { openBackend, startServer, type Backend } from "../src/server.js"
import { layerPglite, pendingMail, upsertUsers } from "../src/sql/index.js"

let backend: Backend
let api: Awaited<ReturnType<typeof startServer>>
beforeAll(async () => {
  backend = await openBackend(layerPglite())
  await backend.runPromise(upsertUsers(cauDemoUsers))
  const auth = await backend.runPromise(makeAuth())
  await backend.runPromise(auth.setPassword("E40125", "Clave-Segura-2026"))
  api = await startServer(backend, { port: 0, trustActorHeader: false, auth: { maxFailuresPerAccount: 3 } })
}, 60_000)
afterAll(async () => {
  await api?.close()
  await backend?.dispose()
})

const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
  const res = await fetch(`${api.url}/api${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) })
  return { status: res.status, body: await res.json() as any }
}
const get = async (path: string, headers: Record<string, string>) => {
  const res = await fetch(`${api.url}/api${path}`, { headers })
  return { status: res.status, body: await res.json() as any }
}

describe("sign-in with sessions", () => {
  it("stores scrypt hashes, never the password", async () => {
    const [row] = await backend.runPromise(Effect.flatMap(Effect.service(SqlClient.SqlClient), (sql) => sql<{ hash: string }>`SELECT hash FROM credentials WHERE user_id = 'E40125'`))
    expect(row.hash).toMatch(/^scrypt\$32768\$8\$1\$/)
    expect(row.hash).not.toContain("Clave-Segura-2026")
  })

  it("a session opens the API; sign-out ends it; a forged token and the SSO header (not trusted here) do not", async () => {
    const ok = await post("/auth/login", { userCode: "e40125", password: "Clave-Segura-2026" })
    expect(ok.status).toBe(200)
    expect(ok.body.actor.id).toBe("E40125")
    const bearer = { authorization: `Bearer ${ok.body.token}` }
    expect((await get("/tickets?mine=1", bearer)).status).toBe(200)
    expect((await get("/tickets?mine=1", { authorization: "Bearer forged-token" })).status).toBe(401)
    expect((await get("/tickets?mine=1", { "x-ecasilla-user": "E40125" })).status).toBe(401)
    const [session] = await backend.runPromise(Effect.flatMap(Effect.service(SqlClient.SqlClient), (sql) => sql<{ token_hash: string }>`SELECT token_hash FROM sessions`))
    expect(session.token_hash).not.toBe(ok.body.token)
    expect((await post("/auth/logout", {}, bearer)).status).toBe(200)
    expect((await get("/tickets?mine=1", bearer)).status).toBe(401)
  })

  it("refuses a wrong password and an unknown account alike, and locks an account after repeated failures", async () => {
    const wrong = await post("/auth/login", { userCode: "E40125", password: "otra" })
    const unknown = await post("/auth/login", { userCode: "E99999", password: "otra" })
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    expect(wrong.body).toEqual(unknown.body)
    await post("/auth/login", { userCode: "E40125", password: "otra" })
    await post("/auth/login", { userCode: "E40125", password: "otra" })
    // Three failures: now even the right password waits.
    const locked = await post("/auth/login", { userCode: "E40125", password: "Clave-Segura-2026" })
    expect(locked.status).toBe(429)
    expect(locked.body.error.code).toBe("rate-limited")
  })

  it("the limits are counted in the database: two server processes on one database share them", async () => {
    // Two sign-in services on the same database, as two processes behind a load balancer.
    const [a, b] = await Promise.all([backend.runPromise(makeAuth({ maxFailuresPerAccount: 4 })), backend.runPromise(makeAuth({ maxFailuresPerAccount: 4 }))])
    await backend.runPromise(a.setPassword("U10288", "Otra-Clave-2026"))
    for (const [i, auth] of [a, b, a, b].entries()) {
      const out = await backend.runPromise(auth.login({ userCode: "U10288", password: `mal-${i}` }, `10.0.0.${i}`))
      expect(out.ok).toBe(false)
    }
    const right = await backend.runPromise(b.login({ userCode: "U10288", password: "Otra-Clave-2026" }, "10.0.0.9"))
    expect(right).toEqual({ ok: false, refusal: "rate-limited" })
  })

  it("a password reset answers the same for any account, and is rate-limited too", async () => {
    const a = await post("/auth/reset", { userCode: "U10210" })
    const b = await post("/auth/reset", { userCode: "NADIE" })
    expect(a).toEqual(b)
    expect(a.status).toBe(202)
    for (let i = 0; i < 3; i++) await post("/auth/reset", { userCode: "U10007" })
    expect((await post("/auth/reset", { userCode: "U10007" })).status).toBe(429)
  })

  it("a reset e-mails a one-shot link: it sets a new password, ends the sessions, and cannot be used twice", async () => {
    const auth = await backend.runPromise(makeAuth())
    await backend.runPromise(auth.setPassword("U10210", "Clave-Antigua-2026"))
    const before = await post("/auth/login", { userCode: "U10210", password: "Clave-Antigua-2026" })
    expect(before.status).toBe(200)
    const mailsBefore = (await backend.runPromise(pendingMail)).length
    expect((await post("/auth/reset", { userCode: "NADIE-123" })).status).toBe(202)
    expect((await backend.runPromise(pendingMail)).length).toBe(mailsBefore)
    expect((await post("/auth/reset", { userCode: "U10210" })).status).toBe(202)
    const mails = await backend.runPromise(pendingMail)
    const mail = mails.at(-1)!
    expect(mails.length).toBe(mailsBefore + 1)
    expect(mail.to).toEqual(["cvilchez@cgr.example.pe"])
    expect(mail.subject).toBe("Restablecer su contraseña")
    const token = /#token=([\w-]+)/.exec(mail.text)![1]
    expect(mail.html).toContain(`#token=${token}`)
    expect((await post("/auth/reset/confirm", { token, password: "corta" })).body.error.code).toBe("weak-password")
    expect((await post("/auth/reset/confirm", { token, password: "Clave-Nueva-2026" })).status).toBe(200)
    // The old password and the old session are gone; the link is spent.
    expect((await post("/auth/login", { userCode: "U10210", password: "Clave-Antigua-2026" })).status).toBe(401)
    expect((await get("/tickets?mine=1", { authorization: `Bearer ${before.body.token}` })).status).toBe(401)
    expect((await post("/auth/login", { userCode: "U10210", password: "Clave-Nueva-2026" })).status).toBe(200)
    const again = await post("/auth/reset/confirm", { token, password: "Otra-Clave-2026" })
    expect([again.status, again.body.error.code]).toEqual([400, "invalid-token"])
  })

  it("with a captcha hook, a sign-in needs an answer it accepts", async () => {
    const auth = await backend.runPromise(makeAuth({ verifyCaptcha: async (token, answer) => token === "t1" && answer === "X7K2" }))
    const u = await backend.runPromise(auth.login({ userCode: "E40125", password: "Clave-Segura-2026" }, "10.0.0.9"))
    expect(u).toMatchObject({ ok: false, refusal: "bad-captcha" })
    const bad = await backend.runPromise(auth.login({ userCode: "E40125", password: "Clave-Segura-2026", captcha: { token: "t1", answer: "NOPE" } }, "10.0.0.9"))
    expect(bad).toMatchObject({ ok: false, refusal: "bad-captcha" })
    const good = await backend.runPromise(auth.login({ userCode: "E40125", password: "Clave-Segura-2026", captcha: { token: "t1", answer: "X7K2" } }, "10.0.0.9"))
    expect(good.ok).toBe(true)
  })
})
