/// <reference types="mocha" />
// <casilla-login> on the HTTP AuthGateway, end to end in Chromium against the example backend
// (scrypt passwords, sessions, rate limits): a persona natural signs in with a DNI, the session
// works on the backend, and a wrong password is refused with the core's words, not the server's.
import { expect, fixture, html, waitUntil } from "@open-wc/testing"
import { layerHttpAuth } from "@ecasilla/adapters/http"
import "@ecasilla/elements/define/ecasilla-provider.js"
import "@ecasilla/elements/define/casilla-login.js"
import type { CasillaLogin, CasillaLoginEvent, EcasillaProvider } from "@ecasilla/elements"

const $ = <T extends Element>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector)!

describe("<casilla-login> on the HTTP adapter (example backend)", () => {
  it("a receptor signs in with a DNI; the session works on the backend; a wrong password is refused", async () => {
    const provider = await fixture<EcasillaProvider>(html`<ecasilla-provider .layer=${layerHttpAuth({ baseUrl: location.origin })}><casilla-login kind="receptor"></casilla-login></ecasilla-provider>`)
    const login = provider.querySelector<CasillaLogin>("casilla-login")!
    await login.updateComplete
    await expect(login).to.be.accessible()
    const sessions: Array<CasillaLoginEvent> = []
    provider.addEventListener("casilla-login", (e) => void sessions.push(e as CasillaLoginEvent))
    const attempt = async (password: string) => {
      $<HTMLInputElement>(login, '[name="number"]').value = "10117410"
      $<HTMLInputElement>(login, '[name="password"]').value = password
      $<HTMLButtonElement>(login, 'button[type="submit"]').click()
    }
    await attempt("otra-clave")
    await waitUntil(() => (login.shadowRoot!.querySelector("[role=alert]")?.textContent ?? "").trim() !== "", "no refusal shown", { timeout: 10000 })
    expect(login.shadowRoot!.querySelector("[role=alert]")!.textContent).to.contain("Usuario o contraseña incorrectos.")
    expect(sessions).to.have.length(0)
    await attempt("Demo-2026")
    await waitUntil(() => sessions.length === 1, "no session", { timeout: 10000 })
    const session = sessions[0].detail
    expect(session.actor.id).to.equal("10117410")
    expect(session.actor.roles).to.include("receptor")
    const users = await fetch("/api/users?q=huanca", { headers: { authorization: `Bearer ${session.token}` } })
    expect(users.status).to.equal(200)
  })
})
