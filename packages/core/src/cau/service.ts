import { Context, Effect, Layer } from "effect"
import type { Actor } from "../roles/actor.js"
import type { TicketDraftInput } from "./draft.js"
import type { AttachmentError, TicketError, TicketStoreError, TicketValidationError } from "./errors.js"
import { makeTicketService, type TicketServiceRequirements } from "./internal/service.js"
import type { AttachmentMeta, SurveyLevel } from "./model.js"
import type { TicketQuery } from "./store.js"
import type { Ticket } from "./ticket.js"

/**
 * A file as the form hands it over: the name the user gave and the bytes. Its type is
 * read from the bytes.
 *
 * @since 0.1.0
 * @category models
 */
export interface NewAttachment {
  readonly name: string
  readonly bytes: Uint8Array
}

/**
 * The errors a ticket command can fail with; each changes nothing.
 *
 * @since 0.1.0
 * @category errors
 */
export type TicketCommandError = TicketError | TicketStoreError

/**
 * The CAU help desk: every step of a ticket's life, each checked against the lifecycle
 * (who may do it, in which state), stored through the TicketStore, stamped by the Clock
 * and published as domain events (e-mails are a consumer). Every command takes the acting
 * {@link Actor} first and returns the ticket as it is after the change. A forbidden move
 * fails with a tagged error and changes nothing.
 *
 * @since 0.1.0
 * @category services
 */
export class TicketService extends Context.Service<TicketService, {
  /** "Nueva incidencia / petición": validates, sanitizes the descripción, checks the attachments → Registrada. */
  readonly createTicket: (
    actor: Actor,
    input: TicketDraftInput & { readonly attachments?: ReadonlyArray<NewAttachment> }
  ) => Effect.Effect<Ticket, TicketValidationError | AttachmentError | TicketCommandError>
  /** The requester changes fields while the ticket is still Registrada. */
  readonly editTicket: (
    actor: Actor,
    ticketId: string,
    patch: Partial<Omit<TicketDraftInput, "onBehalfOf">>
  ) => Effect.Effect<Ticket, TicketValidationError | TicketCommandError>
  /** A support-group lead assigns (Registrada) or reassigns (Asignada-Pendiente) an analyst. */
  readonly assignTicket: (
    actor: Actor,
    ticketId: string,
    input: { readonly analystId: string; readonly supportGroup?: string }
  ) => Effect.Effect<Ticket, TicketCommandError>
  /** The requester's note to the analyst (the "sobre"), with optional attachments, while Asignada-Pendiente. */
  readonly addNote: (
    actor: Actor,
    ticketId: string,
    input: { readonly message: string; readonly attachments?: ReadonlyArray<NewAttachment> }
  ) => Effect.Effect<Ticket, AttachmentError | TicketCommandError>
  /** The assigned analyst answers (rich text, sanitized) → Resuelta. */
  readonly resolveTicket: (actor: Actor, ticketId: string, input: { readonly answer: string }) => Effect.Effect<Ticket, TicketCommandError>
  /** "Incorrecta": the requester's comment is required → Asignada-Pendiente, same analyst. */
  readonly rejectResolution: (actor: Actor, ticketId: string, input: { readonly comment: string }) => Effect.Effect<Ticket, TicketCommandError>
  /** "Correcta": the survey comes next; the ticket stays Resuelta until it is answered. */
  readonly acceptResolution: (actor: Actor, ticketId: string) => Effect.Effect<Ticket, TicketCommandError>
  /** The satisfaction survey after "correcta" → Cerrada with closure comment "Conforme". */
  readonly submitSurvey: (
    actor: Actor,
    ticketId: string,
    input: { readonly level: SurveyLevel | undefined; readonly comment?: string }
  ) => Effect.Effect<Ticket, TicketCommandError>
  /** Closes the Resuelta tickets whose answer got no verdict within `autoCloseAfterBusinessDays` (no-op when unset). */
  readonly autoCloseResolved: Effect.Effect<ReadonlyArray<Ticket>, TicketStoreError>
  readonly getTicket: (ticketId: string) => Effect.Effect<Ticket, TicketCommandError>
  readonly getTicketByNumber: (number: string) => Effect.Effect<Ticket, TicketCommandError>
  readonly listTickets: (query?: TicketQuery) => Effect.Effect<ReadonlyArray<Ticket>, TicketStoreError>
  /** An attachment's metadata and bytes. */
  readonly getAttachment: (
    ticketId: string,
    attachmentId: string
  ) => Effect.Effect<{ readonly meta: AttachmentMeta; readonly bytes: Uint8Array }, TicketCommandError>
}>()("@ecasilla/core/cau/TicketService") {
  /**
   * The service over its ports: TicketStore, Clock, Ids, HtmlSanitizer, Directory and
   * TicketEvents. Settings come from `CauConfig` (defaults when not provided).
   *
   * @since 0.1.0
   * @category layers
   */
  static readonly layer: Layer.Layer<TicketService, never, TicketServiceRequirements> = Layer.effect(TicketService, Effect.map(makeTicketService, (s) => TicketService.of(s)))
}
