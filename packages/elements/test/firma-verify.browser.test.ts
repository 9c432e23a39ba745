/// <reference types="mocha" />
// <firma-verify> in Chromium, on PDFs signed in the page by the throwaway test PKI.
import { expect, fixture, html, oneEvent } from "@open-wc/testing"
import "@ecasilla/elements/define/firma-verify.js"
import { FirmaVerifiedEvent, type FirmaVerify } from "@ecasilla/elements"
import { makeCrl, makePki, type TestPki } from "../../core/test/firma/pki.js"
import { TestPdf } from "../../core/test/firma/pdf.js"

let pki: TestPki
// Signatures carry the root's CRL: a strict verifier that requires revocation data finds it.
let withCrl: { crls: Array<Awaited<ReturnType<typeof makeCrl>>> }
before(async () => {
  pki = await makePki("rsa")
  withCrl = { crls: [await makeCrl(pki, [])] }
})

const blob = (b: Uint8Array) => new Blob([b as Uint8Array<ArrayBuffer>], { type: "application/pdf" })
const text = (el: FirmaVerify) => el.shadowRoot!.textContent!.replace(/\s+/g, " ")
const verifyFile = async (bytes: Uint8Array, anchors = true, lang = "es-PE") => {
  const el = await fixture<FirmaVerify>(html`<firma-verify lang=${lang}></firma-verify>`)
  if (anchors) el.trustAnchors = [pki.rootPem]
  el.file = blob(bytes)
  const report = await el.verificationComplete
  await el.updateComplete
  return { el, report: report! }
}

describe("<firma-verify>", () => {
  it("shows a valid signature in Spanish: signer, RUC, Lima date, reason, algorithm; accessible", async () => {
    let fired = 0
    document.addEventListener("firma-verified", () => fired++)
    const { el, report } = await verifyFile((await new TestPdf().sign(pki, withCrl)).bytes)
    expect(report.verdict).to.equal("valid")
    const t = text(el)
    expect(t).to.contain("Documento válido")
    expect(t).to.contain("PEREZ ROJAS Juan FAU 20131378972 soft")
    expect(t).to.contain("20131378972 · CONTRALORIA GENERAL DE LA REPUBLICA")
    expect(t).to.contain("27/11/2026 07:00:00 -05:00")
    expect(t).to.contain("Soy el autor del documento")
    expect(t).to.contain("RSASSA-PKCS1-v1_5 · SHA-256")
    expect(t).to.contain("el documento no cambió")
    expect(t).to.contain("No hay prueba de la hora de la firma")
    expect(t).not.to.contain("No edite el PDF")
    // Set by the page: no event.
    expect(fired).to.equal(0)
    await expect(el).to.be.accessible()
  })

  it("names what changed after signing, with the advice, never only a code", async () => {
    const edited = await new TestPdf().sign(pki, withCrl)
    edited.update({ 9: "<< /Type /Annot /Subtype /FreeText /Rect [10 10 200 40] /Contents (Pagado) /DA (/Helv 12 Tf 0 g) /P 3 0 R >>", 3: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 7 0 R >> >> /Annots [6 0 R 9 0 R 10 0 R] >>" })
    const { el, report } = await verifyFile(edited.bytes)
    expect(report.verdict).to.equal("invalid")
    const t = text(el)
    expect(t).to.contain("Documento no válido")
    expect(t).to.contain("No edite el PDF después de firmarlo")
    expect(t).to.contain("se agregó o cambió una anotación")
    expect(t).not.to.contain("FORMAT_FAILURE")
    await expect(el).to.be.accessible()

    const content = "BT /F1 24 Tf 72 700 Td (Pague 9999) Tj ET"
    const page = (await new TestPdf().sign(pki, withCrl)).update({ 4: `<< /Length ${content.length} >>\nstream\n${content}\nendstream` })
    const second = await verifyFile(page.bytes)
    expect(second.report.verdict).to.equal("invalid")
    expect(text(second.el)).to.contain("se cambió el contenido de una página")
  })

  it("lists two signatures: the first followed only by a further signature", async () => {
    const pdf = await (await new TestPdf().sign(pki, { ...withCrl, field: "Titular" })).sign(pki, { ...withCrl, field: "Notificacion" })
    const { el, report } = await verifyFile(pdf.bytes)
    expect(report.signatures).to.have.length(2)
    const items = el.shadowRoot!.querySelectorAll('[part="signature"]')
    expect(items).to.have.length(2)
    expect(items[0].textContent).to.contain("Firma 1 de 2")
    expect(items[0].textContent).to.contain("solo se agregaron otras firmas")
    expect(items[1].textContent).to.contain("el documento no cambió")
  })

  it("says in words that the issuer is not trusted, and speaks English when asked", async () => {
    const pdf = (await new TestPdf().sign(pki, withCrl)).bytes
    const es = await verifyFile(pdf, false)
    expect(es.report.verdict).to.equal("indeterminate")
    expect(text(es.el)).to.contain("no fue emitido por una entidad de certificación de confianza")
    expect(text(es.el)).not.to.contain("NO_CERTIFICATE_CHAIN_FOUND")
    // The deployment's roots arrive later: the same bytes (back from the worker) verify again.
    es.el.trustAnchors = [pki.rootPem]
    expect((await es.el.verificationComplete)?.verdict).to.equal("valid")
    const en = await verifyFile(pdf, false, "en")
    expect(text(en.el)).to.contain("was not issued by a certification authority this page trusts")
    expect(text(en.el)).to.contain("Date (Lima time)")
    await expect(en.el).to.be.accessible()
  })

  it("fires firma-verified (bubbles, composed) when the user picks or drops a file", async () => {
    const el = await fixture<FirmaVerify>(html`<firma-verify></firma-verify>`)
    el.trustAnchors = [pki.rootPem]
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('input[type="file"]')!
    expect(input.labels![0].textContent!.trim()).to.equal("Elegir un PDF")
    const dt = new DataTransfer()
    dt.items.add(new File([(await new TestPdf().sign(pki, withCrl)).bytes as Uint8Array<ArrayBuffer>], "resolucion.pdf", { type: "application/pdf" }))
    input.files = dt.files
    const picked = oneEvent(el, "firma-verified")
    input.dispatchEvent(new Event("change"))
    const e = (await picked) as unknown as FirmaVerifiedEvent
    expect(e).to.be.instanceOf(FirmaVerifiedEvent)
    expect(e.bubbles && e.composed).to.equal(true)
    expect(e.fileName).to.equal("resolucion.pdf")
    expect(e.report.verdict).to.equal("valid")
    expect(text(el)).to.contain("resolucion.pdf")

    const drop = el.shadowRoot!.querySelector('[part="drop"]')!
    const dropped = oneEvent(el, "firma-verified")
    drop.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }))
    expect(((await dropped) as unknown as FirmaVerifiedEvent).report.signatures).to.have.length(1)
  })

  it("verifies on the main thread with no-worker, with the same result", async () => {
    const pdf = (await new TestPdf().sign(pki, withCrl)).bytes
    const el = await fixture<FirmaVerify>(html`<firma-verify no-worker></firma-verify>`)
    expect(el.noWorker).to.equal(true)
    el.trustAnchors = [pki.rootPem]
    el.file = blob(pdf)
    expect((await el.verificationComplete)?.verdict).to.equal("valid")
    expect(el.verifiedIn).to.equal("main-thread")
    expect(performance.getEntriesByType("resource").some((r) => r.name.includes("/firma/outcome"))).to.equal(true)
  })

  it("explains a file it cannot read, and withholds the strings of an encrypted PDF", async () => {
    const bad = await verifyFile(new TextEncoder().encode("hola, no soy un PDF"))
    expect(bad.report).to.equal(undefined)
    expect(text(bad.el)).to.contain("El archivo no es un PDF.")
    await expect(bad.el).to.be.accessible()

    const enc = await new TestPdf().update({ 9: "<< /Filter /Standard /V 2 /R 3 /Length 128 /P -4 /O <00> /U <00> >>" }, " /Encrypt 9 0 R /ID [<01> <01>]").sign(pki, { ...withCrl, field: "CampoSecreto" })
    const e = await verifyFile(enc.bytes)
    expect(e.report.encrypted).to.equal(true)
    const t = text(e.el)
    expect(t).to.contain("El PDF está cifrado")
    expect(t).not.to.contain("CampoSecreto")
    expect(t).not.to.contain("Soy el autor del documento")
  })

  it("verifies a src, shows progress while reading, and never loads the signing code", async () => {
    const url = URL.createObjectURL(blob((await new TestPdf({ padding: 2_000_000 }).sign(pki, withCrl)).bytes))
    const el = await fixture<FirmaVerify>(html`<firma-verify src=${url}></firma-verify>`)
    el.trustAnchors = [pki.rootPem]
    await el.updateComplete
    expect(el.shadowRoot!.querySelector('[part="progress"]')).to.not.equal(null)
    const report = await el.verificationComplete
    expect(report?.verdict).to.be.oneOf(["valid", "indeterminate"])
    const loaded = performance.getEntriesByType("resource").map((r) => r.name)
    // The verifier ran in its Worker.
    expect(el.verifiedIn).to.equal("worker")
    expect(loaded.filter((n) => /firma\/sign|pdf-lib|node-forge|@signpdf/.test(n))).to.deep.equal([])
  })
})
