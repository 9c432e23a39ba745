// The casilla (casillas, electronic notifications, their documents and constancias) over
// HTTP, declared once from the core's Schemas: the example backend serves it with the
// CasillaService, and `layerHttpCasilla` of @ecasilla/adapters/http derives its client from it.
import { Schema } from "effect"
import * as Multipart from "effect/http/Multipart"
import { HttpApiEndpoint, HttpApiGroup, HttpApiSchema } from "effect/http-api"
import { CasillaError, CasillaStoreError } from "../casilla/errors.js"
import { Casilla, CasillaOrigin, CasillaParty, Constancia, Notification, NotificationDocument, ReceptorKind } from "../casilla/model.js"
import { ACTOR_HEADER, answerAt, problem } from "./shared.js"

// The SSO gateway's header; a caller with a session sends `Authorization: Bearer …` instead.
const headers = { [ACTOR_HEADER]: Schema.optional(Schema.String) }

/**
 * The HTTP status of each category of the casilla's errors, declared once: an unknown
 * notification or casilla 404, a profile that may not 403, a move in the wrong state (or on an
 * inactive or existing casilla) 409, the verifier out of reach 503, the rules of the input and
 * its documents 422.
 *
 * @since 0.2.0
 * @category http
 */
export const casillaHttpStatus = (error: { readonly _tag?: string; readonly reason?: string }): number => {
  switch (error._tag) {
    case "@ecasilla/core/casilla/CasillaError":
      switch (error.reason) {
        case "not-found":
        case "casilla-not-found":
          return 404
        case "not-allowed":
          return 403
        case "wrong-state":
        case "casilla-inactive":
        case "casilla-exists":
          return 409
        case "verifier-unavailable":
          return 503
        default:
          return 422
      }
    case "@ecasilla/core/casilla/CasillaStoreError":
      return error.reason === "unavailable" ? 503 : 409
    default:
      return 500
  }
}

const errors = [
  answerAt(CasillaError, 422, casillaHttpStatus),
  answerAt(CasillaError, 404, casillaHttpStatus),
  answerAt(CasillaError, 403, casillaHttpStatus),
  answerAt(Schema.Union([CasillaError, CasillaStoreError]), 409, casillaHttpStatus),
  answerAt(Schema.Union([CasillaError, CasillaStoreError]), 503, casillaHttpStatus),
  problem(400),
  problem(401),
  problem(413),
  problem(415)
] as const

/**
 * The largest notification the backend reads: the casilla's documents (each at most the
 * configured 30 MB) and the cédula's fields. A larger body gets 413.
 *
 * @since 0.2.0
 * @category http
 */
export const MAX_NOTIFICATION_BYTES = 100 * 1024 * 1024

/**
 * A new notification as `multipart/form-data`: the cédula's fields and each PDF as a
 * `files` part (its name and bytes as they are).
 *
 * @since 0.2.0
 * @category http
 */
export const NewNotificationMultipart = Schema.Struct({
  casillaId: Schema.String,
  emisorId: Schema.String,
  emisorName: Schema.String,
  numero: Schema.String,
  asunto: Schema.String,
  expediente: Schema.optional(Schema.String),
  plazoDiasHabiles: Schema.optional(Schema.String),
  files: Multipart.FilesSchema
}).pipe(HttpApiSchema.asMultipart({ maxParts: 64, maxFieldSize: 1024 * 1024, maxTotalSize: MAX_NOTIFICATION_BYTES }))

/**
 * A document with the notification it belongs to, its bytes in base64.
 *
 * @since 0.2.0
 * @category http
 */
export const DocumentBody = Schema.Struct({ notification: Notification, document: NotificationDocument, base64: Schema.String })

/**
 * A constancia de notificación: its data and its PDF in base64.
 *
 * @since 0.2.0
 * @category http
 */
export const ConstanciaBody = Schema.Struct({ constancia: Constancia, base64: Schema.String })

const empty = Schema.Struct({})
const listQuery = {
  scope: Schema.optional(Schema.Literals(["receptor", "notificador", "emisor"])),
  /** Comma-separated states. */
  states: Schema.optional(Schema.String),
  unread: Schema.optional(Schema.Literals(["1"])),
  from: Schema.optional(Schema.String),
  to: Schema.optional(Schema.String),
  text: Schema.optional(Schema.String),
  limit: Schema.optional(Schema.String),
  afterDate: Schema.optional(Schema.String),
  afterId: Schema.optional(Schema.String)
}

/**
 * The casilla group: create and activate casillas, change an entity's titular, prepare
 * (with its PDFs), sign, deposit and open notifications, list and count them, download a
 * document, and the constancia. Who may do what is the CasillaService's rule, applied on the
 * backend for the caller.
 *
 * @since 0.2.0
 * @category http
 */
export const CasillaGroup = HttpApiGroup.make("casilla")
  .add(HttpApiEndpoint.post("createCasilla", "/api/casilla/casillas", {
    headers,
    payload: Schema.Struct({
      receptorKind: ReceptorKind,
      loginId: Schema.String,
      name: Schema.String,
      email: Schema.optional(Schema.String),
      origin: CasillaOrigin,
      titular: Schema.optional(Schema.Struct({ dni: Schema.String, name: Schema.String }))
    }),
    success: Casilla.annotate({ httpApiStatus: 201 }),
    error: errors
  }))
  .add(HttpApiEndpoint.get("getCasilla", "/api/casilla/casillas/:id", { headers, params: { id: Schema.String }, success: Casilla, error: errors }))
  .add(HttpApiEndpoint.get("findCasilla", "/api/casilla/casillas/by-login/:loginId", { headers, params: { loginId: Schema.String }, success: Casilla, error: errors }))
  .add(HttpApiEndpoint.post("activateCasilla", "/api/casilla/casillas/:id/activate", { headers, params: { id: Schema.String }, payload: empty, success: Casilla, error: errors }))
  .add(HttpApiEndpoint.post("changeTitular", "/api/casilla/casillas/:id/titular", {
    headers,
    params: { id: Schema.String },
    payload: Schema.Struct({ dni: Schema.String, name: Schema.String }),
    success: Casilla,
    error: errors
  }))
  .add(HttpApiEndpoint.post("prepareNotification", "/api/casilla/notifications", {
    headers,
    // JSON (documents as base64) or multipart/form-data (documents as `files` parts).
    payload: [
      Schema.Struct({
        casillaId: Schema.String,
        emisor: CasillaParty,
        cedula: Schema.Struct({ numero: Schema.String, asunto: Schema.String, expediente: Schema.optional(Schema.String), plazoDiasHabiles: Schema.optional(Schema.Number) }),
        documents: Schema.Array(Schema.Struct({ name: Schema.String, base64: Schema.String }))
      }),
      NewNotificationMultipart
    ],
    success: Notification.annotate({ httpApiStatus: 201 }),
    error: errors
  }))
  .add(HttpApiEndpoint.get("listNotifications", "/api/casilla/notifications", { headers, query: listQuery, success: Schema.Array(Notification), error: errors }))
  .add(HttpApiEndpoint.get("countNotifications", "/api/casilla/notifications/count", { headers, query: listQuery, success: Schema.Struct({ count: Schema.Number }), error: errors }))
  .add(HttpApiEndpoint.get("getNotification", "/api/casilla/notifications/:id", { headers, params: { id: Schema.String }, success: Notification, error: errors }))
  .add(HttpApiEndpoint.post("signNotification", "/api/casilla/notifications/:id/sign", { headers, params: { id: Schema.String }, payload: empty, success: Notification, error: errors }))
  .add(HttpApiEndpoint.post("depositNotification", "/api/casilla/notifications/:id/deposit", { headers, params: { id: Schema.String }, payload: empty, success: Notification, error: errors }))
  .add(HttpApiEndpoint.post("openNotification", "/api/casilla/notifications/:id/open", { headers, params: { id: Schema.String }, payload: empty, success: Notification, error: errors }))
  .add(HttpApiEndpoint.get("downloadDocument", "/api/casilla/notifications/:id/documents/:documentId", {
    headers,
    params: { id: Schema.String, documentId: Schema.String },
    success: DocumentBody,
    error: errors
  }))
  .add(HttpApiEndpoint.get("constancia", "/api/casilla/notifications/:id/constancia", { headers, params: { id: Schema.String }, success: ConstanciaBody, error: errors }))
