// @ecasilla/adapters/http: the core's TicketService and Directory over the example backend,
// through a client derived from the contract. The same service calls the elements make, on
// HTTP: answers decode with the core's Schemas, refusals come back as the core's tagged
// errors, and a backend that answers garbage, or not at all, is a typed `unavailable`.
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { layerHttpCau } from "@ecasilla/adapters/http"
import { cauDemoUsers } from "@ecasilla/adapters/memory"
import { TicketService } from "@ecasilla/core/cau"
import { Directory } from "@ecasilla/core/ports"
import { systemPrincipal } from "@ecasilla/core/roles"
import { Cause, Duration, Effect, Exit, ManagedRuntime } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startExample, ticketDraft } from "./fixtures.js"

const [rosa, jorge, carla, , patricia] = cauDemoUsers
let example: Awaited<ReturnType<typeof startExample>>
const extra: Array<Server> = []
beforeAll(async () => {
  example = await startExample()
}, 60_000)
afterAll(async () => {
  await example?.close()
  for (const s of extra) await new Promise((r) => s.close(r))
})

const runtimeOn = (baseUrl: string, timeout = Duration.seconds(10)) => ManagedRuntime.make(layerHttpCau({ baseUrl, timeout, retries: 1 }))
const failureOf = async <A, E>(runtime: ReturnType<typeof runtimeOn>, f: (s: TicketService["Service"]) => Effect.Effect<A, E>) => {
  const exit = await runtime.runPromiseExit(Effect.flatMap(Effect.service(TicketService), f))
  if (Exit.isSuccess(exit)) throw new Error("expected a failure")
  return Cause.squash(exit.cause) as { _tag: string; reason: string; issues?: Array<{ field: string }> }
}
const draft = { ...ticketDraft(), descripcion: "<p>Desde ayer no veo notificaciones.</p><script>x()</script>" }
const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52])

describe("layerHttpCau against the example backend", () => {
  it("files with an attachment, edits, finds by number, reads the attachment back, lists, and a lead assigns", async () => {
    const runtime = runtimeOn(example.api.url)
    const s = await runtime.runPromise(Effect.service(TicketService))
    const created = await runtime.runPromise(s.createTicket(rosa, { ...draft, attachments: [{ name: "captura.png", bytes: png }] }))
    expect(created.state).toBe("Registrada")
    expect(created.descripcion).not.toContain("<script")
    const edited = await runtime.runPromise(s.editTicket(rosa, created.id, { titulo: "Ya no llega la notificación" }))
    expect(edited.titulo).toBe("Ya no llega la notificación")
    const byNumber = await runtime.runPromise(s.getTicketByNumber(rosa, created.number))
    expect(byNumber.id).toBe(created.id)
    const file = await runtime.runPromise(s.getAttachment(rosa, created.id, created.attachments[0].id))
    expect(file.bytes).toEqual(png)
    expect(file.meta.name).toBe("captura.png")
    expect((await runtime.runPromise(s.listTickets(rosa, { requesterId: rosa.id }))).map((t) => t.id)).toContain(created.id)
    const assigned = await runtime.runPromise(s.assignTicket(patricia, created.id, { analystId: carla.id, supportGroup: "Soporte Casilla" }))
    expect(assigned.analyst?.id).toBe(carla.id)
    // The directory the form searches for "en nombre de", as the signed-in person.
    const users = await runtime.runPromise(Effect.flatMap(Effect.service(Directory), (d) => d.searchUsers("vilchez")))
    expect(users.map((u) => u.id)).toEqual([carla.id])
    await runtime.dispose()
  })

  it("the backend's refusals come back as the core's tagged errors", async () => {
    const runtime = runtimeOn(example.api.url)
    expect(await failureOf(runtime, (s) => s.getTicket(rosa, "tkt_nope"))).toMatchObject({ _tag: "@ecasilla/core/cau/TicketError", reason: "not-found" })
    const invalid = await failureOf(runtime, (s) => s.createTicket(rosa, { ...draft, titulo: " ", telefono: "12" }))
    expect(invalid._tag).toBe("@ecasilla/core/cau/TicketValidationError")
    expect(invalid.issues!.map((i) => i.field)).toEqual(expect.arrayContaining(["titulo", "telefono"]))
    const mine = await runtime.runPromise(Effect.flatMap(Effect.service(TicketService), (s) => s.createTicket(rosa, draft)))
    // Someone who may not see it is told it does not exist (the backend's rule, not the adapter's).
    expect(await failureOf(runtime, (s) => s.getTicket(jorge, mine.id))).toMatchObject({ reason: "not-found" })
    expect(await failureOf(runtime, (s) => s.autoCloseResolved(systemPrincipal))).toMatchObject({ reason: "not-allowed" })
    await runtime.dispose()
  })

  it("a backend that answers garbage, or does not answer, is a typed unavailable, not a crash", async () => {
    const garbage = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" })
      res.end('{"not":"a ticket"}')
    })
    const silent = createServer(() => {})
    for (const s of [garbage, silent]) {
      extra.push(s)
      await new Promise<void>((r) => s.listen(0, "127.0.0.1", () => r()))
    }
    const url = (s: Server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`
    const onGarbage = runtimeOn(url(garbage))
    expect(await failureOf(onGarbage, (s) => s.getTicket(rosa, "tkt_1"))).toMatchObject({ _tag: "@ecasilla/core/cau/TicketStoreError", reason: "unavailable" })
    expect(await failureOf(onGarbage, (s) => s.createTicket(rosa, draft))).toMatchObject({ reason: "unavailable" })
    const onSilent = runtimeOn(url(silent), Duration.millis(300))
    expect(await failureOf(onSilent, (s) => s.createTicket(rosa, draft))).toMatchObject({ reason: "unavailable" })
    const nowhere = runtimeOn("http://127.0.0.1:9")
    expect(await failureOf(nowhere, (s) => s.listTickets(rosa))).toMatchObject({ reason: "unavailable" })
    for (const r of [onGarbage, onSilent, nowhere]) await r.dispose()
  })
})

describe("layerHttpCau with the page's session", () => {
  it("sends the session's Authorization on every call: the backend knows the caller by it, not by the acting header", async () => {
    const { makeAuth } = await import("../src/auth.js")
    const { startServer } = await import("../src/server.js")
    const auth = await example.backend.runPromise(makeAuth())
    await example.backend.runPromise(auth.setPassword(rosa.id, "Clave-Segura-2026"))
    // A backend that trusts sessions only (no SSO header).
    const strict = await startServer(example.backend, { host: "127.0.0.1", port: 0, trustActorHeader: false })
    try {
      const login = await fetch(`${strict.url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ userCode: rosa.id, password: "Clave-Segura-2026" }) })
      expect(login.status).toBe(200)
      let session: string | undefined = ((await login.json()) as { token: string }).token
      const runtime = ManagedRuntime.make(layerHttpCau({ baseUrl: strict.url, retries: 0, authorization: () => (session ? `Bearer ${session}` : undefined) }))
      const s = await runtime.runPromise(Effect.service(TicketService))
      // The acting header names someone else; the session decides.
      const created = await runtime.runPromise(s.createTicket(jorge, ticketDraft("Con sesión iniciada")))
      expect(created.requester.id).toBe(rosa.id)
      // Signed out: the same calls are refused.
      session = undefined
      const exit = await runtime.runPromiseExit(s.getTicket(rosa, created.id))
      expect(Exit.isFailure(exit)).toBe(true)
      await runtime.dispose()
    } finally {
      await strict.close()
    }
  })
})
