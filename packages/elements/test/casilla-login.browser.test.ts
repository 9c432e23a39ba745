/// <reference types="mocha" />
import { expect, html, waitUntil } from "@open-wc/testing"
import "@ecasilla/elements/define/casilla-login.js"
import type { CasillaLogin, CasillaLoginEvent } from "@ecasilla/elements"
import { makeMemoryAuthGateway } from "@ecasilla/adapters/memory"
import { Actor } from "@ecasilla/core"
import { Effect } from "effect"
import { $, casillaFixture, receptor, shadowText } from "./casilla-helpers.js"

const entidad = new Actor({ id: "20131378972", name: "Entidad de prueba", roles: ["receptor"] })
const interno = new Actor({ id: "U12345", name: "Luis Interno", roles: ["notificador"] })

const setUp = async (kind: "receptor" | "internal" = "receptor", locale = "es-PE") => {
  const auth = await makeMemoryAuthGateway([
    { actor: receptor, password: "clave-receptor" },
    { actor: entidad, password: "clave-entidad" },
    { actor: interno, password: "clave-interna" }
  ])
  const ctx = await casillaFixture(html`<casilla-login kind=${kind}></casilla-login>`, { auth, locale })
  const login = ctx.provider.querySelector<CasillaLogin>("casilla-login")!
  await login.updateComplete
  const sessions: Array<CasillaLoginEvent> = []
  ctx.provider.addEventListener("casilla-login", (e) => void sessions.push(e as CasillaLoginEvent))
  const type = (name: string, value: string) => {
    $<HTMLInputElement>(login, `[name="${name}"]`).value = value
  }
  const submit = async () => {
    $<HTMLButtonElement>(login, 'button[type="submit"]').click()
    await new Promise((r) => setTimeout(r, 50))
    await login.updateComplete
  }
  return { ...ctx, login, sessions, type, submit }
}

describe("<casilla-login>", () => {
  it("a persona natural signs in with a DNI; accessible", async () => {
    const { login, type, submit, sessions } = await setUp()
    await expect(login).to.be.accessible()
    type("number", "10117410")
    type("password", "clave-receptor")
    await submit()
    await waitUntil(() => sessions.length === 1)
    expect(sessions[0].detail.actor.id).to.equal(receptor.id)
  })

  it("an entity signs in with its RUC; a DNI account cannot sign in through the RUC door", async () => {
    const { login, type, submit, sessions } = await setUp()
    $<HTMLInputElement>(login, 'input[name="docType"][value="ruc"]').click()
    await login.updateComplete
    type("number", "20131378972")
    type("password", "clave-entidad")
    await submit()
    await waitUntil(() => sessions.length === 1)
    expect(sessions[0].detail.actor.id).to.equal(entidad.id)
  })

  it("checks the number with the identity rules before sending, and never says which part was wrong", async () => {
    const { login, type, submit, sessions } = await setUp()
    $<HTMLInputElement>(login, 'input[name="docType"][value="ruc"]').click()
    await login.updateComplete
    type("number", "20131378970")
    type("password", "x")
    await submit()
    expect($(login, "#id-error").textContent).to.equal("El número de documento no es válido.")
    expect($(login, "#number").getAttribute("aria-invalid")).to.equal("true")
    type("number", "20131378972")
    type("password", "otra")
    await submit()
    await waitUntil(() => $(login, '[role="alert"]').textContent !== "")
    expect($(login, '[role="alert"]').textContent).to.equal("Usuario o contraseña incorrectos.")
    expect(sessions.length).to.equal(0)
  })

  it("an internal user needs the user code, password and the security code", async () => {
    const { login, type, submit, sessions, auth } = await setUp("internal")
    await waitUntil(() => login.shadowRoot!.querySelector("img") !== null)
    await expect(login).to.be.accessible()
    type("userCode", "U12345")
    type("password", "clave-interna")
    type("captcha", "XXXXX")
    await submit()
    await waitUntil(() => $(login, '[role="alert"]').textContent !== "")
    expect($(login, '[role="alert"]').textContent).to.equal("El código de seguridad no coincide.")
    // A new captcha was issued for the next attempt.
    type("captcha", auth.lastCaptchaAnswer()!.toLowerCase())
    await submit()
    await waitUntil(() => sessions.length === 1)
    expect(sessions[0].detail.actor.id).to.equal(interno.id)
  })

  it("the password reset answers the same whether or not the account exists", async () => {
    const answers: Array<string> = []
    for (const dni of ["10117410", "87654321"]) {
      const { login, type, auth } = await setUp()
      ;[...login.shadowRoot!.querySelectorAll("button")].find((b) => b.textContent === "¿Olvidó su contraseña?")!.click()
      await login.updateComplete
      await expect(login).to.be.accessible()
      type("number", dni)
      $<HTMLButtonElement>(login, 'button[type="submit"]').click()
      await waitUntil(() => login.shadowRoot!.querySelector('[role="status"]') !== null)
      answers.push(shadowText(login))
      expect(auth.resetsSent).to.deep.equal(dni === "10117410" ? ["10117410"] : [])
    }
    expect(answers[0]).to.equal(answers[1])
    expect(answers[0]).to.contain("Si los datos corresponden a una cuenta registrada")
  })

  it("a reset link's token asks for the new password twice, sets it once, and the link is spent; accessible", async () => {
    const { login, type, submit, sessions, auth, provider } = await setUp()
    await auth.service.requestPasswordReset({ kind: "receptor", documentType: "dni", number: "10117410" }).pipe(Effect.runPromise)
    const token = auth.lastResetToken()!
    const changed: Array<Event> = []
    provider.addEventListener("casilla-password-changed", (e) => void changed.push(e))
    login.resetToken = token
    await login.updateComplete
    expect(shadowText(login)).to.contain("Elegir una nueva contraseña")
    await expect(login).to.be.accessible()
    // Too short, then two different ones: said at the field, nothing sent.
    type("newPassword", "corta")
    type("repeatPassword", "corta")
    await submit()
    expect($(login, "#password-error").textContent).to.contain("de 8 a 200 caracteres")
    type("newPassword", "Nueva-clave-2026")
    type("repeatPassword", "Nueva-clave-2027")
    await submit()
    expect($(login, "#password-error").textContent).to.contain("Las contraseñas no coinciden.")
    expect($<HTMLInputElement>(login, "#newPassword").getAttribute("aria-invalid")).to.equal("true")
    type("repeatPassword", "Nueva-clave-2026")
    await submit()
    await waitUntil(() => changed.length === 1)
    expect(login.resetToken).to.equal(undefined)
    expect(shadowText(login)).to.contain("Su contraseña fue cambiada")
    await expect(login).to.be.accessible()
    // The new password signs in; the spent link sets nothing.
    type("number", "10117410")
    type("password", "Nueva-clave-2026")
    await submit()
    await waitUntil(() => sessions.length === 1)
    const again = await auth.service.confirmPasswordReset({ token, password: "Otra-clave-2026" }).pipe(Effect.flip, Effect.runPromise)
    expect(again.reason).to.equal("invalid-reset-link")
  })

  it("a spent or unknown reset link is refused with the catalogue's words and offers a new one", async () => {
    const { login, type, submit } = await setUp("receptor", "en")
    login.resetToken = "no-such-token"
    await login.updateComplete
    type("newPassword", "Nueva-clave-2026")
    type("repeatPassword", "Nueva-clave-2026")
    await submit()
    await waitUntil(() => ($(login, "[role=alert]").textContent ?? "").trim() !== "")
    expect($(login, "[role=alert]").textContent).to.contain("The password reset link is not valid or has expired.")
    ;[...login.shadowRoot!.querySelectorAll("button")].find((b) => b.textContent === "Ask for a new link")!.click()
    await login.updateComplete
    expect(shadowText(login)).to.contain("Reset password")
  })

  it("speaks English on an English page", async () => {
    const { login } = await setUp("receptor", "en")
    expect(shadowText(login)).to.contain("Document number")
    expect(shadowText(login)).to.contain("Forgot your password?")
    await expect(login).to.be.accessible()
  })
})
