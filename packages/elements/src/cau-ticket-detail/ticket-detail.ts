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
  TicketError,
  ticketMessage,
  TicketService,
  type AttachmentMeta,
  type AttachmentPolicy,
  type Ticket,
  type TicketAction,
  type TicketPhase
} from "@ecasilla/core/cau"
import type { Actor } from "@ecasilla/core/roles"
import { HtmlSanitizer, htmlToPlainText, plainTextToHtml } from "@ecasilla/core/ports"
import { actorContext } from "../context/contexts.js"
import { EffectTask } from "../controllers/effect-task.js"
import { LocalizeController } from "../controllers/localize.js"
import { TicketUpdatedEvent } from "../events/cau-events.js"
import { cauStyles } from "../cau/cau.styles.js"
import { formatBytes, userMessage } from "../cau/user-message.js"
import { TicketActionsController, type PerformAction } from "./ticket-actions.js"
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
 * the core is shown as its Spanish (or English) message.
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
  private readonly load = new EffectTask<LoadedTicket, unknown, readonly [string, string, number, Actor | undefined]>(this, {
    // The actor is an argument: the service authorizes each read for whoever is acting.
    args: () => [this.ticketId, this.number, this.reloads, this.actor.value] as const,
    effect: ([id, number, , actor]) => Effect.gen(function*() {
      const service = yield* Effect.service(TicketService)
      if (!actor) return yield* Effect.fail(new TicketError({ reason: "not-found" }))
      const ticket = id ? yield* service.getTicket(actor, id) : yield* service.getTicketByNumber(actor, number)
      const sanitizer = yield* Effect.serviceOption(HtmlSanitizer)
      const { attachments: policy } = yield* Effect.service(CauConfig)
      const clean = (h: string) => Option.isSome(sanitizer) ? sanitizer.value.sanitize(h) : plainTextToHtml(htmlToPlainText(h))
      return { ticket, policy, descripcion: clean(ticket.descripcion), answer: ticket.resolution ? clean(ticket.resolution.answer) : undefined }
    })
  })
  private readonly command = new EffectTask<Ticket>(this)
  private readonly download = new EffectTask<void>(this)
  private readonly actions = new TicketActionsController(this, this.i18n, (action, cmd) => this.perform(action, cmd))

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
    // "edit" (fields of a Registrada ticket) belongs to the form, not to this view.
    return ticket && actor && canViewTicket(ticket, actor) ? availableTicketActions(ticket, actor).filter((a) => a !== "edit") : []
  }

  private readonly perform: PerformAction = async (action, cmd) => {
    const ticket = this.ticket
    const actor = this.actor.value
    if (!ticket || !actor) return { reason: "not-allowed" }
    this.internals.states.add("busy")
    const exit = await this.command.run(Effect.flatMap(Effect.service(TicketService), (s) => cmd(s, actor)))
    this.internals.states.delete("busy")
    const label = ticketActionLabels[this.i18n.locale][action]
    if (exit._tag === "Success") {
      this.actionError = ""
      this.announcement = this.i18n.term("saved", label)
      this.reload()
      this.dispatchEvent(new TicketUpdatedEvent(exit.value, action))
      await this.updateComplete
      this.shadowRoot?.getElementById("status-heading")?.focus()
      return undefined
    }
    const error = this.command.error as { reason?: unknown }
    this.actionError = userMessage(error, this.i18n.locale)
    this.announcement = this.actionError
    return { reason: typeof error?.reason === "string" ? error.reason : undefined }
  }

  private async downloadAttachment(ticket: Ticket, meta: AttachmentMeta): Promise<void> {
    const actor = this.actor.value
    if (!actor) return
    await this.download.run(Effect.flatMap(Effect.service(TicketService), (s) => s.getAttachment(actor, ticket.id, meta.id)).pipe(
      Effect.map(({ bytes }) => {
        const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: meta.mediaType }))
        const a = document.createElement("a")
        a.href = url
        a.download = meta.name
        a.click()
        setTimeout(() => URL.revokeObjectURL(url), 10_000)
      })
    ))
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
          <span class="number">${ticket.tipo} N° ${ticket.number}</span>
          <span class="state">${t.term("state")}: <span class="badge" data-state=${ticket.state}>${ticket.state}</span></span>
        </div>
        <h2 id="titulo">${ticket.titulo}</h2>
      </header>
      ${this.renderPhases(ticket)}
      <section aria-labelledby="registro-heading">
        <h3 id="registro-heading">1. Registro</h3>
        <dl class="facts">
          <dt>${t.term("tipo")}</dt><dd>${ticket.tipo}</dd>
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
        ${actions.length === 0 ? html`<p class="muted">${t.term("noActions")}</p>` : this.actions.render(ticket, actions, loaded.policy)}
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
    else if (this.load.status === "error") body = html`<p class="notice error-box" role="alert">${userMessage(this.load.error, t.locale)}</p>`
    else body = html`<p class="muted">${t.term("loading")}</p>`
    return html`<div role="status" aria-live="polite" class="visually-hidden">${this.announcement}</div>
      <article aria-labelledby=${loaded ? "titulo" : nothing} aria-busy=${this.load.status === "pending" ? "true" : "false"}>${body}</article>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "cau-ticket-detail": CauTicketDetail
  }
}
