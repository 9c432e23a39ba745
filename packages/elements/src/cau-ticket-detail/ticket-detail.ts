import { html, LitElement, nothing, type TemplateResult } from "lit"
import { property, state } from "lit/decorators.js"
import { unsafeHTML } from "lit/directives/unsafe-html.js"
import { ContextConsumer } from "@lit/context"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import {
  availableTicketActions,
  canViewTicket,
  CauConfig,
  phaseOf,
  surveyLevelLabels,
  ticketActionLabels,
  isProvisionalTicketNumber,
  provisionalNumberMessage,
  isTicketError,
  TicketError,
  ticketMessage,
  ticketTipoLabels,
  TicketService,
  type AttachmentMeta,
  type AttachmentPolicy,
  type Ticket,
  type TicketAction,
  type TicketPhase
} from "@ecasilla/core/cau"
import type { Actor } from "@ecasilla/core/roles"
import { Directory, HtmlSanitizer, htmlToPlainText, plainTextToHtml } from "@ecasilla/core/ports"
import { actorContext } from "../context/contexts.js"
import { RuntimeController } from "../controllers/runtime-controller.js"
import { LocalizeController } from "../controllers/localize.js"
import { TicketUpdatedEvent } from "../events/cau-events.js"
import { cauStyles } from "../cau/cau.styles.js"
import { formatBytes, userMessage } from "../cau/user-message.js"
import type { PerformAction, TicketActionsController } from "./ticket-actions.js"
import { ticketDetailStrings } from "./ticket-detail.strings.js"
import { ticketDetailStyles } from "./ticket-detail.styles.js"
import { formatInstant, renderHistory } from "./ticket-history.js"

/** A loaded ticket and its rich text, sanitized again by the runtime's HtmlSanitizer. */
interface LoadedTicket {
  readonly ticket: Ticket
  readonly policy: AttachmentPolicy
  readonly descripcion: string
  readonly answer: string | undefined
}

const PHASES: ReadonlyArray<TicketPhase> = ["Registro", "Investigación", "Resolución"]

/**
 * One CAU ticket as its requester, analyst or support-group lead sees it: number and
 * state, the phase bar (Registro › Investigación › Resolución), the support group and
 * analyst, the descripción and attachments, the notes, the analyst's answer, the closure
 * comments and the history — to the people the core lets see it (`canViewTicket`: its
 * requester and the help-desk staff); below them the forms of the actions the provider's actor may
 * take now — `availableTicketActions(ticket, actor)` from the core, nothing else. After
 * each action the ticket is loaded again and `ticket-updated` is fired; a refusal from
 * the core is shown as its Spanish (or English) message. While the ticket is Registrada
 * its requester is offered "Modificar": `<cau-ticket-form>` in edit mode, loaded then.
 * Reads go through the service as the acting user (it answers "does not exist" to
 * anyone who may not see the ticket); each action is a command: a second click while
 * it saves is ignored and the button says "Guardando…".
 *
 * Rich text (descripción, answer) is the core's sanitized HTML, sanitized once more by
 * the runtime's HtmlSanitizer before it is shown (plain text when the runtime has none);
 * títulos, notes, comments and file names are always bound as text.
 *
 * @tag cau-ticket-detail
 * @summary A CAU ticket with its phase bar, history and the actions the actor may take now.
 *
 * @event {TicketUpdatedEvent} ticket-updated - The user took an action; `detail` is the ticket after it, `action` which one.
 *
 * @csspart header - Number, título and state.
 * @csspart phases - The phase bar.
 * @csspart actions - The section with the action forms.
 * @csspart drop-zone - The drop zone of the note's attachments.
 *
 * @cssproperty --cau-font - Font (default: inherited).
 * @cssproperty --cau-text-color - Text colour.
 * @cssproperty --cau-primary-color - Buttons, focus ring, current phase.
 * @cssproperty --cau-error-color - Error messages.
 * @cssproperty --cau-border-color - Borders of the fields.
 * @cssproperty --cau-border-radius - Corner radius.
 * @cssproperty --cau-surface-color - Background of fields and cards.
 *
 * @cssstate busy - An action is being saved.
 *
 * @since 0.1.0
 * @category cau
 */
export class CauTicketDetail extends LitElement {
  static override styles = [cauStyles, ticketDetailStyles]

  /** The ticket's internal id; takes precedence over `number`. */
  @property({ attribute: "ticket-id" }) ticketId = ""
  /** The ticket's number (`CAU-2026-000123`), when the id is not known. */
  @property() number = ""

  @state() private reloads = 0
  @state() private announcement = ""
  @state() private actionError = ""

  /** @internal */
  readonly i18n = new LocalizeController(this, ticketDetailStrings)
  private readonly actor = new ContextConsumer(this, { context: actorContext, subscribe: true })
  private readonly internals = this.attachInternals()
  // What the detail needs from the provider's layer (CauConfig has a default).
  private readonly runtime = new RuntimeController<TicketService | Directory>(this, [TicketService, Directory])
  private readonly load = this.runtime.query({
    // The actor is an argument: the service authorizes each read for whoever is acting.
    args: () => [this.ticketId, this.number, this.reloads, this.actor.value] as const,
    run: ([id, number, , actor]) => Effect.gen(function*() {
      const service = yield* Effect.service(TicketService)
      if (!actor) return yield* Effect.fail(new TicketError({ reason: "not-found" }))
      const ticket = id ? yield* service.getTicket(actor, id) : yield* service.getTicketByNumber(actor, number)
      const sanitizer = yield* Effect.serviceOption(HtmlSanitizer)
      const { attachments: policy } = yield* Effect.service(CauConfig)
      const clean = (h: string) => Option.isSome(sanitizer) ? sanitizer.value.sanitize(h) : plainTextToHtml(htmlToPlainText(h))
      return { ticket, policy, descripcion: clean(ticket.descripcion), answer: ticket.resolution ? clean(ticket.resolution.answer) : undefined } satisfies LoadedTicket
    })
  })
  private readonly command = this.runtime.command((actor: Actor, cmd: Parameters<PerformAction>[1]) =>
    Effect.flatMap(Effect.service(TicketService), (s) => cmd(s, actor)))
  private readonly download = this.runtime.command((actor: Actor, ticket: Ticket, meta: AttachmentMeta) =>
    Effect.flatMap(Effect.service(TicketService), (s) => s.getAttachment(actor, ticket.id, meta.id)))
  // The action forms (rich text, combobox, drop zone) load after the element, not up front.
  private actions: TicketActionsController | undefined
  private actionsLoading: Promise<void> | undefined
  @state() private editing = false

  override connectedCallback(): void {
    super.connectedCallback()
    this.actionsLoading ??= import("./ticket-actions.js").then(({ TicketActionsController }) => {
      this.actions = new TicketActionsController(this, this.runtime, this.i18n, (action, cmd) => this.perform(action, cmd), () => this.command.running)
      this.requestUpdate()
    })
  }

  // `updateComplete` includes the action forms arriving, so callers see a whole view.
  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete()
    if (this.actions !== undefined || this.actionsLoading === undefined) return done
    await this.actionsLoading
    return super.getUpdateComplete()
  }

  /** The ticket as last loaded, if any. */
  get ticket(): Ticket | undefined {
    return this.load.value?.ticket
  }

  /** Loads the ticket again. */
  reload(): void {
    this.reloads++
  }

  /** The actions the current actor may take now (what the element offers). */
  get availableActions(): ReadonlyArray<TicketAction> {
    const ticket = this.ticket
    const actor = this.actor.value
    return ticket && actor && canViewTicket(ticket, actor) ? availableTicketActions(ticket, actor) : []
  }

  private readonly perform: PerformAction = async (action, cmd) => {
    const ticket = this.ticket
    const actor = this.actor.value
    if (!ticket || !actor) return { reason: "not-allowed" }
    // A submit while one is saving: the command ignores it (resolves `undefined`), and so does the view.
    const busy = this.command.running
    const pending = this.command.run(actor, cmd)
    if (busy) return undefined
    this.internals.states.add("busy")
    this.requestUpdate()
    const outcome = await pending
    this.internals.states.delete("busy")
    if (outcome === undefined) return undefined
    const label = ticketActionLabels[this.i18n.locale][action]
    if (outcome.ok) {
      this.actionError = ""
      this.announcement = this.i18n.term("saved", label)
      this.reload()
      this.dispatchEvent(new TicketUpdatedEvent(outcome.value, action))
      await this.updateComplete
      this.shadowRoot?.getElementById("status-heading")?.focus()
      return undefined
    }
    const error = outcome.error
    this.actionError = userMessage(error, this.i18n.locale)
    this.announcement = this.actionError
    return { reason: isTicketError(error) ? error.reason : undefined }
  }

  private async downloadAttachment(ticket: Ticket, meta: AttachmentMeta): Promise<void> {
    const actor = this.actor.value
    if (!actor) return
    const outcome = await this.download.run(actor, ticket, meta)
    if (outcome === undefined) return
    if (!outcome.ok) {
      this.actionError = userMessage(outcome.error, this.i18n.locale)
      return
    }
    const url = URL.createObjectURL(new Blob([outcome.value.bytes as BlobPart], { type: meta.mediaType }))
    const a = document.createElement("a")
    a.href = url
    a.download = meta.name
    a.click()
    setTimeout(() => URL.revokeObjectURL(url), 10_000)
  }

  // The requester edits a Registrada ticket with <cau-ticket-form>, loaded only then.
  private async startEditing(): Promise<void> {
    await import("../define/cau-ticket-form.js")
    this.editing = true
    await this.updateComplete
    this.shadowRoot?.querySelector<HTMLElement>("cau-ticket-form")?.focus()
  }

  private finishEditing(saved: boolean): void {
    this.editing = false
    if (saved) {
      this.announcement = this.i18n.term("saved", ticketActionLabels[this.i18n.locale].edit)
      this.reload()
    }
    void this.updateComplete.then(() => this.shadowRoot?.getElementById("status-heading")?.focus())
  }

  private renderEdit(ticket: Ticket): TemplateResult {
    const t = this.i18n
    const label = ticketActionLabels[t.locale].edit
    return this.editing
      ? html`<div class="action edit">
          <cau-ticket-form ticket-id=${ticket.id} @ticket-updated=${() => this.finishEditing(true)}></cau-ticket-form>
          <p><button type="button" id="cancel-edit" @click=${() => this.finishEditing(false)}>${t.term("cancelEdit")}</button></p>
        </div>`
      : html`<p><button type="button" class="primary" id="edit" @click=${() => void this.startEditing()}>${label}</button></p>`
  }

  private renderFiles(ticket: Ticket, files: ReadonlyArray<AttachmentMeta>): TemplateResult | typeof nothing {
    if (files.length === 0) return nothing
    const t = this.i18n
    return html`<ul class="files">${files.map((f) => html`<li>
      <button type="button" class="file" aria-label=${t.term("download", f.name)} @click=${() => void this.downloadAttachment(ticket, f)}>
        <svg aria-hidden="true" width="14" height="14" viewBox="0 0 16 16" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round"><path d="M10.5 4.5l-5 5a1.6 1.6 0 002.3 2.3l5.4-5.4a3 3 0 00-4.2-4.2L3.6 7.6a4.4 4.4 0 006.2 6.2l4-4"/></svg><span class="file-name">${f.name}</span>
      </button>
      <span class="file-size">${formatBytes(f.size, t.locale)}</span>
    </li>`)}</ul>`
  }

  private renderPhases(ticket: Ticket): TemplateResult {
    const current = PHASES.indexOf(phaseOf(ticket.state))
    const closed = ticket.state === "Cerrada"
    return html`<nav aria-label=${this.i18n.term("phases")}><ol class="phases" part="phases">
      ${PHASES.map((phase, i) => {
        const done = i < current || (closed && i === current)
        return html`<li class=${done ? "done" : i === current ? "current" : ""} aria-current=${i === current ? "step" : nothing}>
          <span class="step" aria-hidden="true">${done ? "✓" : i + 1}</span> ${phase}${done ? html`<span class="visually-hidden"> (${this.i18n.term("done")})</span>` : nothing}
        </li>`
      })}
    </ol></nav>`
  }

  private renderTicket(loaded: LoadedTicket): TemplateResult {
    const t = this.i18n
    const { ticket } = loaded
    const own = ticket.attachments.filter((a) => a.noteId === undefined)
    const actions = this.availableActions
    return html`
      <header part="header">
        <div class="head-row">
          <span class="number">${ticketTipoLabels[t.locale][ticket.tipo]} N° ${ticket.number}</span>
          <span class="state">${t.term("state")}: <span class="badge" data-state=${ticket.state}>${ticket.state}</span></span>
        </div>
        ${isProvisionalTicketNumber(ticket.number) ? html`<p class="provisional">${provisionalNumberMessage(ticket.number, t.locale)}</p>` : nothing}
        <h2 id="titulo">${ticket.titulo}</h2>
      </header>
      ${this.renderPhases(ticket)}
      <section aria-labelledby="registro-heading">
        <h3 id="registro-heading">1. Registro</h3>
        <dl class="facts">
          <dt>${t.term("tipo")}</dt><dd>${ticketTipoLabels[t.locale][ticket.tipo]}</dd>
          <dt>${t.term("categoria")}</dt><dd>${ticket.categoria.path.join(" › ")}</dd>
          <dt>${t.term("requester")}</dt><dd>${ticket.requester.name}</dd>
          ${ticket.onBehalfOf ? html`<dt>${t.term("onBehalfOf")}</dt><dd>${ticket.onBehalfOf.name}</dd>` : nothing}
          <dt>${t.term("telefono")}</dt><dd>${ticket.telefono}</dd>
          <dt>${t.term("createdAt")}</dt><dd><time datetime=${ticket.createdAt}>${formatInstant(t, ticket.createdAt)}</time></dd>
        </dl>
        <h4>${t.term("descripcion")}</h4>
        <div class="rich">${unsafeHTML(loaded.descripcion)}</div>
        ${own.length > 0 ? html`<h4>${t.term("attachments")}</h4>${this.renderFiles(ticket, own)}` : nothing}
      </section>
      <section aria-labelledby="investigacion-heading">
        <h3 id="investigacion-heading">2. Investigación</h3>
        <dl class="facts">
          <dt>${t.term("supportGroup")}</dt><dd>${ticket.supportGroup ?? t.term("unassigned")}</dd>
          ${ticket.analyst ? html`<dt>${t.term("analyst")}</dt><dd>${ticket.analyst.name}</dd>` : nothing}
        </dl>
        ${ticket.notes.length > 0 ? html`<h4>${t.term("notes")}</h4><ul class="notes">${ticket.notes.map((n) => html`<li>
          <p class="meta"><span class="who">${n.by.name}</span> · <time datetime=${n.at}>${formatInstant(t, n.at)}</time></p>
          <p class="said">${n.message}</p>
          ${this.renderFiles(ticket, ticket.attachments.filter((a) => a.noteId === n.id))}
        </li>`)}</ul>` : nothing}
      </section>
      ${ticket.resolution || ticket.closure ? html`<section aria-labelledby="resolucion-heading">
        <h3 id="resolucion-heading">3. Resolución</h3>
        ${ticket.resolution && loaded.answer !== undefined ? html`<h4>${t.term("answer")}</h4>
          <p class="meta"><span class="who">${ticket.resolution.by.name}</span> · <time datetime=${ticket.resolution.at}>${formatInstant(t, ticket.resolution.at)}</time></p>
          <div class="rich">${unsafeHTML(loaded.answer)}</div>` : nothing}
        ${ticket.survey ? html`<h4>${t.term("survey")}</h4><p>${surveyLevelLabels[t.locale][ticket.survey.level]}${ticket.survey.comment ? html` — <span class="said">${ticket.survey.comment}</span>` : nothing}</p>` : nothing}
        ${ticket.closure ? html`<h4>${t.term("closure")}</h4><p class="closure">${ticket.closure.comment}</p>` : nothing}
      </section>` : nothing}
      <section class="actions" part="actions" aria-labelledby="status-heading">
        <h3 id="status-heading" tabindex="-1">${t.term("actions")}</h3>
        ${actions.length === 0 ? html`<p class="muted">${t.term("noActions")}</p>` : nothing}
        ${actions.includes("edit") ? this.renderEdit(ticket) : nothing}
        ${actions.some((a) => a !== "edit")
          ? this.actions?.render(ticket, actions.filter((a) => a !== "edit"), loaded.policy) ?? html`<p class="muted">${t.term("loading")}</p>`
          : nothing}
        <p id="action-error" class="notice error-box" role="alert">${this.actionError}</p>
      </section>
      ${renderHistory(t, ticket)}
    `
  }

  protected override render(): TemplateResult {
    const t = this.i18n
    const loaded = this.load.value
    const wanted = this.ticketId || this.number
    let body: TemplateResult | typeof nothing
    if (!wanted) body = html`<p class="muted">${t.term("none")}</p>`
    else if (loaded && (loaded.ticket.id === this.ticketId || loaded.ticket.number === this.number)) {
      const actor = this.actor.value
      // Who may see a ticket is the core's rule; others are told it does not exist.
      body = actor === undefined ? html`<p class="muted">${t.term("signIn")}</p>`
        : canViewTicket(loaded.ticket, actor) ? this.renderTicket(loaded)
        : html`<p class="notice error-box" role="alert">${ticketMessage("not-found", undefined, t.locale)}</p>`
    }
    else if (this.load.failed) body = html`<p class="notice error-box" role="alert">${userMessage(this.load.error, t.locale)}</p>`
    else body = html`<p class="muted">${t.term("loading")}</p>`
    return html`<div role="status" aria-live="polite" class="visually-hidden">${this.announcement}</div>
      <article aria-labelledby=${loaded ? "titulo" : nothing} aria-busy=${this.load.pending ? "true" : "false"}>${body}</article>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "cau-ticket-detail": CauTicketDetail
  }
}
