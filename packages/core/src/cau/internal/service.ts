import { Effect, Option } from "effect"
import { businessDaysBetween, CurrentBusinessCalendar, extendBusinessCalendar, limaDateOf } from "../../calendar/index.js"
import { nowIso } from "../../ports/clock.js"
import { Directory } from "../../ports/directory.js"
import type { DomainEvent } from "../../ports/domain-events.js"
import { HtmlSanitizer } from "../../ports/html-sanitizer.js"
import { Ids } from "../../ports/ids.js"
import type { Actor } from "../../roles/actor.js"
import { isSystemPrincipal, type Principal } from "../../roles/principal.js"
import { checkAttachments } from "../attachments.js"
import { CauConfig } from "../config.js"
import { validateTicketDraft, type TicketDraftInput } from "../draft.js"
import { AttachmentError, TicketError, type TicketFieldIssue, type TicketStoreError, TicketValidationError } from "../errors.js"
import type { TicketEvent } from "../events.js"
import { toTicketDomainEvent } from "../domain-events.js"
import { checkTicketAction, type TicketAction } from "../lifecycle.js"
import { isCauAnalyst } from "../staff.js"
import { closureConforme } from "../messages.js"
import { type AttachmentMeta, type Party, SurveyLevel, type TicketId, type TicketNumber } from "../model.js"
import type { NewAttachment, TicketService } from "../service.js"
import { TicketStore } from "../store.js"
import type { Ticket } from "../ticket.js"
import { checkComment, checkSupportGroup, hasBadHtmlCharacters, hasVisibleText, ticketTextLimits } from "../text.js"
import { canViewTicket, ticketQueryFor } from "../visibility.js"

/**
 * What the TicketService layer needs.
 *
 * @since 0.1.0
 * @category layers
 */
export type TicketServiceRequirements = TicketStore | Ids | HtmlSanitizer | Directory

const personParty = (a: Pick<Actor, "id" | "name" | "email">): Party => (a.email ? { id: a.id, name: a.name, email: a.email } : { id: a.id, name: a.name })

// How history names the system; the id is a label only, never a credential (rights come
// from isSystemPrincipal, not from ids).
const systemParty: Party = { id: "system", name: "Sistema CAU" }

const partyOf = (p: Principal): Party => (isSystemPrincipal(p) ? systemParty : personParty(p))

const isSurveyLevel = (u: unknown): u is SurveyLevel => typeof u === "string" && (SurveyLevel.literals as ReadonlyArray<string>).includes(u)

type Blob = { readonly id: string; readonly bytes: Uint8Array }
type Draft = { ticket: Ticket; events: ReadonlyArray<TicketEvent>; blobs?: ReadonlyArray<Blob> }

/** The service's methods over its ports (see `TicketService`). */
export const makeTicketService = Effect.gen(function*() {
  const store = yield* TicketStore
  const ids = yield* Ids
  const sanitizer = yield* HtmlSanitizer
  const directory = yield* Directory
  const config = yield* CauConfig
  const calendar = extendBusinessCalendar(yield* CurrentBusinessCalendar, config.holidays)

  const now = nowIso

  const notFound = (ticketId?: string) => Effect.fail(new TicketError({ reason: "not-found", ...(ticketId ? { ticketId } : {}) }))

  /** The ticket, if `principal` may see it; otherwise not-found, as if it did not exist. */
  const visible = (principal: Principal, ticketId: string, found: Option.Option<Ticket>) =>
    Option.isSome(found) && canViewTicket(found.value, principal) ? Effect.succeed(found.value) : notFound(ticketId)

  const load = (principal: Principal, ticketId: string) => Effect.flatMap(store.get(ticketId), (found) => visible(principal, ticketId, found))

  /** A person's command; the system principal has no business filing tickets. */
  const person = (principal: Principal, action: string): Effect.Effect<Actor, TicketError> =>
    isSystemPrincipal(principal) ? Effect.fail(new TicketError({ reason: "not-allowed", action })) : Effect.succeed(principal)

  /** One transaction: the ticket, its new attachment bytes and its events for the outbox. */
  const commit = (ticket: Ticket, expectedVersion: number, events: ReadonlyArray<TicketEvent>, blobs: ReadonlyArray<Blob>) =>
    Effect.gen(function*() {
      const outbox: Array<DomainEvent> = []
      for (const event of events) outbox.push(toTicketDomainEvent(yield* ids.next("evt"), event, ticket))
      yield* store.commit({ ticket, expectedVersion, attachments: blobs, events: outbox })
    })

  const deny = (ticket: Ticket, action: TicketAction, reason: TicketError["reason"]) =>
    Effect.fail(new TicketError({ reason, action, ticketId: ticket.id, state: ticket.state }))

  /** A typed text that `checkText` refused, as a TicketError naming the field and bound. */
  const refuseText = (
    ticket: Ticket,
    action: TicketAction,
    field: string,
    refused: { readonly reason: string; readonly params?: { readonly max?: number } },
    ifEmpty: TicketError["reason"] = "comment-required"
  ) =>
    Effect.fail(new TicketError({
      reason: refused.reason === "empty" ? ifEmpty : refused.reason === "bad-characters" ? "bad-characters" : "text-too-long",
      action,
      ticketId: ticket.id,
      state: ticket.state,
      field,
      ...(refused.params?.max !== undefined ? { max: refused.params.max } : {})
    }))

  /**
   * Load (as `principal` may see it), check the lifecycle, build the change, commit it with
   * its attachment bytes and events. Nothing is written before the commit, so a failure or
   * an interruption anywhere before it changes nothing.
   */
  const mutate = <E>(
    principal: Principal,
    ticketId: string,
    action: TicketAction | ((t: Ticket) => TicketAction),
    build: (ticket: Ticket, at: string, by: Party) => Effect.Effect<Draft, E>
  ): Effect.Effect<Ticket, E | TicketError | TicketStoreError> =>
    Effect.gen(function*() {
      const current = yield* load(principal, ticketId)
      const act = typeof action === "function" ? action(current) : action
      const check = checkTicketAction(current, principal, act)
      if (!check.ok) return yield* deny(current, act, check.reason)
      const at = yield* now
      const { ticket, events, blobs = [] } = yield* build(current, at, partyOf(principal))
      const next: Ticket = { ...ticket, version: current.version + 1, updatedAt: at, history: [...current.history, ...events] }
      yield* commit(next, current.version, events, blobs)
      return next
    })

  /** Checks files against the policy and gives their metadata and bytes, for the commit. */
  const prepareAttachments = (files: ReadonlyArray<NewAttachment>, at: string, by: string, noteId?: string) =>
    Effect.gen(function*() {
      const policy = config.attachments
      const checked = checkAttachments(files, policy)
      if (!checked.ok) {
        return yield* Effect.fail(new AttachmentError({
          reason: checked.reason,
          name: checked.name,
          maxBytes: policy.maxBytes,
          maxCount: policy.maxCount,
          maxTotalBytes: policy.maxTotalBytes
        }))
      }
      const metas: Array<AttachmentMeta> = []
      const blobs: Array<Blob> = []
      for (let i = 0; i < checked.value.length; i++) {
        const info = checked.value[i]
        const id = yield* ids.next("att")
        const firma = info.kind === "pdf" && config.verifyPdf ? yield* config.verifyPdf(files[i].bytes, info.name) : undefined
        blobs.push({ id, bytes: files[i].bytes })
        metas.push({
          id,
          name: info.name,
          kind: info.kind,
          mediaType: info.mediaType,
          size: info.size,
          addedAt: at,
          addedBy: by,
          ...(noteId ? { noteId } : {}),
          ...(firma ? { firma: firma.detail ? { verdict: firma.verdict, detail: firma.detail } : { verdict: firma.verdict } } : {})
        })
      }
      return { metas, blobs }
    })

  const invalid = (issues: ReadonlyArray<TicketFieldIssue>) => Effect.fail(new TicketValidationError({ reason: "invalid", issues }))

  /** Sanitizes a descripción; an HTML that sanitizes to nothing visible is refused. */
  const cleanDescripcion = (html: string) => {
    const safe = sanitizer.sanitize(html)
    return hasVisibleText(safe) ? Effect.succeed(safe) : invalid([{ field: "descripcion", code: "empty" }])
  }

  const nextNumber = (at: string) =>
    Effect.gen(function*() {
      const year = limaDateOf(at).slice(0, 4)
      const seq = yield* ids.sequence(`cau-ticket-${config.numberPrefix}-${year}`)
      return `${config.numberPrefix}-${year}-${String(seq).padStart(6, "0")}` as TicketNumber
    })

  const createTicket: TicketService["Service"]["createTicket"] = (principal, input) =>
    Effect.gen(function*() {
      const actor = yield* person(principal, "create")
      const checked = validateTicketDraft(input, { catalog: config.catalog })
      if (!checked.ok) return yield* invalid(checked.problems)
      const draft = checked.value
      let onBehalfOf: Party | undefined
      if (draft.onBehalfOf !== undefined) {
        if (draft.onBehalfOf === actor.id) return yield* Effect.fail(new TicketError({ reason: "on-behalf-of-self", action: "create" }))
        const user = yield* directory.findUser(draft.onBehalfOf)
        if (Option.isNone(user)) return yield* Effect.fail(new TicketError({ reason: "unknown-user", action: "create" }))
        onBehalfOf = partyOf(user.value)
      }
      const descripcion = yield* cleanDescripcion(draft.descripcion)
      const at = yield* now
      const id = (yield* ids.next("tkt")) as TicketId
      const by = partyOf(actor)
      const { metas: attachments, blobs } = yield* prepareAttachments(input.attachments ?? [], at, actor.id)
      const number = yield* nextNumber(at)
      const created: TicketEvent = { _tag: "TicketCreated", ticketId: id, at, by, number }
      const ticket: Ticket = {
        id,
        number,
        titulo: draft.titulo,
        descripcion,
        tipo: draft.tipo,
        categoria: { id: draft.categoria.id, path: draft.categoria.path },
        telefono: draft.telefono,
        requester: by,
        ...(onBehalfOf ? { onBehalfOf } : {}),
        state: "Registrada",
        attachments,
        notes: [],
        createdAt: at,
        updatedAt: at,
        version: 1,
        history: [created]
      }
      yield* commit(ticket, 0, [created], blobs)
      return ticket
    })

  const editTicket: TicketService["Service"]["editTicket"] = (actor, ticketId, patch) =>
    mutate(actor, ticketId, "edit", (t, at, by) =>
      Effect.gen(function*() {
        const merged: TicketDraftInput = {
          titulo: patch.titulo ?? t.titulo,
          descripcion: patch.descripcion ?? t.descripcion,
          tipo: patch.tipo ?? t.tipo,
          categoria: patch.categoria ?? t.categoria.id,
          telefono: patch.telefono ?? t.telefono
        }
        const checked = validateTicketDraft(merged, { catalog: config.catalog })
        if (!checked.ok) return yield* invalid(checked.problems)
        const d = checked.value
        const descripcion = patch.descripcion === undefined ? t.descripcion : yield* cleanDescripcion(d.descripcion)
        const next: Ticket = {
          ...t,
          titulo: d.titulo,
          descripcion,
          tipo: d.tipo,
          categoria: { id: d.categoria.id, path: d.categoria.path },
          telefono: d.telefono
        }
        const fields = (["titulo", "descripcion", "tipo", "telefono"] as const).filter((f) => next[f] !== t[f])
        const changed = next.categoria.id !== t.categoria.id ? [...fields, "categoria"] : fields
        return { ticket: next, events: [{ _tag: "TicketEdited", ticketId: t.id, at, by, fields: changed }] }
      }))

  const assignTicket: TicketService["Service"]["assignTicket"] = (actor, ticketId, input) =>
    mutate(actor, ticketId, (t) => (t.state === "Asignada-Pendiente" ? "reassign" : "assign"), (t, at, by) =>
      Effect.gen(function*() {
        const found = yield* directory.findUser(input.analystId)
        const action = t.state === "Asignada-Pendiente" ? "reassign" : "assign"
        if (Option.isNone(found)) return yield* deny(t, action, "unknown-user")
        if (!isCauAnalyst(found.value)) return yield* deny(t, action, "not-an-analyst")
        const analyst = partyOf(found.value)
        const group = checkSupportGroup(input.supportGroup)
        if (!group.ok && group.reason !== "empty") return yield* refuseText(t, action, "supportGroup", group)
        const supportGroup = group.ok ? group.value : t.supportGroup || config.defaultSupportGroup
        const event: TicketEvent = { _tag: "TicketAssigned", ticketId: t.id, at, by, analyst, supportGroup, reassigned: action === "reassign" }
        return { ticket: { ...t, state: "Asignada-Pendiente" as const, analyst, supportGroup }, events: [event] }
      }))

  const addNote: TicketService["Service"]["addNote"] = (actor, ticketId, input) =>
    mutate(actor, ticketId, "note", (t, at, by) =>
      Effect.gen(function*() {
        const checked = checkComment(input.message)
        if (!checked.ok) return yield* refuseText(t, "note", "message", checked, "message-required")
        const message = checked.value
        const noteId = yield* ids.next("note")
        const { metas: added, blobs } = yield* prepareAttachments(input.attachments ?? [], at, by.id, noteId)
        const attachmentIds = added.map((a) => a.id)
        const event: TicketEvent = { _tag: "TicketNoteAdded", ticketId: t.id, at, by, noteId, attachmentIds }
        return {
          ticket: { ...t, notes: [...t.notes, { id: noteId, message, at, by, attachmentIds }], attachments: [...t.attachments, ...added] },
          events: [event],
          blobs
        }
      }))

  const resolveTicket: TicketService["Service"]["resolveTicket"] = (actor, ticketId, input) =>
    mutate(actor, ticketId, "resolve", (t, at, by) =>
      Effect.gen(function*() {
        const raw = typeof input.answer === "string" ? input.answer : ""
        if (raw.length > ticketTextLimits.htmlMax) return yield* refuseText(t, "resolve", "answer", { reason: "too-long", params: { max: ticketTextLimits.htmlMax } })
        if (hasBadHtmlCharacters(raw)) return yield* refuseText(t, "resolve", "answer", { reason: "bad-characters" })
        const answer = sanitizer.sanitize(raw)
        if (!hasVisibleText(answer)) return yield* deny(t, "resolve", "answer-required")
        const event: TicketEvent = { _tag: "TicketResolved", ticketId: t.id, at, by, answer }
        return { ticket: { ...t, state: "Resuelta" as const, resolution: { answer, at, by, accepted: false } }, events: [event] }
      }))

  const rejectResolution: TicketService["Service"]["rejectResolution"] = (actor, ticketId, input) =>
    mutate(actor, ticketId, "incorrecta", (t, at, by) => {
      const checked = checkComment(input.comment)
      if (!checked.ok) return refuseText(t, "incorrecta", "comment", checked, "comment-required")
      const comment = checked.value
      const { resolution: _rejected, ...rest } = t
      const event: TicketEvent = { _tag: "TicketResolutionRejected", ticketId: t.id, at, by, comment }
      return Effect.succeed({ ticket: { ...rest, state: "Asignada-Pendiente" as const }, events: [event] })
    })

  const acceptResolution: TicketService["Service"]["acceptResolution"] = (actor, ticketId) =>
    mutate(actor, ticketId, "correcta", (t, at, by) =>
      Effect.succeed({
        ticket: { ...t, resolution: { ...t.resolution!, accepted: true } },
        events: [{ _tag: "TicketResolutionAccepted", ticketId: t.id, at, by } as const]
      }))

  const submitSurvey: TicketService["Service"]["submitSurvey"] = (actor, ticketId, input) =>
    mutate(actor, ticketId, "survey", (t, at, by) => {
      if (!isSurveyLevel(input.level)) return deny(t, "survey", "survey-required")
      const checked = checkComment(input.comment)
      if (!checked.ok && checked.reason !== "empty") return refuseText(t, "survey", "comment", checked)
      const comment = checked.ok ? checked.value : undefined
      const survey = comment ? { level: input.level, comment, at } : { level: input.level, at }
      const answered: TicketEvent = comment
        ? { _tag: "TicketSurveyAnswered", ticketId: t.id, at, by, level: input.level, comment }
        : { _tag: "TicketSurveyAnswered", ticketId: t.id, at, by, level: input.level }
      const closed: TicketEvent = { _tag: "TicketClosed", ticketId: t.id, at, by, comment: closureConforme, automatic: false }
      return Effect.succeed({
        ticket: { ...t, state: "Cerrada" as const, survey, closure: { at, comment: closureConforme, automatic: false } },
        events: [answered, closed]
      })
    })

  const autoCloseResolved: TicketService["Service"]["autoCloseResolved"] = (principal) => Effect.gen(function*() {
    if (!isSystemPrincipal(principal)) return yield* Effect.fail(new TicketError({ reason: "not-allowed", action: "auto-close" }))
    const days = config.autoCloseAfterBusinessDays
    if (days === undefined || days <= 0) return []
    const at = yield* now
    const due = (yield* store.list({ states: ["Resuelta"] })).filter((t) =>
      t.resolution && !t.resolution.accepted && businessDaysBetween(t.resolution.at, at, calendar) >= days
    )
    const closed: Array<Ticket> = []
    for (const t of due) {
      const comment = `Cerrada automáticamente: sin respuesta del usuario en ${days} días hábiles.`
      const result = yield* Effect.result(mutate(principal, t.id, "auto-close", (cur, when, by) =>
        Effect.succeed({
          ticket: { ...cur, state: "Cerrada" as const, closure: { at: when, comment, automatic: true } },
          events: [{ _tag: "TicketClosed", ticketId: cur.id, at: when, by, comment, automatic: true } as const]
        })))
      // A ticket answered meanwhile (conflict, wrong state) is simply left alone.
      if (result._tag === "Success") closed.push(result.success)
    }
    return closed
  })

  const getTicket: TicketService["Service"]["getTicket"] = load

  const getTicketByNumber: TicketService["Service"]["getTicketByNumber"] = (principal, number) =>
    Effect.flatMap(store.getByNumber(number), (found) =>
      Option.isSome(found) && canViewTicket(found.value, principal) ? Effect.succeed(found.value) : notFound())

  const listTickets: TicketService["Service"]["listTickets"] = (principal, query) =>
    Effect.map(store.list(ticketQueryFor(principal, query)), (tickets) => tickets.filter((t) => canViewTicket(t, principal)))

  const getAttachment: TicketService["Service"]["getAttachment"] = (principal, ticketId, attachmentId) =>
    Effect.gen(function*() {
      const t = yield* load(principal, ticketId)
      const meta = t.attachments.find((a) => a.id === attachmentId)
      const bytes = meta ? yield* store.getAttachment(ticketId, attachmentId) : Option.none()
      if (!meta || Option.isNone(bytes)) return yield* Effect.fail(new TicketError({ reason: "not-found", ticketId }))
      return { meta, bytes: bytes.value }
    })

  return {
    createTicket,
    editTicket,
    assignTicket,
    addNote,
    resolveTicket,
    rejectResolution,
    acceptResolution,
    submitSurvey,
    autoCloseResolved,
    getTicket,
    getTicketByNumber,
    listTickets,
    getAttachment
  }
})
