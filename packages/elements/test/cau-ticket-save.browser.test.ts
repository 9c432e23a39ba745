/// <reference types="mocha" />
// Saving is a command: a double-click saves once, the button says it is busy, and the
// element leaving the page (or the provider moving) never cuts a save half-way. The
// form's edit mode: the requester corrects a Registrada ticket, and only then.
import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from "@open-wc/testing"
import { sendKeys } from "@web/test-runner-commands"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { TicketService } from "@ecasilla/core/cau"
import { layerBrowserHtmlSanitizer } from "@ecasilla/adapters/browser"
import { cauDemoUsers, layerMemoryCau } from "@ecasilla/adapters/memory"
import "@ecasilla/elements/define/cau-ticket-form.js"
import { TicketUpdatedEvent, type CauTicketForm, type EcasillaProvider } from "@ecasilla/elements"
import { $, carla, cauFixture, draft, fileTicket, fillNewTicket, jorge, patricia, pickFiles, rosa, serviceOn } from "./cau-helpers.js"

const DELAY = 300

/** The memory CAU whose createTicket/editTicket take DELAY before and after writing. */
const slowCau = () => {
  const base = layerMemoryCau({ sanitizer: layerBrowserHtmlSanitizer, users: cauDemoUsers })
  const slowly = <A, E, R>(write: Effect.Effect<A, E, R>) =>
    Effect.sleep(DELAY).pipe(Effect.andThen(write), Effect.tap(() => Effect.sleep(DELAY)))
  const slow = Layer.effect(TicketService)(
    Effect.map(Effect.service(TicketService), (s) => TicketService.of({
      ...s,
      createTicket: (actor, input) => slowly(s.createTicket(actor, input)),
      editTicket: (actor, id, patch) => slowly(s.editTicket(actor, id, patch))
    }))
  )
  return slow.pipe(Layer.provideMerge(base))
}

const typeIn = async (el: HTMLElement, text: string) => {
  el.focus()
  await sendKeys({ type: text })
}

const fillValid = (form: CauTicketForm) => fillNewTicket(form)

const setUpSlow = async () => {
  const host = await fixture<HTMLDivElement>(html`<div>
    <section id="a"><ecasilla-provider .layer=${slowCau()} .actor=${rosa}><cau-ticket-form></cau-ticket-form></ecasilla-provider></section>
    <section id="b"></section>
  </div>`)
  const provider = host.querySelector<EcasillaProvider>("ecasilla-provider")!
  const form = provider.querySelector<CauTicketForm>("cau-ticket-form")!
  await form.updateComplete
  return { host, provider, form }
}

describe("<cau-ticket-form> saving", () => {
  it("a double-click saves once; the button says it is busy meanwhile", async () => {
    const { provider, form } = await setUpSlow()
    await fillValid(form)
    const button = $<HTMLButtonElement>(form, 'button[type="submit"]')
    const created = oneEvent(form, "ticket-created")
    button.click()
    button.click()
    await form.updateComplete
    expect(form.saving).to.equal(true)
    expect(button.getAttribute("aria-disabled")).to.equal("true")
    expect(button.textContent!.trim()).to.equal("Guardando…")
    expect($(form, "form").getAttribute("aria-busy")).to.equal("true")
    await expect(form).to.be.accessible()
    button.click()
    await created
    await aTimeout(DELAY * 3)
    const tickets = await serviceOn(provider, (s) => s.listTickets(rosa))
    expect(tickets.length).to.equal(1)
  })

  it("leaving the page mid-save, with the provider moved too, still saves the whole ticket", async () => {
    const { host, provider, form } = await setUpSlow()
    await fillValid(form)
    pickFiles($<HTMLInputElement>(form, ".file-input"), [new File(["Captura del error"], "captura.txt")])
    await waitUntil(() => form.shadowRoot!.querySelectorAll(".files li").length === 1)
    $(form, 'button[type="submit"]').click()
    await waitUntil(() => form.saving)
    form.remove()
    host.querySelector("#b")!.append(provider)
    await waitUntil(() => !form.saving, "the save ends", { timeout: DELAY * 10 })
    const [ticket, ...others] = await serviceOn(provider, (s) => s.listTickets(rosa))
    expect(others.length).to.equal(0)
    expect(ticket.titulo).to.equal("No llegan las notificaciones")
    expect(ticket.attachments.map((a) => a.name)).to.deep.equal(["captura.txt"])
    const file = await serviceOn(provider, (s) => s.getAttachment(rosa, ticket.id, ticket.attachments[0].id))
    expect(new TextDecoder().decode(file.bytes)).to.equal("Captura del error")
  })
})

describe("<cau-ticket-form> edit mode", () => {
  const setUpEdit = async (actor = rosa) => {
    const ctx = await cauFixture(html`<cau-ticket-form></cau-ticket-form>`, actor)
    const form = ctx.provider.querySelector<CauTicketForm>("cau-ticket-form")!
    const ticket = await fileTicket(ctx.service, rosa)
    form.ticketId = ticket.id
    return { ...ctx, form, ticket }
  }

  it("the requester corrects a Registrada ticket: fields filled, only the changes saved, ticket-updated fired", async () => {
    const { form, ticket, service } = await setUpEdit()
    await waitUntil(() => form.shadowRoot!.querySelector<HTMLInputElement>("#titulo")?.value === draft.titulo)
    await form.updateComplete
    expect($(form, "h2").textContent).to.equal(`Editar incidencia N° ${ticket.number}`)
    expect($<HTMLInputElement>(form, "#telefono").value).to.equal(ticket.telefono)
    expect($<HTMLInputElement>(form, "#categoria").value).to.equal("Problemas en la notificación electrónica")
    expect($(form, "#descripcion").textContent).to.contain("Desde ayer no veo notificaciones nuevas.")
    expect(form.shadowRoot!.querySelector(".file-input")).to.equal(null)
    expect(form.shadowRoot!.querySelector(".for-other")).to.equal(null)
    await expect(form).to.be.accessible()
    const titulo = $<HTMLInputElement>(form, "#titulo")
    titulo.select()
    await typeIn(titulo, "Sigo sin notificaciones en la casilla")
    setTimeout(() => $(form, 'button[type="submit"]').click())
    const event = (await oneEvent(form, "ticket-updated")) as TicketUpdatedEvent
    expect(event).to.be.instanceOf(TicketUpdatedEvent)
    expect(event.action).to.equal("edit")
    expect(event.ticket.titulo).to.equal("Sigo sin notificaciones en la casilla")
    const stored = await service((s) => s.getTicket(rosa, ticket.id))
    expect(stored.titulo).to.equal("Sigo sin notificaciones en la casilla")
    expect(stored.descripcion).to.equal(ticket.descripcion)
    expect(stored.version).to.equal(ticket.version + 1)
    expect(stored.state).to.equal("Registrada")
    await form.updateComplete
    expect($(form, '[role="status"]').textContent).to.equal(`Se guardaron los cambios del ticket N° ${ticket.number}.`)
    await expect(form).to.be.accessible()
  })

  it("is not offered to someone else (who cannot even read it), nor once the ticket is assigned", async () => {
    const { form, ticket, service, provider } = await setUpEdit()
    await waitUntil(() => form.shadowRoot!.querySelector("form") !== null)
    // Someone else cannot even read it: the service says it does not exist.
    provider.actor = jorge
    await waitUntil(() => form.shadowRoot!.querySelector("form") === null && form.shadowRoot!.querySelector('[role="alert"]') !== null)
    expect($(form, '[role="alert"]').textContent).to.equal("El ticket no existe.")
    expect(form.shadowRoot!.querySelector("form")).to.equal(null)
    await expect(form).to.be.accessible()
    provider.actor = rosa
    await waitUntil(() => form.shadowRoot!.querySelector("form") !== null)
    await service((s) => s.assignTicket(patricia, ticket.id, { analystId: carla.id }))
    form.ticketId = ""
    await form.updateComplete
    form.ticketId = ticket.id
    await waitUntil(() => form.shadowRoot!.querySelector('[role="alert"]')?.textContent !== "")
    expect($(form, '[role="alert"]').textContent).to.contain("Este ticket ya no se puede editar.")
    expect(form.shadowRoot!.querySelector("form")).to.equal(null)
  })
})
