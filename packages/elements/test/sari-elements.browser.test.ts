/// <reference types="mocha" />
// <sari-request-form> and <sari-approval-inbox> in Chromium: axe, keyboard, Spanish and
// English, the windowed list, what each actor sees and may do.
import { expect, html, oneEvent, waitUntil } from "@open-wc/testing"
import { sendKeys } from "@web/test-runner-commands"
import "@ecasilla/elements/define/sari-request-form.js"
import "@ecasilla/elements/define/sari-approval-inbox.js"
import type { SariApprovalInbox, SariRequestChangedEvent, SariRequestForm, SariRequestSavedEvent } from "@ecasilla/elements"
import { $, gti, manyRequests, minsa, sariFixture, shadowText, sunat, waitText } from "./sari-helpers.js"

describe("<sari-request-form>", () => {
  it("finds the colleague by DNI, shows roles held, sends; accessible; keyboard only", async () => {
    const { provider } = await sariFixture(html`<sari-request-form></sari-request-form>`, minsa.operador)
    const form = provider.querySelector<SariRequestForm>("sari-request-form")!
    await form.updateComplete
    await expect(form).to.be.accessible()
    // Keyboard: DNI in the id input, Enter submits the search.
    const idInput = form.shadowRoot!.querySelector("ecasilla-id-input")!
    ;(idInput as HTMLElement).focus()
    await sendKeys({ type: "43456789" })
    await sendKeys({ press: "Enter" })
    await waitText(form, "Pedro Quispe Flores")
    $(form, ".results button").focus()
    await sendKeys({ press: "Enter" })
    await waitText(form, "Roles de Pedro Quispe Flores")
    expect(shadowText(form)).to.contain("Auxiliar de casilla Sí Quitar")
    expect(shadowText(form)).to.contain("Notificador No Agregar")
    // Emisor is not for an auditor: disabled with a hint.
    const rows = [...form.shadowRoot!.querySelectorAll("tbody tr")]
    const emisor = rows.find((r) => r.textContent!.includes("Emisor"))!
    expect(emisor.querySelector<HTMLInputElement>("input")!.disabled).to.equal(true)
    expect(emisor.textContent).to.contain("no corresponde a su cargo")
    await expect(form).to.be.accessible()
    const notificador = rows.find((r) => r.textContent!.includes("Notificador"))!.querySelector<HTMLInputElement>("input")!
    notificador.focus()
    await sendKeys({ press: "Space" })
    expect(notificador.checked).to.equal(true)
    const send = [...form.shadowRoot!.querySelectorAll<HTMLButtonElement>(".actions button")].find((b) => b.textContent!.includes("Enviar"))!
    send.focus()
    setTimeout(() => sendKeys({ press: "Enter" }))
    const saved = (await oneEvent(form, "sari-request-saved")) as SariRequestSavedEvent
    expect([saved.sent, saved.detail.state, saved.detail.changes]).to.deep.equal([true, "Enviada", [{ op: "add", role: "notificador" }]])
    await waitText(form, `Solicitud ${saved.detail.number} enviada para aprobación.`)
  })

  it("Guardar keeps a draft; a core refusal is shown in the page's language", async () => {
    const { provider } = await sariFixture(html`<sari-request-form lang="en"></sari-request-form>`, gti.operador)
    const form = provider.querySelector<SariRequestForm>("sari-request-form")!
    await form.updateComplete
    ;($<HTMLInputElement>(form, "#name")).value = "chavez"
    $<HTMLButtonElement>(form, 'form button[type="submit"]').click()
    await waitText(form, "Luis Chávez Ortiz")
    $<HTMLButtonElement>(form, ".results button").click()
    await waitText(form, "Roles of Luis Chávez Ortiz")
    const system = $<HTMLSelectElement>(form, "#system")
    system.value = "cau"
    system.dispatchEvent(new Event("change"))
    await waitText(form, "Help-desk analyst Yes Remove")
    const lead = [...form.shadowRoot!.querySelectorAll("tbody tr")].find((r) => r.textContent!.includes("group lead"))!.querySelector<HTMLInputElement>("input")!
    lead.click()
    const save = [...form.shadowRoot!.querySelectorAll<HTMLButtonElement>(".actions button")].find((b) => b.textContent!.includes("Save"))!
    setTimeout(() => save.click())
    const saved = (await oneEvent(form, "sari-request-saved")) as SariRequestSavedEvent
    expect([saved.sent, saved.detail.state, saved.detail.system]).to.deep.equal([false, "Borrador", "cau"])
    await waitText(form, "saved as a draft")
    // Guardar, then Enviar: the form now holds the draft, and Send sends that same request.
    await waitText(form, `Draft ${saved.detail.number}`)
    const send = [...form.shadowRoot!.querySelectorAll<HTMLButtonElement>(".actions button")].find((b) => b.textContent!.includes("Send"))!
    setTimeout(() => send.click())
    const sent = (await oneEvent(form, "sari-request-saved")) as SariRequestSavedEvent
    expect([sent.sent, sent.detail.id, sent.detail.state]).to.deep.equal([true, saved.detail.id, "Enviada"])
    await waitText(form, "sent for approval")
    // A new request for the same colleague and system is refused while that one is open, in English.
    $<HTMLInputElement>(form, "#name").value = "chavez"
    $<HTMLButtonElement>(form, 'form button[type="submit"]').click()
    await waitText(form, "Luis Chávez Ortiz")
    $<HTMLButtonElement>(form, ".results button").click()
    await waitText(form, "Roles of Luis Chávez Ortiz")
    const sys2 = $<HTMLSelectElement>(form, "#system")
    sys2.value = "cau"
    sys2.dispatchEvent(new Event("change"))
    await waitText(form, "Help-desk analyst Yes Remove")
    ;[...form.shadowRoot!.querySelectorAll("tbody tr")].find((r) => r.textContent!.includes("group lead"))!.querySelector<HTMLInputElement>("input")!.click()
    ;[...form.shadowRoot!.querySelectorAll<HTMLButtonElement>(".actions button")].find((b) => b.textContent!.includes("Save"))!.click()
    await waitText(form, "already has an open request for this system")
    await expect(form).to.be.accessible()
  })

  it("someone who is not an operator is told so", async () => {
    const { provider } = await sariFixture(html`<sari-request-form></sari-request-form>`, minsa.jefe)
    const form = provider.querySelector<SariRequestForm>("sari-request-form")!
    $<HTMLInputElement>(form, "#name").value = "quispe"
    $<HTMLButtonElement>(form, 'form button[type="submit"]').click()
    await waitText(form, "Su perfil no permite esta acción en SARI.")
  })
})

describe("<sari-approval-inbox>", () => {
  const seed = async (service: Awaited<ReturnType<typeof sariFixture>>["service"], n: number) => {
    // Many requests: colleagues of OCI-MINSA, alternating systems, all sent.
    const ids = ["E20104", "E20105", "E20106"]
    const out = []
    for (let i = 0; i < n; i++) {
      const collaboratorId = ids[i % 3]
      const system = i % 2 ? "cau" as const : "casilla" as const
      const role = system === "cau" ? "cau-lider-grupo" as const : collaboratorId === "E20105" ? "auxiliar-casilla" as const : "notificador" as const
      out.push(await service((s) => s.createRequest(minsa.operador, { collaboratorId, system, changes: [{ op: "add", role }], send: true })))
    }
    return out
  }

  it("the approver sees the unit's pending requests, opens one with the keyboard, sees the diff and approves", async () => {
    const { provider, service, rolesOf } = await sariFixture(html`<sari-approval-inbox></sari-approval-inbox>`, minsa.jefe)
    const [r1, r2] = await seed(service, 2)
    const inbox = provider.querySelector<SariApprovalInbox>("sari-approval-inbox")!
    inbox.refresh()
    await waitText(inbox, "2 de 2 solicitudes")
    await expect(inbox).to.be.accessible()
    const first = $<HTMLButtonElement>(inbox, 'li[data-index="0"] button.open')
    first.focus()
    await sendKeys({ press: "ArrowDown" })
    expect(inbox.shadowRoot!.activeElement?.textContent).to.contain(r1.number)
    await sendKeys({ press: "Enter" })
    await waitText(inbox, `Solicitud ${r1.number}`)
    await waitUntil(() => inbox.shadowRoot!.activeElement?.id === "detail-heading", "focus on the detail")
    expect(shadowText(inbox)).to.contain("Cambios de roles")
    expect(shadowText(inbox)).to.contain("+ Notificador No Sí")
    await expect(inbox).to.be.accessible()
    const approve = [...inbox.shadowRoot!.querySelectorAll<HTMLButtonElement>(".detail button")].find((b) => b.textContent === "Aprobar")!
    setTimeout(() => approve.click())
    const changed = (await oneEvent(inbox, "sari-request-changed")) as SariRequestChangedEvent
    expect([changed.action, changed.detail.state]).to.deep.equal(["approve", "Aprobada"])
    await waitText(inbox, "1 de 1 solicitudes")
    expect((await rolesOf("E20104")).pipe((o) => (o._tag === "Some" ? o.value.roles : []))).to.deep.equal(["auxiliar-casilla", "notificador"])
    expect(r2.state).to.equal("Enviada")
  })

  it("reject needs a reason; other units and operators see nothing to decide", async () => {
    const { provider, service } = await sariFixture(html`<sari-approval-inbox lang="en"></sari-approval-inbox>`, minsa.supervisor)
    const [r] = await seed(service, 1)
    const inbox = provider.querySelector<SariApprovalInbox>("sari-approval-inbox")!
    inbox.refresh()
    await waitText(inbox, "1 of 1 requests")
    $<HTMLButtonElement>(inbox, "button.open").click()
    await waitText(inbox, `Request ${r.number}`)
    ;[...inbox.shadowRoot!.querySelectorAll<HTMLButtonElement>(".detail button")].find((b) => b.textContent === "Reject")!.click()
    await inbox.updateComplete
    await expect(inbox).to.be.accessible()
    $<HTMLTextAreaElement>(inbox, "#reason").value = "   "
    // The browser's required check is bypassed on purpose: the core must refuse.
    $<HTMLTextAreaElement>(inbox, "#reason").removeAttribute("required")
    $<HTMLButtonElement>(inbox, ".reject button").click()
    await waitText(inbox, "Give the reason for the rejection.")
    $<HTMLTextAreaElement>(inbox, "#reason").value = "Not justified"
    setTimeout(() => $<HTMLButtonElement>(inbox, ".reject button").click())
    const changed = (await oneEvent(inbox, "sari-request-changed")) as SariRequestChangedEvent
    expect([changed.action, changed.detail.state, changed.detail.decision?.reason]).to.deep.equal(["reject", "Rechazada", "Not justified"])
    // Another OCI's Jefe: nothing.
    provider.actor = sunat.jefe
    await waitText(inbox, "0 of 0 requests")
  })

  it("operator view lists the operator's own requests with their states and lets them withdraw", async () => {
    const { provider, service } = await sariFixture(html`<sari-approval-inbox view="operator"></sari-approval-inbox>`, minsa.operador)
    const [a, b] = await seed(service, 2)
    await service((s) => s.approveRequest(minsa.jefe, a.id))
    const inbox = provider.querySelector<SariApprovalInbox>("sari-approval-inbox")!
    inbox.refresh()
    await waitText(inbox, "2 de 2 solicitudes")
    expect(shadowText(inbox)).to.contain("Aprobada")
    expect(shadowText(inbox)).to.contain("Enviada")
    expect(inbox.shadowRoot!.querySelectorAll('input[type="checkbox"]').length).to.equal(0)
    const row = [...inbox.shadowRoot!.querySelectorAll<HTMLButtonElement>("button.open")].find((x) => x.textContent!.includes(b.number))!
    row.click()
    await waitText(inbox, "Anular solicitud")
    expect(inbox.actionsFor(b.id)).to.deep.equal(["withdraw"])
    setTimeout(() => [...inbox.shadowRoot!.querySelectorAll<HTMLButtonElement>(".detail button")].find((x) => x.textContent === "Anular solicitud")!.click())
    const changed = (await oneEvent(inbox, "sari-request-changed")) as SariRequestChangedEvent
    expect(changed.detail.state).to.equal("Anulada")
    await expect(inbox).to.be.accessible()
  })

  it("a large bandeja stays windowed; filter, search and bulk approve", async () => {
    const { provider, service } = await sariFixture(html`<sari-approval-inbox></sari-approval-inbox>`, minsa.jefe)
    // One open request per colleague and system: 3 colleagues × 2 systems.
    const rs = await seed(service, 6)
    const inbox = provider.querySelector<SariApprovalInbox>("sari-approval-inbox")!
    inbox.refresh()
    await waitText(inbox, "6 de 6 solicitudes")
    const sys = $<HTMLSelectElement>(inbox, "#sys")
    sys.value = "cau"
    sys.dispatchEvent(new Event("change"))
    await waitText(inbox, "3 de 6 solicitudes")
    const q = $<HTMLInputElement>(inbox, "#q")
    q.value = "mendoza"
    q.dispatchEvent(new Event("input"))
    await waitText(inbox, "1 de 6 solicitudes")
    q.value = ""
    q.dispatchEvent(new Event("input"))
    sys.value = ""
    sys.dispatchEvent(new Event("change"))
    await waitText(inbox, "6 de 6 solicitudes")
    const boxes = [...inbox.shadowRoot!.querySelectorAll<HTMLInputElement>('li input[type="checkbox"]')]
    boxes.slice(0, 3).forEach((b) => b.click())
    await waitText(inbox, "Aprobar seleccionadas (3)")
    $<HTMLButtonElement>(inbox, ".actions button.primary").click()
    await waitText(inbox, "3 aprobada(s).")
    await waitUntil(() => shadowText(inbox).includes("3 de 3 solicitudes"), shadowText(inbox), { timeout: 5000 })
    expect(rs.length).to.equal(6)
  })
})

describe("<sari-approval-inbox> windowing", () => {
  it("keeps the DOM bounded with 500 requests and reaches the last one with End", async () => {
    const { provider } = await sariFixture(html`<sari-approval-inbox></sari-approval-inbox>`, minsa.jefe, manyRequests(500))
    const inbox = provider.querySelector<SariApprovalInbox>("sari-approval-inbox")!
    await waitText(inbox, "500 de 500 solicitudes")
    const rows = () => inbox.shadowRoot!.querySelectorAll(".list > li").length
    expect(rows()).to.be.within(5, 40)
    $<HTMLButtonElement>(inbox, 'li[data-index="0"] button.open').focus()
    await sendKeys({ press: "End" })
    await waitUntil(() => inbox.shadowRoot!.activeElement?.textContent?.includes("SARI-2026-000001") ?? false, "last row focused")
    expect(rows()).to.be.within(5, 40)
    expect(inbox.shadowRoot!.activeElement!.closest("li")!.getAttribute("aria-posinset")).to.equal("500")
    await expect(inbox).to.be.accessible()
  })
})

describe("SARI drafts", () => {
  it("the operator edits a Borrador with request-id, then sends it from the operator bandeja", async () => {
    const { provider, service } = await sariFixture(html`<sari-request-form></sari-request-form><sari-approval-inbox view="operator"></sari-approval-inbox>`, minsa.operador)
    const draft = await service((s) => s.createRequest(minsa.operador, { collaboratorId: "E20106", system: "casilla", changes: [{ op: "add", role: "notificador" }] }))
    const form = provider.querySelector<SariRequestForm>("sari-request-form")!
    form.requestId = draft.id
    await waitText(form, `Borrador ${draft.number}`)
    await waitText(form, "Roles de Raúl Ñahui Cárdenas")
    const rows = [...form.shadowRoot!.querySelectorAll("tbody tr")]
    expect(rows.find((r) => r.textContent!.includes("Notificador"))!.querySelector<HTMLInputElement>("input")!.checked).to.equal(true)
    // An operador may not be Auxiliar (DOMAIN.md §1), so only the Notificador box is usable.
    expect(rows.find((r) => r.textContent!.includes("Auxiliar"))!.querySelector<HTMLInputElement>("input")!.disabled).to.equal(true)
    await expect(form).to.be.accessible()
    const inbox = provider.querySelector<SariApprovalInbox>("sari-approval-inbox")!
    inbox.refresh()
    await waitText(inbox, draft.number)
    $<HTMLButtonElement>(inbox, "button.open").click()
    await waitText(inbox, `Solicitud ${draft.number}`)
    setTimeout(() => [...inbox.shadowRoot!.querySelectorAll<HTMLButtonElement>(".detail button")].find((b) => b.textContent === "Enviar")!.click())
    const changed = (await oneEvent(inbox, "sari-request-changed")) as SariRequestChangedEvent
    expect([changed.action, changed.detail.state]).to.deep.equal(["send", "Enviada"])
    // A sent request is no longer editable: the form says why.
    form.requestId = undefined
    form.requestId = draft.id
    await waitText(form, `Borrador ${draft.number}`)
    const save = [...form.shadowRoot!.querySelectorAll<HTMLButtonElement>(".actions button")].find((b) => b.textContent!.includes("Guardar"))!
    save.click()
    await waitText(form, "Esta acción no está permitida con la solicitud en estado Enviada.")
  })
})
