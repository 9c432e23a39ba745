import { Schema } from "effect"
import { checkPhone, phoneMessage } from "./phone.js"
import { checkTitulo, tituloMessage, withoutInvisible } from "./text.js"

/**
 * A ticket's internal id (`tkt_…`), never shown to users.
 *
 * @since 0.1.0
 * @category schemas
 */
export const TicketId = Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(100)).pipe(Schema.brand("TicketId"))
/** @since 0.1.0 @category schemas */
export type TicketId = typeof TicketId.Type

/**
 * The number users quote: `CAU-2026-000123` (prefix, year, sequence of that year).
 *
 * @since 0.1.0
 * @category schemas
 */
export const TicketNumber = Schema.String.check(Schema.isPattern(/^[A-Z]{2,8}-\d{4}-\d{6,}$/)).pipe(Schema.brand("TicketNumber"))
/** @since 0.1.0 @category schemas */
export type TicketNumber = typeof TicketNumber.Type

/**
 * An instant, ISO 8601 in UTC as the Clock port gives it (`2026-03-02T15:04:05.000Z`).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Instant = Schema.String.check(Schema.isPattern(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/))

/**
 * The states of a ticket (DOMAIN.md §2).
 *
 * @since 0.1.0
 * @category schemas
 */
export const TicketState = Schema.Literals(["Registrada", "Asignada-Pendiente", "Resuelta", "Cerrada"])
/** @since 0.1.0 @category schemas */
export type TicketState = typeof TicketState.Type

/**
 * Incidencia: something is broken. Petición: a request or a question.
 *
 * @since 0.1.0
 * @category schemas
 */
export const TicketTipo = Schema.Literals(["Incidencia", "Petición"])
/** @since 0.1.0 @category schemas */
export type TicketTipo = typeof TicketTipo.Type

/**
 * The fixed levels of the satisfaction survey, best first.
 *
 * @since 0.1.0
 * @category schemas
 */
export const SurveyLevel = Schema.Literals(["muy-satisfecho", "satisfecho", "regular", "insatisfecho", "muy-insatisfecho"])
/** @since 0.1.0 @category schemas */
export type SurveyLevel = typeof SurveyLevel.Type

/**
 * A person as the ticket remembers them (a snapshot: later directory changes do not
 * rewrite history).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Party = Schema.Struct({
  id: Schema.String,
  name: Schema.String,
  email: Schema.optional(Schema.String)
})
/** @since 0.1.0 @category schemas */
export type Party = typeof Party.Type

/**
 * A ticket title: trimmed, 3 to 150 characters, one line.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Titulo = Schema.String.check(Schema.makeFilter((s: string) => {
  const r = checkTitulo(s)
  // Títulos stored before zero-width characters were dropped still read back.
  return r.ok && r.value === withoutInvisible(s) ? undefined : tituloMessage(r.ok ? "not-trimmed" : r.reason)
}))

/**
 * A contact phone in its normalised display form (`987 654 321`, `(01) 207-3360 anexo 600`).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Telefono = Schema.String.check(Schema.makeFilter((s: string) => {
  const r = checkPhone(s)
  return r.ok ? (r.value.display === s ? undefined : phoneMessage("bad-characters")) : phoneMessage(r.reason)
}))

/**
 * The categoría of a ticket: the catalog leaf id plus its labels at filing time.
 *
 * @since 0.1.0
 * @category schemas
 */
export const CategoriaRef = Schema.Struct({ id: Schema.String, path: Schema.Array(Schema.String) })
/** @since 0.1.0 @category schemas */
export type CategoriaRef = typeof CategoriaRef.Type

/**
 * An attachment's metadata; the bytes live in the TicketStore under the same id.
 *
 * @since 0.1.0
 * @category schemas
 */
export const AttachmentMeta = Schema.Struct({
  id: Schema.String,
  name: Schema.String,
  kind: Schema.Literals(["pdf", "word", "excel", "powerpoint", "image", "text"]),
  mediaType: Schema.String,
  size: Schema.Number,
  addedAt: Instant,
  addedBy: Schema.String,
  /** The note it came with, when it was not filed with the ticket. */
  noteId: Schema.optional(Schema.String),
  /** The firma verdict of a PDF, when a verifier is configured (see `CauConfig.verifyPdf`). */
  firma: Schema.optional(Schema.Struct({ verdict: Schema.String, detail: Schema.optional(Schema.String) }))
})
/** @since 0.1.0 @category schemas */
export type AttachmentMeta = typeof AttachmentMeta.Type

/**
 * A note from the requester to the analyst (the "sobre" icon).
 *
 * @since 0.1.0
 * @category schemas
 */
export const TicketNote = Schema.Struct({
  id: Schema.String,
  message: Schema.String,
  at: Instant,
  by: Party,
  attachmentIds: Schema.Array(Schema.String)
})
/** @since 0.1.0 @category schemas */
export type TicketNote = typeof TicketNote.Type

/**
 * The analyst's current answer and whether the requester accepted it ("correcta").
 *
 * @since 0.1.0
 * @category schemas
 */
export const TicketResolution = Schema.Struct({
  answer: Schema.String,
  at: Instant,
  by: Party,
  accepted: Schema.Boolean
})
/** @since 0.1.0 @category schemas */
export type TicketResolution = typeof TicketResolution.Type

/**
 * The satisfaction survey answer.
 *
 * @since 0.1.0
 * @category schemas
 */
export const TicketSurvey = Schema.Struct({
  level: SurveyLevel,
  comment: Schema.optional(Schema.String),
  at: Instant
})
/** @since 0.1.0 @category schemas */
export type TicketSurvey = typeof TicketSurvey.Type

/**
 * How the ticket was closed: the closure comment ("Conforme") and whether it was automatic.
 *
 * @since 0.1.0
 * @category schemas
 */
export const TicketClosure = Schema.Struct({
  at: Instant,
  comment: Schema.String,
  automatic: Schema.Boolean
})
/** @since 0.1.0 @category schemas */
export type TicketClosure = typeof TicketClosure.Type
