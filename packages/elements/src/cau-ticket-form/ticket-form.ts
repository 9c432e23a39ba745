import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from "lit"
import { property, state } from "lit/decorators.js"
import { ContextConsumer } from "@lit/context"
import * as Effect from "effect/Effect"
import type { Actor } from "@ecasilla/core"
import {
  CauConfig,
  type CauConfigShape,
  cauFieldMessage,
  defaultCauConfig,
  isProvisionalTicketNumber,
  provisionalNumberMessage,
  isTicketError,
  isTicketValidationError,
  ticketMessage,
  TicketService,
  validateTicketDraft,
  validateTicketField,
  type AttachmentPolicy,
  type NewAttachment,
  type Ticket,
  type TicketDraftField,
  type TicketDraftInput
} from "@ecasilla/core/cau"
import { Directory } from "@ecasilla/core/ports"
import { actorContext } from "../context/contexts.js"
import { RuntimeController } from "../controllers/runtime-controller.js"
import { LocalizeController } from "../controllers/localize.js"
import { TicketCreatedEvent, TicketUpdatedEvent } from "../events/cau-events.js"
import type { TicketEditController, TicketPatch } from "./ticket-edit.js"
import { AttachmentDropController } from "../cau/attachment-drop.js"
import { cauStyles } from "../cau/cau.styles.js"
import { ComboboxController } from "../cau/combobox.js"
import { RichTextController, richTextLabels } from "../cau/rich-text.js"
import { userMessage } from "../cau/user-message.js"
import { ticketFormStrings } from "./ticket-form.strings.js"
import { ticketFormStyles } from "./ticket-form.styles.js"
import { catalogCombobox, renderCategoriaField, renderNewTicketFields, renderTextField, renderTicketResult, renderTipoField, userCombobox } from "./ticket-form.parts.js"

type Field = Exclude<TicketDraftField, "attachments">
const EMPTY: Record<Field, string> = { titulo: "", descripcion: "", tipo: "", categoria: "", telefono: "", onBehalfOf: "" }
const FIELDS: ReadonlyArray<Field> = ["titulo", "descripcion", "tipo", "categoria", "telefono", "onBehalfOf"]

/**
 * The "Nueva incidencia / petición" form of the CAU: Título, Descripción (rich text),
 * Tipo, Categoría (a searchable catalog), Teléfono/Celular, attachments (drag-and-drop or
 * the file picker) and, only when filing for someone else, "Notificar en nombre de".
 *
 * Every rule comes from `@ecasilla/core/cau`: fields are checked as the user types and
 * leaves them (`validateTicketField`), the whole draft on submit (`validateTicketDraft`,
 * focus goes to the first invalid field), attachments by content signature, size and
 * count (`checkAttachments`). Saving runs `TicketService.createTicket` on the runtime of
 * the closest `<ecasilla-provider>`, as its actor; the ticket number and state are then
 * shown and announced, and `ticket-created` is fired. The catalog and attachment limits
 * are the runtime's `CauConfig`.
 *
 * With `ticket-id` it edits that ticket instead (the core's `editTicket`: its requester,
 * while Registrada; only the changed fields are sent; attachments and "on behalf of" are
 * not edited). A ticket the actor may not edit is shown as the core's reason, not as a form.
 *
 * Saving is a command: a second click while it saves is ignored, the button says
 * "Guardando…" (`aria-disabled`, the form `aria-busy`), and the save runs to its end even
 * if the form leaves the page meanwhile.
 *
 * It is a whole form, not a field, so it is not form-associated itself: it owns its
 * `<form>` and offers `requestSubmit()` and `reset()` like one.
 *
 * @tag cau-ticket-form
 * @summary The "Nueva incidencia / petición" form of the CAU help desk.
 *
 * @event {TicketCreatedEvent} ticket-created - The user saved a ticket; `detail` is the ticket (number, state Registrada).
 * @event {TicketUpdatedEvent} ticket-updated - In edit mode, the user saved their changes; `detail` is the ticket after them, `action` is `edit`.
 *
 * @csspart form - The form.
 * @csspart result - The saved ticket's number and state.
 * @csspart drop-zone - The attachments drop zone.
 *
 * @cssproperty --cau-font - Font of the form (default: inherited).
 * @cssproperty --cau-text-color - Text colour.
 * @cssproperty --cau-primary-color - Buttons, focus ring, active option.
 * @cssproperty --cau-error-color - Validation messages and invalid borders.
 * @cssproperty --cau-border-color - Borders of the fields.
 * @cssproperty --cau-border-radius - Corner radius of fields and buttons.
 * @cssproperty --cau-surface-color - Background of fields.
 * @cssproperty --cau-form-max-width - Widest the form grows (default 48rem).
 *
 * @cssstate saving - The ticket is being saved.
 *
 * @since 0.1.0
 * @category cau
 */
export class CauTicketForm extends LitElement {
  static override styles = [cauStyles, ticketFormStyles]

  /**
   * The id of an existing ticket to edit (its requester, while Registrada) instead
   * of filing a new one. Attachments and "on behalf of" are not edited.
   */
  @property({ attribute: "ticket-id" }) ticketId = ""

  @state() private values: Record<Field, string> = { ...EMPTY }
  @state() private touched = new Set<Field>()
  @state() private submitted = false
  @state() private forOther = false
  @state() private saved: Ticket | undefined
  @state() private formError = ""
  @state() private announcement = ""
  @state() private rejected: Partial<Record<Field, string>> = {}
  @state() private userQuery = ""

  private readonly i18n = new LocalizeController(this, ticketFormStrings)
  private readonly actor = new ContextConsumer(this, { context: actorContext, subscribe: true })
  private readonly internals = this.attachInternals()
  // What the form needs from the provider's layer (CauConfig has a default).
  private readonly runtime = new RuntimeController<TicketService | Directory>(this, [TicketService, Directory])
  private readonly config = this.runtime.query({ args: () => [], run: () => Effect.service(CauConfig) })
  private readonly users = this.runtime.query({
    args: () => [this.forOther, this.userQuery] as const,
    run: ([forOther, query]) =>
      forOther ? Effect.flatMap(Effect.service(Directory), (d) => d.searchUsers(query, 10)) : Effect.succeed<ReadonlyArray<Actor>>([])
  })
  private readonly create = this.runtime.command((actor: Actor, draft: TicketDraftInput, attachments: ReadonlyArray<NewAttachment>) =>
    Effect.flatMap(Effect.service(TicketService), (s) => s.createTicket(actor, { ...draft, attachments })))
  private readonly edit = this.runtime.command((actor: Actor, id: string, patch: TicketPatch) =>
    Effect.flatMap(Effect.service(TicketService), (s) => s.editTicket(actor, id, patch)))
  private readonly editor = new RichTextController(this, "descripcion", (value) => this.set("descripcion", value))
  // Edit mode loads on demand: a page that only files tickets never downloads it.
  private editing: TicketEditController | undefined
  private editingLoading: Promise<void> | undefined
  private readonly files = new AttachmentDropController(this, "adjuntos", () => this.i18n.locale, () => this.settings.attachments)
  private readonly catalogBox = catalogCombobox(this, () => this.settings.catalog, (value) => this.set("categoria", value), () => this.touch("categoria"))
  private readonly userBox: ComboboxController = userCombobox(this, {
    users: () => (this.users.value ?? []).filter((u) => u.id !== this.actor.value?.id),
    onQuery: (text) => { this.userQuery = text },
    onSelect: (value) => this.set("onBehalfOf", value),
    onLeave: () => this.touch("onBehalfOf")
  })

  private get settings(): CauConfigShape {
    return this.config.value ?? defaultCauConfig
  }

  /** The attachment limits in force: the runtime's `CauConfig` once read, else the defaults. */
  get attachmentPolicy(): AttachmentPolicy {
    return this.settings.attachments
  }

  /** The ticket being edited, once loaded (edit mode only). */
  get editedTicket(): Ticket | undefined {
    return this.editing?.ticket
  }

  /** Whether a save is in progress. */
  get saving(): boolean {
    return this.create.running || this.edit.running
  }

  /** The form as typed so far, in the shape `createTicket` takes. */
  get draft(): TicketDraftInput {
    const v = this.values
    return {
      titulo: v.titulo,
      descripcion: this.editor.value,
      tipo: v.tipo,
      categoria: v.categoria,
      telefono: v.telefono,
      onBehalfOf: this.forOther && v.onBehalfOf ? v.onBehalfOf : undefined
    }
  }

  /** Validates and saves, as the submit button does. */
  requestSubmit(): void {
    void this.submit()
  }

  /** Empties the form (in edit mode: back to the ticket as stored) and hides the last result. */
  reset(): void {
    this.values = { ...EMPTY }
    this.touched = new Set()
    this.submitted = false
    this.forOther = false
    this.saved = undefined
    this.formError = ""
    this.rejected = {}
    this.editor.clear()
    this.files.clear()
    this.catalogBox.show("")
    this.userBox.show("")
    this.editing?.forget()
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("ticketId")) {
      this.reset()
      if (this.ticketId !== "") {
        this.editingLoading ??= import("./ticket-edit.js").then(({ TicketEditController }) => {
          this.editing = new TicketEditController(this, this.runtime, () => this.ticketId, () => this.actor.value, this.editor)
          this.requestUpdate()
        })
      }
    }
    // Edit mode: a newly loaded ticket goes into the fields (not while saving it).
    if (!this.saving) {
      this.editing?.fillIfNew((ticket) => {
        this.values = { titulo: ticket.titulo, descripcion: "", tipo: ticket.tipo, categoria: ticket.categoria.id, telefono: ticket.telefono, onBehalfOf: "" }
        this.catalogBox.show(ticket.categoria.path.at(-1) ?? "")
      })
    }
  }

  private set(field: Field, value: string): void {
    this.values = { ...this.values, [field]: value }
    if (this.rejected[field]) this.rejected = { ...this.rejected, [field]: undefined }
  }

  private touch(field: Field): void {
    // Chromium fires blur when the saved form is swapped for the result: nothing to mark then.
    if (this.saved) return
    if (!this.touched.has(field)) this.touched = new Set([...this.touched, field])
  }

  /** The message to show next to `field` now ("" when none). */
  private errorFor(field: Field): string {
    if (this.rejected[field]) return this.rejected[field]!
    if (!this.submitted && !this.touched.has(field)) return ""
    const locale = this.i18n.locale
    if (field === "onBehalfOf") {
      if (!this.forOther) return ""
      if (this.values.onBehalfOf === "" && this.userBox.text.trim() !== "") return ticketMessage("unknown-user", undefined, locale)
    }
    const value = field === "descripcion" ? this.editor.value : this.values[field]
    return validateTicketField(field, value, { catalog: this.settings.catalog, locale }) ?? ""
  }

  private focusField(field: Field | "attachments"): void {
    const root = this.shadowRoot!
    const target = field === "tipo"
      ? root.querySelector<HTMLElement>('input[name="tipo"]')
      : field === "attachments" ? root.querySelector<HTMLElement>(".file-input") : root.getElementById(field)
    target?.focus()
  }

  private async submit(): Promise<void> {
    this.submitted = true
    this.formError = ""
    const locale = this.i18n.locale
    const draft = this.draft
    const editing = this.editedTicket
    const check = validateTicketDraft(draft, { catalog: this.settings.catalog, locale })
    const invalid: Array<Field | "attachments"> = check.ok ? [] : check.problems.map((p) => p.field)
    if (this.errorFor("onBehalfOf") !== "" && !invalid.includes("onBehalfOf")) invalid.push("onBehalfOf")
    if (this.files.error !== "" && editing === undefined) invalid.push("attachments")
    if (invalid.length > 0) {
      this.announcement = this.i18n.term("fix", invalid.length)
      await this.updateComplete
      this.focusField(FIELDS.find((f) => invalid.includes(f)) ?? "attachments")
      return
    }
    const actor = this.actor.value
    if (actor === undefined) {
      this.formError = this.i18n.term("noActor")
      return
    }
    // A click while saving: the command ignores it (resolves `undefined`), and so does the form.
    const busy = this.saving
    const pending = editing === undefined
      ? this.create.run(actor, draft, this.files.files)
      : this.edit.run(actor, editing.id, this.editing!.patchOf(editing, draft))
    if (busy) return
    this.internals.states.add("saving")
    this.requestUpdate()
    const outcome = await pending
    this.internals.states.delete("saving")
    if (outcome === undefined) return
    if (outcome.ok) {
      const ticket = outcome.value
      this.saved = ticket
      if (editing === undefined) {
        this.announcement = isProvisionalTicketNumber(ticket.number)
          ? provisionalNumberMessage(ticket.number, this.i18n.locale)
          : this.i18n.term("created", ticket.tipo, ticket.number, ticket.state)
        this.dispatchEvent(new TicketCreatedEvent(outcome.value))
      } else {
        this.announcement = this.i18n.term("edited", ticket.number)
        this.dispatchEvent(new TicketUpdatedEvent(outcome.value, "edit"))
        this.editing?.reload()
      }
      await this.updateComplete
      this.shadowRoot?.getElementById("result-number")?.focus()
      return
    }
    const error = outcome.error
    if (isTicketValidationError(error)) {
      this.rejected = Object.fromEntries(error.issues.map((i) => [i.field, cauFieldMessage(i, locale)]))
      await this.updateComplete
      const first = FIELDS.find((f) => this.rejected[f])
      if (first) this.focusField(first)
    } else if (isTicketError(error) && (error.reason === "unknown-user" || error.reason === "on-behalf-of-self")) {
      this.rejected = { onBehalfOf: userMessage(error, locale) }
      await this.updateComplete
      this.focusField("onBehalfOf")
    } else {
      this.formError = userMessage(error, locale)
    }
    this.announcement = this.formError || this.i18n.term("fix", Object.values(this.rejected).filter(Boolean).length)
  }

  private errorId(field: Field): string {
    return `${field}-error`
  }

  private fieldError(field: Field): TemplateResult {
    return html`<p id=${this.errorId(field)} class="error">${this.errorFor(field)}</p>`
  }

  private textField(field: "titulo" | "telefono", label: string, hint?: string): TemplateResult {
    return renderTextField({
      field,
      label,
      hint,
      value: this.values[field],
      error: this.fieldError(field),
      invalid: this.errorFor(field) !== "",
      onInput: (value) => this.set(field, value),
      onBlur: () => this.touch(field)
    })
  }

  private renderResult(ticket: Ticket): TemplateResult {
    return renderTicketResult(this.i18n, ticket, this.ticketId !== "", () => {
      this.reset()
      void this.updateComplete.then(() => this.focusField("titulo"))
    })
  }

  protected override render(): TemplateResult {
    const t = this.i18n
    const saving = this.saving
    const editing = this.editedTicket
    // Edit mode before the form can show: loading, not found, or no longer editable.
    const blocked = this.ticketId === "" || this.saved ? undefined
      : this.editing === undefined ? html`<p class="muted" aria-busy="true">${t.term("loading")}</p>`
      : this.editing.renderBlocked(this.i18n, this.actor.value)
    if (blocked !== undefined) return blocked
    const categoriaError = this.errorFor("categoria")
    const tipoError = this.errorFor("tipo")
    const descripcionError = this.errorFor("descripcion")
    return html`
      <div role="status" aria-live="polite" class="visually-hidden">${this.announcement}</div>
      ${this.saved ? this.renderResult(this.saved) : html`
      <form part="form" novalidate aria-labelledby="heading" aria-busy=${saving ? "true" : "false"}
        @submit=${(e: Event) => { e.preventDefault(); void this.submit() }}>
        <header>
          <p class="breadcrumb">${t.term("breadcrumb")}</p>
          <h2 id="heading">${editing ? t.term("editHeading", editing.tipo, editing.number) : t.term("heading")}</h2>
          <p class="intro">${t.term("required")}${editing ? html` ${t.term("editIntro")}` : nothing}</p>
        </header>
        ${this.textField("titulo", t.term("titulo"))}
        <div class="field">
          <span class="label" id="descripcion-label" @click=${() => this.editor.editor?.focus()}>${t.term("descripcion")}</span>
          ${this.editor.render({
            labels: richTextLabels[t.locale],
            labelledBy: "descripcion-label",
            describedBy: this.errorId("descripcion"),
            invalid: descripcionError !== "",
            onBlur: () => this.touch("descripcion")
          })}
          ${this.fieldError("descripcion")}
        </div>
        ${renderTipoField(t, {
          value: this.values.tipo,
          invalid: tipoError !== "",
          error: this.fieldError("tipo"),
          onChoose: (tipo) => {
            this.set("tipo", tipo)
            this.touch("tipo")
          }
        })}
        ${renderCategoriaField(t, this.catalogBox, { selected: this.values.categoria, invalid: categoriaError !== "", error: this.fieldError("categoria") })}
        ${this.textField("telefono", t.term("telefono"), t.term("telefonoHint"))}
        ${editing ? nothing : this.renderNewTicketFields()}
        <p class="notice error-box" role="alert">${this.formError}</p>
        <div class="actions">
          <button type="submit" class="primary" aria-disabled=${saving ? "true" : "false"}>${saving ? t.term("saving") : t.term(editing ? "saveChanges" : "save")}</button>
        </div>
      </form>`}
    `
  }

  // Only a new ticket is filed for someone else or gets attachments here.
  private renderNewTicketFields(): TemplateResult {
    return renderNewTicketFields(this.i18n, {
      forOther: this.forOther,
      onForOther: (on) => {
        this.forOther = on
        if (!on) {
          this.set("onBehalfOf", "")
          this.userBox.show("")
        }
      },
      userBox: this.userBox,
      onBehalfOf: this.values.onBehalfOf,
      userInvalid: this.errorFor("onBehalfOf") !== "",
      userError: this.fieldError("onBehalfOf"),
      files: this.files
    })
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "cau-ticket-form": CauTicketForm
  }
}
