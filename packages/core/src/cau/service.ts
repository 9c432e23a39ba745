import { Context, Effect, Layer } from "effect"
import type { Principal } from "../roles/principal.js"
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
 * (who may do it, in which state), stamped by effect's Clock and committed through the
 * TicketStore in one transaction with its domain events (e-mails are an outbox consumer).
 *
 * Every call, queries included, takes the acting `Principal` first: a person (`Actor`) or
 * the `systemPrincipal` (scheduled jobs). A ticket the principal may not see
 * (`canViewTicket`) is reported as not found, by reads and writes alike; a forbidden move on
 * a visible ticket fails with its reason. Commands return the ticket as it is after the
 * change; a failed or interrupted command changes nothing.
 *
 * @since 0.1.0
 * @category services
 */
export class TicketService extends Context.Service<TicketService, {
  /** "Nueva incidencia / petición": validates, sanitizes the descripción, checks the attachments → Registrada. */
  readonly createTicket: (
    actor: Principal,
    input: TicketDraftInput & { readonly attachments?: ReadonlyArray<NewAttachment> }
  ) => Effect.Effect<Ticket, TicketValidationError | AttachmentError | TicketCommandError>
  /** The requester changes fields while the ticket is still Registrada. */
  readonly editTicket: (
    actor: Principal,
    ticketId: string,
    patch: Partial<Omit<TicketDraftInput, "onBehalfOf">>
  ) => Effect.Effect<Ticket, TicketValidationError | TicketCommandError>
  /** A support-group lead assigns (Registrada) or reassigns (Asignada-Pendiente) an analyst. */
  readonly assignTicket: (
    actor: Principal,
    ticketId: string,
    input: { readonly analystId: string; readonly supportGroup?: string }
  ) => Effect.Effect<Ticket, TicketCommandError>
  /** The requester's note to the analyst (the "sobre"), with optional attachments, while Asignada-Pendiente. */
  readonly addNote: (
    actor: Principal,
    ticketId: string,
    input: { readonly message: string; readonly attachments?: ReadonlyArray<NewAttachment> }
  ) => Effect.Effect<Ticket, AttachmentError | TicketCommandError>
  /** The assigned analyst answers (rich text, sanitized) → Resuelta. */
  readonly resolveTicket: (actor: Principal, ticketId: string, input: { readonly answer: string }) => Effect.Effect<Ticket, TicketCommandError>
  /** "Incorrecta": the requester's comment is required → Asignada-Pendiente, same analyst. */
  readonly rejectResolution: (actor: Principal, ticketId: string, input: { readonly comment: string }) => Effect.Effect<Ticket, TicketCommandError>
  /** "Correcta": the survey comes next; the ticket stays Resuelta until it is answered. */
  readonly acceptResolution: (actor: Principal, ticketId: string) => Effect.Effect<Ticket, TicketCommandError>
  /** The satisfaction survey after "correcta" → Cerrada with closure comment "Conforme". */
  readonly submitSurvey: (
    actor: Principal,
    ticketId: string,
    input: { readonly level: SurveyLevel | undefined; readonly comment?: string }
  ) => Effect.Effect<Ticket, TicketCommandError>
  /** Closes the Resuelta tickets whose answer got no verdict within `autoCloseAfterBusinessDays` (no-op when unset). */
  /** Only the `systemPrincipal` may run it; anyone else gets `not-allowed`. */
  readonly autoCloseResolved: (actor: Principal) => Effect.Effect<ReadonlyArray<Ticket>, TicketCommandError>
  /** The ticket, or `not-found` when it does not exist or `actor` may not see it. */
  readonly getTicket: (actor: Principal, ticketId: string) => Effect.Effect<Ticket, TicketCommandError>
  readonly getTicketByNumber: (actor: Principal, number: string) => Effect.Effect<Ticket, TicketCommandError>
  /** The tickets `actor` may see that match `query` (a requester only ever gets their own). */
  readonly listTickets: (actor: Principal, query?: TicketQuery) => Effect.Effect<ReadonlyArray<Ticket>, TicketStoreError>
  /** An attachment's metadata and bytes, when `actor` may see its ticket. */
  readonly getAttachment: (
    actor: Principal,
    ticketId: string,
    attachmentId: string
  ) => Effect.Effect<{ readonly meta: AttachmentMeta; readonly bytes: Uint8Array }, TicketCommandError>
}>()("@ecasilla/core/cau/TicketService") {
  /**
   * The service over its ports: TicketStore, Ids, HtmlSanitizer and Directory; time from
   * effect's Clock. Settings come from `CauConfig` (defaults when not provided).
   *
   * @since 0.1.0
   * @category layers
   */
  static readonly layer: Layer.Layer<TicketService, never, TicketServiceRequirements> = Layer.effect(TicketService, Effect.map(makeTicketService, (s) => TicketService.of(s)))
}
