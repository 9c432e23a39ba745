// The example backend end to end on 127.0.0.1: the seed flow over HTTP, stored in PGlite
// on disk, validated by the core; bad requests get clear, typed errors and change nothing.
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { cauDemoUsers } from "@ecasilla/adapters/memory"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { ACTOR_HEADER } from "@ecasilla/core/http"
import { startServer } from "../src/server.js"
import { openBackend, type Backend } from "../src/server.js"
import { layerPglite, pendingMail, upsertUsers } from "../src/sql/index.js"

const dir = mkdtempSync(join(tmpdir(), "ecasilla-server-"))
const dataDir = join(dir, "pgdata")
let backend: Backend
let api: Awaited<ReturnType<typeof startServer>>
const mailOf = () => backend.runPromise(pendingMail)

beforeAll(async () => {
  backend = await openBackend(layerPglite({ dataDir }))
  await backend.runPromise(upsertUsers(cauDemoUsers))
  api = await startServer(backend, { host: "127.0.0.1", port: 0 })
}, 60_000)
afterAll(async () => {
  await api?.close()
  await backend?.dispose()
  rmSync(dir, { recursive: true, force: true })
})

const call = async (user: string | undefined, method: string, path: string, body?: unknown, raw?: string) => {
  const res = await fetch(`${api.url}/api${path}`, {
    method,
    headers: { "content-type": "application/json", ...(user ? { [ACTOR_HEADER]: user } : {}) },
    body: raw ?? (body === undefined ? undefined : JSON.stringify(body))
  })
  return { status: res.status, body: await res.json() as any }
}

const REQUESTER = "E40125"
const LEAD = "U10007"
const ANALYST = "U10210"
const draft = {
  titulo: "No llega la notificación a mi casilla",
  descripcion: '<p>Desde ayer <b>no</b> veo notificaciones.</p><img src=x onerror="alert(1)"><script>alert(2)</script>',
  tipo: "Incidencia",
  categoria: "aplicativos.casilla.problemas-notificacion",
  telefono: "+51 984 123 456"
}

describe("example backend (PGlite)", () => {
  let id = ""

  it("creates a ticket validated and sanitized by the core", async () => {
    const r = await call(REQUESTER, "POST", "/tickets", {
      ...draft,
      attachments: [{ name: "captura.png", base64: Buffer.from("89504e470d0a1a0a0000000d49484452", "hex").toString("base64") }]
    })
    expect(r.status).toBe(201)
    expect(r.body.state).toBe("Registrada")
    expect(r.body.number).toMatch(/^CAU-\d{4}-\d{6}$/)
    expect(r.body.descripcion).toContain("<b>no</b>")
    expect(r.body.descripcion).not.toMatch(/onerror|<script/i)
    expect(r.body.attachments).toHaveLength(1)
    id = r.body.id
  })

  it("walks the whole seed flow to Cerrada, with the e-mails queued in the outbox", async () => {
    expect((await call(LEAD, "POST", `/tickets/${id}/assign`, { analystId: ANALYST, supportGroup: "Soporte Casilla" })).body.state).toBe("Asignada-Pendiente")
    expect((await call(REQUESTER, "POST", `/tickets/${id}/notes`, { message: "Adjunto más detalles." })).status).toBe(200)
    expect((await call(ANALYST, "POST", `/tickets/${id}/resolve`, { answer: "<p>Se corrigió el correo.</p>" })).body.state).toBe("Resuelta")
    expect((await call(REQUESTER, "POST", `/tickets/${id}/incorrecta`, { comment: "Sigue sin llegar." })).body.state).toBe("Asignada-Pendiente")
    expect((await call(ANALYST, "POST", `/tickets/${id}/resolve`, { answer: "<p>Se reprocesó la cola.</p>" })).body.state).toBe("Resuelta")
    expect((await call(REQUESTER, "POST", `/tickets/${id}/correcta`, {})).status).toBe(200)
    const closed = await call(REQUESTER, "POST", `/tickets/${id}/survey`, { level: "satisfecho" })
    expect(closed.body.state).toBe("Cerrada")
    // The requester's three kinds of e-mail (the analyst also gets the note and the "incorrecta").
    const mails = (await mailOf()).filter((m) => m.to.includes("rquispe@oci-cusco.example.pe"))
    const number = closed.body.number
    expect(mails.map((m) => m.subject)).toEqual([
      `[CAU] Se registró su incidencia N° ${number}`,
      `[CAU] Se respondió su incidencia N° ${number}: califique la atención`,
      `[CAU] Se respondió su incidencia N° ${number}: califique la atención`,
      `[CAU] Se cerró su incidencia N° ${number}`
    ])
    expect((await mailOf()).filter((m) => m.to.includes("cvilchez@cgr.example.pe")).length).toBe(2)
  })

  it("answers bad requests with typed errors and changes nothing", async () => {
    const before = (await call(REQUESTER, "GET", `/tickets/${id}`)).body
    expect((await call(undefined, "GET", "/tickets")).status).toBe(401)
    expect((await call("U99999", "GET", "/tickets")).status).toBe(401)
    const badJson = await call(REQUESTER, "POST", "/tickets", undefined, "{not json")
    expect(badJson.status).toBe(400)
    expect(badJson.body.error.message).toMatch(/JSON/)
    const invalid = await call(REQUESTER, "POST", "/tickets", { ...draft, titulo: "  ", telefono: "123" })
    expect(invalid.status).toBe(422)
    expect(invalid.body.error._tag).toBe("@ecasilla/core/cau/TicketValidationError")
    expect(invalid.body.error.issues.map((i: { field: string }) => i.field)).toEqual(expect.arrayContaining(["titulo", "telefono"]))
    // Someone who may not see the ticket is told it does not exist; a staff member who sees
    // it but may not rate it is refused.
    const hidden = await call("U18342", "POST", `/tickets/${id}/survey`, { level: "satisfecho" })
    expect(hidden.status).toBe(404)
    expect(hidden.body.error).toMatchObject({ _tag: "@ecasilla/core/cau/TicketError", reason: "not-found" })
    const forbidden = await call(ANALYST, "POST", `/tickets/${id}/survey`, { level: "satisfecho" })
    expect(forbidden.status).toBe(403)
    expect(forbidden.body.error).toMatchObject({ _tag: "@ecasilla/core/cau/TicketError", reason: "not-your-ticket" })
    expect((await call(REQUESTER, "POST", `/tickets/${id}/explode`)).status).toBe(404)
    expect((await call(REQUESTER, "GET", "/tickets/tkt_nope")).status).toBe(404)
    const fakePdf = await call(REQUESTER, "POST", "/tickets", { ...draft, attachments: [{ name: "informe.pdf", base64: Buffer.from("MZ\x90\x00 not a pdf").toString("base64") }] })
    expect(fakePdf.status).toBe(422)
    expect((await call(REQUESTER, "POST", "/tickets", { ...draft, attachments: "nope" })).status).toBe(400)
    // Bodies the contract's Schemas do not decode, and broken multipart, are 400 problems
    // naming what is wrong; an unknown route a 404 problem.
    const wrongType = await call(REQUESTER, "POST", "/tickets", { ...draft, tipo: 5 })
    expect(wrongType.status).toBe(400)
    expect(wrongType.body.error.code).toBe("bad-request")
    expect(wrongType.body.error.message).toMatch(/tipo/)
    const brokenForm = await fetch(`${api.url}/api/tickets`, {
      method: "POST",
      headers: { "content-type": "multipart/form-data; boundary=xyz", [ACTOR_HEADER]: REQUESTER },
      body: "--xyz\r\ncontent-disposition: form-data; name=\"titulo\"\r\n\r\nsin fin"
    })
    expect(brokenForm.status).toBe(400)
    expect(((await brokenForm.json()) as any).error.code).toMatch(/^bad-/)
    // What fuzzing found: a NUL (PostgreSQL refuses it in text) is a 400, in the address or
    // in JSON; a target like `//` is an unknown route, not a crash.
    const nul = await call(LEAD, "GET", "/users?q=%00")
    expect([nul.status, nul.body.error.code]).toEqual([400, "bad-request"])
    const nulJson = await call(REQUESTER, "POST", "/tickets", { ...draft, telefono: "987\u0000654321" })
    expect([nulJson.status, nulJson.body.error.code]).toEqual([400, "bad-request"])
    const slashes = await fetch(`${api.url}/api/..//`)
    expect(slashes.status).toBe(404)
    expect(((await slashes.json()) as any).error.code).toBe("not-found")
    const unknown = await call(REQUESTER, "GET", "/nada/de/esto")
    expect(unknown.status).toBe(404)
    expect(unknown.body.error.code).toBe("not-found")
    expect((await call(REQUESTER, "GET", `/tickets/${id}`)).body).toEqual(before)
    // Someone else's ticket is not found, and their list holds only their own tickets.
    expect((await call("U18342", "GET", `/tickets/${id}`)).status).toBe(404)
    expect((await call("U18342", "GET", `/tickets?requesterId=${REQUESTER}`)).body).toEqual([])
    expect((await call(LEAD, "GET", `/tickets?requesterId=${REQUESTER}`)).body).toHaveLength(1)
    expect((await call(REQUESTER, "GET", "/tickets?mine=1")).body).toHaveLength(1)
  })

  it("refuses what a cross-site page could send: non-JSON bodies (415), preflights (no CORS header), oversized bodies (413 before reading)", async () => {
    const before = (await call(REQUESTER, "GET", "/tickets?mine=1")).body.length
    const form = await fetch(`${api.url}/api/tickets`, { method: "POST", headers: { "content-type": "text/plain", [ACTOR_HEADER]: REQUESTER }, body: JSON.stringify(draft) })
    expect(form.status).toBe(415)
    expect((await form.json()).error.code).toBe("unsupported-media-type")
    const urlencoded = await fetch(`${api.url}/api/tickets`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", [ACTOR_HEADER]: REQUESTER }, body: "titulo=x" })
    expect(urlencoded.status).toBe(415)
    const preflight = await fetch(`${api.url}/api/tickets`, { method: "OPTIONS", headers: { origin: "https://evil.example", "access-control-request-method": "POST" } })
    expect(preflight.status).toBe(405)
    expect(preflight.headers.get("access-control-allow-origin")).toBe(null)
    const cross = await fetch(`${api.url}/api/tickets?mine=1`, { headers: { origin: "https://evil.example", [ACTOR_HEADER]: REQUESTER } })
    expect(cross.headers.get("access-control-allow-origin")).toBe(null)
    const { request } = await import("node:http")
    const big = await new Promise<number>((resolve, reject) => {
      const u = new URL(`${api.url}/api/tickets`)
      const r = request({ host: u.hostname, port: u.port, path: u.pathname, method: "POST", headers: { "content-type": "application/json", "content-length": String(30 * 1024 * 1024), [ACTOR_HEADER]: REQUESTER } }, (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
      })
      r.on("error", reject)
      r.write("{")
    })
    expect(big).toBe(413)
    expect((await call(REQUESTER, "GET", "/tickets?mine=1")).body.length).toBe(before)
  })

  it("keeps tickets and numbering across a restart of the server (the PGlite folder)", async () => {
    await api.close()
    await backend.dispose()
    backend = await openBackend(layerPglite({ dataDir }))
    api = await startServer(backend, { host: "127.0.0.1", port: 0 })
    expect((await call(REQUESTER, "GET", `/tickets/${id}`)).body.state).toBe("Cerrada")
    const next = await call(REQUESTER, "POST", "/tickets", draft)
    expect(next.body.number.slice(-6)).toBe("000002")
  })
})
