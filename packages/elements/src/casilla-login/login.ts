import { html, LitElement, nothing } from "lit"
import { property, state } from "lit/decorators.js"
import * as Effect from "effect/Effect"
import { checkDni, checkRuc, checkUserCode } from "@ecasilla/core/identity"
import {
  AuthGateway,
  type AuthSession,
  casillaErrorMessage,
  type CaptchaChallenge,
  isAcceptableNewPassword,
  type LoginCredentials,
  NEW_PASSWORD_LENGTH,
  type PasswordResetConfirmation,
  type PasswordResetRequest
} from "@ecasilla/core/casilla"
import { LocalizeController } from "../controllers/localize.js"
import { RuntimeController } from "../controllers/runtime-controller.js"
import { casillaStyles } from "../casilla/casilla.styles.js"
import { CasillaLoginEvent, CasillaLogoutEvent, PasswordChangedEvent, PasswordResetRequestedEvent } from "../events/casilla-events.js"
import { casillaLoginStrings } from "./login.strings.js"

type Kind = "receptor" | "internal"
type DocType = "dni" | "ruc"

/**
 * Sign-in to the casilla: a receptor with a DNI (persona natural) or a RUC (entity), or an
 * internal user with a user code `U…`/`E…`, password and security code (captcha). Numbers are
 * checked with the identity rules before anything is sent. "¿Olvidó su contraseña?" asks the
 * AuthGateway for a reset and always answers the same, so it never reveals whether an
 * account exists. With `reset-token` (the token of the e-mailed link, e.g. read by the page
 * from its `#token=…`) it asks for the new password twice and sets it through the gateway,
 * which spends the link. Once signed in it shows who and a "Cerrar sesión" button that ends
 * the session at the gateway. Needs an `AuthGateway` in the provider's layer.
 *
 * @tag casilla-login
 * @summary Sign-in for receptors (DNI/RUC) and internal users (user code + captcha), with password reset.
 *
 * @slot captcha - Replaces the gateway's captcha image (e.g. a deployment's own challenge widget).
 *
 * @event {CasillaLoginEvent} casilla-login - The user signed in; `detail` is the session.
 * @event {CasillaLogoutEvent} casilla-logout - The user signed out; `detail` is the ended session. Clear the receptor's data on it.
 * @event {PasswordResetRequestedEvent} casilla-password-reset - The user asked for a password reset.
 * @event {PasswordChangedEvent} casilla-password-changed - The user set a new password from a reset link. Remove the token from the page's address.
 *
 * @csspart form - The sign-in form.
 * @csspart reset - The password-reset form.
 * @csspart new-password - The new-password form of a reset link.
 * @csspart session - Who is signed in, with the sign-out button.
 *
 * @cssproperty --casilla-font - Font.
 * @cssproperty --casilla-primary-color - Buttons and focus ring.
 * @cssproperty --casilla-error-color - Errors.
 * @cssproperty --casilla-border-color - Field borders.
 *
 * @since 0.2.0
 * @category casilla
 */
export class CasillaLogin extends LitElement {
  static override styles = [casillaStyles]

  /** Which form shows first: `receptor` (default) or `internal`. */
  @property() kind: Kind = "receptor"

  /**
   * The signed-in session: set by a successful sign-in, or by the page when it restores one.
   * While set, the element shows who is signed in and the sign-out button.
   */
  @property({ attribute: false }) session: AuthSession | undefined

  /**
   * The token of a password-reset link. While set (and nobody is signed in), the element asks
   * for the new password instead of the sign-in.
   */
  @property({ attribute: "reset-token" }) resetToken: string | undefined

  @state() private docType: DocType = "dni"
  @state() private signedOut = false
  @state() private resetting = false
  @state() private resetDone = false
  @state() private passwordChanged = false
  @state() private error = ""
  @state() private fieldError = ""
  @state() private captcha: CaptchaChallenge | undefined

  /** @internal */
  readonly i18n = new LocalizeController(this, casillaLoginStrings)
  private readonly runtime = new RuntimeController<AuthGateway>(this, [AuthGateway])
  private readonly loginCommand = this.runtime.command((c: LoginCredentials) => Effect.flatMap(Effect.service(AuthGateway), (g) => g.login(c)))
  private readonly logoutCommand = this.runtime.command((session: AuthSession) => Effect.flatMap(Effect.service(AuthGateway), (g) => g.logout(session)))
  private readonly resetCommand = this.runtime.command((r: PasswordResetRequest) => Effect.flatMap(Effect.service(AuthGateway), (g) => g.requestPasswordReset(r)))
  private readonly confirmCommand = this.runtime.command((c: PasswordResetConfirmation) => Effect.flatMap(Effect.service(AuthGateway), (g) => g.confirmPasswordReset(c)))

  override updated(): void {
    if (this.kind === "internal" && !this.captcha && !this.resetting && !this.session && !this.resetToken) void this.newCaptcha()
  }

  private async newCaptcha(): Promise<void> {
    const outcome = await this.runtime.run(Effect.flatMap(Effect.service(AuthGateway), (g) => g.captcha))
    if (outcome.ok) this.captcha = outcome.value
    else this.error = casillaErrorMessage(outcome.error, this.i18n.locale) ?? this.i18n.term("failed")
  }

  private field(name: string): string {
    return this.renderRoot.querySelector<HTMLInputElement>(`[name="${name}"]`)?.value ?? ""
  }

  /** The identity typed, checked by the identity rules; sets the field error when wrong. */
  private identity(): PasswordResetRequest | undefined {
    const t = this.i18n.term.bind(this.i18n)
    if (this.kind === "internal") {
      const code = this.field("userCode")
      if (!checkUserCode(code).ok) {
        this.fieldError = code.trim() ? t("badUserCode") : t("required")
        return undefined
      }
      return { kind: "internal", userCode: code }
    }
    const number = this.field("number")
    if (!(this.docType === "dni" ? checkDni(number) : checkRuc(number)).ok) {
      this.fieldError = number.trim() ? t("badNumber") : t("required")
      return undefined
    }
    return { kind: "receptor", documentType: this.docType, number }
  }

  private async submit(e: Event): Promise<void> {
    e.preventDefault()
    this.error = ""
    this.fieldError = ""
    const who = this.identity()
    if (!who) return
    const password = this.field("password")
    if (!password) {
      this.error = this.i18n.term("required")
      return
    }
    const credentials: LoginCredentials = who.kind === "internal"
      ? { ...who, password, captcha: { token: this.captcha?.token ?? "", answer: this.field("captcha") } }
      : { ...who, password }
    const outcome = await this.loginCommand.run(credentials)
    if (!outcome) return
    if (outcome.ok) {
      this.session = outcome.value
      this.signedOut = false
      this.passwordChanged = false
      this.dispatchEvent(new CasillaLoginEvent(outcome.value))
      return
    }
    this.error = casillaErrorMessage(outcome.error, this.i18n.locale) ?? this.i18n.term("failed")
    // A captcha is good for one attempt.
    if (this.kind === "internal") await this.newCaptcha()
  }

  /** Ends the session at the gateway, then announces it with `casilla-logout`. */
  async signOut(): Promise<void> {
    const session = this.session
    if (!session) return
    this.error = ""
    const outcome = await this.logoutCommand.run(session)
    if (!outcome) return
    if (!outcome.ok) {
      this.error = casillaErrorMessage(outcome.error, this.i18n.locale) ?? this.i18n.term("failed")
      return
    }
    this.session = undefined
    this.signedOut = true
    this.captcha = undefined
    this.dispatchEvent(new CasillaLogoutEvent(session))
  }

  private async submitReset(e: Event): Promise<void> {
    e.preventDefault()
    this.error = ""
    this.fieldError = ""
    const who = this.identity()
    if (!who) return
    const outcome = await this.resetCommand.run(who)
    if (!outcome) return
    // Whatever the gateway says about the account, the page says the same.
    if (outcome.ok || (outcome.error as { reason?: string }).reason === "invalid-credentials") {
      this.resetDone = true
      this.dispatchEvent(new PasswordResetRequestedEvent())
    } else {
      this.error = casillaErrorMessage(outcome.error, this.i18n.locale) ?? this.i18n.term("failed")
    }
  }

  private async submitNewPassword(e: Event): Promise<void> {
    e.preventDefault()
    const t = this.i18n.term.bind(this.i18n)
    this.error = ""
    this.fieldError = ""
    const password = this.field("newPassword")
    if (!isAcceptableNewPassword(password)) {
      this.fieldError = t("newPasswordHelp", NEW_PASSWORD_LENGTH.min, NEW_PASSWORD_LENGTH.max)
      return
    }
    if (password !== this.field("repeatPassword")) {
      this.fieldError = t("passwordsDiffer")
      return
    }
    const outcome = await this.confirmCommand.run({ token: this.resetToken ?? "", password })
    if (!outcome) return
    if (!outcome.ok) {
      this.error = casillaErrorMessage(outcome.error, this.i18n.locale) ?? this.i18n.term("failed")
      return
    }
    this.resetToken = undefined
    this.passwordChanged = true
    this.dispatchEvent(new PasswordChangedEvent())
  }

  private renderNewPassword() {
    const t = this.i18n.term.bind(this.i18n)
    const busy = this.confirmCommand.running
    const invalid = this.fieldError ? "true" : "false"
    return html`<form part="new-password" novalidate aria-busy=${busy ? "true" : "false"} @submit=${(e: Event) => void this.submitNewPassword(e)}>
      <h2>${t("newPasswordTitle")}</h2>
      <p class="hint" id="new-password-hint">${t("newPasswordHelp", NEW_PASSWORD_LENGTH.min, NEW_PASSWORD_LENGTH.max)}</p>
      <div class="field">
        <label for="newPassword">${t("newPassword")}</label>
        <input id="newPassword" name="newPassword" type="password" autocomplete="new-password" maxlength=${NEW_PASSWORD_LENGTH.max} aria-describedby="new-password-hint password-error" aria-invalid=${invalid} />
      </div>
      <div class="field">
        <label for="repeatPassword">${t("repeatPassword")}</label>
        <input id="repeatPassword" name="repeatPassword" type="password" autocomplete="new-password" maxlength=${NEW_PASSWORD_LENGTH.max} aria-describedby="password-error" aria-invalid=${invalid} />
        <p id="password-error" class="error">${this.fieldError}</p>
      </div>
      <p class="error" role="alert">${this.error}</p>
      <button class="primary" type="submit" ?disabled=${busy}>${busy ? t("savingPassword") : t("newPasswordSubmit")}</button>
      <p><button type="button" class="link" @click=${() => { this.resetToken = undefined; this.resetting = true; this.resetDone = false; this.error = ""; this.fieldError = "" }}>${t("askNewLink")}</button></p>
    </form>`
  }

  private renderIdentity() {
    const t = this.i18n.term.bind(this.i18n)
    const invalid = this.fieldError ? "true" : "false"
    if (this.kind === "internal") {
      return html`<div class="field">
        <label for="userCode">${t("userCode")}</label>
        <input id="userCode" name="userCode" autocomplete="username" aria-describedby="userCode-hint id-error" aria-invalid=${invalid} />
        <span id="userCode-hint" class="hint">${t("userCodeHint")}</span>
        <p id="id-error" class="error">${this.fieldError}</p>
      </div>`
    }
    return html`
      <fieldset>
        <legend>${t("documentType")}</legend>
        ${(["dni", "ruc"] as const).map((d) => html`<label><input type="radio" name="docType" value=${d} .checked=${this.docType === d} @change=${() => { this.docType = d; this.fieldError = "" }} style="width:auto" /> ${t(d)}</label><br />`)}
      </fieldset>
      <div class="field">
        <label for="number">${t("number")}</label>
        <input id="number" name="number" inputmode="numeric" autocomplete="username" maxlength=${this.docType === "dni" ? 10 : 11} aria-describedby="id-error" aria-invalid=${invalid} />
        <p id="id-error" class="error">${this.fieldError}</p>
      </div>`
  }

  private renderKind() {
    const t = this.i18n.term.bind(this.i18n)
    return html`<fieldset>
      <legend>${t("who")}</legend>
      ${(["receptor", "internal"] as const).map((k) => html`<label><input type="radio" name="kind" value=${k} .checked=${this.kind === k} @change=${() => { this.kind = k; this.fieldError = ""; this.error = "" }} style="width:auto" /> ${t(k)}</label><br />`)}
    </fieldset>`
  }

  override render() {
    const t = this.i18n.term.bind(this.i18n)
    if (this.session) {
      const busy = this.logoutCommand.running
      return html`<section part="session" aria-label=${t("session")}>
        <p role="status">${t("signedInAs", this.session.actor.name)}</p>
        <p class="error" role="alert">${this.error}</p>
        <button type="button" aria-disabled=${busy ? "true" : "false"} @click=${() => void this.signOut()}>${busy ? t("signingOut") : t("signOut")}</button>
      </section>`
    }
    if (this.resetToken) return this.renderNewPassword()
    if (this.resetting) {
      return html`<form part="reset" novalidate @submit=${(e: Event) => void this.submitReset(e)}>
        <h2>${t("resetTitle")}</h2>
        ${this.resetDone
          ? html`<p role="status" class="ok">${t("resetDone")}</p>`
          : html`<p class="hint">${t("resetHelp")}</p>${this.renderKind()}${this.renderIdentity()}
            <p class="error" role="alert">${this.error}</p>
            <button class="primary" type="submit" ?disabled=${this.resetCommand.running}>${t("resetSubmit")}</button>`}
        <p><button type="button" class="link" @click=${() => { this.resetting = false; this.resetDone = false; this.error = "" }}>${t("backToLogin")}</button></p>
      </form>`
    }
    const busy = this.loginCommand.running
    return html`<form part="form" novalidate aria-busy=${busy ? "true" : "false"} @submit=${(e: Event) => void this.submit(e)}>
      <h2>${t("title")}</h2>
      ${this.signedOut ? html`<p role="status" class="ok">${t("signedOut")}</p>` : nothing}
      ${this.passwordChanged ? html`<p role="status" class="ok">${t("passwordChanged")}</p>` : nothing}
      ${this.renderKind()}
      ${this.renderIdentity()}
      <div class="field">
        <label for="password">${t("password")}</label>
        <input id="password" name="password" type="password" autocomplete="current-password" />
      </div>
      ${this.kind === "internal"
        ? html`<fieldset>
          <legend>${t("captcha")}</legend>
          <slot name="captcha">${this.captcha ? html`<img src=${this.captcha.image} alt=${t("captchaImage")} width="140" height="44" />` : nothing}</slot>
          <button type="button" class="link" @click=${() => void this.newCaptcha()}>${t("newCaptcha")}</button>
          <div class="field">
            <label for="captcha">${t("captchaAnswer")}</label>
            <input id="captcha" name="captcha" autocomplete="off" autocapitalize="characters" />
          </div>
        </fieldset>`
        : nothing}
      <p class="error" role="alert">${this.error}</p>
      <button class="primary" type="submit" ?disabled=${busy}>${busy ? t("busy") : t("submit")}</button>
      <p><button type="button" class="link" @click=${() => { this.resetting = true; this.error = ""; this.fieldError = "" }}>${t("forgot")}</button></p>
    </form>`
  }
}
