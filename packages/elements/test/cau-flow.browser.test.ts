/// <reference types="mocha" />
// The whole flow of the CAU seed (the training deck), through the elements, in Chromium:
// file with <cau-ticket-form>, then in <cau-ticket-detail> with the actor switched as the
// deck does: assign, note to the analyst, resolve, incorrecta with comment, resolve again,
// correcta, survey, Cerrada. The e-mails are captured by the memory capture Mailer.
import { expect, html, oneEvent, waitUntil } from "@open-wc/testing"
import { sendKeys } from "@web/test-runner-commands"
import type { Actor } from "@ecasilla/core"
import "@ecasilla/elements/define/cau-ticket-form.js"
import "@ecasilla/elements/define/cau-ticket-detail.js"
import { TicketUpdatedEvent, type CauTicketDetail, type CauTicketForm, type TicketCreatedEvent } from "@ecasilla/elements"
import { $, carla, cauFixture, patricia, pickFiles, rosa, shadowText } from "./cau-helpers.js"

const typeIn = async (el: HTMLElement, text: string) => {
  el.focus()
  await sendKeys({ type: text })
}

describe("CAU flow through the elements", () => {
  it("create → assign → note → resolve → incorrecta → resolve → correcta → survey → Cerrada, with the e-mails", async () => {
    const { provider, mailer, clock } = await cauFixture(html`<cau-ticket-form></cau-ticket-form><cau-ticket-detail></cau-ticket-detail>`, rosa)
    const form = provider.querySelector<CauTicketForm>("cau-ticket-form")!
    const detail = provider.querySelector<CauTicketDetail>("cau-ticket-detail")!
    await form.updateComplete

    // 1. Registro: Rosa files the incidencia with an attachment.
    await typeIn($(form, "#titulo"), "No recibo notificaciones en mi casilla")
    await typeIn($(form, "#descripcion"), "Desde el lunes no aparecen notificaciones nuevas en la bandeja.")
    $<HTMLInputElement>(form, 'input[name="tipo"][value="Incidencia"]').click()
    await typeIn($(form, "#categoria"), "problemas notificacion")
    await sendKeys({ press: "ArrowDown" })
    await sendKeys({ press: "Enter" })
    await typeIn($(form, "#telefono"), "984123456")
    pickFiles($<HTMLInputElement>(form, ".file-input"), [new File(["Captura del error"], "captura.txt")])
    await waitUntil(() => form.shadowRoot!.querySelectorAll(".files li").length === 1)
    setTimeout(() => $(form, 'button[type="submit"]').click())
    const created = ((await oneEvent(form, "ticket-created")) as TicketCreatedEvent).detail
    expect(created.state).to.equal("Registrada")
    expect(created.attachments.map((a) => a.name)).to.deep.equal(["captura.txt"])

    const mail = (subject: string) => mailer.sent.filter((m) => m.subject === subject)
    const creationMail = mailer.sent[0]
    expect(mailer.sent.length).to.equal(1)
    expect(creationMail.to).to.deep.equal([rosa.email])
    expect(creationMail.subject).to.equal(`[CAU] Se registró su incidencia N° ${created.number}`)
    expect(creationMail.text).to.contain("No recibo notificaciones en mi casilla")
    expect(creationMail.text).to.contain("Problemas en la notificación electrónica")

    detail.ticketId = created.id
    const waitState = (state: string) => waitUntil(() => detail.ticket?.state === state && shadowText(detail).includes(`Estado: ${state}`), `state ${state}`, { timeout: 5000 })
    const as = async (actor: Actor) => {
      provider.actor = actor
      await detail.updateComplete
    }
    const updated = async (act: () => unknown) => {
      setTimeout(act)
      const e = (await oneEvent(detail, "ticket-updated")) as TicketUpdatedEvent
      expect(e).to.be.instanceOf(TicketUpdatedEvent)
      return e
    }
    await waitState("Registrada")
    expect($(detail, '[aria-current="step"]').textContent).to.contain("Registro")
    // While Registrada the requester may only edit it.
    expect(detail.availableActions).to.deep.equal(["edit"])
    await expect(detail).to.be.accessible()

    // 2. Investigación: the lead assigns Carla.
    await as(patricia)
    expect(detail.availableActions).to.deep.equal(["assign"])
    await typeIn($(detail, "#analyst"), "Vílchez")
    await waitUntil(() => detail.shadowRoot!.querySelectorAll("#analyst-list [role=option]").length === 1)
    await sendKeys({ press: "ArrowDown" })
    await sendKeys({ press: "Enter" })
    await clock.advance(3_600_000)
    const assigned = await updated(() => $(detail, "#assign-heading").closest("form")!.requestSubmit())
    expect(assigned.action).to.equal("assign")
    await waitState("Asignada-Pendiente")
    expect($(detail, '[aria-current="step"]').textContent).to.contain("Investigación")
    expect(shadowText(detail)).to.contain("Carla Vílchez Paredes")
    expect(shadowText(detail)).to.contain("Mesa de Ayuda - Casilla Electrónica")

    // The requester can no longer edit, only send the analyst a note ("sobre").
    await as(rosa)
    expect(detail.availableActions).to.deep.equal(["note"])
    await typeIn($(detail, "#note-message"), "Adjunto otra captura del error.")
    pickFiles($<HTMLInputElement>(detail, ".file-input"), [new File(["Segunda captura"], "captura-2.txt")])
    await waitUntil(() => detail.shadowRoot!.querySelectorAll(".action .files li").length === 1)
    await updated(() => $(detail, "#note-heading").closest("form")!.requestSubmit())
    await waitUntil(() => detail.ticket?.notes.length === 1)
    expect(shadowText(detail)).to.contain("Adjunto otra captura del error.")
    expect(shadowText(detail)).to.contain("captura-2.txt")
    await expect(detail).to.be.accessible()

    // 3. Resolución: Carla answers.
    const resolve = async (answer: string) => {
      await as(carla)
      expect(detail.availableActions).to.deep.equal(["resolve"])
      await typeIn($(detail, "#answer"), answer)
      await clock.advance(3_600_000)
      await updated(() => $(detail, "#resolve-heading").closest("form")!.requestSubmit())
      await waitState("Resuelta")
    }
    await resolve("Reinicie la sesión y vuelva a ingresar.")
    const resolutionSubject = `[CAU] Se respondió su incidencia N° ${created.number}: califique la atención`
    const [resolutionMail] = mail(resolutionSubject)
    expect(resolutionMail.to).to.deep.equal([rosa.email])
    expect(resolutionMail.text).to.contain(`/cau/tickets/${created.number}`)
    expect(resolutionMail.html).to.contain(`href="/cau/tickets/${created.number}"`)

    // Incorrecta: without a comment the core refuses (shown in Spanish), with one it goes back to Carla.
    await as(rosa)
    expect(detail.availableActions).to.deep.equal(["incorrecta", "correcta"])
    $(detail, "#incorrecta").click()
    await waitUntil(() => $(detail, "#action-error").textContent!.trim() !== "")
    expect($(detail, "#action-error").textContent).to.equal("Escriba un comentario que explique por qué la respuesta es incorrecta.")
    expect($(detail, "#incorrecta-comment").getAttribute("aria-invalid")).to.equal("true")
    expect(detail.shadowRoot!.activeElement?.id).to.equal("incorrecta-comment")
    expect(detail.ticket!.state).to.equal("Resuelta")
    await expect(detail).to.be.accessible()
    await sendKeys({ type: "Sigo sin recibir notificaciones." })
    await updated(() => $(detail, "#incorrecta").click())
    await waitState("Asignada-Pendiente")
    expect(detail.ticket!.analyst!.id).to.equal(carla.id)
    expect($(detail, "#action-error").textContent).to.equal("")

    await resolve("Se corrigió la suscripción de su casilla; ya debe recibir las notificaciones.")
    expect(mail(resolutionSubject).length).to.equal(2)

    // Correcta → survey → Cerrada, "Conforme".
    await as(rosa)
    await updated(() => $(detail, "#correcta").click())
    await waitUntil(() => detail.availableActions.join() === "survey" && detail.shadowRoot!.querySelector("#survey-heading") !== null)
    expect(detail.ticket!.state).to.equal("Resuelta")
    $(detail, "#survey-heading").closest("form")!.requestSubmit()
    await waitUntil(() => $(detail, "#action-error").textContent!.trim() !== "")
    expect($(detail, "#action-error").textContent).to.equal("Seleccione su nivel de satisfacción para cerrar el ticket.")
    await expect(detail).to.be.accessible()
    $<HTMLInputElement>(detail, 'input[name="level"][value="satisfecho"]').click()
    await typeIn($(detail, "#survey-comment"), "Gracias.")
    await updated(() => $(detail, "#survey-heading").closest("form")!.requestSubmit())
    await waitState("Cerrada")
    expect(detail.ticket!.closure!.comment).to.equal("Conforme")
    expect($(detail, ".closure").textContent).to.equal("Conforme")
    expect(detail.availableActions).to.deep.equal([])
    expect(detail.shadowRoot!.querySelectorAll(".phases li.done").length).to.equal(3)

    const [closureMail] = mail(`[CAU] Se cerró su incidencia N° ${created.number}`)
    expect(closureMail.to).to.deep.equal([rosa.email])
    expect(closureMail.text).to.contain("Gracias por calificar la atención")
    const n = created.number
    expect(mailer.sent.map((m) => `${m.to.join(",")}: ${m.subject}`)).to.deep.equal([
      `${rosa.email}: [CAU] Se registró su incidencia N° ${n}`,
      `${carla.email}: [CAU] Nota del usuario en el ticket N° ${n}`,
      `${rosa.email}: ${resolutionSubject}`,
      `${carla.email}: [CAU] El usuario indicó que la respuesta del ticket N° ${n} es incorrecta`,
      `${rosa.email}: ${resolutionSubject}`,
      `${rosa.email}: [CAU] Se cerró su incidencia N° ${n}`
    ])

    const history = [...detail.shadowRoot!.querySelectorAll(".timeline .what")].map((e) => e.textContent!.trim())
    expect(history).to.deep.equal([
      "Registró el ticket",
      "Asignó a Carla Vílchez Paredes (Mesa de Ayuda - Casilla Electrónica)",
      "Envió una nota al analista",
      "Respondió",
      "Indicó que la respuesta es incorrecta",
      "Respondió",
      "Indicó que la respuesta es correcta",
      "Respondió la encuesta: Satisfecho",
      "Cerró el ticket"
    ])
    await expect(detail).to.be.accessible()
  })
})
