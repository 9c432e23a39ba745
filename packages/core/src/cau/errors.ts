import { Schema } from "effect"
import { AttachmentReasonSchema } from "./attachments.js"
import { cauErrorMessage } from "./messages.js"
import { PhoneReasonSchema } from "./phone.js"
import { TextReasonSchema } from "./text.js"

/*
 * The CAU's errors carry codes and parameters, never sentences: the catalogue
 * (`messages.ts`, through `errorMessage` of `@ecasilla/core/i18n`) renders them in the
 * reader's language, the same after a trip through HTTP as before. `message` gives the
 * es-PE default for logs and Standard Schema consumers.
 */

/**
 * @since 0.1.0
 * @category errors
 */
export const TicketReasonSchema = Schema.Literals([
  "not-found",
  "wrong-state",
  "verdict-pending",
  "survey-pending",
  "not-your-ticket",
  "not-allowed",
  "comment-required",
  "answer-required",
  "message-required",
  "survey-required",
  "unknown-user",
  "not-an-analyst",
  "on-behalf-of-self",
  "unknown-category",
  "text-too-long",
  "bad-characters"
])

/**
 * Every reason of a `TicketError`.
 *
 * @since 0.1.0
 * @category errors
 */
export type TicketReason = typeof TicketReasonSchema.Type

/**
 * A move the lifecycle forbids, or a missing or unacceptable input (`field` and `max` say
 * which text and its bound). Nothing was changed. Crosses HTTP unchanged; render it with
 * `errorMessage(error, locale)`.
 *
 * @since 0.1.0
 * @category errors
 */
export class TicketError extends Schema.TaggedError<TicketError>()("@ecasilla/core/cau/TicketError", {
  reason: TicketReasonSchema,
  action: Schema.optional(Schema.String),
  ticketId: Schema.optional(Schema.String),
  state: Schema.optional(Schema.String),
  field: Schema.optional(Schema.String),
  max: Schema.optional(Schema.Number)
}) {
  override get message(): string {
    return cauErrorMessage(this)
  }
}

/**
 * The fields of the ticket form, in form order.
 *
 * @since 0.2.0
 * @category schemas
 */
export const TicketDraftFieldSchema = Schema.Literals(["titulo", "descripcion", "tipo", "categoria", "telefono", "onBehalfOf", "attachments"])

/**
 * What can be wrong with a field of the ticket form.
 *
 * @since 0.2.0
 * @category schemas
 */
export const TicketFieldCodeSchema = Schema.Union([
  TextReasonSchema,
  PhoneReasonSchema,
  AttachmentReasonSchema,
  Schema.Literals(["unknown-tipo", "unknown-category", "unknown-user"])
])

/**
 * @since 0.2.0
 * @category models
 */
export type TicketFieldCode = typeof TicketFieldCodeSchema.Type

/**
 * One field of a ticket form that is not valid: the field, a code and the parameters of
 * its message (`{ field: "titulo", code: "too-long", params: { max: 150 } }`).
 *
 * @since 0.1.0
 * @category errors
 */
export const TicketFieldIssue = Schema.Struct({
  field: TicketDraftFieldSchema,
  code: TicketFieldCodeSchema,
  params: Schema.optional(Schema.Record(Schema.String, Schema.Union([Schema.String, Schema.Number])))
})

/**
 * @since 0.2.0
 * @category models
 */
export type TicketFieldIssue = typeof TicketFieldIssue.Type

/**
 * The ticket form has invalid fields; `issues` say which and why, as codes an element
 * renders next to each field (`cauFieldMessage`).
 *
 * @since 0.1.0
 * @category errors
 */
export class TicketValidationError extends Schema.TaggedError<TicketValidationError>()("@ecasilla/core/cau/TicketValidationError", {
  reason: Schema.Literal("invalid"),
  issues: Schema.Array(TicketFieldIssue)
}) {
  override get message(): string {
    return cauErrorMessage(this)
  }
}

/**
 * An attachment refused: type, content, size or count, with the limits in force.
 *
 * @since 0.1.0
 * @category errors
 */
export class AttachmentError extends Schema.TaggedError<AttachmentError>()("@ecasilla/core/cau/AttachmentError", {
  reason: AttachmentReasonSchema,
  name: Schema.String,
  maxBytes: Schema.optional(Schema.Number),
  maxCount: Schema.optional(Schema.Number),
  maxTotalBytes: Schema.optional(Schema.Number)
}) {
  override get message(): string {
    return cauErrorMessage(this)
  }
}

/**
 * The store could not do what was asked: another change came first (`conflict`), the id or
 * number exists (`duplicate`), the ticket is not there (`not-found`), or the storage failed.
 *
 * @since 0.1.0
 * @category errors
 */
export class TicketStoreError extends Schema.TaggedError<TicketStoreError>()("@ecasilla/core/cau/TicketStoreError", {
  reason: Schema.Literals(["conflict", "duplicate", "not-found", "unavailable"]),
  ticketId: Schema.optional(Schema.String),
  detail: Schema.optional(Schema.String)
}) {
  override get message(): string {
    return cauErrorMessage(this)
  }
}
