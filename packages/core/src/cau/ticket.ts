import { Schema } from "effect"
import { TicketEvent } from "./events.js"
import {
  AttachmentMeta,
  CategoriaRef,
  Instant,
  Party,
  Telefono,
  TicketClosure,
  TicketId,
  TicketNote,
  TicketNumber,
  TicketResolution,
  TicketState,
  TicketSurvey,
  TicketTipo,
  Titulo
} from "./model.js"

/**
 * A CAU ticket as stored and sent over HTTP: plain JSON (ISO timestamps), so every
 * adapter stores it as is. `history` holds its domain events, oldest first; `version`
 * grows by one on every change (optimistic concurrency in the TicketStore).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Ticket = Schema.Struct({
  id: TicketId,
  number: TicketNumber,
  titulo: Titulo,
  /** Sanitized HTML (HtmlSanitizer); safe to render as HTML. */
  descripcion: Schema.String,
  tipo: TicketTipo,
  categoria: CategoriaRef,
  telefono: Telefono,
  /** Who filed it. */
  requester: Party,
  /** The registered user it was filed for ("Notificar en nombre de"). */
  onBehalfOf: Schema.optional(Party),
  state: TicketState,
  supportGroup: Schema.optional(Schema.String),
  analyst: Schema.optional(Party),
  attachments: Schema.Array(AttachmentMeta),
  notes: Schema.Array(TicketNote),
  resolution: Schema.optional(TicketResolution),
  survey: Schema.optional(TicketSurvey),
  closure: Schema.optional(TicketClosure),
  createdAt: Instant,
  updatedAt: Instant,
  version: Schema.Number,
  history: Schema.Array(TicketEvent)
})
/** @since 0.1.0 @category schemas */
export type Ticket = typeof Ticket.Type
/** @since 0.1.0 @category schemas */
export type TicketEncoded = typeof Ticket.Encoded

/**
 * Decodes an unknown value (JSON from a backend, a row from IndexedDB) into a {@link Ticket}; throws a SchemaError.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decodeTicketSync: (input: unknown) => Ticket = Schema.decodeUnknownSync(Ticket)

/**
 * The three phases users see on the phase bar.
 *
 * @since 0.1.0
 * @category models
 */
export type TicketPhase = "Registro" | "Investigación" | "Resolución"

/**
 * The phase a state belongs to: Registrada → Registro, Asignada-Pendiente → Investigación,
 * Resuelta and Cerrada → Resolución.
 *
 * @since 0.1.0
 * @category lifecycle
 */
export const phaseOf = (state: TicketState): TicketPhase =>
  state === "Registrada" ? "Registro" : state === "Asignada-Pendiente" ? "Investigación" : "Resolución"

/**
 * The user a ticket is for: the "en nombre de" user, else who filed it. E-mails go to them.
 *
 * @since 0.1.0
 * @category lifecycle
 */
export const beneficiaryOf = (ticket: Pick<Ticket, "requester" | "onBehalfOf">): Party => ticket.onBehalfOf ?? ticket.requester
