// The example backend under hostile input, as an attacker would send it: random methods,
// paths (ids with `..`, NULs, very long segments, unknown routes), content types, bodies
// (broken JSON, wrong types, prototype keys, torn multipart, random bytes) and callers
// (unknown users, forged bearer tokens, garbage idempotency keys). Every answer is a typed
// refusal or a success of the contract — never a 500, never a stack trace, never a body that
// is not JSON — and nothing is filed by a request the contract refuses. The server still
// answers afterwards.
import fc from "fast-check"
import { ACTOR_HEADER } from "@ecasilla/core/http"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startExample, ticketDraft } from "./fixtures.js"

let example: Awaited<ReturnType<typeof startExample>>
beforeAll(async () => {
  example = await startExample({ casilla: { trustAnchors: [] } })
}, 60_000)
afterAll(async () => {
  await example?.close()
})

const ROSA = "E40125"
const LEAD = "U10007"

const segment = fc.oneof(
  fc.constantFrom("tkt_1", "by-number", "CAU-2026-000001", "..", "%2e%2e", "%00", "a%2Fb", "x".repeat(3000), "📎", "edit", "notes", "attachments", "requests", "notifications", "casillas", "count"),
  fc.string({ maxLength: 12 }).map(encodeURIComponent)
)
const path = fc.oneof(
  fc.constantFrom(
    "/api/tickets",
    "/api/tickets/tkt_nope",
    "/api/tickets/tkt_nope/assign",
    "/api/tickets/tkt_nope/notes",
    "/api/tickets/by-number/CAU-2026-999999",
    "/api/users?q=%00&limit=-5",
    "/api/tickets?limit=1e309&mine=1",
    "/api/sari/requests?view=inbox&states=%00,Enviada",
    "/api/sari/requests?view=nope",
    "/api/sari/approvals",
    "/api/casilla/notifications?limit=abc&unread=2",
    "/api/casilla/notifications/count",
    "/api/casilla/casillas",
    "/api/auth/login",
    "/api/auth/reset",
    "/api/auth/reset/confirm",
    "/api/auth/logout",
    "/api/catalog",
    "/nope"
  ),
  fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => `/api/${parts.join("/")}`)
)
const json = fc.oneof(
  fc.constant(JSON.stringify(ticketDraft("Ticket del atacante"))),
  fc.constant(JSON.stringify({ ...ticketDraft("Ticket del atacante"), tipo: 5, attachments: [{ name: "x.pdf", base64: "!!" }] })),
  fc.constant(`{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}},"titulo":"Ticket del atacante"}`),
  fc.constant(`{"analystId":{"$ne":null},"requestIds":"*","changes":[{"op":"add","role":"jefe-oci"}],"userCode":["U10007"],"password":{"length":9}}`),
  fc.constant("{\"titulo\": \"Ticket del atacante\""),
  fc.constant("[]"),
  fc.constant("null"),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 200 })
)
const multipart = fc.tuple(fc.constantFrom("xyz", "", "a".repeat(80)), fc.string({ maxLength: 200 })).map(([boundary, rest]) => ({
  type: `multipart/form-data; boundary=${boundary}`,
  body: `--${boundary}\r\ncontent-disposition: form-data; name="files"; filename="../../etc/passwd"\r\n\r\n${rest}`
}))
// Well-formed multipart whose text fields carry anything (NUL, bidi controls, 2 kB).
const text = fc.oneof(fc.constantFrom("\u0000", "a\u0000b", "\u202e", "x".repeat(2048), "cas_1"), fc.string({ maxLength: 20 }))
const fieldsForm = fc.record({ casillaId: text, emisorId: text, numero: text, asunto: text, titulo: text, tipo: text, telefono: text }).map((fields) => {
  const boundary = "----hostile"
  const parts = Object.entries(fields).map(([name, value]) => `--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
  return { type: `multipart/form-data; boundary=${boundary}`, body: `${parts.join("")}--${boundary}--\r\n` }
})
const body = fc.oneof(
  fieldsForm,
  json.map((b) => ({ type: "application/json", body: b })),
  multipart,
  fc.uint8Array({ maxLength: 300 }).map((b) => ({ type: "application/octet-stream", body: Buffer.from(b) as unknown as string })),
  fc.string({ maxLength: 100 }).map((b) => ({ type: "text/plain", body: b })),
  fc.constant({ type: "application/json", body: "" })
)
const caller = fc.oneof(
  fc.constant<Record<string, string>>({ [ACTOR_HEADER]: ROSA }),
  fc.constant<Record<string, string>>({ [ACTOR_HEADER]: LEAD }),
  fc.constant<Record<string, string>>({ [ACTOR_HEADER]: "system" }),
  fc.constant<Record<string, string>>({ [ACTOR_HEADER]: "U99999" }),
  fc.constant<Record<string, string>>({ authorization: "Bearer forged-token" }),
  fc.constant<Record<string, string>>({ authorization: "Basic YWRtaW46YWRtaW4=" }),
  fc.constant<Record<string, string>>({ [ACTOR_HEADER]: ROSA, "idempotency-key": "../../x" }),
  fc.constant<Record<string, string>>({})
)
const request = fc.record({ method: fc.constantFrom("GET", "POST", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"), path, body, caller })

const REFUSALS = new Set([400, 401, 403, 404, 405, 409, 413, 415, 422, 429])

describe("the example backend under hostile requests", () => {
  it("answers every one with a typed refusal or a success of the contract, never a 500, and files nothing it refuses", async () => {
    const mine = async () => {
      const res = await fetch(`${example.api.url}/api/tickets?limit=500`, { headers: { [ACTOR_HEADER]: LEAD } })
      return ((await res.json()) as Array<{ titulo: string }>).filter((t) => t.titulo === "Ticket del atacante").length
    }
    let filed = 0
    await fc.assert(
      fc.asyncProperty(request, async ({ method, path, body, caller }) => {
        const res = await fetch(`${example.api.url}${path}`, {
          method,
          headers: { ...caller, ...(method === "GET" ? {} : { "content-type": body.type }) },
          ...(method === "GET" || method === "OPTIONS" ? {} : { body: body.body })
        })
        const text = await res.text()
        expect(res.status, `${method} ${path.slice(0, 120)} → ${res.status} ${text.slice(0, 200)}`).not.toBe(500)
        expect(res.status < 300 || REFUSALS.has(res.status), `${method} ${path.slice(0, 120)} → ${res.status}`).toBe(true)
        expect(text).not.toMatch(/\n\s+at |node_modules|SqlError|TypeError|undefined is not/)
        if (res.status >= 400) {
          const parsed = JSON.parse(text) as { error?: { code?: string; _tag?: string } }
          expect(parsed.error?.code ?? parsed.error?._tag, text.slice(0, 200)).toBeTypeOf("string")
        }
        // Only a well-formed create by a known caller may file the attacker's ticket.
        if (res.status === 201 && path.split("?")[0] === "/api/tickets") filed++
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 300) }
    )
    expect(await mine()).toBe(filed)
    const health = await fetch(`${example.api.url}/api/health`)
    expect(await health.json()).toEqual({ ok: true })
  }, 120_000)
})
