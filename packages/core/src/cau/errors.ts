import { Schema } from "effect"
import { type AttachmentReason, attachmentMessage } from "./attachments.js"
import { ticketMessage, type TicketReason } from "./messages.js"

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
  "text-too-long"
])

/**
 * A move the lifecycle forbids, or a missing required input. Nothing was changed.
 * Crosses HTTP unchanged; `message` is Spanish, `ticketMessage(reason, "en")` gives English.
 *
 * @since 0.1.0
 * @category errors
 */
export class TicketError extends Schema.TaggedError<TicketError>()("@ecasilla/core/cau/TicketError", {
  reason: TicketReasonSchema,
  action: Schema.optional(Schema.String),
  ticketId: Schema.optional(Schema.String),
  state: Schema.optional(Schema.String)
}) {
  override get message(): string {
    return ticketMessage(this.reason as TicketReason, this.state)
  }
}

/**
 * One field of a ticket form that is not valid, with its Spanish message.
 *
 * @since 0.1.0
 * @category errors
 */
export const TicketFieldIssue = Schema.Struct({ field: Schema.String, message: Schema.String })

/**
 * The ticket form has invalid fields; `issues` say which and why (Spanish), ready to show
 * next to each field.
 *
 * @since 0.1.0
 * @category errors
 */
export class TicketValidationError extends Schema.TaggedError<TicketValidationError>()("@ecasilla/core/cau/TicketValidationError", {
  reason: Schema.Literal("invalid"),
  issues: Schema.Array(TicketFieldIssue)
}) {
  override get message(): string {
    return this.issues.map((i) => i.message).join(" ")
  }
}

/**
 * An attachment refused: type, content signature, size or count.
 *
 * @since 0.1.0
 * @category errors
 */
export class AttachmentError extends Schema.TaggedError<AttachmentError>()("@ecasilla/core/cau/AttachmentError", {
  reason: Schema.Literals(["empty", "bad-name", "unsupported-type", "signature-mismatch", "too-large", "too-many", "total-too-large"]),
  name: Schema.String,
  maxBytes: Schema.optional(Schema.Number),
  maxCount: Schema.optional(Schema.Number),
  maxTotalBytes: Schema.optional(Schema.Number)
}) {
  override get message(): string {
    const d = { maxBytes: 10 * 1048576, maxCount: 5, maxTotalBytes: 25 * 1048576 }
    return attachmentMessage(this.reason as AttachmentReason, this.name, {
      maxBytes: this.maxBytes ?? d.maxBytes,
      maxCount: this.maxCount ?? d.maxCount,
      maxTotalBytes: this.maxTotalBytes ?? d.maxTotalBytes,
      kinds: []
    })
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
    switch (this.reason) {
      case "conflict":
        return "El ticket fue modificado por otra persona. Vuelva a cargarlo e intente de nuevo."
      case "duplicate":
        return "Ya existe un ticket con ese identificador o número."
      case "not-found":
        return "El ticket no existe."
      default:
        return "No se pudo acceder al almacenamiento de tickets."
    }
  }
}
