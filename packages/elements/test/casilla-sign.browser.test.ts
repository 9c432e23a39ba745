/// <reference types="mocha" />
// The emisor's step in <casilla-sign> and the sign-out of <casilla-login>, in Chromium: the
// emisor sees only the Borradores waiting for their own signature, signs one (the core moves
// it to Firmada), and a refusal shows its reason; signing out ends the session at the gateway.
import { expect, html, waitUntil as wait } from "@open-wc/testing"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { Actor } from "@ecasilla/core"
import { AuthGateway, type AuthSession } from "@ecasilla/core/casilla"
import { makeMemoryAuthGateway } from "@ecasilla/adapters/memory"
import "@ecasilla/elements/define/casilla-sign.js"
import "@ecasilla/elements/define/casilla-login.js"
import type { CasillaLogin, CasillaSign, NotificationSignedEvent } from "@ecasilla/elements"
import { TestPdf } from "../../core/test/firma/pdf.js"
import { makePki } from "../../core/test/firma/pki.js"
import { $, auxiliar, casillaFixture, emisor, notificador, receptor, shadowText } from "./casilla-helpers.js"

const waitUntil = (ok: () => boolean, message?: string) => wait(ok, message, { timeout: 15000 })
const otroEmisor = new Actor({ id: "U30005", name: "Elena Emisora Vega", roles: ["emisor"] })

const setup = async (actor: Actor, locale = "es-PE") => {
  const pki = await makePki("rsa")
  const bytes = (await new TestPdf().sign(pki, { field: "Titular" })).bytes
  const page = await casillaFixture(html`<casilla-sign></casilla-sign>`, { actor, trustAnchors: [pki.rootPem], locale })
  const casilla = await page.service((s) => s.createCasilla(auxiliar, { receptorKind: "persona-natural", loginId: receptor.id, name: receptor.name, origin: "asignacion-obligatoria" }))
  await page.service((s) => s.activateCasilla(auxiliar, casilla.id))
  const prepare = (numero: string, who: Actor = emisor) =>
    page.service((s) => s.prepareNotification(notificador, { casillaId: casilla.id, emisor: { id: who.id, name: who.name }, cedula: { numero, asunto: "Requerimiento de información", plazoDiasHabiles: 5 }, documents: [{ name: `${numero}.pdf`, bytes }] }))
  const sign = page.provider.querySelector<CasillaSign>("casilla-sign")!
  return { ...page, prepare, sign }
}

describe("<casilla-sign>", () => {
  it("lists only the emisor's Borradores and signs one through the core", async () => {
    const { prepare, sign, service } = await setup(emisor)
    const mine = await prepare("CED-2026-000201")
    await prepare("CED-2026-000202", otroEmisor)
    sign.reload()
    await waitUntil(() => sign.notifications.length === 1, "the emisor's notification never showed")
    expect(sign.notifications[0].id).to.equal(mine.id)
    expect(shadowText(sign)).to.contain("1 notificación por firmar")
    expect(shadowText(sign)).not.to.contain("CED-2026-000202")
    await expect(sign).to.be.accessible()
    const events: Array<NotificationSignedEvent> = []
    sign.addEventListener("casilla-notification-sign", (e) => events.push(e as NotificationSignedEvent))
    const button = $<HTMLButtonElement>(sign, 'button[aria-label="Firmar la cédula CED-2026-000201"]')
    button.click()
    button.click()
    await waitUntil(() => events.length === 1 && sign.notifications.length === 0, "never signed")
    await new Promise((r) => setTimeout(r, 50))
    expect(events).to.have.length(1)
    expect(events[0].detail.state).to.equal("Firmada")
    expect((await service((s) => s.getNotification(notificador, mine.id))).state).to.equal("Firmada")
    expect($(sign, '[role="status"]').textContent).to.contain("Firmó la cédula CED-2026-000201")
    expect(shadowText(sign)).to.contain("No tiene notificaciones por firmar.")
    await expect(sign).to.be.accessible()
  })

  it("shows the core's refusal when the notification changed meanwhile", async () => {
    const { prepare, sign, service } = await setup(emisor)
    const n = await prepare("CED-2026-000203")
    sign.reload()
    await waitUntil(() => sign.notifications.length === 1)
    // Signed elsewhere (another tab) after the list was read.
    await service((s) => s.signNotification(emisor, n.id))
    $<HTMLButtonElement>(sign, 'button[aria-label="Firmar la cédula CED-2026-000203"]').click()
    await waitUntil(() => $(sign, '[role="alert"]').textContent !== "", "no refusal shown")
    expect($(sign, '[role="alert"]').textContent).to.equal("Esta acción no está permitida con la notificación en estado Firmada.")
    await waitUntil(() => sign.notifications.length === 0)
  })

  it("a receptor or a notificador has nothing to sign; English", async () => {
    const { prepare, sign, provider } = await setup(receptor, "en")
    await prepare("CED-2026-000204")
    sign.reload()
    await waitUntil(() => shadowText(sign).includes("You have no notifications to sign."))
    provider.actor = notificador
    sign.reload()
    await waitUntil(() => shadowText(sign).includes("You have no notifications to sign."))
    expect(sign.notifications).to.deep.equal([])
    await expect(sign).to.be.accessible()
  })
})

describe("<casilla-login> sign-out", () => {
  it("ends the session at the gateway, announces it and returns to the sign-in form", async () => {
    const memory = await makeMemoryAuthGateway([{ actor: receptor, password: "clave-receptor" }])
    const ended: Array<string> = []
    const spied = AuthGateway.of({ ...memory.service, logout: (s: AuthSession) => Effect.andThen(Effect.sync(() => void ended.push(s.token)), memory.service.logout(s)) })
    const page = await casillaFixture(html`<casilla-login></casilla-login>`, { auth: { ...memory, layer: Layer.succeed(AuthGateway, spied) } })
    const login = page.provider.querySelector<CasillaLogin>("casilla-login")!
    const sessions: Array<AuthSession> = []
    const outs: Array<AuthSession> = []
    login.addEventListener("casilla-login", (e) => sessions.push((e as CustomEvent<AuthSession>).detail))
    login.addEventListener("casilla-logout", (e) => outs.push((e as CustomEvent<AuthSession>).detail))
    await login.updateComplete
    $<HTMLInputElement>(login, '[name="number"]').value = receptor.id
    $<HTMLInputElement>(login, '[name="password"]').value = "clave-receptor"
    $<HTMLButtonElement>(login, 'button[type="submit"]').click()
    await waitUntil(() => sessions.length === 1)
    await login.updateComplete
    expect($(login, '[role="status"]').textContent).to.equal(`Sesión iniciada: ${receptor.name}`)
    await expect(login).to.be.accessible()
    const out = [...login.shadowRoot!.querySelectorAll("button")].find((b) => b.textContent!.trim() === "Cerrar sesión")!
    out.click()
    await waitUntil(() => outs.length === 1)
    expect(ended).to.deep.equal([sessions[0].token])
    expect(outs[0].token).to.equal(sessions[0].token)
    await login.updateComplete
    expect(login.session).to.equal(undefined)
    expect(shadowText(login)).to.contain("Cerró su sesión.")
    expect(login.shadowRoot!.querySelector('[name="password"]')).not.to.equal(null)
    await expect(login).to.be.accessible()
  })
})
