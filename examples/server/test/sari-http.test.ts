// @ecasilla/adapters/http's layerHttpSari against the example backend (PGlite): SARI's
// service calls over the contract's `sari` group. The operator finds a colleague, files and
// sends a request, the head of the unit approves it and the roles change on the backend;
// refusals (an operator approving, a head of another unit, a request already open) come back
// as the core's SariError with the contract's status; a backend that answers garbage is a
// typed `unavailable`.
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { layerHttpSari } from "@ecasilla/adapters/http"
import { sariDemoUser } from "@ecasilla/adapters/memory"
import { sariHttpStatus } from "@ecasilla/core/http"
import { SariService } from "@ecasilla/core/sari"
import { Cause, Duration, Effect, Exit, ManagedRuntime } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { ACTOR_HEADER } from "@ecasilla/core/http"
import { pendingMail } from "../src/sql/index.js"
import { startExample } from "./fixtures.js"

const operador = sariDemoUser("E20101")!
const jefe = sariDemoUser("E20102")!
const otroJefe = sariDemoUser("E30101")!
let example: Awaited<ReturnType<typeof startExample>>
let garbage: Server
beforeAll(async () => {
  example = await startExample()
  garbage = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" })
    res.end(JSON.stringify({ not: "a request" }))
  })
  await new Promise<void>((r) => garbage.listen(0, "127.0.0.1", r))
}, 60_000)
afterAll(async () => {
  await new Promise((r) => garbage?.close(r))
  await example?.close()
})

const runtimeOn = (baseUrl: string) => ManagedRuntime.make(layerHttpSari({ baseUrl, timeout: Duration.seconds(10), retries: 1 }))
const failureOf = async (runtime: ReturnType<typeof runtimeOn>, f: (s: SariService["Service"]) => Effect.Effect<unknown, unknown>) => {
  const exit = await runtime.runPromiseExit(Effect.flatMap(Effect.service(SariService), f))
  if (Exit.isSuccess(exit)) throw new Error("expected a failure")
  return Cause.squash(exit.cause) as { _tag: string; reason: string; openNumber?: string }
}

/** Polls `ready` until it holds (the relay runs after the answer, not before it). */
const waitFor = async (ready: () => Promise<boolean>, ms = 10_000) => {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) if (await ready()) return
  throw new Error("timed out waiting")
}

describe("layerHttpSari against the example backend", () => {
  it("find, file and send, the head approves, the roles change; the audit trail tells it", async () => {
    const runtime = runtimeOn(example.api.url)
    const s = await runtime.runPromise(Effect.service(SariService))
    const found = await runtime.runPromise(s.findCollaborators(operador, "44567890"))
    expect(found.map((v) => [v.collaborator.name, v.roles.casilla])).toEqual([["Ana Mendoza Ríos", ["notificador"]]])
    const r = await runtime.runPromise(s.createRequest(operador, { collaboratorId: "E20105", system: "casilla", changes: [{ op: "remove", role: "notificador" }, { op: "add", role: "auxiliar-casilla" }], send: true }))
    expect(r.state).toBe("Enviada")
    expect(r.number).toMatch(/^SARI-\d{4}-\d{6}$/)
    const inbox = await runtime.runPromise(s.listRequests(jefe, { view: "inbox", states: ["Enviada"] }))
    expect(inbox.map((x) => x.id)).toContain(r.id)
    const approved = await runtime.runPromise(s.approveRequest(jefe, r.id))
    expect(approved.state).toBe("Aprobada")
    const after = await runtime.runPromise(s.findCollaborators(operador, "44567890"))
    expect(after[0].roles.casilla).toEqual(["auxiliar-casilla"])
    expect((await runtime.runPromise(s.auditTrail(operador, r.id))).map((e) => e.action)).toEqual(["created", "sent", "approved", "role-granted", "role-revoked"])
    // SARI's e-mails leave from the backend's outbox: the approvers are asked to approve, then the
    // requester and the colleague are told; a second relay sends nothing twice.
    const mailsOf = async () => (await example.backend.runPromise(pendingMail)).filter((m) => m.subject.includes(r.number))
    await waitFor(async () => (await mailsOf()).length === 2)
    await example.api.relay()
    const mails = await mailsOf()
    expect(mails.map((m) => [m.subject, [...m.to].sort()])).toEqual([
      [`[SARI] Solicitud ${r.number} pendiente de aprobación`, ["e20102@demo.contraloria.gob.pe", "e20103@demo.contraloria.gob.pe"]],
      [`[SARI] Solicitud ${r.number} aprobada`, ["e20101@demo.contraloria.gob.pe", "e20105@demo.contraloria.gob.pe"]]
    ])
    await runtime.dispose()
  })

  it("refusals are the core's SariError with the contract's status; a bulk approval says what went through", async () => {
    const runtime = runtimeOn(example.api.url)
    const s = await runtime.runPromise(Effect.service(SariService))
    const r = await runtime.runPromise(s.createRequest(operador, { collaboratorId: "E20106", system: "casilla", changes: [{ op: "add", role: "notificador" }], send: true }))
    // The operator may not approve; the head of another unit does not even see it.
    const own = await failureOf(runtime, (x) => x.approveRequest(operador, r.id))
    expect(own._tag).toBe("@ecasilla/core/sari/SariError")
    expect(sariHttpStatus(own)).toBe(403)
    const other = await failureOf(runtime, (x) => x.getRequest(otroJefe, r.id))
    expect([other._tag, other.reason]).toEqual(["@ecasilla/core/sari/SariError", "not-found"])
    // A second open request for the same colleague and system names the first.
    const twice = await failureOf(runtime, (x) => x.createRequest(operador, { collaboratorId: "E20106", system: "casilla", changes: [{ op: "add", role: "notificador" }] }))
    expect(twice.reason).toBe("open-request-exists")
    expect(twice.openNumber).toBe(r.number)
    // Over plain HTTP the same refusal carries its status.
    const res = await fetch(`${example.api.url}/api/sari/requests/${r.id}/approve`, { method: "POST", headers: { "content-type": "application/json", [ACTOR_HEADER]: operador.id }, body: "{}" })
    expect(res.status).toBe(403)
    const bulk = await runtime.runPromise(s.approveRequests(jefe, [r.id, "sari_nope"]))
    expect(bulk.map((b) => [b.requestId, b.result._tag])).toEqual([[r.id, "Success"], ["sari_nope", "Failure"]])
    await runtime.dispose()
  })

  it("a backend that answers garbage, or does not answer, is a typed unavailable", async () => {
    const g = runtimeOn(`http://127.0.0.1:${(garbage.address() as AddressInfo).port}`)
    const bad = await failureOf(g, (x) => x.listRequests(jefe, { view: "inbox" }))
    expect([bad._tag, bad.reason]).toEqual(["@ecasilla/core/sari/SariStoreError", "unavailable"])
    await g.dispose()
    const none = runtimeOn("http://127.0.0.1:9")
    const down = await failureOf(none, (x) => x.getRequest(jefe, "sari_1"))
    expect(down.reason).toBe("unavailable")
    await none.dispose()
  })
})
