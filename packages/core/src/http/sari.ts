// SARI (access requests to the casilla and the CAU) over HTTP, declared once from the core's
// Schemas: the example backend serves it with the SariService, and `layerHttpSari` of
// @ecasilla/adapters/http derives its client from it.
import { Schema } from "effect"
import { HttpApiEndpoint, HttpApiGroup } from "effect/http-api"
import { Role } from "../roles/actor.js"
import { AccessSystem, Collaborator } from "../roles/assignments.js"
import { SariError, SariStoreError } from "../sari/errors.js"
import { RoleChange, SariAuditEntry, SariRequest, SariState } from "../sari/model.js"
import { ACTOR_HEADER, answerAt, problem } from "./shared.js"

// The SSO gateway's header; a caller with a session sends `Authorization: Bearer …` instead.
const headers = { [ACTOR_HEADER]: Schema.optional(Schema.String) }

/**
 * The HTTP status of each category of SARI's errors, declared once: refused moves and
 * people outside the unit 403, a request in another state or one already open 409, the
 * rules of a change 422, an unknown request 404, a store down 503.
 *
 * @since 0.2.0
 * @category http
 */
export const sariHttpStatus = (error: { readonly _tag?: string; readonly reason?: string }): number => {
  switch (error._tag) {
    case "@ecasilla/core/sari/SariError":
      switch (error.reason) {
        case "not-found":
          return 404
        case "not-allowed":
        case "other-unit":
        case "own-request":
          return 403
        case "wrong-state":
        case "open-request-exists":
          return 409
        default:
          return 422
      }
    case "@ecasilla/core/sari/SariStoreError":
      return error.reason === "not-found" ? 404 : error.reason === "unavailable" ? 503 : 409
    default:
      return 500
  }
}

const errors = [
  answerAt(SariError, 422, sariHttpStatus),
  answerAt(Schema.Union([SariError, SariStoreError]), 404, sariHttpStatus),
  answerAt(SariError, 403, sariHttpStatus),
  answerAt(Schema.Union([SariError, SariStoreError]), 409, sariHttpStatus),
  answerAt(SariStoreError, 503, sariHttpStatus),
  problem(400),
  problem(401),
  problem(413),
  problem(415)
] as const

/**
 * A colleague found by "buscar colaborador", with the roles held now in each system.
 *
 * @since 0.2.0
 * @category http
 */
export const CollaboratorViewBody = Schema.Struct({
  collaborator: Collaborator,
  roles: Schema.Struct({ casilla: Schema.Array(Role), cau: Schema.Array(Role) })
})

/**
 * One item of a bulk approval: the request approved, or why it was not.
 *
 * @since 0.2.0
 * @category http
 */
export const BulkApprovalBody = Schema.Struct({
  requestId: Schema.String,
  request: Schema.optional(SariRequest),
  error: Schema.optional(Schema.Union([SariError, SariStoreError]))
})

const id = { id: Schema.String }
// Commands without fields still send a JSON body (`{}`): the backend takes JSON only, so no
// cross-site form or body-less request can drive them.
const empty = Schema.Struct({})

/**
 * The SARI group: find colleagues, list, file, edit, send, withdraw, approve (one or many),
 * reject, and the audit trail. Who may do what is the SariService's rule, applied on the
 * backend for the caller.
 *
 * @since 0.2.0
 * @category http
 */
export const SariGroup = HttpApiGroup.make("sari")
  .add(HttpApiEndpoint.get("collaborators", "/api/sari/collaborators", {
    headers,
    query: { q: Schema.optional(Schema.String), limit: Schema.optional(Schema.String) },
    success: Schema.Array(CollaboratorViewBody),
    error: errors
  }))
  .add(HttpApiEndpoint.get("list", "/api/sari/requests", {
    headers,
    query: {
      view: Schema.Literals(["mine", "inbox"]),
      /** Comma-separated states. */
      states: Schema.optional(Schema.String),
      system: Schema.optional(AccessSystem),
      search: Schema.optional(Schema.String),
      limit: Schema.optional(Schema.String)
    },
    success: Schema.Array(SariRequest),
    error: errors
  }))
  .add(HttpApiEndpoint.post("create", "/api/sari/requests", {
    headers,
    payload: Schema.Struct({ collaboratorId: Schema.String, system: AccessSystem, changes: Schema.Array(RoleChange), send: Schema.optional(Schema.Boolean) }),
    success: SariRequest.annotate({ httpApiStatus: 201 }),
    error: errors
  }))
  .add(HttpApiEndpoint.get("get", "/api/sari/requests/:id", { headers, params: id, success: SariRequest, error: errors }))
  .add(HttpApiEndpoint.get("audit", "/api/sari/requests/:id/audit", { headers, params: id, success: Schema.Array(SariAuditEntry), error: errors }))
  .add(HttpApiEndpoint.post("edit", "/api/sari/requests/:id/edit", {
    headers,
    params: id,
    payload: Schema.Struct({ changes: Schema.Array(RoleChange), send: Schema.optional(Schema.Boolean) }),
    success: SariRequest,
    error: errors
  }))
  .add(HttpApiEndpoint.post("send", "/api/sari/requests/:id/send", { headers, params: id, payload: empty, success: SariRequest, error: errors }))
  .add(HttpApiEndpoint.post("withdraw", "/api/sari/requests/:id/withdraw", { headers, params: id, payload: empty, success: SariRequest, error: errors }))
  .add(HttpApiEndpoint.post("approve", "/api/sari/requests/:id/approve", { headers, params: id, payload: empty, success: SariRequest, error: errors }))
  .add(HttpApiEndpoint.post("reject", "/api/sari/requests/:id/reject", {
    headers,
    params: id,
    payload: Schema.Struct({ reason: Schema.String }),
    success: SariRequest,
    error: errors
  }))
  .add(HttpApiEndpoint.post("approveMany", "/api/sari/approvals", {
    headers,
    payload: Schema.Struct({ requestIds: Schema.Array(Schema.String) }),
    success: Schema.Array(BulkApprovalBody),
    error: errors
  }))

/** @internal */
export const sariStates = (text: string | undefined): ReadonlyArray<SariState> | undefined => {
  if (text === undefined || text.trim() === "") return undefined
  const states = text.split(",").map((s) => s.trim())
  return states.filter((s): s is SariState => Schema.is(SariState)(s))
}
