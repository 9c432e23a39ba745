import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from "lit"
import { live } from "lit/directives/live.js"
import * as Effect from "effect/Effect"
import type { Actor } from "@ecasilla/core"
import {
  type AttachmentError,
  SurveyLevel,
  surveyLevelLabels,
  type AttachmentPolicy,
  isCauAnalyst,
  defaultAttachmentPolicy,
  ticketActionLabels,
  type TicketCommandError,
  ticketLifecycle,
  type Ticket,
  type TicketAction,
  type TicketService
} from "@ecasilla/core/cau"
import { Directory } from "@ecasilla/core/ports"
import type { EffectQuery, RuntimeController } from "../controllers/runtime-controller.js"
import type { LocalizeController } from "../controllers/localize.js"
import { AttachmentDropController } from "../cau/attachment-drop.js"
import { ComboboxController } from "../cau/combobox.js"
import { RichTextController, richTextLabels } from "../cau/rich-text.js"
import { formatBytes } from "../cau/user-message.js"
import type { ticketDetailStrings } from "./ticket-detail.strings.js"

type Strings = typeof ticketDetailStrings["es-PE"]

/**
 * Runs one ticket command for the current actor; resolves `undefined` on success, else
 * the core's `reason` (to point at the field) and the message already shown.
 *
 * @since 0.1.0
 * @category internal
 */
export type PerformAction = (
  action: TicketAction,
  command: (service: TicketService["Service"], actor: Actor) => Effect.Effect<Ticket, TicketCommandError | AttachmentError>
) => Promise<{ readonly reason?: string } | undefined>

// Whether the lifecycle says `action` needs `input` (marks the field aria-required).
const needs = (action: TicketAction, input: "comment" | "answer" | "message" | "survey-level"): "true" | "false" =>
  ticketLifecycle[action].requires?.includes(input) ? "true" : "false"

// Which field a refusal is about, so it can be marked and focused.
const FIELD_OF_REASON: Record<string, string> = {
  "comment-required": "incorrecta-comment",
  "message-required": "note-message",
  "answer-required": "answer",
  "survey-required": "survey-level",
  "not-an-analyst": "analyst",
  "unknown-user": "analyst"
}

/**
 * The forms of the actions the actor may take now (and only those): assign/reassign
 * (lead), the note with attachments (requester), the answer (analyst), correcta /
 * incorrecta with its comment, the survey. The inputs are plain; whether a comment or a
 * level is required is the core's answer, shown next to the field.
 *
 * @since 0.1.0
 * @category internal
 */
export class TicketActionsController implements ReactiveController {
  private comment = ""
  private message = ""
  private level = ""
  private surveyComment = ""
  private analystId = ""
  private analystQuery = ""
  private group = ""
  private invalidField = ""
  private readonly host: ReactiveControllerHost & HTMLElement
  private readonly i18n: LocalizeController<Strings>
  private readonly perform: PerformAction
  private readonly answer: RichTextController
  private readonly noteFiles: AttachmentDropController
  private readonly analysts: EffectQuery<ReadonlyArray<Actor>, never, readonly [string, boolean], TicketService | Directory>
  private readonly analystBox: ComboboxController
  private readonly busy: () => boolean
  private needsAnalysts = false
  private policy: AttachmentPolicy = defaultAttachmentPolicy

  constructor(
    host: ReactiveControllerHost & HTMLElement,
    runtime: RuntimeController<TicketService | Directory>,
    i18n: LocalizeController<Strings>,
    perform: PerformAction,
    busy: () => boolean
  ) {
    this.host = host
    this.i18n = i18n
    this.perform = perform
    this.busy = busy
    this.answer = new RichTextController(host, "answer")
    this.noteFiles = new AttachmentDropController(host, "nota", () => i18n.locale, () => this.policy)
    this.analysts = runtime.query({
      args: () => [this.analystQuery, this.needsAnalysts] as const,
      run: ([query, needed]) => needed
        ? Effect.map(Effect.flatMap(Effect.service(Directory), (d) => d.searchUsers(query, 50)), (users) => users.filter(isCauAnalyst))
        : Effect.succeed<ReadonlyArray<Actor>>([])
    })
    this.analystBox = new ComboboxController(host, {
      id: "analyst",
      items: () => (this.analysts.value ?? []).map((u) => ({ value: u.id, label: u.name, hint: u.id })),
      onQuery: (text) => { this.analystQuery = text },
      onSelect: (item) => { this.analystId = item?.value ?? ""; this.invalidField = "" }
    })
    host.addController(this)
  }

  hostConnected(): void {}

  private label(action: TicketAction): string {
    return ticketActionLabels[this.i18n.locale][action]
  }

  private async run(action: TicketAction, command: Parameters<PerformAction>[1], done: () => void): Promise<void> {
    this.invalidField = ""
    const failed = await this.perform(action, command)
    if (failed === undefined) {
      done()
    } else {
      this.invalidField = FIELD_OF_REASON[failed.reason ?? ""] ?? ""
      this.host.requestUpdate()
      await (this.host as unknown as { updateComplete: Promise<unknown> }).updateComplete
      const root = this.host.shadowRoot
      const target = this.invalidField === "survey-level" ? root?.querySelector<HTMLElement>('input[name="level"]') : root?.getElementById(this.invalidField)
      target?.focus()
    }
    this.host.requestUpdate()
  }

  // A submit button that shows the save in progress; a click meanwhile is ignored by the command.
  private submitButton(label: string, primary = true, id?: string): TemplateResult {
    const busy = this.busy()
    return html`<button type="submit" class=${primary ? "primary" : ""} id=${id ?? nothing} aria-disabled=${busy ? "true" : "false"}>${busy ? this.i18n.term("working") : label}</button>`
  }

  private invalid(id: string): "true" | "false" {
    return this.invalidField === id ? "true" : "false"
  }

  private submit(action: TicketAction, command: Parameters<PerformAction>[1], done: () => void) {
    return (e: Event) => {
      e.preventDefault()
      void this.run(action, command, done)
    }
  }

  private assignForm(action: "assign" | "reassign", ticket: Ticket): TemplateResult {
    return html`<form class="action" aria-labelledby="assign-heading"
      @submit=${this.submit(action, (s, actor) => s.assignTicket(actor, ticket.id, { analystId: this.analystId || this.analystBox.text.trim(), ...(this.group.trim() ? { supportGroup: this.group.trim() } : {}) }),
        () => { this.analystId = ""; this.group = ""; this.analystBox.show("") })}>
      <h4 id="assign-heading">${this.label(action)}</h4>
      <div class="field">
        <label for="analyst" id="analyst-label">${this.i18n.term("analystLabel")}</label>
        ${this.analystBox.render({ labelledBy: "analyst-label", describedBy: "action-error", invalid: this.invalidField === "analyst", listLabel: this.i18n.term("analystList"), empty: this.i18n.term("analystEmpty"), selected: this.analystId })}
      </div>
      <div class="field">
        <label for="support-group">${this.i18n.term("groupLabel")}</label>
        <input id="support-group" type="text" .value=${live(this.group)} placeholder=${ticket.supportGroup ?? ""}
          @input=${(e: Event) => { this.group = (e.target as HTMLInputElement).value }} />
      </div>
      ${this.submitButton(this.label(action))}
    </form>`
  }

  private noteForm(ticket: Ticket): TemplateResult {
    return html`<form class="action" aria-labelledby="note-heading"
      @submit=${this.submit("note", (s, actor) => s.addNote(actor, ticket.id, { message: this.message, attachments: this.noteFiles.files }),
        () => { this.message = ""; this.noteFiles.clear() })}>
      <h4 id="note-heading"><span aria-hidden="true">✉</span> ${this.label("note")}</h4>
      <div class="field">
        <label for="note-message">${this.i18n.term("message")}</label>
        <textarea id="note-message" aria-required=${needs("note", "message")} aria-invalid=${this.invalid("note-message")} aria-describedby="action-error"
          .value=${live(this.message)} @input=${(e: Event) => { this.message = (e.target as HTMLTextAreaElement).value }}></textarea>
      </div>
      ${this.noteFiles.render({
        legend: this.i18n.term("noteAttachments"),
        drop: this.i18n.term("drop"),
        pick: this.i18n.term("pick"),
        remove: (name) => this.i18n.term("remove", name),
        size: (bytes) => formatBytes(bytes, this.i18n.locale)
      })}
      ${this.submitButton(this.label("note"))}
    </form>`
  }

  private resolveForm(ticket: Ticket): TemplateResult {
    const t = this.i18n
    return html`<form class="action" aria-labelledby="resolve-heading"
      @submit=${this.submit("resolve", (s, actor) => s.resolveTicket(actor, ticket.id, { answer: this.answer.value }), () => this.answer.clear())}>
      <h4 id="resolve-heading">${this.label("resolve")}</h4>
      <div class="field">
        <span class="label" id="answer-label">${t.term("answerLabel")}</span>
        ${this.answer.render({
          labels: richTextLabels[t.locale],
          labelledBy: "answer-label",
          describedBy: "action-error",
          invalid: this.invalidField === "answer"
        })}
      </div>
      ${this.submitButton(this.label("resolve"))}
    </form>`
  }

  private verdictForm(ticket: Ticket, actions: ReadonlyArray<TicketAction>): TemplateResult {
    return html`<form class="action" aria-labelledby="verdict-heading"
      @submit=${this.submit("incorrecta", (s, actor) => s.rejectResolution(actor, ticket.id, { comment: this.comment }), () => { this.comment = "" })}>
      <h4 id="verdict-heading">${this.i18n.term("verdict")}</h4>
      ${actions.includes("correcta") ? html`<p><button type="button" class="primary" id="correcta" aria-disabled=${this.busy() ? "true" : "false"}
        @click=${() => void this.run("correcta", (s, actor) => s.acceptResolution(actor, ticket.id), () => {})}>${this.label("correcta")}</button></p>` : nothing}
      ${actions.includes("incorrecta") ? html`<div class="field">
          <label for="incorrecta-comment">${this.i18n.term("comment")}<span class="hint" id="comment-hint">${this.i18n.term("commentHint")}</span></label>
          <textarea id="incorrecta-comment" aria-required=${needs("incorrecta", "comment")} aria-invalid=${this.invalid("incorrecta-comment")} aria-describedby="comment-hint action-error"
            .value=${live(this.comment)} @input=${(e: Event) => { this.comment = (e.target as HTMLTextAreaElement).value }}></textarea>
        </div>
        ${this.submitButton(this.label("incorrecta"), false, "incorrecta")}` : nothing}
    </form>`
  }

  private surveyForm(ticket: Ticket): TemplateResult {
    const labels = surveyLevelLabels[this.i18n.locale]
    return html`<form class="action" aria-labelledby="survey-heading"
      @submit=${this.submit("survey", (s, actor) => s.submitSurvey(actor, ticket.id, { level: (this.level || undefined) as SurveyLevel | undefined, ...(this.surveyComment.trim() ? { comment: this.surveyComment } : {}) }),
        () => { this.level = ""; this.surveyComment = "" })}>
      <h4 id="survey-heading">${this.label("survey")}</h4>
      <fieldset aria-describedby="action-error">
        <legend>${this.i18n.term("surveyLegend")}</legend>
        <div class="levels" role="radiogroup" aria-label=${this.i18n.term("surveyLegend")} aria-required=${needs("survey", "survey-level")}>
          ${SurveyLevel.literals.map((level) => html`<label>
            <input type="radio" name="level" value=${level} aria-invalid=${this.invalid("survey-level")} .checked=${live(this.level === level)}
              @change=${() => { this.level = level; this.invalidField = ""; this.host.requestUpdate() }} />
            ${labels[level]}
          </label>`)}
        </div>
      </fieldset>
      <div class="field">
        <label for="survey-comment">${this.i18n.term("surveyComment")}</label>
        <textarea id="survey-comment" .value=${live(this.surveyComment)} @input=${(e: Event) => { this.surveyComment = (e.target as HTMLTextAreaElement).value }}></textarea>
      </div>
      ${this.submitButton(this.label("survey"))}
    </form>`
  }

  /** The forms for `actions` (from `availableTicketActions`), in lifecycle order; `policy` limits the note's files. */
  render(ticket: Ticket, actions: ReadonlyArray<TicketAction>, policy: AttachmentPolicy): TemplateResult {
    this.policy = policy
    const needs = actions.includes("assign") || actions.includes("reassign")
    if (needs !== this.needsAnalysts) {
      this.needsAnalysts = needs
      queueMicrotask(() => this.host.requestUpdate())
    }
    return html`${actions.map((action) => {
      switch (action) {
        case "assign":
        case "reassign":
          return this.assignForm(action, ticket)
        case "note":
          return this.noteForm(ticket)
        case "resolve":
          return this.resolveForm(ticket)
        case "incorrecta":
          return this.verdictForm(ticket, actions)
        case "correcta":
          return actions.includes("incorrecta") ? nothing : this.verdictForm(ticket, actions)
        case "survey":
          return this.surveyForm(ticket)
        default:
          return nothing
      }
    })}`
  }
}
