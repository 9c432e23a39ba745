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
import { demoActors, PLAYGROUND_DB, playgroundLayer, resetPlaygroundStorage } from "../../docs/src/storage.js"
import { casillaDemoUsers, openEcasillaDb } from "@ecasilla/adapters/dexie"
import { CasillaService } from "@ecasilla/core/casilla"
import { runOn } from "@ecasilla/elements"
import * as Effect from "effect/Effect"
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

  it("the casilla pages read the staff's casilla roles from SARI: a revoked assignment takes the role away", async () => {
    const storage = playgroundLayer()
    const [jorge, rosaC] = casillaDemoUsers
    const provider = await fixture<EcasillaProvider>(html`<ecasilla-provider .layer=${storage.layer} .actor=${rosaC}></ecasilla-provider>`)
    await storage.label
    const everyone = await demoActors()
    const before = everyone.find((a) => a.id === rosaC.id)!
    expect(before.roles).to.include("notificador")
    // The CAU staff keep their CAU roles: SARI assigns them too.
    expect(everyone.find((a) => a.id === "U10007")!.roles).to.include("cau-lider-grupo")
    expect(everyone.find((a) => a.id === "U10210")!.roles).to.include("cau-analista")
    await waitUntil(() => provider.runtime !== undefined)
    const casilla = await runOn(provider.runtime!, [CasillaService], Effect.flatMap(Effect.service(CasillaService), (s) => s.findCasilla(jorge, "10117410")))
    expect(casilla.ok, "the demo seeded María's casilla").to.equal(true)
    const prepare = () =>
      runOn(provider.runtime!, [CasillaService], Effect.flatMap(Effect.service(CasillaService), (s) =>
        s.prepareNotification(rosaC, { casillaId: casilla.ok ? casilla.value.id : "", emisor: { id: "U20011", name: "Ana Torres Villanueva" }, cedula: { numero: "CED-2026-009999", asunto: "Prueba" }, documents: [{ name: "x.pdf", bytes: new TextEncoder().encode("%PDF-1.7\n") }] })))
    expect((await prepare()).ok).to.equal(true)
    // SARI revokes Rosa's notificador role: the same Actor, still claiming it, is refused.
    await openEcasillaDb(PLAYGROUND_DB).roleAssignments.delete(["E40125", "casilla", "notificador"])
    const after = (await demoActors()).find((a) => a.id === rosaC.id)!
    expect(after.roles).not.to.include("notificador")
    const refused = await prepare()
    expect(refused.ok).to.equal(false)
    if (!refused.ok) expect((refused.error as { reason?: string }).reason).to.equal("not-allowed")
  })
})
