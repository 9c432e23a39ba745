// The deposit rule with real signed PDFs: a titular signature under the deployment's trust
// anchors deposits; a change after signing, an untrusted chain, a non-notificador, an inactive
// casilla are refused, and a refusal changes nothing.
import { type CasillaService, casillaErrorMessage, type Notification } from "@ecasilla/core/casilla"
import { layerCasillaEventOutbox } from "@ecasilla/core/casilla"
import { type DomainEvent, relayEvents } from "@ecasilla/core/ports"
import { Effect } from "effect"
import { createHash } from "node:crypto"
import { beforeAll, describe, expect, it } from "vitest"
import { TestPdf } from "../../packages/core/test/firma/pdf.js"
import { makePki, type TestPki } from "../../packages/core/test/firma/pki.js"
import { auxiliar, emisor, makeCasillaRuntime, notificador, otroNotificador, otroReceptor, receptor, T0 } from "./fixtures.js"

let pki: TestPki
let stranger: TestPki
beforeAll(async () => {
  ;[pki, stranger] = await Promise.all([makePki("rsa"), makePki("rsa")])
})

const cedula = { numero: "CED-2026-000123", asunto: "Notificación del Informe de Control N° 045-2026", plazoDiasHabiles: 5 }

const setup = async (options: { activate?: boolean } = {}) => {
  const h = makeCasillaRuntime({ trustAnchors: [pki.rootPem] })
  await h.setTime(T0)
  const casilla = await h.run((s) => s.createCasilla(auxiliar, { receptorKind: "persona-natural", loginId: receptor.id, name: receptor.name, origin: "asignacion-obligatoria" }))
  if (options.activate !== false) await h.run((s) => s.activateCasilla(auxiliar, casilla.id))
  const prepareSigned = async (bytes: Uint8Array, name = "informe-045.pdf") => {
    const n = await h.run((s) => s.prepareNotification(notificador, { casillaId: casilla.id, emisor: { id: emisor.id, name: emisor.name }, cedula, documents: [{ name, bytes }] }))
    return h.run((s) => s.signNotification(emisor, n.id))
  }
  const snapshot = async (id: string) => ({
    n: await h.run((s) => s.getNotification(notificador, id)),
    events: (await h.store((s) => s.pendingEvents(100))).map((e) => e.tag)
  })
  return { ...h, casilla, prepareSigned, snapshot }
}

const signed = async (who: TestPki) => (await new TestPdf().sign(who, { field: "Titular" })).bytes

describe("deposit of a notification", () => {
  it("deposits a titular-signed PDF: legal date = the commit's, hashes, constancia, event, all together", async () => {
    const h = await setup()
    const bytes = await signed(pki)
    const n = await h.prepareSigned(bytes)
    await h.setTime(T0 + 3_600_000)
    const d = await h.run((s) => s.depositNotification(notificador, n.id))
    expect(d.state).toBe("Depositada")
    expect(d.depositedAt).toBe(new Date(T0 + 3_600_000).toISOString())
    const sha = createHash("sha256").update(bytes).digest("hex")
    expect(d.documents[0]).toMatchObject({ sha256: sha, verification: { verdict: "valid" } })
    expect(d.constancia).toMatchObject({ depositedAt: d.depositedAt, documents: [{ name: "informe-045.pdf", sha256: sha }] })
    const events = await h.store((s) => s.pendingEvents(100))
    const deposited = events.find((e) => e.tag === "@ecasilla/core/casilla/NotificationDeposited")
    expect(deposited?.at).toBe(d.depositedAt)
    expect((deposited?.data as { documents: unknown }).documents).toEqual(d.constancia?.documents)
    const { constancia, pdf } = await h.run((s) => s.getConstancia(receptor, d.id))
    expect(constancia.id).toBe(d.constancia?.id)
    expect(new TextDecoder().decode(pdf.subarray(0, 5))).toBe("%PDF-")
    // The constancia names the hash of the document it certifies.
    const { PDFDocument } = await import("pdf-lib")
    expect((await PDFDocument.load(pdf)).getTitle()).toContain("CED-2026-000123")
  })

  it("refuses a PDF modified after signing, with the reason, and changes nothing", async () => {
    const h = await setup()
    const pdf = await new TestPdf().sign(pki, { field: "Titular" })
    const text = "BT /F1 24 Tf 72 700 Td (Pague 9999) Tj ET"
    pdf.update({ 4: `<< /Length ${text.length} >>\nstream\n${text}\nendstream` })
    const n = await h.prepareSigned(pdf.bytes, "resolucion-editada.pdf")
    const before = await h.snapshot(n.id)
    const e = await h.fail((s) => s.depositNotification(notificador, n.id))
    expect(e).toMatchObject({ _tag: "@ecasilla/core/casilla/CasillaError", reason: "document-not-valid", verdict: "invalid", documentName: "resolucion-editada.pdf" })
    expect(casillaErrorMessage(e)).toContain("«resolucion-editada.pdf»")
    expect(casillaErrorMessage(e)).toContain("no válida")
    expect(casillaErrorMessage(e, "en")).toContain("invalid")
    expect(String(e.detail).length).toBeGreaterThan(0)
    expect(await h.snapshot(n.id)).toEqual(before)
  })

  it("refuses an intact signature that does not chain to the trust anchors (indeterminate)", async () => {
    const h = await setup()
    const n = await h.prepareSigned(await signed(stranger))
    const before = await h.snapshot(n.id)
    const e = await h.fail((s) => s.depositNotification(notificador, n.id))
    expect(e).toMatchObject({ reason: "document-not-valid", verdict: "indeterminate" })
    expect(casillaErrorMessage(e)).toContain("indeterminada")
    expect(await h.snapshot(n.id)).toEqual(before)
  })

  it("refuses an unsigned PDF", async () => {
    const h = await setup()
    const n = await h.prepareSigned(new TestPdf().bytes)
    expect(await h.fail((s) => s.depositNotification(notificador, n.id))).toMatchObject({ reason: "document-not-valid", verdict: "unsigned" })
  })

  it("only the notificador of the notification deposits; others are refused and nothing changes", async () => {
    const h = await setup()
    const n = await h.prepareSigned(await signed(pki))
    const before = await h.snapshot(n.id)
    expect(await h.fail((s) => s.depositNotification(emisor, n.id))).toMatchObject({ reason: "not-allowed", action: "deposit" })
    expect(await h.fail((s) => s.depositNotification(otroNotificador, n.id))).toMatchObject({ reason: "not-found" })
    expect(await h.fail((s) => s.depositNotification(receptor, n.id))).toMatchObject({ reason: "not-found" })
    expect(await h.snapshot(n.id)).toEqual(before)
  })

  it("refuses a deposit into an inactive casilla", async () => {
    const h = await setup({ activate: false })
    const n = await h.prepareSigned(await signed(pki))
    const before = await h.snapshot(n.id)
    expect(await h.fail((s) => s.depositNotification(notificador, n.id))).toMatchObject({ reason: "casilla-inactive" })
    expect(await h.snapshot(n.id)).toEqual(before)
  })

  it("refuses a Borrador (not signed by the emisor yet), and only the named emisor signs", async () => {
    const h = await setup()
    const bytes = await signed(pki)
    const n = await h.run((s) => s.prepareNotification(notificador, { casillaId: h.casilla.id, emisor: { id: emisor.id, name: emisor.name }, cedula, documents: [{ name: "a.pdf", bytes }] }))
    expect(await h.fail((s) => s.depositNotification(notificador, n.id))).toMatchObject({ reason: "wrong-state", state: "Borrador" })
    expect(await h.fail((s) => s.signNotification(notificador, n.id))).toMatchObject({ reason: "not-allowed" })
  })
})

describe("the casilla's events reach consumers through the shared outbox", () => {
  it("relayEvents delivers NotificationDeposited once; a failing consumer leaves it pending", async () => {
    const h = await setup()
    const n = await h.prepareSigned(await signed(pki))
    await h.run((s) => s.depositNotification(notificador, n.id))
    const relay = (consumer: (e: DomainEvent) => Effect.Effect<void, unknown>) =>
      h.rt.runPromise(relayEvents([consumer]).pipe(Effect.provide(layerCasillaEventOutbox)))
    const failed = await relay((e) => (e.tag.endsWith("NotificationDeposited") ? Effect.fail("mail down") : Effect.void))
    expect(failed.failed.length).toBe(1)
    expect((await h.store((s) => s.pendingEvents(10))).map((e) => e.tag)).toEqual(["@ecasilla/core/casilla/NotificationDeposited"])
    const seen: Array<string> = []
    await relay((e) => Effect.sync(() => void seen.push(e.tag)))
    expect(seen).toEqual(["@ecasilla/core/casilla/NotificationDeposited"])
    expect(await h.store((s) => s.pendingEvents(10))).toEqual([])
  })
})

describe("reading a deposited notification", () => {
  const deposited = async () => {
    const h = await setup()
    const n = await h.prepareSigned(await signed(pki))
    await h.setTime(T0 + 60_000)
    const d: Notification = await h.run((s: CasillaService["Service"]) => s.depositNotification(notificador, n.id))
    return { h, d }
  }

  it("the first open marks it Leída with the reading date; the legal date never changes", async () => {
    const { h, d } = await deposited()
    expect(await h.run((s) => s.countNotifications(receptor, { unread: true }))).toBe(1)
    await h.setTime(T0 + 86_400_000)
    const read = await h.run((s) => s.openNotification(receptor, d.id))
    expect(read).toMatchObject({ state: "Leída", readAt: new Date(T0 + 86_400_000).toISOString(), depositedAt: d.depositedAt })
    await h.setTime(T0 + 2 * 86_400_000)
    const again = await h.run((s) => s.openNotification(receptor, d.id))
    expect(again.readAt).toBe(read.readAt)
    expect(await h.run((s) => s.countNotifications(receptor, { unread: true }))).toBe(0)
  })

  it("a download is recorded per document and gives the deposited bytes", async () => {
    const { h, d } = await deposited()
    const got = await h.run((s) => s.downloadDocument(receptor, d.id, d.documents[0].id))
    expect(createHash("sha256").update(got.bytes).digest("hex")).toBe(d.documents[0].sha256)
    expect(got.notification.downloads).toEqual([{ documentId: d.documents[0].id, at: new Date(T0 + 60_000).toISOString(), by: receptor.id }])
    expect(got.notification.state).toBe("Leída")
  })

  it("a receptor sees only their own casilla, reads included", async () => {
    const { h, d } = await deposited()
    expect(await h.fail((s) => s.getNotification(otroReceptor, d.id))).toMatchObject({ reason: "not-found" })
    expect(await h.fail((s) => s.openNotification(otroReceptor, d.id))).toMatchObject({ reason: "not-found" })
    expect(await h.run((s) => s.listNotifications(otroReceptor))).toEqual([])
    expect(await h.run((s) => s.listNotifications(otroReceptor, { receptorId: receptor.id }))).toEqual([])
    expect((await h.run((s) => s.listNotifications(receptor))).map((n) => n.id)).toEqual([d.id])
    expect(await h.fail((s) => s.getCasilla(otroReceptor, d.casillaId))).toMatchObject({ reason: "casilla-not-found" })
  })

  it("a receptor does not see a notification before it is deposited", async () => {
    const h = await setup()
    const n = await h.prepareSigned(await signed(pki))
    expect(await h.fail((s) => s.getNotification(receptor, n.id))).toMatchObject({ reason: "not-found" })
    expect(await h.run((s) => s.listNotifications(receptor))).toEqual([])
  })
})

describe("deposit is one commit", () => {
  it("when the store refuses the commit, nothing of the deposit exists: no state, no constancia, no event", async () => {
    const { CasillaStore, CasillaStoreError } = await import("@ecasilla/core/casilla")
    const { Effect, Layer } = await import("effect")
    const h = await setup()
    const n = await h.prepareSigned(await signed(pki))
    const before = await h.snapshot(n.id)
    // The same runtime's store, with a commit that fails for the deposit (a lost race, a full disk).
    const failing = Layer.effect(CasillaStore, Effect.map(CasillaStore, (s) => CasillaStore.of({
      ...s,
      commit: (change) => change.events.some((e) => e.tag.endsWith("NotificationDeposited"))
        ? Effect.fail(new CasillaStoreError({ reason: "unavailable", detail: "disk full" }))
        : s.commit(change)
    })))
    const { CasillaService } = await import("@ecasilla/core/casilla")
    // fresh: the runtime already holds a memoized build of CasillaService.layer.
    const service = Layer.fresh(CasillaService.layer).pipe(Layer.provide(failing))
    const exit = await h.rt.runPromiseExit(Effect.flatMap(CasillaService, (s) => s.depositNotification(notificador, n.id)).pipe(Effect.provide(service)))
    expect(exit._tag).toBe("Failure")
    const after = await h.snapshot(n.id)
    expect(after).toEqual(before)
    expect(after.n.constancia).toBeUndefined()
  })
})
