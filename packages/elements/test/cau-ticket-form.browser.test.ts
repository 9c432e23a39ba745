/// <reference types="mocha" />
import { expect, fixture, html, oneEvent, waitUntil } from "@open-wc/testing"
import * as Layer from "effect/Layer"
import { cauConfigLayer, defaultAttachmentPolicy, defaultCauCatalog, extendCatalog } from "@ecasilla/core/cau"
import { layerBrowserHtmlSanitizer } from "@ecasilla/adapters/browser"
import { cauDemoUsers, layerMemoryCau } from "@ecasilla/adapters/memory"
import { sendKeys } from "@web/test-runner-commands"
import "@ecasilla/elements/define/cau-ticket-form.js"
import { TicketCreatedEvent, type CauTicketForm, type EcasillaProvider } from "@ecasilla/elements"
import { $, cauFixture, jorge, pickFiles, rosa, shadowText } from "./cau-helpers.js"

const setUp = async (actor = rosa) => {
  const ctx = await cauFixture(html`<cau-ticket-form></cau-ticket-form>`, actor)
  const form = ctx.provider.querySelector<CauTicketForm>("cau-ticket-form")!
  await form.updateComplete
  return { ...ctx, form }
}

const active = (form: CauTicketForm) => form.shadowRoot!.activeElement as HTMLElement | null
const errorOf = (form: CauTicketForm, field: string) => $(form, `#${field}-error`).textContent!.trim()
const txt = (name: string, text: string) => new File([text], name, { type: "text/plain" })

describe("<cau-ticket-form>", () => {
  it("is accessible, empty and with every error showing", async () => {
    const { form } = await setUp()
    await expect(form).to.be.accessible()
    $(form, 'button[type="submit"]').click()
    await form.updateComplete
    expect(errorOf(form, "titulo")).to.equal("Ingrese el título.")
    await expect(form).to.be.accessible()
  })

  it("validates a field inline, in Spanish, once the user leaves it", async () => {
    const { form } = await setUp()
    $(form, "#titulo").focus()
    await sendKeys({ type: "ab" })
    await form.updateComplete
    expect(errorOf(form, "titulo")).to.equal("")
    await sendKeys({ press: "Tab" })
    await form.updateComplete
    expect(errorOf(form, "titulo")).to.equal("El título debe tener al menos 3 caracteres.")
    expect($(form, "#titulo").getAttribute("aria-invalid")).to.equal("true")
    expect($(form, "#titulo").getAttribute("aria-describedby")).to.equal("titulo-error")
    $(form, "#titulo").focus()
    await sendKeys({ type: "c" })
    await form.updateComplete
    expect(errorOf(form, "titulo")).to.equal("")
    $(form, "#telefono").focus()
    await sendKeys({ type: "12345" })
    await sendKeys({ press: "Tab" })
    await form.updateComplete
    expect(errorOf(form, "telefono")).to.match(/celular|teléfono/i)
  })

  it("on an invalid submit shows every error and focuses the first invalid field", async () => {
    const { form } = await setUp()
    $(form, "#titulo").focus()
    await sendKeys({ type: "Sin acceso" })
    $(form, 'button[type="submit"]').click()
    await waitUntil(() => active(form)?.id === "descripcion")
    expect(errorOf(form, "descripcion")).to.equal("Ingrese la descripción.")
    expect(errorOf(form, "categoria")).to.equal("Seleccione una categoría del catálogo.")
    expect($(form, '[role="status"]').textContent).to.match(/Corrija los \d campos/)
  })

  it("is filled and saved with the keyboard only: catalog combobox, radios, submit", async () => {
    const { form, mailer } = await setUp()
    $(form, "#titulo").focus()
    await sendKeys({ type: "No puedo instalar Firma Perú" })
    await sendKeys({ press: "Tab" }) // toolbar
    expect(active(form)?.getAttribute("aria-label")).to.equal("Negrita")
    await sendKeys({ press: "ArrowRight" })
    expect(active(form)?.getAttribute("aria-label")).to.equal("Cursiva")
    await sendKeys({ press: "Tab" }) // editor
    expect(active(form)?.id).to.equal("descripcion")
    await sendKeys({ type: "El instalador se cierra solo." })
    await sendKeys({ press: "Tab" }) // radio group
    await sendKeys({ press: "ArrowDown" }) // Petición
    await sendKeys({ press: "ArrowUp" }) // Incidencia
    await sendKeys({ press: "Tab" }) // categoría
    expect(active(form)?.id).to.equal("categoria")
    await sendKeys({ type: "firma peru" })
    await form.updateComplete
    const combo = $(form, "#categoria")
    expect(combo.getAttribute("aria-expanded")).to.equal("true")
    expect(form.shadowRoot!.querySelectorAll('[role="option"]').length).to.equal(2)
    await sendKeys({ press: "ArrowDown" })
    await sendKeys({ press: "ArrowDown" })
    await form.updateComplete
    expect(combo.getAttribute("aria-activedescendant")).to.equal("categoria-opt-1")
    await expect(form).to.be.accessible()
    await sendKeys({ press: "Enter" })
    await form.updateComplete
    expect((combo as HTMLInputElement).value).to.equal("Instalación de Firma Perú")
    expect(combo.getAttribute("aria-expanded")).to.equal("false")
    await sendKeys({ press: "Tab" })
    await sendKeys({ type: "987 654 321" })
    // Tab past the "en nombre de" checkbox and the file picker to the submit button.
    for (let i = 0; i < 3; i++) await sendKeys({ press: "Tab" })
    expect(active(form)?.getAttribute("type")).to.equal("submit")
    setTimeout(() => void sendKeys({ press: "Enter" }))
    const event = await oneEvent(form, "ticket-created")
    expect(event).to.be.instanceOf(TicketCreatedEvent)
    expect(event.bubbles && event.composed).to.equal(true)
    const ticket = (event as TicketCreatedEvent).detail
    expect(ticket.number).to.match(/^CAU-2026-\d{6}$/)
    expect(ticket.state).to.equal("Registrada")
    expect(ticket.tipo).to.equal("Incidencia")
    expect(ticket.categoria.id).to.equal("aplicativos.casilla.instalacion-firma-peru")
    expect(ticket.telefono).to.equal("987 654 321")
    expect(ticket.requester.id).to.equal(rosa.id)
    await form.updateComplete
    expect(shadowText(form)).to.contain(`Incidencia N° ${ticket.number}`)
    expect($(form, '[role="status"]').textContent).to.equal(`Se registró su incidencia N° ${ticket.number}. Estado: Registrada.`)
    expect(mailer.sent.length).to.equal(1)
    await waitUntil(() => active(form)?.id === "result-number")
    await expect(form).to.be.accessible()
  })

  it("checks attachments with the core: a renamed file is refused, text files are listed", async () => {
    const { form } = await setUp()
    const input = $<HTMLInputElement>(form, ".file-input")
    expect(input.accept).to.contain(".pdf")
    pickFiles(input, [txt("informe.pdf", "esto no es un PDF")])
    await waitUntil(() => $(form, "#adjuntos-error").textContent!.trim() !== "")
    expect($(form, "#adjuntos-error").textContent).to.equal("El contenido del archivo «informe.pdf» no corresponde a su extensión.")
    pickFiles(input, [txt("captura.txt", "Error 500 al ingresar")])
    await waitUntil(() => form.shadowRoot!.querySelectorAll(".files li").length === 1)
    expect($(form, ".file-name").textContent).to.equal("captura.txt")
    expect($(form, "#adjuntos-error").textContent).to.equal("")
    pickFiles(input, [1, 2, 3, 4, 5].map((i) => txt(`nota-${i}.txt`, "texto")))
    await waitUntil(() => $(form, "#adjuntos-error").textContent!.trim() !== "")
    // Beyond the limit the batch is refused, saying how many more fit.
    expect($(form, "#adjuntos-error").textContent).to.equal("Solo caben 4 archivos más (máximo 5): eligió 5.")
    expect(form.shadowRoot!.querySelectorAll(".files li").length).to.equal(1)
    ;(form.shadowRoot!.querySelector<HTMLButtonElement>('.files button[aria-label="Quitar «captura.txt»"]'))!.click()
    await form.updateComplete
    expect(form.shadowRoot!.querySelectorAll(".files li").length).to.equal(0)
    await expect(form).to.be.accessible()
  })

  it("files for another registered user only when asked, chosen from the Directory", async () => {
    const { form } = await setUp(jorge)
    expect(form.shadowRoot!.querySelector("#onBehalfOf")).to.equal(null)
    $<HTMLInputElement>(form, ".for-other input").click()
    await form.updateComplete
    $(form, "#onBehalfOf").focus()
    await sendKeys({ type: "quispe" })
    await waitUntil(() => form.shadowRoot!.querySelectorAll("#onBehalfOf-list [role=option]").length === 1)
    await sendKeys({ press: "ArrowDown" })
    await sendKeys({ press: "Enter" })
    await form.updateComplete
    expect(form.draft.onBehalfOf).to.equal(rosa.id)
    await expect(form).to.be.accessible()
  })

  it("speaks English when the provider says so", async () => {
    const { form, provider } = await setUp()
    provider.locale = "en"
    await waitUntil(() => $(form, "h2").textContent === "New incident / request")
    $(form, 'button[type="submit"]').click()
    await form.updateComplete
    expect(errorOf(form, "titulo")).to.equal("Enter the title.")
  })
})

describe("<cau-ticket-form> attachments by drag-and-drop", () => {
  it("takes dropped files, checked by the core, names shown as text only", async () => {
    delete (window as { __xss?: number }).__xss
    const { form } = await setUp()
    const zone = $(form, '[part="drop-zone"]')
    const drop = (files: ReadonlyArray<File>) => {
      const dataTransfer = new DataTransfer()
      for (const f of files) dataTransfer.items.add(f)
      zone.dispatchEvent(new DragEvent("dragover", { bubbles: true, cancelable: true, dataTransfer }))
      zone.dispatchEvent(new DragEvent("drop", { bubbles: true, cancelable: true, dataTransfer }))
    }
    const evil = `<img src=x onerror="window.__xss=1">.txt`
    drop([txt(evil, "hola"), txt("virus.exe", "MZ")])
    await waitUntil(() => $(form, "#adjuntos-error").textContent!.trim() !== "")
    expect($(form, "#adjuntos-error").textContent).to.contain("«virus.exe» no es de un tipo admitido")
    drop([txt(evil, "hola")])
    await waitUntil(() => form.shadowRoot!.querySelectorAll(".files li").length === 1)
    expect($(form, ".file-name").textContent).to.equal(evil)
    expect(form.shadowRoot!.querySelector(".files img")).to.equal(null)
    expect((window as { __xss?: number }).__xss).to.equal(undefined)
    await expect(form).to.be.accessible()
  })
})

describe("<cau-ticket-form> settings", () => {
  it("takes the catalog and the attachment limits from the runtime's CauConfig", async () => {
    const catalog = extendCatalog(defaultCauCatalog, [{ id: "aplicativos", label: "APLICATIVOS", children: [{ id: "aplicativos.sari", label: "SARI", children: [{ id: "aplicativos.sari.acceso", label: "Acceso al SARI" }] }] }])
    const attachments = { ...defaultAttachmentPolicy, maxCount: 1 }
    const layer = Layer.merge(
      layerMemoryCau({ sanitizer: layerBrowserHtmlSanitizer, users: cauDemoUsers, config: { catalog, attachments } }),
      cauConfigLayer({ catalog, attachments })
    )
    const provider = await fixture<EcasillaProvider>(html`<ecasilla-provider .layer=${layer} .actor=${rosa}><cau-ticket-form></cau-ticket-form></ecasilla-provider>`)
    const form = provider.querySelector<CauTicketForm>("cau-ticket-form")!
    await form.updateComplete
    $(form, "#categoria").focus()
    await sendKeys({ type: "sari" })
    await waitUntil(() => form.shadowRoot!.querySelectorAll('#categoria-list [role="option"]').length === 1)
    expect($(form, '#categoria-list [role="option"]').textContent).to.equal("Acceso al SARI")
    pickFiles($<HTMLInputElement>(form, ".file-input"), [txt("a.txt", "a"), txt("b.txt", "b")])
    await waitUntil(() => $(form, "#adjuntos-error").textContent === "Solo cabe 1 archivo más (máximo 1): eligió 2.")
    pickFiles($<HTMLInputElement>(form, ".file-input"), [txt("a.txt", "a")])
    await waitUntil(() => form.shadowRoot!.querySelectorAll(".files li").length === 1)
    pickFiles($<HTMLInputElement>(form, ".file-input"), [txt("b.txt", "b")])
    await waitUntil(() => $(form, "#adjuntos-error").textContent === "Ya adjuntó 1 archivos, el máximo: quite uno para agregar otro.")
  })

  it("refuses an oversized file before reading it", async () => {
    const attachments = { ...defaultAttachmentPolicy, maxBytes: 1024 }
    const layer = Layer.merge(
      layerMemoryCau({ sanitizer: layerBrowserHtmlSanitizer, users: cauDemoUsers, config: { attachments } }),
      cauConfigLayer({ attachments })
    )
    const provider = await fixture<EcasillaProvider>(html`<ecasilla-provider .layer=${layer} .actor=${rosa}><cau-ticket-form></cau-ticket-form></ecasilla-provider>`)
    const form = provider.querySelector<CauTicketForm>("cau-ticket-form")!
    await waitUntil(() => form.attachmentPolicy.maxBytes === 1024)
    const read: Array<string> = []
    const original = File.prototype.arrayBuffer
    File.prototype.arrayBuffer = function(this: File) {
      read.push(this.name)
      return original.call(this)
    }
    try {
      await form.updateComplete
      pickFiles($<HTMLInputElement>(form, ".file-input"), [txt("grande.txt", "x".repeat(4096)), txt("chico.txt", "y")])
      await waitUntil(() => $(form, "#adjuntos-error").textContent!.trim() !== "")
      expect($(form, "#adjuntos-error").textContent).to.contain("«grande.txt» supera el tamaño máximo")
      expect(read).to.deep.equal([])
      expect(form.shadowRoot!.querySelectorAll(".files li").length).to.equal(0)
      pickFiles($<HTMLInputElement>(form, ".file-input"), [txt("chico.txt", "y")])
      await waitUntil(() => form.shadowRoot!.querySelectorAll(".files li").length === 1)
      expect(read).to.deep.equal(["chico.txt"])
    } finally {
      File.prototype.arrayBuffer = original
    }
  })
})
