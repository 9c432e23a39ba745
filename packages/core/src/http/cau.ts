// The CAU over HTTP, declared once from the core's Schemas with effect's HttpApi: the example
// backend serves it, HttpApiClient derives a client from it, and OpenApi.fromApi publishes it.
import { Schema } from "effect"
import * as Multipart from "effect/http/Multipart"
import { HttpApi, HttpApiEndpoint, HttpApiGroup, HttpApiSchema } from "effect/http-api"
import { AttachmentError, TicketError, TicketStoreError, TicketValidationError } from "../cau/errors.js"
import { AttachmentMeta, SurveyLevel } from "../cau/model.js"
import { Actor } from "../roles/actor.js"
import { Ticket } from "../cau/ticket.js"
import { CasillaGroup } from "./casilla.js"
import { SariGroup } from "./sari.js"
import { ACTOR_HEADER, answerAt, problem } from "./shared.js"

export { ACTOR_HEADER, HttpProblemBody, problemHttpStatus } from "./shared.js"

// The SSO gateway's header; a caller with a session sends `Authorization: Bearer …` instead.
const headers = { [ACTOR_HEADER]: Schema.optional(Schema.String) }

/**
 * The HTTP status of each category of the CAU's errors: the one place it is declared (the
 * backend answers with it, the contract documents it).
 *
 * @since 0.2.0
 * @category http
 */
export const cauHttpStatus = (error: { readonly _tag?: string; readonly reason?: string }): number => {
  switch (error._tag) {
    case "@ecasilla/core/cau/TicketValidationError":
    case "@ecasilla/core/cau/AttachmentError":
      return 422
    case "@ecasilla/core/cau/TicketStoreError":
      return error.reason === "not-found" ? 404 : error.reason === "unavailable" ? 503 : 409
    case "@ecasilla/core/cau/TicketError":
      return error.reason === "not-found"
        ? 404
        : error.reason === "not-allowed" || error.reason === "not-your-ticket"
          ? 403
          : error.reason === "wrong-state" || error.reason === "verdict-pending" || error.reason === "survey-pending"
            ? 409
            : 422
    default:
      return 500
  }
}

const errors = [
  answerAt(Schema.Union([TicketValidationError, AttachmentError, TicketError]), 422, cauHttpStatus),
  answerAt(Schema.Union([TicketError, TicketStoreError]), 404, cauHttpStatus),
  answerAt(TicketError, 403, cauHttpStatus),
  answerAt(Schema.Union([TicketError, TicketStoreError]), 409, cauHttpStatus),
  answerAt(TicketStoreError, 503, cauHttpStatus),
  problem(400),
  problem(401),
  problem(413),
  problem(415),
  problem(429)
] as const

/**
 * The largest request body the backend reads (JSON or multipart): the attachment policy's
 * total (25 MB) plus room for the fields. A larger body gets 413.
 *
 * @since 0.2.0
 * @category http
 */
export const MAX_REQUEST_BYTES = 26 * 1024 * 1024

/** The multipart limits of a ticket's or a note's body: its parts, fields and total size. */
const multipartLimits = { maxParts: 64, maxFieldSize: 1024 * 1024, maxTotalSize: MAX_REQUEST_BYTES }

/**
 * A file sent with a ticket or a note: its name and its bytes in base64.
 *
 * @since 0.2.0
 * @category http
 */
export const AttachmentBody = Schema.Struct({ name: Schema.String, base64: Schema.String })

// The fields of a new ticket as typed, in either encoding.
const NewTicketFields = {
  titulo: Schema.String,
  descripcion: Schema.String,
  tipo: Schema.String,
  categoria: Schema.String,
  telefono: Schema.String,
  onBehalfOf: Schema.optional(Schema.String)
}

/**
 * A new ticket as sent: the fields as typed. The server checks them with the core's rules
 * (`validateTicketDraft`) and answers 422 with the issues of every field.
 *
 * @since 0.2.0
 * @category http
 */
export const NewTicketBody = Schema.Struct({ ...NewTicketFields, attachments: Schema.optional(Schema.Array(AttachmentBody)) })

/**
 * A new ticket as `multipart/form-data`: the same fields, and its files as `files` parts
 * (each with its file name), so a 10 MB file costs 10 MB on the wire. The server reads at
 * most {@link MAX_REQUEST_BYTES} and answers 413 beyond that.
 *
 * @since 0.2.0
 * @category http
 */
export const NewTicketMultipart = Schema.Struct({
  ...NewTicketFields,
  files: Schema.optional(Multipart.FilesSchema)
}).pipe(HttpApiSchema.asMultipart(multipartLimits))

/**
 * A note as `multipart/form-data`: its message and its files as `files` parts.
 *
 * @since 0.2.0
 * @category http
 */
export const NoteMultipart = Schema.Struct({ message: Schema.String, files: Schema.optional(Multipart.FilesSchema) }).pipe(HttpApiSchema.asMultipart(multipartLimits))


const id = { id: Schema.String }

/**
 * The tickets group: list, file, read, and the lifecycle's commands.
 *
 * @since 0.2.0
 * @category http
 */
export const TicketsGroup = HttpApiGroup.make("tickets")
  .add(HttpApiEndpoint.get("list", "/api/tickets", {
    headers,
    query: { mine: Schema.optional(Schema.String), requesterId: Schema.optional(Schema.String), analystId: Schema.optional(Schema.String), limit: Schema.optional(Schema.String) },
    success: Schema.Array(Ticket),
    error: errors
  }))
  .add(HttpApiEndpoint.post("create", "/api/tickets", {
    // A create sent again with the same Idempotency-Key answers with the ticket it made.
    headers: { ...headers, "idempotency-key": Schema.optional(Schema.String) },
    // JSON (files as base64) or multipart/form-data (files as parts).
    payload: [NewTicketBody, NewTicketMultipart],
    success: Ticket.annotate({ httpApiStatus: 201 }),
    error: errors
  }))
  .add(HttpApiEndpoint.get("get", "/api/tickets/:id", { headers, params: id, success: Ticket, error: errors }))
  .add(HttpApiEndpoint.get("getByNumber", "/api/tickets/by-number/:number", { headers, params: { number: Schema.String }, success: Ticket, error: errors }))
  .add(HttpApiEndpoint.get("attachment", "/api/tickets/:id/attachments/:attachmentId", {
    headers,
    params: { id: Schema.String, attachmentId: Schema.String },
    success: Schema.Struct({ meta: AttachmentMeta, base64: Schema.String }),
    error: errors
  }))
  .add(HttpApiEndpoint.post("edit", "/api/tickets/:id/edit", {
    headers,
    params: id,
    payload: Schema.Struct({
      titulo: Schema.optional(Schema.String),
      descripcion: Schema.optional(Schema.String),
      tipo: Schema.optional(Schema.String),
      categoria: Schema.optional(Schema.String),
      telefono: Schema.optional(Schema.String)
    }),
    success: Ticket,
    error: errors
  }))
  .add(HttpApiEndpoint.post("assign", "/api/tickets/:id/assign", {
    headers,
    params: id,
    payload: Schema.Struct({ analystId: Schema.String, supportGroup: Schema.optional(Schema.String) }),
    success: Ticket,
    error: errors
  }))
  .add(HttpApiEndpoint.post("note", "/api/tickets/:id/notes", {
    headers,
    params: id,
    payload: [Schema.Struct({ message: Schema.String, attachments: Schema.optional(Schema.Array(AttachmentBody)) }), NoteMultipart],
    success: Ticket,
    error: errors
  }))
  .add(HttpApiEndpoint.post("resolve", "/api/tickets/:id/resolve", { headers, params: id, payload: Schema.Struct({ answer: Schema.String }), success: Ticket, error: errors }))
  .add(HttpApiEndpoint.post("reject", "/api/tickets/:id/incorrecta", { headers, params: id, payload: Schema.Struct({ comment: Schema.String }), success: Ticket, error: errors }))
  .add(HttpApiEndpoint.post("accept", "/api/tickets/:id/correcta", { headers, params: id, payload: Schema.Struct({}), success: Ticket, error: errors }))
  .add(HttpApiEndpoint.post("survey", "/api/tickets/:id/survey", {
    headers,
    params: id,
    payload: Schema.Struct({ level: SurveyLevel, comment: Schema.optional(Schema.String) }),
    success: Ticket,
    error: errors
  }))

/**
 * The service group: health and the CAU catalog.
 *
 * @since 0.2.0
 * @category http
 */
export const ServiceGroup = HttpApiGroup.make("service")
  .add(HttpApiEndpoint.get("health", "/api/health", { success: Schema.Struct({ ok: Schema.Boolean }) }))
  .add(HttpApiEndpoint.get("catalog", "/api/catalog", { success: Schema.Unknown }))

/**
 * The directory group: the registered users a signed-in caller may search (the form's
 * "en nombre de").
 *
 * @since 0.2.0
 * @category http
 */
export const DirectoryGroup = HttpApiGroup.make("directory")
  .add(HttpApiEndpoint.get("search", "/api/users", {
    headers,
    query: { q: Schema.optional(Schema.String), limit: Schema.optional(Schema.String) },
    success: Schema.Array(Actor),
    error: errors
  }))

/**
 * A session: the opaque token (sent back as `Authorization: Bearer …`), who it is for, and
 * when it ends.
 *
 * @since 0.2.0
 * @category http
 */
export const SessionBody = Schema.Struct({ token: Schema.String, actor: Actor, expiresAt: Schema.String })

/**
 * The auth group: sign-in with a user code and password (scrypt on the server, rate-limited,
 * with an optional captcha), sign-out, and a password-reset request that answers the same
 * for any account.
 *
 * @since 0.2.0
 * @category http
 */
export const AuthGroup = HttpApiGroup.make("auth")
  .add(HttpApiEndpoint.post("login", "/api/auth/login", {
    payload: Schema.Struct({
      userCode: Schema.String,
      password: Schema.String,
      captcha: Schema.optional(Schema.Struct({ token: Schema.String, answer: Schema.String }))
    }),
    success: SessionBody,
    error: [problem(401), problem(429), problem(400), problem(415)]
  }))
  .add(HttpApiEndpoint.get("captcha", "/api/auth/captcha", {
    // A one-shot challenge for the internal users' sign-in: its token and the image to read.
    success: Schema.Struct({ token: Schema.String, image: Schema.String })
  }))
  .add(HttpApiEndpoint.post("logout", "/api/auth/logout", { headers: { authorization: Schema.optional(Schema.String) }, payload: Schema.Struct({}), success: Schema.Struct({ ok: Schema.Boolean }) }))
  .add(HttpApiEndpoint.post("resetConfirm", "/api/auth/reset/confirm", {
    // The token of the e-mailed link and the new password: the link is spent, sessions end.
    payload: Schema.Struct({ token: Schema.String, password: Schema.String }),
    success: Schema.Struct({ ok: Schema.Boolean }),
    error: [problem(400), problem(415), problem(413)]
  }))
  .add(HttpApiEndpoint.post("reset", "/api/auth/reset", {
    payload: Schema.Struct({ userCode: Schema.String }),
    success: Schema.Struct({ accepted: Schema.Boolean }).annotate({ httpApiStatus: 202 }),
    error: [problem(429), problem(400), problem(415)]
  }))

/**
 * The HTTP contract of the backend: the CAU (tickets, directory, sign-in), SARI and the casilla.
 *
 * @since 0.2.0
 * @category http
 */
export const CauApi = HttpApi.make("ecasilla-cau").add(ServiceGroup).add(AuthGroup).add(TicketsGroup).add(DirectoryGroup).add(SariGroup).add(CasillaGroup)
