import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from "lit"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import type { Actor } from "@ecasilla/core"
import { checkTicketAction, ticketMessage, TicketService, type Ticket, type TicketDraftInput } from "@ecasilla/core/cau"
import { type Directory, HtmlSanitizer, htmlToPlainText, plainTextToHtml } from "@ecasilla/core/ports"
import type { EffectQuery, RuntimeController } from "../controllers/runtime-controller.js"
import type { LocalizeController } from "../controllers/localize.js"
import type { RichTextController } from "../cau/rich-text.js"
import { userMessage } from "../cau/user-message.js"
import type { ticketFormStrings } from "./ticket-form.strings.js"

type Strings = typeof ticketFormStrings["es-PE"]

/**
 * What an edit may change: the draft's fields but "on behalf of".
 *
 * @since 0.2.0
 * @category internal
 */
export type TicketPatch = Partial<Omit<TicketDraftInput, "onBehalfOf">>

/**
 * The edit mode of `<cau-ticket-form>`: loads the ticket named by `ticket-id` (as the
 * acting user, whom the service authorizes), puts it in the fields once, and tells
 * which fields changed. Its descripción is sanitized again by the runtime's
 * HtmlSanitizer before it goes into the editor.
 *
 * @since 0.2.0
 * @category internal
 */
export class TicketEditController implements ReactiveController {
  private readonly query: EffectQuery<{ readonly ticket: Ticket; readonly descripcion: string } | undefined, unknown, readonly [string, Actor | undefined], TicketService | Directory>
  private readonly ticketId: () => string
  private readonly editor: RichTextController
  private filledFrom: Ticket | undefined
  private filledDescripcion: string | undefined
  private pendingDescripcion: string | undefined

  constructor(
    host: ReactiveControllerHost,
    runtime: RuntimeController<TicketService | Directory>,
    ticketId: () => string,
    actor: () => Actor | undefined,
    editor: RichTextController
  ) {
    this.ticketId = ticketId
    this.editor = editor
    this.query = runtime.query({
      args: () => [ticketId(), actor()] as const,
      run: ([id, who]) => Effect.gen(function*() {
        if (id === "" || who === undefined) return undefined
        const ticket = yield* (yield* Effect.service(TicketService)).getTicket(who, id)
        const sanitizer = yield* Effect.serviceOption(HtmlSanitizer)
        const descripcion = Option.isSome(sanitizer) ? sanitizer.value.sanitize(ticket.descripcion) : plainTextToHtml(htmlToPlainText(ticket.descripcion))
        return { ticket, descripcion }
      })
    })
    host.addController(this)
  }

  hostConnected(): void {}

  /** The ticket being edited, once loaded. */
  get ticket(): Ticket | undefined {
    const loaded = this.query.value
    return this.ticketId() !== "" && loaded?.ticket.id === this.ticketId() ? loaded.ticket : undefined
  }

  /** Loads the ticket again (after a save). */
  reload(): void {
    void this.query.rerun()
  }

  /** Fills the fields again at the next load. */
  forget(): void {
    this.filledFrom = undefined
  }

  /** Calls `fill` with a newly loaded ticket (once per load); the descripción goes into the editor after the render. */
  fillIfNew(fill: (ticket: Ticket) => void): void {
    const ticket = this.ticket
    if (ticket === undefined || ticket === this.filledFrom) return
    this.filledFrom = ticket
    this.pendingDescripcion = this.query.value!.descripcion
    fill(ticket)
  }

  hostUpdated(): void {
    const editor = this.editor.editor
    if (this.pendingDescripcion !== undefined && editor !== null) {
      // Sanitized above by the runtime's HtmlSanitizer (or reduced to text).
      editor.innerHTML = this.pendingDescripcion
      this.pendingDescripcion = undefined
      this.filledDescripcion = this.editor.value
    }
  }

  /** Only what changed, so an untouched descripción is not sanitized and stored again. */
  patchOf(ticket: Ticket, draft: TicketDraftInput): TicketPatch {
    const patch: { -readonly [K in keyof TicketPatch]?: string } = {}
    if (draft.titulo !== ticket.titulo) patch.titulo = draft.titulo
    if (draft.descripcion !== this.filledDescripcion) patch.descripcion = draft.descripcion
    if (draft.tipo !== ticket.tipo) patch.tipo = draft.tipo
    if (draft.categoria !== ticket.categoria.id) patch.categoria = draft.categoria
    if (draft.telefono !== ticket.telefono) patch.telefono = draft.telefono
    return patch
  }

  /** What shows instead of the form: loading, the load's error, or why the actor may not edit. */
  renderBlocked(i18n: LocalizeController<Strings>, actor: Actor | undefined): TemplateResult | undefined {
    const ticket = this.ticket
    if (ticket === undefined) {
      return this.query.failed
        ? html`<p class="notice error-box" role="alert">${userMessage(this.query.error, i18n.locale)}</p>`
        : html`<p class="muted" aria-busy="true">${i18n.term("loading")}</p>`
    }
    if (actor === undefined) return html`<p class="notice">${i18n.term("noActor")}</p>`
    const allowed = checkTicketAction(ticket, actor, "edit")
    return allowed.ok ? undefined : html`<p class="notice error-box" role="alert">${i18n.term("cannotEdit")} ${ticketMessage(allowed.reason, ticket.state, i18n.locale)}</p>`
  }
}
