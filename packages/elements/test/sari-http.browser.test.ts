/// <reference types="mocha" />
// The SARI elements on the HTTP adapter, end to end in Chromium: <sari-request-form> and
// <sari-approval-inbox> over @ecasilla/adapters/http's layerHttpSari, talking to the real
// example backend (PGlite) through this page's origin. The operator of OCI-MINSA files and
// sends; the head of another OCI sees nothing to decide; the head of OCI-MINSA approves;
// the backend then holds the new roles and the audit trail.
import { expect, fixture, html, oneEvent } from "@open-wc/testing"
import { layerHttpSari } from "@ecasilla/adapters/http"
import "@ecasilla/elements/define/ecasilla-provider.js"
import "@ecasilla/elements/define/sari-request-form.js"
import "@ecasilla/elements/define/sari-approval-inbox.js"
import type { EcasillaProvider, SariApprovalInbox, SariRequestChangedEvent, SariRequestForm } from "@ecasilla/elements"
import { decide, fileRequest, minsa, sunat, waitText } from "./sari-helpers.js"

describe("SARI elements on the HTTP adapter (example backend)", () => {
  it("the operator sends, another OCI's head sees nothing, the head approves, and the backend holds the new roles", async () => {
    const layer = layerHttpSari({ baseUrl: location.origin })
    const provider = await fixture<EcasillaProvider>(html`<ecasilla-provider .layer=${layer} .actor=${minsa.operador}><sari-request-form></sari-request-form><sari-approval-inbox></sari-approval-inbox></ecasilla-provider>`)
    const form = provider.querySelector<SariRequestForm>("sari-request-form")!
    const inbox = provider.querySelector<SariApprovalInbox>("sari-approval-inbox")!
    await form.updateComplete
    await expect(form).to.be.accessible()
    const request = await fileRequest(form, "ñahui", "Raúl Ñahui Cárdenas", ["Notificador"])
    expect(request.changes).to.deep.equal([{ op: "add", role: "notificador" }])
    expect(request.state).to.equal("Enviada")

    provider.actor = sunat.jefe
    inbox.view = "approver"
    inbox.refresh()
    await waitText(inbox, "0 de 0 solicitudes", 10000)

    provider.actor = minsa.jefe
    await decide(inbox, request.number, "Aprobar")
    const changed = (await oneEvent(inbox, "sari-request-changed")) as SariRequestChangedEvent
    expect(changed.detail.state).to.equal("Aprobada")
    await expect(inbox).to.be.accessible()

    // What the backend holds, over plain HTTP.
    const stored = await (await fetch(`/api/sari/requests/${request.id}`, { headers: { "x-ecasilla-user": minsa.operador.id } })).json()
    expect(stored.state).to.equal("Aprobada")
    const found = await (await fetch(`/api/sari/collaborators?q=45678901`, { headers: { "x-ecasilla-user": minsa.operador.id } })).json()
    expect(found[0].roles.casilla).to.deep.equal(["notificador"])
    const audit = await (await fetch(`/api/sari/requests/${request.id}/audit`, { headers: { "x-ecasilla-user": minsa.operador.id } })).json()
    expect(audit.map((e: { action: string }) => e.action)).to.deep.equal(["created", "sent", "approved", "role-granted"])
  })
})
