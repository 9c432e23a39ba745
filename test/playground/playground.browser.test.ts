/// <reference types="mocha" />
// The docs playground's CAU pieces in Chromium, on its own IndexedDB storage (seeded
// with the demo): the ticket chooser lists only what the acting user may see, and the
// requester edits the Registrada demo ticket from <cau-ticket-detail> with the form.
import { expect, fixture, html, waitUntil } from "@open-wc/testing"
import { sendKeys } from "@web/test-runner-commands"
import { canViewTicket } from "@ecasilla/core/cau"
import { cauDemoUsers } from "@ecasilla/adapters/memory"
import "@ecasilla/elements/define/ecasilla-provider.js"
import "@ecasilla/elements/define/cau-ticket-detail.js"
import type { CauTicketDetail, EcasillaProvider } from "@ecasilla/elements"
import { visibleTickets } from "../../docs/src/cau-playground.js"
import { playgroundLayer, resetPlaygroundStorage } from "../../docs/src/storage.js"
import { serviceOn } from "../../packages/elements/test/cau-helpers.js"

const [rosa, jorge, , , patricia] = cauDemoUsers

describe("docs playground (CAU)", () => {
  before(() => resetPlaygroundStorage())
  after(() => resetPlaygroundStorage())

  it("the ticket chooser lists only the tickets the acting user may see", async () => {
    const storage = playgroundLayer()
    const provider = await fixture<EcasillaProvider>(html`<ecasilla-provider .layer=${storage.layer} .actor=${patricia}></ecasilla-provider>`)
    expect((await storage.label).es).to.contain("IndexedDB")
    const all = await visibleTickets(provider)
    expect(all.length).to.equal(4)
    for (const actor of [rosa, jorge]) {
      provider.actor = actor
      const seen = await visibleTickets(provider)
      expect(seen.length, actor.name).to.be.greaterThan(0)
      expect(seen.length, actor.name).to.be.lessThan(all.length)
      expect(seen.every((t) => canViewTicket(t, actor)), actor.name).to.equal(true)
      expect(all.filter((t) => canViewTicket(t, actor)).map((t) => t.id).sort()).to.deep.equal(seen.map((t) => t.id).sort())
    }
    provider.actor = undefined
    expect(await visibleTickets(provider)).to.deep.equal([])
  })

  it("the requester edits the Registrada demo ticket through the detail's form", async () => {
    const storage = playgroundLayer()
    const provider = await fixture<EcasillaProvider>(html`<ecasilla-provider .layer=${storage.layer} .actor=${rosa}><cau-ticket-detail></cau-ticket-detail></ecasilla-provider>`)
    const detail = provider.querySelector<CauTicketDetail>("cau-ticket-detail")!
    const registrada = (await visibleTickets(provider)).find((t) => t.state === "Registrada")!
    detail.number = registrada.number
    await waitUntil(() => detail.shadowRoot!.querySelector<HTMLButtonElement>("#edit") !== null, "edit offered", { timeout: 5000 })
    detail.shadowRoot!.querySelector<HTMLButtonElement>("#edit")!.click()
    const formOf = () => detail.shadowRoot!.querySelector("cau-ticket-form")
    await waitUntil(() => formOf()?.shadowRoot?.querySelector<HTMLInputElement>("#titulo")?.value === registrada.titulo, "form filled", { timeout: 5000 })
    const titulo = formOf()!.shadowRoot!.querySelector<HTMLInputElement>("#titulo")!
    titulo.select()
    titulo.focus()
    await sendKeys({ type: "¿Cómo presento la DDJJ por la casilla?" })
    formOf()!.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click()
    await waitUntil(() => formOf() === null && detail.ticket?.titulo === "¿Cómo presento la DDJJ por la casilla?", "saved", { timeout: 5000 })
    const stored = await serviceOn(provider, (s) => s.getTicketByNumber(rosa, registrada.number))
    expect(stored.titulo).to.equal("¿Cómo presento la DDJJ por la casilla?")
    expect(stored.descripcion).to.equal(registrada.descripcion)
    await expect(detail).to.be.accessible()
  })
})
