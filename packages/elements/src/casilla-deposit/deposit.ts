import { html, LitElement, nothing } from "lit"
import { property, state } from "lit/decorators.js"
import { ContextConsumer } from "@lit/context"
import * as Effect from "effect/Effect"
import type { Actor } from "@ecasilla/core"
import { checkDni, checkRuc } from "@ecasilla/core/identity"
import { type Casilla, CasillaConfig, casillaErrorMessage, CasillaService, type DocumentVerdict, type Notification } from "@ecasilla/core/casilla"
import { actorContext } from "../context/contexts.js"
import { LocalizeController } from "../controllers/localize.js"
import { RuntimeController } from "../controllers/runtime-controller.js"
import { casillaStyles } from "../casilla/casilla.styles.js"
import { limaDateTime } from "../casilla-inbox/inbox-detail.js"
import type { CasillaFileHandler } from "../casilla-inbox/inbox.js"
import { NotificationDepositedEvent } from "../events/casilla-events.js"
import { casillaDepositStrings } from "./deposit.strings.js"

interface PickedFile {
  readonly name: string
  readonly bytes: Uint8Array
  readonly verdict?: DocumentVerdict
}

const download: CasillaFileHandler = (bytes, name) => {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: "application/pdf" }))
  const a = document.createElement("a")
  a.href = url
  a.download = name
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

/**
 * The Notificador's view: find the receptor's casilla by DNI or RUC, write the cédula, choose
 * the emisor, pick the signed PDFs and verify them (the deployment's trust anchors, policy
 * strict), prepare the notification, and once the emisor has signed it, deposit it and get
 * the constancia. The rules (who may deposit, what verifies, an active casilla) are the
 * core's: a refusal is shown with its reason.
 *
 * @tag casilla-deposit
 * @summary Prepare a notification for a receptor's casilla and deposit it.
 *
 * @event {NotificationDepositedEvent} casilla-notification-deposit - The user deposited the notification; `detail` is it.
 *
 * @csspart form - The preparation form.
 * @csspart status - The notification's state and the deposit action.
 *
 * @cssproperty --casilla-font - Font.
 * @cssproperty --casilla-primary-color - Buttons and focus ring.
 * @cssproperty --casilla-error-color - Errors and failed verdicts.
 *
 * @since 0.2.0
 * @category casilla
 */
export class CasillaDeposit extends LitElement {
  static override styles = [casillaStyles]

  /** The emisores the notificador may choose from (id and name). */
  @property({ attribute: false }) emisores: ReadonlyArray<{ readonly id: string; readonly name: string }> = []
  /** Shows this notification (a Borrador waiting for the emisor, a Firmada to deposit) instead of the form. */
  @property({ attribute: "notification-id" }) notificationId = ""
  /** What to do with the constancia's bytes (default: download). */
  @property({ attribute: false }) fileHandler: CasillaFileHandler = download

  @state() private docType: "dni" | "ruc" = "dni"
  @state() private casilla: Casilla | undefined
  @state() private files: ReadonlyArray<PickedFile> = []
  @state() private notification: Notification | undefined
  @state() private error = ""

  /** @internal */
  readonly i18n = new LocalizeController(this, casillaDepositStrings)
  private readonly actor = new ContextConsumer(this, { context: actorContext, subscribe: true })
  private readonly runtime = new RuntimeController<CasillaService>(this, [CasillaService])
  private readonly find = this.runtime.command((actor: Actor, loginId: string) => Effect.flatMap(Effect.service(CasillaService), (s) => s.findCasilla(actor, loginId)))
  private readonly verify = this.runtime.command((files: ReadonlyArray<PickedFile>) =>
    Effect.gen(function*() {
      const config = yield* Effect.service(CasillaConfig)
      return yield* Effect.forEach(files, (f) => Effect.map(config.verifier(f.bytes, { trustAnchors: config.trustAnchors, locale: config.locale }), (verdict) => ({ ...f, verdict })))
    }))
  private readonly prepare = this.runtime.command((actor: Actor, input: Parameters<CasillaService["Service"]["prepareNotification"]>[1]) =>
    Effect.flatMap(Effect.service(CasillaService), (s) => s.prepareNotification(actor, input)))
  private readonly reloadCmd = this.runtime.command((actor: Actor, id: string) => Effect.flatMap(Effect.service(CasillaService), (s) => s.getNotification(actor, id)))
  private readonly depositCmd = this.runtime.command((actor: Actor, id: string) => Effect.flatMap(Effect.service(CasillaService), (s) => s.depositNotification(actor, id)))
  private readonly constanciaCmd = this.runtime.command((actor: Actor, id: string) => Effect.flatMap(Effect.service(CasillaService), (s) => s.getConstancia(actor, id)))

  // Before the update, so starting the load does not schedule a second render cycle.
  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has("notificationId") && this.notificationId && this.notification?.id !== this.notificationId) void this.load(this.notificationId)
  }

  private async load(id: string): Promise<void> {
    const actor = this.actor.value
    if (!actor) return
    const outcome = await this.reloadCmd.run(actor, id)
    if (outcome && !outcome.ok) this.fail(outcome.error)
    else if (outcome) this.notification = outcome.value
  }

  /** The notification being prepared or deposited, if any. */
  get current(): Notification | undefined {
    return this.notification
  }

  private fail(error: unknown): void {
    this.error = casillaErrorMessage(error, this.i18n.locale) ?? this.i18n.term("failed")
  }

  private field(name: string): string {
    return this.renderRoot.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`)?.value.trim() ?? ""
  }

  private async findCasilla(): Promise<void> {
    const actor = this.actor.value
    if (!actor) return
    this.error = ""
    this.casilla = undefined
    const number = this.field("number")
    const check = this.docType === "dni" ? checkDni(number) : checkRuc(number)
    if (!check.ok) {
      this.error = this.i18n.term("badNumber")
      return
    }
    const outcome = await this.find.run(actor, check.value)
    if (outcome && !outcome.ok) this.fail(outcome.error)
    else if (outcome) this.casilla = outcome.value
  }

  private async pick(e: Event): Promise<void> {
    const input = e.target as HTMLInputElement
    this.files = await Promise.all([...(input.files ?? [])].map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })))
  }

  private async verifyFiles(): Promise<void> {
    const outcome = await this.verify.run(this.files)
    if (outcome?.ok) this.files = outcome.value
  }

  private async submit(e: Event): Promise<void> {
    e.preventDefault()
    const actor = this.actor.value
    if (!actor || !this.casilla) return
    this.error = ""
    const emisor = this.emisores.find((x) => x.id === this.field("emisor"))
    const numero = this.field("numero")
    const asunto = this.field("asunto")
    if (!emisor || !numero || !asunto || this.files.length === 0) {
      this.error = this.i18n.term("required")
      return
    }
    const expediente = this.field("expediente")
    const plazo = Number(this.field("plazo"))
    const outcome = await this.prepare.run(actor, {
      casillaId: this.casilla.id,
      emisor,
      cedula: { numero, asunto, ...(expediente ? { expediente } : {}), ...(plazo > 0 ? { plazoDiasHabiles: plazo } : {}) },
      documents: this.files.map((f) => ({ name: f.name, bytes: f.bytes }))
    })
    if (outcome && !outcome.ok) this.fail(outcome.error)
    else if (outcome) this.notification = outcome.value
  }

  private async refresh(): Promise<void> {
    if (this.notification) await this.load(this.notification.id)
  }

  private async deposit(): Promise<void> {
    const actor = this.actor.value
    if (!actor || !this.notification) return
    this.error = ""
    const outcome = await this.depositCmd.run(actor, this.notification.id)
    if (!outcome) return
    if (!outcome.ok) return this.fail(outcome.error)
    this.notification = outcome.value
    this.dispatchEvent(new NotificationDepositedEvent(outcome.value))
  }

  private async constancia(): Promise<void> {
    const actor = this.actor.value
    if (!actor || !this.notification) return
    const outcome = await this.constanciaCmd.run(actor, this.notification.id)
    if (outcome && !outcome.ok) this.fail(outcome.error)
    else if (outcome) this.fileHandler(outcome.value.pdf, `constancia-${this.notification.cedula.numero}.pdf`, "download")
  }

  private reset(): void {
    this.notification = undefined
    this.notificationId = ""
    this.casilla = undefined
    this.files = []
    this.error = ""
  }

  override render() {
    const t = this.i18n.term.bind(this.i18n)
    return html`<h2>${t("title")}</h2>
      <p class="error" role="alert">${this.error}</p>
      ${this.notification ? this.renderStatus(this.notification) : this.renderForm()}`
  }

  private renderStatus(n: Notification) {
    const t = this.i18n.term.bind(this.i18n)
    const busy = this.depositCmd.running || this.reloadCmd.running
    return html`<section part="status" aria-labelledby="status-title">
      <h3 id="status-title">${n.cedula.numero} · ${n.receptorName}</h3>
      <p role="status">${t("state", n.state)}</p>
      ${n.state === "Borrador" ? html`<p>${t("waitingSignature")}</p><button type="button" ?disabled=${busy} @click=${() => void this.refresh()}>${t("refresh")}</button>` : nothing}
      ${n.state === "Firmada" ? html`<button type="button" class="primary" ?disabled=${busy} @click=${() => void this.deposit()}>${t("deposit")}</button>` : nothing}
      ${n.depositedAt
        ? html`<p class="ok">${t("deposited", limaDateTime(this.i18n, n.depositedAt))}</p>
          <button type="button" @click=${() => void this.constancia()}>${t("constancia")}</button>`
        : nothing}
      <p><button type="button" class="link" @click=${() => this.reset()}>${t("another")}</button></p>
    </section>`
  }

  private renderForm() {
    const t = this.i18n.term.bind(this.i18n)
    return html`<form part="form" novalidate @submit=${(e: Event) => void this.submit(e)}>
      <fieldset>
        <legend>${t("receptor")}</legend>
        <div class="field">
          <label for="docType">${t("documentType")}</label>
          <select id="docType" name="docType" .value=${this.docType} @change=${(e: Event) => { this.docType = (e.target as HTMLSelectElement).value as "dni" | "ruc" }}>
            <option value="dni">${t("dni")}</option>
            <option value="ruc">${t("ruc")}</option>
          </select>
        </div>
        <div class="field">
          <label for="number">${t("number")}</label>
          <input id="number" name="number" inputmode="numeric" />
        </div>
        <button type="button" ?disabled=${this.find.running} @click=${() => void this.findCasilla()}>${t("find")}</button>
        ${this.casilla ? html`<p role="status">${t("casillaOf", this.casilla.name, this.casilla.state)}</p>` : nothing}
      </fieldset>
      <fieldset>
        <legend>${t("cedula")}</legend>
        <div class="field"><label for="numero">${t("numero")}</label><input id="numero" name="numero" required /></div>
        <div class="field"><label for="asunto">${t("asunto")}</label><input id="asunto" name="asunto" required /></div>
        <div class="field"><label for="expediente">${t("expediente")}</label><input id="expediente" name="expediente" /></div>
        <div class="field"><label for="plazo">${t("plazo")}</label><input id="plazo" name="plazo" type="number" min="1" max="365" /></div>
        <div class="field">
          <label for="emisor">${t("emisor")}</label>
          <select id="emisor" name="emisor" required>
            <option value="">${t("chooseEmisor")}</option>
            ${this.emisores.map((e) => html`<option value=${e.id}>${e.name}</option>`)}
          </select>
        </div>
      </fieldset>
      <fieldset>
        <legend>${t("documents")}</legend>
        <input type="file" name="files" aria-label=${t("documents")} accept="application/pdf,.pdf" multiple @change=${(e: Event) => void this.pick(e)} />
        <ul>
          ${this.files.map((f) => html`<li>${f.name}${f.verdict
            ? html` — <span class=${f.verdict.verdict === "valid" ? "ok" : "error"}>${t(`verdict_${f.verdict.verdict}`)}</span>${f.verdict.detail && f.verdict.verdict !== "valid" ? html` <span class="hint">${f.verdict.detail}</span>` : nothing}`
            : nothing}</li>`)}
        </ul>
        <button type="button" ?disabled=${this.files.length === 0 || this.verify.running} @click=${() => void this.verifyFiles()}>${t("verify")}</button>
      </fieldset>
      <button type="submit" class="primary" ?disabled=${!this.casilla || this.prepare.running}>${t("prepare")}</button>
    </form>`
  }
}
