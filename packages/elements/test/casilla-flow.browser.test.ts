/// <reference types="mocha" />
// The casilla end to end in Chromium on IndexedDB: the notificador prepares in <casilla-deposit>,
// the page is reloaded (a new provider on the same database) and nothing is lost, the emisor
// signs in <casilla-sign>, the notificador deposits and gets the constancia; the receptor signs in with
// <casilla-login>, reads in <casilla-inbox>, downloads. A PDF changed after signing is refused
// with its reason.
import { expect, html, waitUntil as wait } from "@open-wc/testing"
import "@ecasilla/elements/define/casilla-deposit.js"
import "@ecasilla/elements/define/casilla-inbox.js"
import "@ecasilla/elements/define/casilla-login.js"
import "@ecasilla/elements/define/casilla-sign.js"
import type { CasillaDeposit, CasillaInbox, CasillaLogin, CasillaLoginEvent, CasillaSign } from "@ecasilla/elements"
import { clearCasillaScope, layerDexieCasillaStore, openCasillaDb } from "@ecasilla/adapters/dexie"
import { makeMemoryAuthGateway } from "@ecasilla/adapters/memory"
import { TestPdf } from "../../core/test/firma/pdf.js"
import { makePki, type TestPki } from "../../core/test/firma/pki.js"
import { $, auxiliar, casillaFixture, emisor, notificador, receptor, shadowText } from "./casilla-helpers.js"

// Verification and the constancia's pdf-lib load take seconds on a busy machine.
const waitUntil = (ok: () => boolean, message?: string) => wait(ok, message, { timeout: 15000 })

const pick = (input: HTMLInputElement, files: ReadonlyArray<File>) => {
  const dt = new DataTransfer()
  for (const f of files) dt.items.add(f)
  input.files = dt.files
  input.dispatchEvent(new Event("change", { bubbles: true }))
}
const type = (el: Element, name: string, value: string) => {
  const input = $<HTMLInputElement | HTMLSelectElement>(el, `[name="${name}"]`)
  input.value = value
  input.dispatchEvent(new Event("change"))
}
const button = (el: Element, text: string) => [...el.shadowRoot!.querySelectorAll("button")].find((b) => b.textContent!.trim() === text)!

let pki: TestPki
before(async () => {
  pki = await makePki("rsa")
})

/** The notificador prepares `bytes` for the receptor in <casilla-deposit>; returns the notification id. */
const prepareInUi = async (scope: string, bytes: Uint8Array, name: string, numero: string) => {
  const { provider, service } = await casillaFixture(html`<casilla-deposit></casilla-deposit>`, { actor: notificador, trustAnchors: [pki.rootPem], store: layerDexieCasillaStore(openCasillaDb(scope)) })
  const deposit = provider.querySelector<CasillaDeposit>("casilla-deposit")!
  deposit.emisores = [{ id: emisor.id, name: emisor.name }]
  await deposit.updateComplete
  await expect(deposit).to.be.accessible()
  type(deposit, "number", receptor.id)
  button(deposit, "Buscar casilla").click()
  await waitUntil(() => shadowText(deposit).includes("Casilla de María Receptora Quispe (Activa)"))
  type(deposit, "numero", numero)
  type(deposit, "asunto", "Comunicación de desplazamiento de la comisión de control")
  type(deposit, "plazo", "5")
  await deposit.updateComplete
  type(deposit, "emisor", emisor.id)
  pick($<HTMLInputElement>(deposit, 'input[type="file"]'), [new File([bytes as Uint8Array<ArrayBuffer>], name, { type: "application/pdf" })])
  await waitUntil(() => shadowText(deposit).includes(name))
  button(deposit, "Verificar firmas").click()
  await waitUntil(() => /Firma (válida|no válida|indeterminada)/.test(shadowText(deposit)))
  const verdict = shadowText(deposit).match(/Firma (válida|no válida|indeterminada)/)![0]
  button(deposit, "Preparar notificación").click()
  await waitUntil(() => deposit.current !== undefined)
  expect(deposit.current!.state).to.equal("Borrador")
  const id = deposit.current!.id
  provider.remove()
  return { id, verdict, service }
}

describe("casilla end to end", () => {
  it("prepare → reload → sign → deposit → the receptor signs in, reads, downloads → constancia", async () => {
    const scope = `flow-${Date.now()}`
    const store = layerDexieCasillaStore(openCasillaDb(scope))
    const staff = await casillaFixture(html``, { actor: auxiliar, store })
    const casilla = await staff.service((s) => s.createCasilla(auxiliar, { receptorKind: "persona-natural", loginId: receptor.id, name: receptor.name, origin: "asignacion-obligatoria" }))
    await staff.service((s) => s.activateCasilla(auxiliar, casilla.id))
    staff.provider.remove()

    const signed = (await new TestPdf().sign(pki, { field: "Titular" })).bytes
    const prepared = await prepareInUi(scope, signed, "oficio-123.pdf", "CED-2026-000123")
    expect(prepared.verdict).to.equal("Firma válida")

    // A reload: a new page on the same database still has the Borrador and its document, and
    // the emisor signs it in <casilla-sign>.
    const emisorPage = await casillaFixture(html`<casilla-sign></casilla-sign>`, { actor: emisor, trustAnchors: [pki.rootPem], store: layerDexieCasillaStore(openCasillaDb(scope)) })
    const draft = await emisorPage.service((s) => s.getNotification(emisor, prepared.id))
    expect(draft.documents.map((d) => [d.name, d.size])).to.deep.equal([["oficio-123.pdf", signed.length]])
    const sign = emisorPage.provider.querySelector<CasillaSign>("casilla-sign")!
    await waitUntil(() => sign.notifications.length === 1, "the emisor never saw the Borrador")
    expect(shadowText(sign)).to.contain("oficio-123.pdf")
    $<HTMLButtonElement>(sign, 'button[aria-label="Firmar la cédula CED-2026-000123"]').click()
    await waitUntil(() => sign.notifications.length === 0, "never signed")
    expect((await emisorPage.service((s) => s.getNotification(emisor, prepared.id))).state).to.equal("Firmada")
    emisorPage.provider.remove()

    const files: Array<string> = []
    const notifPage = await casillaFixture(html`<casilla-deposit notification-id=${prepared.id}></casilla-deposit>`, { actor: notificador, trustAnchors: [pki.rootPem], store: layerDexieCasillaStore(openCasillaDb(scope)) })
    const deposit = notifPage.provider.querySelector<CasillaDeposit>("casilla-deposit")!
    deposit.fileHandler = (_b, name) => void files.push(name)
    await waitUntil(() => deposit.current?.state === "Firmada")
    button(deposit, "Depositar en la casilla").click()
    await waitUntil(() => deposit.current?.state === "Depositada")
    expect(shadowText(deposit)).to.contain("Esa es la fecha legal de notificación")
    await expect(deposit).to.be.accessible()
    button(deposit, "Descargar constancia de depósito").click()
    await waitUntil(() => files.length === 1)
    expect(files[0]).to.equal("constancia-CED-2026-000123.pdf")
    const legalDate = deposit.current!.depositedAt
    notifPage.provider.remove()

    const auth = await makeMemoryAuthGateway([{ actor: receptor, password: "clave-receptor" }])
    const receptorPage = await casillaFixture(html`<casilla-login></casilla-login><casilla-inbox></casilla-inbox>`, { actor: undefined as never, auth, store: layerDexieCasillaStore(openCasillaDb(scope)) })
    receptorPage.provider.actor = undefined
    const login = receptorPage.provider.querySelector<CasillaLogin>("casilla-login")!
    const inbox = receptorPage.provider.querySelector<CasillaInbox>("casilla-inbox")!
    receptorPage.provider.addEventListener("casilla-login", (e) => { receptorPage.provider.actor = (e as CasillaLoginEvent).detail.actor })
    await login.updateComplete
    $<HTMLInputElement>(login, '[name="number"]').value = receptor.id
    $<HTMLInputElement>(login, '[name="password"]').value = "clave-receptor"
    $<HTMLButtonElement>(login, 'button[type="submit"]').click()
    await waitUntil(() => inbox.shadowRoot!.querySelector(".row") !== null, "the inbox never showed the notification")
    expect($(inbox, '[role="status"]').textContent).to.equal("1 notificación sin leer")
    inbox.fileHandler = (_b, name) => void files.push(name)
    $<HTMLButtonElement>(inbox, ".row").click()
    await waitUntil(() => inbox.shadowRoot!.querySelector(".detail") !== null)
    $<HTMLButtonElement>(inbox, 'button[aria-label="Descargar oficio-123.pdf"]').click()
    await waitUntil(() => files.length === 2)
    const read = await receptorPage.service((s) => s.getNotification(receptor, prepared.id))
    expect(read.state).to.equal("Leída")
    expect(read.depositedAt).to.equal(legalDate)
    expect(read.downloads).to.have.length(1)
    receptorPage.provider.remove()
    await clearCasillaScope(scope)
  })

  it("a PDF changed after signing is flagged when verified and refused at deposit with the reason", async () => {
    const scope = `flow-bad-${Date.now()}`
    const store = layerDexieCasillaStore(openCasillaDb(scope))
    const staff = await casillaFixture(html``, { actor: auxiliar, store })
    const casilla = await staff.service((s) => s.createCasilla(auxiliar, { receptorKind: "persona-natural", loginId: receptor.id, name: receptor.name, origin: "asignacion-obligatoria" }))
    await staff.service((s) => s.activateCasilla(auxiliar, casilla.id))
    staff.provider.remove()
    const pdf = await new TestPdf().sign(pki, { field: "Titular" })
    const text = "BT /F1 24 Tf 72 700 Td (Pague 9999) Tj ET"
    pdf.update({ 4: `<< /Length ${text.length} >>\nstream\n${text}\nendstream` })
    const prepared = await prepareInUi(scope, pdf.bytes, "editado.pdf", "CED-2026-000124")
    expect(prepared.verdict).to.equal("Firma no válida")
    const emisorPage = await casillaFixture(html``, { actor: emisor, store: layerDexieCasillaStore(openCasillaDb(scope)) })
    await emisorPage.service((s) => s.signNotification(emisor, prepared.id))
    emisorPage.provider.remove()
    const page = await casillaFixture(html`<casilla-deposit notification-id=${prepared.id}></casilla-deposit>`, { actor: notificador, trustAnchors: [pki.rootPem], store: layerDexieCasillaStore(openCasillaDb(scope)) })
    const deposit = page.provider.querySelector<CasillaDeposit>("casilla-deposit")!
    await waitUntil(() => deposit.current?.state === "Firmada")
    button(deposit, "Depositar en la casilla").click()
    await waitUntil(() => $(deposit, '[role="alert"]').textContent !== "")
    expect($(deposit, '[role="alert"]').textContent).to.contain("No se puede depositar: la firma de «editado.pdf» es no válida")
    expect(deposit.current?.state).to.equal("Firmada")
    page.provider.remove()
    await clearCasillaScope(scope)
  })
})
