import { Schema } from "effect"
import { Instant, Party, SurveyLevel } from "./model.js"

const base = { ticketId: Schema.String, at: Instant, by: Party }

/**
 * A ticket was saved: it has a number and is Registrada.
 *
 * @since 0.1.0
 * @category events
 */
export const TicketCreated = Schema.TaggedStruct("TicketCreated", { ...base, number: Schema.String })

/**
 * The requester changed fields while the ticket was still Registrada.
 *
 * @since 0.1.0
 * @category events
 */
export const TicketEdited = Schema.TaggedStruct("TicketEdited", { ...base, fields: Schema.Array(Schema.String) })

/**
 * A support-group lead assigned (or reassigned) the ticket to an analyst.
 *
 * @since 0.1.0
 * @category events
 */
export const TicketAssigned = Schema.TaggedStruct("TicketAssigned", {
  ...base,
  analyst: Party,
  supportGroup: Schema.String,
  reassigned: Schema.Boolean
})

/**
 * The requester sent the analyst a note, maybe with attachments.
 *
 * @since 0.1.0
 * @category events
 */
export const TicketNoteAdded = Schema.TaggedStruct("TicketNoteAdded", {
  ...base,
  noteId: Schema.String,
  attachmentIds: Schema.Array(Schema.String)
})

/**
 * The analyst answered: the ticket is Resuelta.
 *
 * @since 0.1.0
 * @category events
 */
export const TicketResolved = Schema.TaggedStruct("TicketResolved", { ...base, answer: Schema.String })

/**
 * The requester said the answer is incorrecta, with a comment: back to the same analyst.
 *
 * @since 0.1.0
 * @category events
 */
export const TicketResolutionRejected = Schema.TaggedStruct("TicketResolutionRejected", { ...base, comment: Schema.String })

/**
 * The requester said the answer is correcta; the survey comes next.
 *
 * @since 0.1.0
 * @category events
 */
export const TicketResolutionAccepted = Schema.TaggedStruct("TicketResolutionAccepted", base)

/**
 * The requester answered the satisfaction survey.
 *
 * @since 0.1.0
 * @category events
 */
export const TicketSurveyAnswered = Schema.TaggedStruct("TicketSurveyAnswered", {
  ...base,
  level: SurveyLevel,
  comment: Schema.optional(Schema.String)
})

/**
 * The ticket is Cerrada: after the survey ("Conforme") or automatically.
 *
 * @since 0.1.0
 * @category events
 */
export const TicketClosed = Schema.TaggedStruct("TicketClosed", { ...base, comment: Schema.String, automatic: Schema.Boolean })

/**
 * Every domain event of a ticket. A ticket keeps its events as its history; each command
 * also commits them to the event outbox (`toTicketDomainEvent`), from which consumers (mail,
 * audit) receive them.
 *
 * @since 0.1.0
 * @category events
 */
export const TicketEvent = Schema.Union([
  TicketCreated,
  TicketEdited,
  TicketAssigned,
  TicketNoteAdded,
  TicketResolved,
  TicketResolutionRejected,
  TicketResolutionAccepted,
  TicketSurveyAnswered,
  TicketClosed
])
/** @since 0.1.0 @category events */
export type TicketEvent = typeof TicketEvent.Type

/**
 * The tag of each event.
 *
 * @since 0.1.0
 * @category events
 */
export type TicketEventTag = TicketEvent["_tag"]
