/// <reference types="mocha" />
import { expect, html, waitUntil } from "@open-wc/testing"
import "@ecasilla/elements/define/casilla-inbox.js"
import type { CasillaInbox, NotificationOpenedEvent } from "@ecasilla/elements"
import { layerDexieCasillaStore, openCasillaDb, clearCasillaScope } from "@ecasilla/adapters/dexie"
import { TestPdf } from "../../core/test/firma/pdf.js"
import { makePki } from "../../core/test/firma/pki.js"
import { $, $$, auxiliar, casillaFixture, emisor, notificador, otroReceptor, receptor, seededNotification, shadowText } from "./casilla-helpers.js"

const setUp = async (options: Parameters<typeof casillaFixture>[1] = {}) => {
  const ctx = await casillaFixture(html`<casilla-inbox></casilla-inbox>`, options)
  const inbox = ctx.provider.querySelector<CasillaInbox>("casilla-inbox")!
  const rows = () => $$<HTMLButtonElement>(inbox, ".row")
  const settled = async (count?: number) => {
    await waitUntil(() => !inbox.shadowRoot!.textContent!.includes("Cargando") && (count === undefined || rows().length === count), "list did not settle", { timeout: 5000 })
    await inbox.updateComplete
  }
  return { ...ctx, inbox, rows, settled }
}

describe("<casilla-inbox>", () => {
  it("lists only the signed-in receptor's notifications, newest first, with unread state; accessible", async () => {
    const { inbox, seed, rows, settled } = await setUp()
    await seed([1, 2, 3].map((n) => seededNotification(n)).concat(seededNotification(4, otroReceptor.id)))
    inbox.reload()
    await settled(3)
    expect(rows().map((r) => r.dataset.id)).to.deep.equal(["ntf_000003", "ntf_000002", "ntf_000001"])
    expect($(inbox, '[role="status"]').textContent).to.equal("2 notificaciones sin leer")
    expect(rows()[0].classList.contains("unread")).to.equal(false)
    expect(rows()[1].classList.contains("unread")).to.equal(true)
    expect(rows()[1].textContent).to.contain("No leída")
    await expect(inbox).to.be.accessible()
  })

  it("keeps a bounded number of rows in the DOM while scrolling 2,000 notifications, paging as it goes", async () => {
    const { inbox, seed, rows, settled } = await setUp()
    await seed(Array.from({ length: 2000 }, (_, i) => seededNotification(i + 1)))
    inbox.reload()
    await settled()
    const viewport = $(inbox, ".viewport")
    const bounded = Math.ceil(viewport.clientHeight / inbox.rowHeight) + 12
    expect(rows().length).to.be.at.most(bounded)
    for (let step = 0; step < 40; step++) {
      viewport.scrollTop = viewport.scrollHeight
      viewport.dispatchEvent(new Event("scroll"))
      await inbox.updateComplete
      await new Promise((r) => setTimeout(r, 20))
      expect(rows().length).to.be.at.most(bounded)
      if (inbox.notifications.length === 2000 && rows().at(-1)?.dataset.id === "ntf_000001") break
    }
    expect(inbox.notifications.length).to.equal(2000)
    viewport.scrollTop = viewport.scrollHeight
    viewport.dispatchEvent(new Event("scroll"))
    await waitUntil(() => rows().at(-1)?.dataset.id === "ntf_000001", "the oldest row was never shown")
    expect(rows().at(-1)!.parentElement!.getAttribute("aria-posinset")).to.equal("2000")
    expect(rows().length).to.be.at.most(bounded)
    // The keyboard walks the list too: Home, then down past the rows first rendered.
    const key = (k: string) => (inbox.shadowRoot!.activeElement as HTMLElement).dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true, composed: true }))
    rows().at(-1)!.focus()
    key("Home")
    await waitUntil(() => (inbox.shadowRoot!.activeElement as HTMLElement | null)?.dataset.id === "ntf_002000", "Home did not reach the newest row")
    for (let i = 0; i < 30; i++) {
      key("ArrowDown")
      await inbox.updateComplete
      await new Promise((r) => setTimeout(r, 0))
    }
    expect((inbox.shadowRoot!.activeElement as HTMLElement).dataset.id).to.equal("ntf_001970")
    expect(rows().length).to.be.at.most(bounded)
  })

  it("filters by estado, emisor, words and fecha", async () => {
    const { inbox, seed, rows, settled } = await setUp()
    await seed(Array.from({ length: 12 }, (_, i) => seededNotification(i + 1)))
    inbox.reload()
    await settled(12)
    const select = (id: string, value: string) => {
      const el = $<HTMLSelectElement>(inbox, `#${id}`)
      el.value = value
      el.dispatchEvent(new Event("change"))
    }
    select("estado", "unread")
    await settled(8)
    expect(rows().every((r) => r.classList.contains("unread"))).to.equal(true)
    select("estado", "")
    select("emisor", "U901")
    await settled(6)
    expect(rows().every((r) => r.textContent!.includes("Jefatura del OCI de Salud"))).to.equal(true)
    select("emisor", "")
    const q = $<HTMLInputElement>(inbox, "#q")
    q.value = "auditoria OBRAS"
    q.dispatchEvent(new Event("input"))
    await settled(3)
    expect(rows().map((r) => r.dataset.id)).to.deep.equal(["ntf_000012", "ntf_000008", "ntf_000004"])
    q.value = ""
    q.dispatchEvent(new Event("input"))
    // Deposits are hourly from 10:00 Lima on 2 March: notification 14+ would be the 3rd.
    const from = $<HTMLInputElement>(inbox, "#from")
    from.value = "2026-03-02"
    from.dispatchEvent(new Event("change"))
    const to = $<HTMLInputElement>(inbox, "#to")
    to.value = "2026-03-02"
    to.dispatchEvent(new Event("change"))
    await settled(12)
    to.value = "2026-03-01"
    to.dispatchEvent(new Event("change"))
    await settled(0)
    expect(shadowText(inbox)).to.contain("No hay notificaciones que coincidan.")
  })

  it("walks a real deposit: opening marks it read with the reading date, the legal date is the deposit's, downloads are recorded", async () => {
    const pki = await makePki("rsa")
    const { inbox, service, provider, rows, settled } = await setUp({ trustAnchors: [pki.rootPem] })
    const casilla = await service((s) => s.createCasilla(auxiliar, { receptorKind: "persona-natural", loginId: receptor.id, name: receptor.name, origin: "asignacion-obligatoria" }))
    await service((s) => s.activateCasilla(auxiliar, casilla.id))
    const bytes = (await new TestPdf().sign(pki, { field: "Titular" })).bytes
    const prepared = await service((s) => s.prepareNotification(notificador, { casillaId: casilla.id, emisor: { id: emisor.id, name: emisor.name }, cedula: { numero: "CED-2026-000777", asunto: "Informe de control", plazoDiasHabiles: 5 }, documents: [{ name: "informe.pdf", bytes }] }))
    await service((s) => s.signNotification(emisor, prepared.id))
    const deposited = await service((s) => s.depositNotification(notificador, prepared.id))
    inbox.reload()
    await settled(1)
    const files: Array<{ name: string; mode: string; size: number }> = []
    inbox.fileHandler = (b, name, mode) => void files.push({ name, mode, size: b.length })
    let opened: NotificationOpenedEvent | undefined
    provider.addEventListener("casilla-notification-open", (e) => { opened = e as NotificationOpenedEvent })
    rows()[0].click()
    await waitUntil(() => inbox.shadowRoot!.querySelector(".detail") !== null)
    expect(opened?.detail.state).to.equal("Leída")
    expect(opened?.detail.depositedAt).to.equal(deposited.depositedAt)
    expect(opened?.detail.readAt! >= deposited.depositedAt!).to.equal(true)
    const text = shadowText(inbox)
    expect(text).to.contain("Fecha de notificación (fecha de depósito)")
    expect(text).to.contain("Firma válida")
    expect(text).to.contain("Plazo: 5 días hábiles")
    expect($(inbox, '[role="status"]').textContent).to.equal("0 notificaciones sin leer")
    await expect(inbox).to.be.accessible()
    $<HTMLButtonElement>(inbox, 'button[aria-label="Descargar informe.pdf"]').click()
    await waitUntil(() => files.length === 1)
    expect(files[0]).to.deep.equal({ name: "informe.pdf", mode: "download", size: bytes.length })
    const stored = await service((s) => s.getNotification(receptor, deposited.id))
    expect(stored.downloads.map((d) => d.documentId)).to.deep.equal([deposited.documents[0].id])
    expect(stored.readAt).to.equal(opened?.detail.readAt)
    ;[...inbox.shadowRoot!.querySelectorAll("button")].find((b) => b.textContent!.includes("constancia"))!.click()
    await waitUntil(() => files.length === 2)
    expect(files[1].name).to.equal("constancia-CED-2026-000777.pdf")
  })

  it("with trust anchors, verifies a document again in the browser with <firma-verify>, loaded only then; without them, the stored verdict alone", async () => {
    const pki = await makePki("rsa")
    const { inbox, service, rows, settled } = await setUp({ trustAnchors: [pki.rootPem] })
    const casilla = await service((s) => s.createCasilla(auxiliar, { receptorKind: "persona-natural", loginId: receptor.id, name: receptor.name, origin: "asignacion-obligatoria" }))
    await service((s) => s.activateCasilla(auxiliar, casilla.id))
    const bytes = (await new TestPdf().sign(pki, { field: "Titular" })).bytes
    const prepared = await service((s) => s.prepareNotification(notificador, { casillaId: casilla.id, emisor: { id: emisor.id, name: emisor.name }, cedula: { numero: "CED-2026-000888", asunto: "Informe de control" }, documents: [{ name: "informe.pdf", bytes }] }))
    await service((s) => s.signNotification(emisor, prepared.id))
    const deposited = await service((s) => s.depositNotification(notificador, prepared.id))
    inbox.reload()
    await settled(1)
    rows()[0].click()
    await waitUntil(() => inbox.shadowRoot!.querySelector(".detail") !== null)
    // No trust anchors given to the element: the stored verdict only, no verify button.
    expect(shadowText(inbox)).to.contain("Firma válida")
    expect(inbox.shadowRoot!.querySelector('button[aria-label="Verificar la firma de informe.pdf"]')).to.equal(null)
    expect(inbox.shadowRoot!.querySelector("firma-verify")).to.equal(null)
    expect(customElements.get("firma-verify")).to.equal(undefined)
    inbox.trustAnchors = [pki.rootPem]
    await inbox.updateComplete
    $<HTMLButtonElement>(inbox, 'button[aria-label="Verificar la firma de informe.pdf"]').click()
    await waitUntil(() => inbox.shadowRoot!.querySelector("firma-verify") !== null, "no <firma-verify> shown", { timeout: 5000 })
    expect(customElements.get("firma-verify")).to.not.equal(undefined)
    const verifier = inbox.shadowRoot!.querySelector("firma-verify") as HTMLElement & { report?: { verdict: string }; verificationComplete: Promise<unknown> }
    await verifier.verificationComplete
    await waitUntil(() => verifier.report !== undefined, "not verified", { timeout: 15000 })
    expect(verifier.report!.verdict).to.equal("valid")
    const stored = await service((s) => s.getNotification(receptor, deposited.id))
    expect(stored.downloads.map((d) => d.documentId)).to.deep.equal([deposited.documents[0].id])
    await expect(inbox).to.be.accessible()
  })

  it("works from IndexedDB: a new page on the same database shows the same inbox and read state", async () => {
    const scope = `inbox-${Date.now()}`
    const first = await setUp({ store: layerDexieCasillaStore(openCasillaDb(scope)) })
    await first.seed([1, 2].map((n) => seededNotification(n)))
    first.inbox.reload()
    await first.settled(2)
    first.rows()[0].click()
    await waitUntil(() => first.inbox.shadowRoot!.querySelector(".detail") !== null)
    first.provider.remove()
    const again = await setUp({ store: layerDexieCasillaStore(openCasillaDb(scope)) })
    await again.settled(2)
    expect(again.rows().map((r) => r.classList.contains("unread"))).to.deep.equal([false, true])
    expect($(again.inbox, '[role="status"]').textContent).to.equal("1 notificación sin leer")
    await clearCasillaScope(scope)
  })

  it("speaks English on an English page", async () => {
    const { inbox, seed, settled } = await setUp({ locale: "en" })
    await seed([seededNotification(1)])
    inbox.reload()
    await settled(1)
    expect($(inbox, '[role="status"]').textContent).to.equal("1 unread notification")
    expect(shadowText(inbox)).to.contain("Unread")
    await expect(inbox).to.be.accessible()
  })
})
