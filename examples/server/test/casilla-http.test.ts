// @ecasilla/adapters/http's layerHttpCasilla against the example backend (PGlite): the
// casilla's service calls over the contract's `casilla` group, with real signed PDFs from the
// throwaway PKI under the backend's trust anchors. The auxiliar opens a casilla, the
// notificador prepares a notification (its PDF as a multipart part), the emisor signs, the
// notificador deposits (the backend verifies the signature), the receptor finds it unread,
// opens it, downloads the PDF byte for byte and gets the constancia. Refusals (a PDF changed
// after signing, someone else's notification) are the core's CasillaError with the contract's
// status, and change nothing; a backend that answers garbage is a typed `unavailable`.
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { layerHttpCasilla } from "@ecasilla/adapters/http"
import { CasillaService } from "@ecasilla/core/casilla"
import { casillaHttpStatus } from "@ecasilla/core/http"
import { Cause, Duration, Effect, Exit, ManagedRuntime } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { TestPdf } from "../../../packages/core/test/firma/pdf.js"
import { makePki, type TestPki } from "../../../packages/core/test/firma/pki.js"
import { auxiliar, emisor, notificador, otroReceptor, receptor } from "../../../test/casilla/fixtures.js"
import { pendingMail, seedSqlRoleAssignments, upsertUsers } from "../src/sql/index.js"
import { startExample } from "./fixtures.js"

let pki: TestPki
let example: Awaited<ReturnType<typeof startExample>>
let garbage: Server
beforeAll(async () => {
  pki = await makePki("rsa")
  example = await startExample({ casilla: { trustAnchors: [pki.rootPem] } })
  await example.backend.runPromise(upsertUsers([auxiliar, notificador, emisor, receptor, otroReceptor]))
  // The casilla's staff roles are SARI's to grant: here, as a deployment's seed.
  const seed = (userId: string, role: "auxiliar-casilla" | "notificador" | "emisor") => ({ userId, system: "casilla" as const, role, unitId: "SCM", grantedAt: "2026-01-02T14:00:00.000Z", grantedBy: "seed" })
  await example.backend.runPromise(seedSqlRoleAssignments([seed(auxiliar.id, "auxiliar-casilla"), seed(notificador.id, "notificador"), seed(emisor.id, "emisor")]))
  garbage = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" })
    res.end("[1, 2, 3]")
  })
  await new Promise<void>((r) => garbage.listen(0, "127.0.0.1", r))
}, 60_000)
afterAll(async () => {
  await new Promise((r) => garbage?.close(r))
  await example?.close()
})

const runtimeOn = (baseUrl: string) => ManagedRuntime.make(layerHttpCasilla({ baseUrl, timeout: Duration.seconds(30), retries: 1 }))
const failureOf = async (runtime: ReturnType<typeof runtimeOn>, f: (s: CasillaService["Service"]) => Effect.Effect<unknown, unknown>) => {
  const exit = await runtime.runPromiseExit(Effect.flatMap(Effect.service(CasillaService), f))
  if (Exit.isSuccess(exit)) throw new Error("expected a failure")
  return Cause.squash(exit.cause) as { _tag: string; reason: string; verdict?: string; documentName?: string }
}
const cedula = { numero: "CED-2026-000777", asunto: "Notificación del Informe de Control N° 077-2026", plazoDiasHabiles: 5 }

describe("layerHttpCasilla against the example backend", () => {
  it("casilla opened, notification prepared, signed, deposited with a verified signature, read, downloaded, constancia", async () => {
    const runtime = runtimeOn(example.api.url)
    const s = await runtime.runPromise(Effect.service(CasillaService))
    const casilla = await runtime.runPromise(s.createCasilla(auxiliar, { receptorKind: "persona-natural", loginId: receptor.id, name: receptor.name, email: "receptor.casilla@correo.example.pe", origin: "asignacion-obligatoria" }))
    expect(casilla.state).toBe("Pendiente")
    expect((await runtime.runPromise(s.activateCasilla(auxiliar, casilla.id))).state).toBe("Activa")
    expect((await runtime.runPromise(s.findCasilla(auxiliar, receptor.id))).id).toBe(casilla.id)

    const pdf = (await new TestPdf().sign(pki, { field: "Titular" })).bytes
    const prepared = await runtime.runPromise(s.prepareNotification(notificador, { casillaId: casilla.id, emisor: { id: emisor.id, name: emisor.name }, cedula, documents: [{ name: "informe-077.pdf", bytes: pdf }] }))
    expect(prepared.state).toBe("Borrador")
    const signed = await runtime.runPromise(s.signNotification(emisor, prepared.id))
    expect(signed.state).toBe("Firmada")
    const deposited = await runtime.runPromise(s.depositNotification(notificador, prepared.id))
    expect(deposited.state).toBe("Depositada")
    expect(deposited.documents[0].verification?.verdict).toBe("valid")
    // The receptor's e-mail alert leaves from the casilla's outbox: the cédula, the legal
    // date and the term, no document; a second relay sends it no second time.
    const alertsOf = async () => (await example.backend.runPromise(pendingMail)).filter((m) => m.subject.includes(cedula.numero))
    for (const end = Date.now() + 10_000; (await alertsOf()).length === 0 && Date.now() < end;) await new Promise((r) => setTimeout(r, 50))
    await example.api.relay()
    const alerts = await alertsOf()
    expect(alerts).toHaveLength(1)
    expect(alerts[0].to).toEqual(["receptor.casilla@correo.example.pe"])
    expect(alerts[0].subject).toBe(`[Casilla Electrónica] Nueva notificación ${cedula.numero}`)
    expect(alerts[0].text).toContain(`Asunto: ${cedula.asunto}`)
    expect(alerts[0].text).toMatch(/Depositada el: \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2} -05:00 \(hora de Lima\)/)
    expect(alerts[0].text).toMatch(/Plazo: 5 días hábiles, hasta el \d{2}\/\d{2}\/\d{4}/)

    expect(await runtime.runPromise(s.countNotifications(receptor, { scope: "receptor", unread: true }))).toBe(1)
    const inbox = await runtime.runPromise(s.listNotifications(receptor, { scope: "receptor" }))
    expect(inbox.map((n) => n.cedula.numero)).toEqual([cedula.numero])
    const opened = await runtime.runPromise(s.openNotification(receptor, prepared.id))
    expect(opened.state).toBe("Leída")
    const doc = await runtime.runPromise(s.downloadDocument(receptor, prepared.id, deposited.documents[0].id))
    expect(Buffer.from(doc.bytes).equals(Buffer.from(pdf))).toBe(true)
    const { constancia, pdf: constanciaPdf } = await runtime.runPromise(s.getConstancia(receptor, prepared.id))
    expect(constancia.depositedAt).toBe(deposited.depositedAt)
    expect(new TextDecoder().decode(constanciaPdf.subarray(0, 5))).toBe("%PDF-")

    // Someone else's notification does not exist for them.
    const other = await failureOf(runtime, (x) => x.getNotification(otroReceptor, prepared.id))
    expect(other._tag).toBe("@ecasilla/core/casilla/CasillaError")
    expect(casillaHttpStatus(other)).toBe(404)
    await runtime.dispose()
  })

  it("a PDF changed after signing is refused at deposit with the verifier's verdict, and nothing changes", async () => {
    const runtime = runtimeOn(example.api.url)
    const s = await runtime.runPromise(Effect.service(CasillaService))
    const casilla = await runtime.runPromise(s.findCasilla(auxiliar, receptor.id))
    const pdf = await new TestPdf().sign(pki, { field: "Titular" })
    const text = "BT /F1 24 Tf 72 700 Td (Pague 9999) Tj ET"
    pdf.update({ 4: `<< /Length ${text.length} >>\nstream\n${text}\nendstream` })
    const n = await runtime.runPromise(s.prepareNotification(notificador, { casillaId: casilla.id, emisor: { id: emisor.id, name: emisor.name }, cedula: { ...cedula, numero: "CED-2026-000778" }, documents: [{ name: "resolucion-editada.pdf", bytes: pdf.bytes }] }))
    await runtime.runPromise(s.signNotification(emisor, n.id))
    const refused = await failureOf(runtime, (x) => x.depositNotification(notificador, n.id))
    expect(refused).toMatchObject({ _tag: "@ecasilla/core/casilla/CasillaError", reason: "document-not-valid", verdict: "invalid", documentName: "resolucion-editada.pdf" })
    expect(casillaHttpStatus(refused)).toBe(422)
    expect((await runtime.runPromise(s.getNotification(notificador, n.id))).state).toBe("Firmada")
    await runtime.dispose()
  })

  it("a backend that answers garbage, or does not answer, is a typed unavailable", async () => {
    const g = runtimeOn(`http://127.0.0.1:${(garbage.address() as AddressInfo).port}`)
    const bad = await failureOf(g, (x) => x.getNotification(receptor, "ntf_1"))
    expect([bad._tag, bad.reason]).toEqual(["@ecasilla/core/casilla/CasillaStoreError", "unavailable"])
    await g.dispose()
    const none = runtimeOn("http://127.0.0.1:9")
    expect((await failureOf(none, (x) => x.listNotifications(receptor, { scope: "receptor" }))).reason).toBe("unavailable")
    await none.dispose()
  })
})
