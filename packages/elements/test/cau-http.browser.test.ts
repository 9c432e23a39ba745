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
import { $, fillNewTicket, rosa, shadowText } from "./cau-helpers.js"

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
})
