/// <reference types="mocha" />
// The CAU elements on the HTTP adapter, end to end in Chromium: <cau-ticket-form> files a
// ticket through @ecasilla/adapters/http to the real example backend (PGlite), the same
// form a page uses on IndexedDB; <cau-ticket-detail> then shows it by number from the backend,
// and a refusal of the backend shows in the form with its reason.
import { expect, fixture, html, oneEvent, waitUntil } from "@open-wc/testing"
import { layerHttpCau } from "@ecasilla/adapters/http"
import "@ecasilla/elements/define/ecasilla-provider.js"
import "@ecasilla/elements/define/cau-ticket-form.js"
import "@ecasilla/elements/define/cau-ticket-detail.js"
import type { CauTicketDetail, CauTicketForm, EcasillaProvider, TicketCreatedEvent } from "@ecasilla/elements"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Cause from "effect/Cause"
import * as ManagedRuntime from "effect/ManagedRuntime"
import { TicketService, type Ticket } from "@ecasilla/core/cau"
import { $, draft, fillNewTicket, pickFiles, rosa, shadowText } from "./cau-helpers.js"

const MB = 1024 * 1024
/** A PDF of `size` bytes: a real header and trailer around incompressible content. */
const pdfFile = (name: string, size: number) => {
  const bytes = new Uint8Array(size)
  for (let i = 0; i < size; i += 65536) crypto.getRandomValues(bytes.subarray(i, Math.min(size, i + 65536)))
  bytes.set(new TextEncoder().encode("%PDF-1.7\n"))
  bytes.set(new TextEncoder().encode("\n%%EOF\n"), size - 7)
  return new File([bytes], name, { type: "application/pdf" })
}

describe("CAU elements on the HTTP adapter (example backend)", () => {
  it("files a ticket through the backend, then the detail shows it by number from there", async () => {
    const layer = layerHttpCau({ baseUrl: location.origin })
    const provider = await fixture<EcasillaProvider>(html`<ecasilla-provider .layer=${layer} .actor=${rosa}><cau-ticket-form></cau-ticket-form></ecasilla-provider>`)
    const form = provider.querySelector<CauTicketForm>("cau-ticket-form")!
    await form.updateComplete
    await expect(form).to.be.accessible()
    await fillNewTicket(form, "No llegan las notificaciones (HTTP)")
    const created = oneEvent(form, "ticket-created") as Promise<TicketCreatedEvent>
    $<HTMLButtonElement>(form, 'button[type="submit"]').click()
    const ticket = (await created).detail
    expect(ticket.number).to.match(/^CAU-\d{4}-\d{6}$/)
    expect(ticket.state).to.equal("Registrada")
    // What the backend holds, read over plain HTTP as the requester.
    const stored = await (await fetch(`/api/tickets/${ticket.id}`, { headers: { "x-ecasilla-user": rosa.id } })).json()
    expect(stored.titulo).to.equal("No llegan las notificaciones (HTTP)")

    provider.innerHTML = ""
    const detail = document.createElement("cau-ticket-detail") as CauTicketDetail
    provider.append(detail)
    detail.number = ticket.number
    await waitUntil(() => detail.ticket?.id === ticket.id, "the detail never loaded the ticket from the backend", { timeout: 10000 })
    expect(shadowText(detail)).to.contain(ticket.number)
    await expect(detail).to.be.accessible()
  })

  it("a backend refusal shows in the form with its reason, and nothing is filed", async () => {
    const layer = layerHttpCau({ baseUrl: location.origin })
    // A person the backend does not know: 401, shown as the form's error.
    const stranger = Object.assign(Object.create(Object.getPrototypeOf(rosa)), { ...rosa, id: "E99999", name: "Nadie" })
    const provider = await fixture<EcasillaProvider>(html`<ecasilla-provider .layer=${layer} .actor=${stranger}><cau-ticket-form></cau-ticket-form></ecasilla-provider>`)
    const form = provider.querySelector<CauTicketForm>("cau-ticket-form")!
    await form.updateComplete
    await fillNewTicket(form, "Prueba", "Texto de prueba para el ticket.")
    $<HTMLButtonElement>(form, 'button[type="submit"]').click()
    const alert = () => (form.shadowRoot!.querySelector(".error-box[role=alert]")?.textContent ?? "").trim()
    await waitUntil(() => alert() !== "", "no error shown", { timeout: 10000 })
    expect(alert()).to.equal("No se pudo acceder al almacenamiento de tickets.")
    expect(form.shadowRoot!.querySelector(".result")).to.equal(null)
  })

  it("two 9.5 MB PDFs attached in the form upload to the backend (the documented limits: 10 MB per file, 25 MB per ticket)", async () => {
    const layer = layerHttpCau({ baseUrl: location.origin, timeout: 60000 })
    const provider = await fixture<EcasillaProvider>(html`<ecasilla-provider .layer=${layer} .actor=${rosa}><cau-ticket-form></cau-ticket-form></ecasilla-provider>`)
    const form = provider.querySelector<CauTicketForm>("cau-ticket-form")!
    await form.updateComplete
    await fillNewTicket(form, "Dos informes escaneados (HTTP)")
    const files = [pdfFile("informe-1.pdf", 9.5 * MB), pdfFile("informe-2.pdf", 9.5 * MB)]
    pickFiles($<HTMLInputElement>(form, 'input[type="file"]'), files)
    await form.updateComplete
    await waitUntil(() => shadowText(form).includes("informe-2.pdf"), "the files were not taken")
    const created = oneEvent(form, "ticket-created") as Promise<TicketCreatedEvent>
    $<HTMLButtonElement>(form, 'button[type="submit"]').click()
    const ticket = (await created).detail
    expect(ticket.attachments.map((a) => [a.name, a.size, a.kind])).to.deep.equal([["informe-1.pdf", 9.5 * MB, "pdf"], ["informe-2.pdf", 9.5 * MB, "pdf"]])
    // Byte for byte on the backend.
    const stored = await (await fetch(`/api/tickets/${ticket.id}/attachments/${ticket.attachments[1].id}`, { headers: { "x-ecasilla-user": rosa.id } })).json()
    const back = Uint8Array.from(atob(stored.base64), (c) => c.charCodeAt(0))
    const sent = new Uint8Array(await files[1].arrayBuffer())
    expect(back.length).to.equal(sent.length)
    expect(back.every((b, i) => b === sent[i])).to.equal(true)
  })

  it("500 concurrent creations from the page: none lost or doubled, every invalid one refused with its reason", async () => {
    const runtime = ManagedRuntime.make(layerHttpCau({ baseUrl: location.origin, timeout: 60000, retries: 2 }))
    const service = await runtime.runPromise(Effect.service(TicketService))
    const stamp = Date.now()
    const valid = 460
    const inputs = [
      ...Array.from({ length: valid }, (_, i) => ({ ...draft, titulo: `Carga ${stamp} n.${i}` })),
      ...Array.from({ length: 40 }, () => ({ ...draft, titulo: "   " }))
    ]
    const exits = await Promise.all(inputs.map((input) => runtime.runPromiseExit(service.createTicket(rosa, input))))
    const created = exits.filter(Exit.isSuccess).map((e) => e.value as Ticket)
    expect(created).to.have.length(valid)
    expect(new Set(created.map((t) => t.number)).size).to.equal(valid)
    expect(new Set(created.map((t) => t.titulo)).size).to.equal(valid)
    const refused = exits.filter(Exit.isFailure).map((e) => Cause.squash(e.cause) as { _tag: string; issues: ReadonlyArray<{ field: string }> })
    expect(refused).to.have.length(40)
    for (const r of refused) {
      expect(r._tag).to.equal("@ecasilla/core/cau/TicketValidationError")
      expect(r.issues.map((x) => x.field)).to.include("titulo")
    }
    // What the backend holds: exactly those.
    const listed = await runtime.runPromise(service.listTickets(rosa, { requesterId: rosa.id, limit: 5000 }))
    expect(listed.filter((t) => t.titulo.startsWith(`Carga ${stamp} `)).map((t) => t.id).sort()).to.deep.equal(created.map((t) => t.id).sort())
    await runtime.dispose()
  })
})
