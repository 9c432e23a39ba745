import { html, LitElement, nothing } from "lit"
import { state } from "lit/decorators.js"
import { ContextConsumer } from "@lit/context"
import * as Effect from "effect/Effect"
import type { Actor } from "@ecasilla/core"
import { casillaErrorMessage, CasillaService, type Notification } from "@ecasilla/core/casilla"
import { actorContext } from "../context/contexts.js"
import { LocalizeController } from "../controllers/localize.js"
import { RuntimeController } from "../controllers/runtime-controller.js"
import { casillaStyles } from "../casilla/casilla.styles.js"
import { limaDateTime } from "../casilla-inbox/inbox-detail.js"
import { NotificationSignedEvent } from "../events/casilla-events.js"
import { casillaSignStrings } from "./sign.strings.js"

/**
 * The Emisor's step: the notifications prepared for the signed-in emisor's titular signature
 * (Borrador), each with its receptor, cédula and documents, and a "Firmar" button that signs
 * it through the core. Which notifications are listed and who may sign are the core's rules
 * (`CasillaService.listNotifications` with scope `emisor`, `signNotification`): a refusal is
 * shown with its reason. A signed notification leaves the list and the notificador can
 * deposit it in `<casilla-deposit>`.
 *
 * @tag casilla-sign
 * @summary The emisor's queue of notifications to sign as titular.
 *
 * @event {NotificationSignedEvent} casilla-notification-sign - The user signed a notification; `detail` is it (Firmada).
 *
 * @csspart list - The list of notifications to sign.
 *
 * @cssproperty --casilla-font - Font.
 * @cssproperty --casilla-primary-color - Buttons and focus ring.
 * @cssproperty --casilla-error-color - Errors.
 *
 * @since 0.2.0
 * @category casilla
 */
export class CasillaSign extends LitElement {
  static override styles = [casillaStyles]

  @state() private reloads = 0
  @state() private error = ""
  @state() private done = ""

  /** @internal */
  readonly i18n = new LocalizeController(this, casillaSignStrings)
  private readonly actor = new ContextConsumer(this, { context: actorContext, subscribe: true })
  private readonly runtime = new RuntimeController<CasillaService>(this, [CasillaService])
  private readonly pending = this.runtime.query({
    args: () => [this.actor.value, this.reloads] as const,
    run: ([actor]) =>
      actor
        ? Effect.flatMap(Effect.service(CasillaService), (s) => s.listNotifications(actor, { scope: "emisor", states: ["Borrador"], limit: 200 }))
        : Effect.succeed([] as ReadonlyArray<Notification>)
  })
  private readonly signCommand = this.runtime.command((actor: Actor, id: string) =>
    Effect.flatMap(Effect.service(CasillaService), (s) => s.signNotification(actor, id)))

  /** The notifications waiting for the emisor's signature, as last read. */
  get notifications(): ReadonlyArray<Notification> {
    return this.pending.value ?? []
  }

  /** Reads the list again (e.g. after the notificador prepared another). */
  reload(): void {
    this.reloads++
  }

  private async sign(n: Notification): Promise<void> {
    const actor = this.actor.value
    if (!actor) return
    this.error = ""
    this.done = ""
    const outcome = await this.signCommand.run(actor, n.id)
    if (!outcome) return
    if (!outcome.ok) {
      this.error = casillaErrorMessage(outcome.error, this.i18n.locale) ?? this.i18n.term("failed")
      this.reload()
      return
    }
    this.done = this.i18n.term("signed", outcome.value.cedula.numero)
    this.dispatchEvent(new NotificationSignedEvent(outcome.value))
    this.reload()
  }

  override render() {
    const t = this.i18n.term.bind(this.i18n)
    const actor = this.actor.value
    return html`<h2>${t("title")}</h2>
      <p class="hint">${t("signAsActor")}</p>
      <p class="error" role="alert">${this.error}</p>
      <p class="ok" role="status">${this.done}</p>
      ${!actor
        ? html`<p class="empty">${t("noActor")}</p>`
        : this.pending.render({
          pending: () => (this.pending.value ? this.renderList(this.pending.value) : html`<p class="empty">${t("loading")}</p>`),
          complete: (items) => this.renderList(items),
          error: (e) => html`<p class="error">${casillaErrorMessage(e, this.i18n.locale) ?? t("failed")}</p>`
        })}
      <button type="button" class="link" @click=${() => this.reload()}>${t("refresh")}</button>`
  }

  private renderList(items: ReadonlyArray<Notification>) {
    const t = this.i18n.term.bind(this.i18n)
    if (items.length === 0) return html`<p class="empty">${t("empty")}</p>`
    const busy = this.signCommand.running
    return html`<p>${t("pending", items.length)}</p>
      <ul part="list" class="to-sign">
        ${items.map((n) => html`<li>
          <article aria-labelledby=${`c-${n.id}`}>
            <h3 id=${`c-${n.id}`}>${n.cedula.numero}</h3>
            <dl>
              <dt>${t("asunto")}</dt><dd>${n.cedula.asunto}</dd>
              <dt>${t("receptor")}</dt><dd>${n.receptorName}</dd>
              <dt>${t("notificador")}</dt><dd>${n.notificador.name}</dd>
              ${n.cedula.expediente ? html`<dt>${t("expediente")}</dt><dd>${n.cedula.expediente}</dd>` : nothing}
              ${n.cedula.plazoDiasHabiles ? html`<dt>${t("plazo")}</dt><dd>${t("plazoDias", n.cedula.plazoDiasHabiles)}</dd>` : nothing}
              <dt>${t("preparedAt")}</dt><dd>${limaDateTime(this.i18n, n.createdAt)}</dd>
              <dt>${t("documents")}</dt>
              <dd><ul>${n.documents.map((d) => html`<li>${d.name} (${t("size", (d.size / 1024).toFixed(1))})</li>`)}</ul></dd>
            </dl>
            <button type="button" class="primary" aria-label=${t("signOf", n.cedula.numero)} aria-disabled=${busy ? "true" : "false"} @click=${() => void this.sign(n)}>
              ${busy ? t("signing") : t("sign")}
            </button>
          </article>
        </li>`)}
      </ul>`
  }
}
