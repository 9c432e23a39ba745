/// <reference types="mocha" />
// The SARI flows of the training deck, end to end through the elements in Chromium, with
// the page's actor switched as people take turns: the operator files with
// <sari-request-form>, the approver decides in <sari-approval-inbox>, the operator follows
// it in the operator view; then the new roles are what the RoleDirectory (the casilla's
// and CAU's source of roles) answers, and the mails go out through the outbox relay.
import { expect, html, oneEvent } from "@open-wc/testing"
import * as Effect from "effect/Effect"
import { relayEvents } from "@ecasilla/core/ports"
import { authorize } from "@ecasilla/core/roles"
import { sariMailConsumer } from "@ecasilla/core/sari"
import { makeCaptureMailer } from "@ecasilla/adapters/memory"
import "@ecasilla/elements/define/sari-request-form.js"
import "@ecasilla/elements/define/sari-approval-inbox.js"
import type { SariApprovalInbox, SariRequestChangedEvent, SariRequestForm } from "@ecasilla/elements"
import { $, decide, fileRequest, gti, minsa, sariFixture, shadowText, sunat, waitText } from "./sari-helpers.js"

describe("SARI flows through the elements", () => {
  it("OCI: Operador OCI sends, another OCI cannot see it, the Jefe OCI approves, the new Notificador may deposit and the removed Auxiliar may not", async () => {
    const { provider, outbox, rolesOf } = await sariFixture(
      html`<sari-request-form></sari-request-form><sari-approval-inbox></sari-approval-inbox>`,
      minsa.operador
    )
    const form = provider.querySelector<SariRequestForm>("sari-request-form")!
    const inbox = provider.querySelector<SariApprovalInbox>("sari-approval-inbox")!
    await form.updateComplete
    const request = await fileRequest(form, "quispe", "Pedro Quispe Flores", ["Auxiliar de casilla", "Notificador"])
    expect(request.changes).to.deep.equal([{ op: "remove", role: "auxiliar-casilla" }, { op: "add", role: "notificador" }])
    // The operator's own bandeja shows it Enviada.
    inbox.view = "operator"
    await waitText(inbox, request.number)
    expect(shadowText(inbox)).to.contain("Enviada")

    // Another OCI's Jefe: nothing to decide.
    provider.actor = sunat.jefe
    inbox.view = "approver"
    await waitText(inbox, "0 de 0 solicitudes")

    // The Jefe OCI of the same OCI approves.
    provider.actor = minsa.jefe
    await decide(inbox, request.number, "Aprobar")
    const changed = (await oneEvent(inbox, "sari-request-changed")) as SariRequestChangedEvent
    expect(changed.detail.state).to.equal("Aprobada")
    const pedro = (await rolesOf("E20104")).pipe((o) => (o._tag === "Some" ? o.value : undefined))!
    expect(pedro.roles).to.deep.equal(["notificador"])
    expect(authorize(pedro, "casilla.deposit-notification", {}).allowed).to.equal(true)
    expect(authorize(pedro, "casilla.assign-obligatoria", {}).allowed).to.equal(false)

    // The operator sees it Aprobada.
    provider.actor = minsa.operador
    inbox.view = "operator"
    await waitText(inbox, "Aprobada")

    // The mails: to the approvers on Sent, to requester and colleague on Approved.
    const mailer = makeCaptureMailer()
    await Effect.runPromise(relayEvents([sariMailConsumer]).pipe(Effect.provide(mailer.layer), Effect.provide(outbox.layer)))
    expect(mailer.sent.map((m) => m.subject)).to.deep.equal([`[SARI] Solicitud ${request.number} pendiente de aprobación`, `[SARI] Solicitud ${request.number} aprobada`])
  })

  it("UO: Operador UO sends a CAU role, a Jefe OCI cannot decide it, the Gerente rejects with a reason and no role changes", async () => {
    const { provider, rolesOf } = await sariFixture(html`<sari-request-form></sari-request-form><sari-approval-inbox></sari-approval-inbox>`, gti.operador)
    const form = provider.querySelector<SariRequestForm>("sari-request-form")!
    const inbox = provider.querySelector<SariApprovalInbox>("sari-approval-inbox")!
    await form.updateComplete
    const request = await fileRequest(form, "chavez", "Luis Chávez Ortiz", ["Líder de grupo CAU"], "cau")
    expect([request.system, request.unit.kind]).to.deep.equal(["cau", "uo"])
    provider.actor = minsa.jefe
    inbox.refresh()
    await waitText(inbox, "0 de 0 solicitudes")
    provider.actor = gti.gerente
    await decide(inbox, request.number, "Rechazar")
    await inbox.updateComplete
    $<HTMLTextAreaElement>(inbox, "#reason").value = "Falta la conformidad del jefe inmediato."
    setTimeout(() => $<HTMLButtonElement>(inbox, ".reject button").click())
    const changed = (await oneEvent(inbox, "sari-request-changed")) as SariRequestChangedEvent
    expect([changed.detail.state, changed.detail.decision?.reason]).to.deep.equal(["Rechazada", "Falta la conformidad del jefe inmediato."])
    expect((await rolesOf("U10103")).pipe((o) => (o._tag === "Some" ? o.value.roles : []))).to.deep.equal(["cau-analista"])
    provider.actor = gti.operador
    inbox.view = "operator"
    await waitText(inbox, "Rechazada")
  })
})
