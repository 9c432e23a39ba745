/// <reference types="mocha" />
import { aTimeout, expect, fixture, html, waitUntil } from "@open-wc/testing"
import { sendKeys } from "@web/test-runner-commands"
import * as Effect from "effect/Effect"
import "@ecasilla/elements/define/cau-ticket-detail.js"
import { TicketService } from "@ecasilla/core/cau"
import type { CauTicketDetail, EcasillaProvider } from "@ecasilla/elements"
import { $, carla, cauFixture, draft, fileTicket, jorge, patricia, rosa, serviceOn, shadowText } from "./cau-helpers.js"

declare global {
  interface Window {
    __xss?: number
  }
}

const setUp = async (actor = rosa) => {
  const ctx = await cauFixture(html`<cau-ticket-detail></cau-ticket-detail>`, actor)
  const detail = ctx.provider.querySelector<CauTicketDetail>("cau-ticket-detail")!
  const show = async (id: string) => {
    detail.ticketId = id
    await waitUntil(() => detail.ticket?.id === id && detail.shadowRoot!.querySelector("h2") !== null)
    await detail.updateComplete
  }
  return { ...ctx, detail, show }
}

/** Files a ticket, assigns Carla and has her answer: a Resuelta ticket of `requester`. */
const resolvedTicket = async (service: Awaited<ReturnType<typeof setUp>>["service"], requester = rosa) => {
  const t = await fileTicket(service, requester)
  await service((s) => s.assignTicket(patricia, t.id, { analystId: carla.id }))
  return service((s) => s.resolveTicket(carla, t.id, { answer: "<p>Listo.</p>" }))
}

describe("<cau-ticket-detail>", () => {
  it("is accessible in every state and marks the current phase", async () => {
    const { detail, service, show, provider } = await setUp()
    const t = await fileTicket(service)
    await show(t.id)
    await expect(detail).to.be.accessible()
    expect($(detail, '[aria-current="step"]').textContent).to.contain("Registro")
    expect(shadowText(detail)).to.contain("A la espera de ser asignada a un analista")
    provider.actor = patricia
    await detail.updateComplete
    await expect(detail).to.be.accessible()
    await service((s) => s.assignTicket(patricia, t.id, { analystId: carla.id, supportGroup: "Soporte Casilla" }))
    await service((s) => s.resolveTicket(carla, t.id, { answer: "<p>Hecho.</p>" }))
    provider.actor = rosa
    detail.reload()
    await waitUntil(() => detail.ticket?.state === "Resuelta" && shadowText(detail).includes("Hecho."))
    expect($(detail, '[aria-current="step"]').textContent).to.contain("Resolución")
    expect(shadowText(detail)).to.contain("Soporte Casilla")
    await expect(detail).to.be.accessible()
  })

  it("finds a ticket by number, and says so in Spanish when it does not exist", async () => {
    const { detail, service } = await setUp()
    const t = await fileTicket(service)
    detail.number = t.number
    await waitUntil(() => detail.ticket?.number === t.number)
    detail.number = "CAU-2026-999999"
    await waitUntil(() => shadowText(detail).includes("El ticket no existe."))
    await expect(detail).to.be.accessible()
  })

  it("speaks English when asked, with the core's messages", async () => {
    const { detail, service, show, provider } = await setUp()
    const t = await resolvedTicket(service)
    provider.locale = "en"
    await show(t.id)
    await waitUntil(() => shadowText(detail).includes("Did the answer solve your request?"))
    $(detail, "#incorrecta").click()
    await waitUntil(() => $(detail, "#action-error").textContent === "Write a comment explaining why the answer is incorrect.")
  })

  describe("forbidden moves fail with a tagged error, change nothing, and are not offered", () => {
    const expectUnchanged = async (service: Awaited<ReturnType<typeof setUp>>["service"], before: { id: string; version: number; state: string }) => {
      const after = await service((s) => s.getTicket(patricia, before.id))
      expect(after.version).to.equal(before.version)
      expect(after.state).to.equal(before.state)
    }

    it("editing an assigned ticket", async () => {
      const { detail, service, show, mailer } = await setUp()
      const t = await fileTicket(service)
      const assigned = await service((s) => s.assignTicket(patricia, t.id, { analystId: carla.id }))
      const sent = mailer.sent.length
      const error = await service((s) => Effect.flip(s.editTicket(rosa, t.id, { titulo: "Otro título" })))
      expect(error._tag).to.equal("@ecasilla/core/cau/TicketError")
      expect((error as { reason: string }).reason).to.equal("wrong-state")
      await expectUnchanged(service, assigned)
      expect(mailer.sent.length).to.equal(sent)
      await show(t.id)
      expect(detail.availableActions).to.deep.equal(["note"])
      expect(shadowText(detail)).not.to.contain("Modificar")
      expect(detail.shadowRoot!.querySelectorAll("form").length).to.equal(1)
    })

    it("rating someone else's ticket", async () => {
      const { detail, service, show, provider } = await setUp(jorge)
      const t = await resolvedTicket(service, rosa)
      for (const attempt of [
        (s: Parameters<Parameters<typeof service>[0]>[0]) => s.acceptResolution(jorge, t.id),
        (s: Parameters<Parameters<typeof service>[0]>[0]) => s.rejectResolution(jorge, t.id, { comment: "No me gusta" }),
        (s: Parameters<Parameters<typeof service>[0]>[0]) => s.submitSurvey(jorge, t.id, { level: "insatisfecho" })
      ]) {
        // The service does not even admit the ticket exists to someone who may not see it.
        const error = await service((s) => Effect.flip(attempt(s)))
        expect((error as { reason: string }).reason).to.equal("not-found")
      }
      await expectUnchanged(service, t)
      detail.ticketId = t.id
      // Someone else's ticket is not shown at all (the service's read fails): "does not exist".
      await waitUntil(() => shadowText(detail).includes("El ticket no existe."))
      expect(detail.ticket).to.equal(undefined)
      expect(detail.availableActions).to.deep.equal([])
      expect(detail.shadowRoot!.querySelector("#correcta, #incorrecta, #survey-heading, h2")).to.equal(null)
      provider.actor = rosa
      await waitUntil(() => detail.ticket?.id === t.id)
      await detail.updateComplete
      expect(detail.availableActions).to.deep.equal(["incorrecta", "correcta"])
    })

    it("closing without the survey", async () => {
      const { detail, service, show } = await setUp()
      const t = await resolvedTicket(service)
      let error = await service((s) => Effect.flip(s.submitSurvey(rosa, t.id, { level: "satisfecho" })))
      expect((error as { reason: string }).reason).to.equal("verdict-pending")
      const accepted = await service((s) => s.acceptResolution(rosa, t.id))
      error = await service((s) => Effect.flip(s.submitSurvey(rosa, t.id, { level: undefined })))
      expect((error as { reason: string }).reason).to.equal("survey-required")
      await expectUnchanged(service, accepted)
      await show(t.id)
      expect(detail.availableActions).to.deep.equal(["survey"])
      $(detail, "#survey-heading").closest("form")!.requestSubmit()
      await waitUntil(() => $(detail, "#action-error").textContent === "Seleccione su nivel de satisfacción para cerrar el ticket.")
      await expectUnchanged(service, accepted)
      await expect(detail).to.be.accessible()
    })

    it("incorrecta without a comment", async () => {
      const { detail, service, show, mailer } = await setUp()
      const t = await resolvedTicket(service)
      const sent = mailer.sent.length
      const error = await service((s) => Effect.flip(s.rejectResolution(rosa, t.id, { comment: "   " })))
      expect(error._tag).to.equal("@ecasilla/core/cau/TicketError")
      expect((error as { reason: string }).reason).to.equal("comment-required")
      await show(t.id)
      $(detail, "#incorrecta").click()
      await waitUntil(() => $(detail, "#action-error").textContent!.trim() !== "")
      expect($(detail, "#action-error").textContent).to.equal("Escriba un comentario que explique por qué la respuesta es incorrecta.")
      await expectUnchanged(service, t)
      expect(mailer.sent.length).to.equal(sent)
    })
  })

  it("never runs script from título, descripción, notes, answers or attachment names", async () => {
    delete window.__xss
    const { detail, service, show } = await setUp()
    const payload = (n: number) => `<img src=x onerror="window.__xss=${n}">`
    const titulo = `${payload(1)}<script>window.__xss=2</script>`
    const descripcion = [
      "<p>Texto <b>visible</b></p>",
      payload(3),
      "<script>window.__xss=4</script>",
      '<a href="javascript:window.__xss=5">enlace</a>',
      '<svg onload="window.__xss=6"><circle r="4"/></svg>',
      '<p style="display:none">oculto</p><span style="visibility:hidden">invisible</span>',
      '<iframe src="javascript:window.__xss=7"></iframe>',
      '<a href="https://www.contraloria.gob.pe/" onclick="window.__xss=8">CGR</a>',
      '<details open ontoggle="window.__xss=9">x</details>'
    ].join("")
    const t = await service((s) => s.createTicket(rosa, {
      titulo,
      descripcion,
      tipo: "Incidencia",
      categoria: "aplicativos.casilla.acceso-ecasilla",
      telefono: "987654321",
      attachments: [{ name: `${payload(10)}.txt`, bytes: new TextEncoder().encode("hola") }]
    }))
    await service((s) => s.assignTicket(patricia, t.id, { analystId: carla.id }))
    await service((s) => s.addNote(rosa, t.id, { message: `<svg onload="window.__xss=11">`, attachments: [{ name: `<svg onload=window.__xss=12>.txt`, bytes: new TextEncoder().encode("x") }] }))
    await service((s) => s.resolveTicket(carla, t.id, { answer: `<p>Respuesta</p>${payload(13)}<a href="javascript:window.__xss=14">x</a>` }))
    await service((s) => s.rejectResolution(rosa, t.id, { comment: payload(15) }))
    await show(t.id)
    await aTimeout(300) // let any injected image fail and any handler fire
    expect(window.__xss).to.equal(undefined)

    const root = detail.shadowRoot!
    expect($(detail, "h2").textContent).to.equal(titulo) // shown as text, verbatim
    expect(shadowText(detail)).to.contain(`${payload(10)}.txt`)
    expect(shadowText(detail)).to.contain(`<svg onload="window.__xss=11">`)
    expect(root.querySelectorAll("script, iframe, svg:not([aria-hidden]), img, details").length).to.equal(0)
    const all = [...root.querySelectorAll("*")]
    const handlers = all.flatMap((el) => [...el.attributes].filter((a) => a.name.startsWith("on")).map((a) => `${el.localName}[${a.name}]`))
    expect(handlers).to.deep.equal([])
    const links = [...root.querySelectorAll<HTMLAnchorElement>("a[href]")].map((a) => a.getAttribute("href")!)
    expect(links.every((h) => /^(https?:|mailto:|tel:)/.test(h))).to.equal(true)
    expect(links).to.include("https://www.contraloria.gob.pe/")
    expect(all.filter((el) => /display\s*:\s*none|visibility\s*:\s*hidden/i.test(el.getAttribute("style") ?? "")).length).to.equal(0)
    expect($(detail, ".rich b").textContent).to.equal("visible")
    await expect(detail).to.be.accessible()
  })

  it("downloads an attachment with its own name and bytes", async () => {
    const { detail, service, show } = await setUp()
    const t = await service((s) => s.createTicket(rosa, { ...draft, attachments: [{ name: "captura.txt", bytes: new TextEncoder().encode("Error 500") }] }))
    await show(t.id)
    const clicked: Array<{ name: string; href: string }> = []
    const original = HTMLAnchorElement.prototype.click
    HTMLAnchorElement.prototype.click = function(this: HTMLAnchorElement) { clicked.push({ name: this.download, href: this.href }) }
    try {
      $(detail, 'button[aria-label="Descargar «captura.txt»"]').click()
      await waitUntil(() => clicked.length === 1)
    } finally {
      HTMLAnchorElement.prototype.click = original
    }
    expect(clicked[0].name).to.equal("captura.txt")
    expect(await (await fetch(clicked[0].href)).text()).to.equal("Error 500")
  })

  it("the survey is answered with the keyboard only", async () => {
    const { detail, service, show } = await setUp()
    const t = await resolvedTicket(service)
    await service((s) => s.acceptResolution(rosa, t.id))
    await show(t.id)
    $<HTMLInputElement>(detail, 'input[name="level"]').focus()
    await sendKeys({ press: "ArrowDown" }) // satisfecho
    await sendKeys({ press: "Tab" })
    await sendKeys({ type: "Muy amable." })
    await sendKeys({ press: "Tab" })
    expect(detail.shadowRoot!.activeElement?.textContent?.trim()).to.equal("Responder encuesta")
    await sendKeys({ press: "Enter" })
    await waitUntil(() => detail.ticket?.state === "Cerrada")
    expect(detail.ticket!.survey).to.deep.include({ level: "satisfecho", comment: "Muy amable." })
    expect(detail.shadowRoot!.activeElement?.id).to.equal("status-heading")
  })
})

describe("<cau-ticket-detail> without storage", () => {
  it("a provider without a layer: the detail says the page is not set up, and the console names `layer`", async () => {
    const warnings: Array<string> = []
    const original = console.warn
    console.warn = (...args: Array<unknown>) => void warnings.push(String(args[0]))
    try {
      const provider = await fixture<EcasillaProvider>(html`<ecasilla-provider .actor=${rosa}><cau-ticket-detail number="CAU-2026-000001"></cau-ticket-detail></ecasilla-provider>`)
      const detail = provider.querySelector<CauTicketDetail>("cau-ticket-detail")!
      await waitUntil(() => shadowText(detail).includes("Esta página no tiene configurado el almacenamiento de tickets."))
      expect(warnings.filter((w) => w.includes("`layer`")).length).to.equal(1)
      await expect(detail).to.be.accessible()
    } finally {
      console.warn = original
    }
  })
})

describe("<cau-ticket-detail> editing", () => {
  it("offers the requester the edit form while Registrada; saving reloads the ticket and closes the form", async () => {
    const { detail, service, show, provider } = await setUp()
    const t = await fileTicket(service)
    await show(t.id)
    expect(detail.availableActions).to.deep.equal(["edit"])
    $(detail, "#edit").click()
    await waitUntil(() => detail.shadowRoot!.querySelector("cau-ticket-form")?.shadowRoot?.querySelector<HTMLInputElement>("#titulo")?.value === t.titulo)
    const form = detail.shadowRoot!.querySelector("cau-ticket-form")!
    await expect(detail).to.be.accessible()
    const telefono = form.shadowRoot!.querySelector<HTMLInputElement>("#telefono")!
    telefono.select()
    telefono.focus()
    await sendKeys({ type: "912345678" })
    const updated = new Promise<Event>((resolve) => provider.addEventListener("ticket-updated", resolve, { once: true }))
    form.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click()
    const event = await updated
    expect((event as Event & { action?: string }).action).to.equal("edit")
    await waitUntil(() => detail.shadowRoot!.querySelector("cau-ticket-form") === null && detail.ticket?.version === t.version + 1)
    expect(detail.ticket!.telefono.replace(/\s/g, "")).to.equal("912345678")
    expect(shadowText(detail)).to.contain(detail.ticket!.telefono)
    expect(shadowText(detail)).to.contain("Modificó el ticket")
    // Others are not offered it.
    provider.actor = carla
    await detail.updateComplete
    expect(detail.shadowRoot!.querySelector("#edit")).to.equal(null)
  })
})

describe("<cau-ticket-detail> on the playground's IndexedDB storage", () => {
  it("shows a seeded demo ticket and closes it: correcta, survey, Cerrada", async () => {
    const { layerDexieCau, openEcasillaDb, seedCauDemo } = await import("@ecasilla/adapters/dexie")
    const db = openEcasillaDb(`cau-detail-test-${Date.now()}`)
    try {
      expect(await seedCauDemo(db)).to.equal(true)
      const provider = await fixture<EcasillaProvider>(html`<ecasilla-provider .layer=${layerDexieCau({ db })} .actor=${rosa}><cau-ticket-detail></cau-ticket-detail></ecasilla-provider>`)
      const detail = provider.querySelector<CauTicketDetail>("cau-ticket-detail")!
      const tickets = await serviceOn(provider, (s) => s.listTickets(rosa, { states: ["Resuelta"] }))
      expect(tickets.length).to.equal(1)
      detail.number = tickets[0].number
      await waitUntil(() => detail.availableActions.join() === "incorrecta,correcta" && detail.shadowRoot!.querySelector("#correcta") !== null)
      await expect(detail).to.be.accessible()
      $(detail, "#correcta").click()
      await waitUntil(() => detail.shadowRoot!.querySelector('input[name="level"]') !== null)
      $<HTMLInputElement>(detail, 'input[name="level"][value="muy-satisfecho"]').click()
      $(detail, "#survey-heading").closest("form")!.requestSubmit()
      await waitUntil(() => detail.ticket?.state === "Cerrada")
      expect(detail.ticket!.closure!.comment).to.equal("Conforme")
    } finally {
      db.close()
      await db.delete()
    }
  })
})
