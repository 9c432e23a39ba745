// The example backend's HTTP API: the contract of @ecasilla/core/http (`CauApi`) served with
// effect's HttpApiBuilder on @effect/platform-node. Every request is decoded by the contract's
// Schemas, then checked by the core's services exactly as the browser elements are; failures
// leave as the core's tagged errors at the status the contract declares for their category,
// and transport refusals as `{ error: { code, message } }` at their code's status.
import type { IncomingMessage, ServerResponse } from "node:http"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import * as NodeHttpServerRequest from "@effect/platform-node/NodeHttpServerRequest"
import type { Actor } from "@ecasilla/core"
import { defaultCauCatalog, type NewAttachment, type Ticket, TicketService, TicketStoreError } from "@ecasilla/core/cau"
import { AuthError, casillaErrorMessage, type CasillaService, type NotificationQuery, type NotificationState } from "@ecasilla/core/casilla"
import { ACTOR_HEADER, CauApi, MAX_NOTIFICATION_BYTES, MAX_REQUEST_BYTES, problemHttpStatus, sariStates } from "@ecasilla/core/http"
import { Directory } from "@ecasilla/core/ports"
import type { RoleDirectory } from "@ecasilla/core/roles"
import type { SariService } from "@ecasilla/core/sari"
import { ByteSize, Cause, Context, Effect, Exit, FileSystem, Layer, Option, Scope } from "effect"
import * as HttpIncomingMessage from "effect/http/HttpIncomingMessage"
import * as HttpMiddleware from "effect/http/HttpMiddleware"
import * as HttpRouter from "effect/http/HttpRouter"
import * as HttpServerRequest from "effect/http/HttpServerRequest"
import * as HttpServerResponse from "effect/http/HttpServerResponse"
import * as Multipart from "effect/http/Multipart"
import { HttpApiBuilder, HttpApiError } from "effect/http-api"
import * as SqlClient from "effect/sql/SqlClient"
import type { Auth } from "./auth.js"
import { IdempotencyKey, ticketOfIdempotencyKey } from "./sql/cau.js"

/** What the API serves: the CAU's services, sessions, the database, and SARI and the casilla where deployed. */
export interface ApiOptions {
  readonly services: Context.Context<TicketService | Directory>
  readonly auth: Auth
  /** The database, for the idempotency keys of commands. */
  readonly sql: SqlClient.SqlClient
  /** Trust the `x-ecasilla-user` header set by the single sign-on gateway (default true). */
  readonly trustActorHeader?: boolean
  /** SARI's service (the /api/sari routes); without it they answer 404. */
  readonly sari?: SariService["Service"]
  /** The casilla's service (the /api/casilla routes); without it they answer 404. */
  readonly casilla?: CasillaService["Service"]
  /** Where callers' roles are read (directory roles plus SARI's assignments); default: the Directory's. */
  readonly roles?: RoleDirectory["Service"]
  /** Called after a SARI or casilla command succeeds, to relay the events it committed (not awaited). */
  readonly afterCommit?: () => void
}

/** What reading a ticket back can fail with (an idempotent replay answers with the ticket). */
type TicketReadError = Effect.Error<ReturnType<TicketService["Service"]["getTicket"]>>

/** A refusal of the transport: its code decides its status (`problemHttpStatus`). */
class Problem {
  constructor(readonly code: string, readonly message: string) {}
}
const unauthenticated = () => new Problem("unauthenticated", "Inicie sesión para continuar.")
const tooLarge = new Problem("too-large", "La solicitud excede el tamaño permitido.")
const notFound = new Problem("not-found", "Recurso no encontrado.")

const problemBody = (p: Problem) => ({ error: { code: p.code, message: p.message } })
const problemResponse = (p: Problem, headers: Record<string, string> = {}) =>
  HttpServerResponse.jsonUnsafe(problemBody(p), { status: problemHttpStatus(p.code), headers: { "cache-control": "no-store", ...headers } })

/** A handler's failure as it leaves: a problem under its code, a core error with its words. */
type Answer<E> = E extends Problem ? { readonly error: { readonly code: string; readonly message: string } } : { readonly error: E; readonly message?: string }

/**
 * A failure as the contract's answer: a transport problem as `{ error: { code, message } }`,
 * a core error as `{ error, message }` (its fields, and its Spanish words beside them). The
 * endpoint's error schemas then pick the one status declared for it; the types make each
 * handler's failures ones its endpoint declares (infrastructure failures are defects: 500).
 */
const answered = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, Answer<E>, R> =>
  Effect.mapError(effect, (e): Answer<E> => (e instanceof Problem ? problemBody(e) : { error: e, message: (e as { message?: string }).message }) as Answer<E>)

const bearerOf = (request: HttpServerRequest.HttpServerRequest) => /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? "")?.[1]

/** Files a JSON body carries as `{ name, base64 }`: strict base64, or a 400. */
const fromBase64 = (files: ReadonlyArray<{ readonly name: string; readonly base64: string }>) =>
  Effect.forEach(files, (f) =>
    /^[A-Za-z0-9+/]*={0,2}$/.test(f.base64)
      ? Effect.succeed<NewAttachment>({ name: f.name, bytes: new Uint8Array(Buffer.from(f.base64, "base64")) })
      : Effect.fail(new Problem("bad-attachments", "Los adjuntos deben ser una lista de { name, base64 }.")))

/** Files a multipart body carries as `files` parts, read from where the parser kept them. */
const fromParts = (files: ReadonlyArray<Multipart.PersistedFile> | undefined) =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    return yield* Effect.forEach(files ?? [], (f) =>
      Effect.map(Effect.orDie(fs.readFile(f.path)), (bytes): NewAttachment => ({ name: f.name || "archivo", bytes })))
  })

/** A body's files: multipart `files` parts, or JSON `attachments` as base64; none when it has neither. */
const attachmentsOf = (payload: {
  readonly files?: ReadonlyArray<Multipart.PersistedFile> | undefined
  readonly attachments?: ReadonlyArray<{ readonly name: string; readonly base64: string }> | undefined
}): Effect.Effect<ReadonlyArray<NewAttachment> | undefined, Problem, FileSystem.FileSystem> =>
  payload.files
    ? fromParts(payload.files)
    : payload.attachments
      ? fromBase64(payload.attachments)
      : Effect.succeed(undefined)

const limitOf = (limit: string | undefined, fallback: number) => Math.min(Number(limit ?? fallback) || fallback, 500)

/** The API's groups, each a layer of handlers over the services. */
const groups = (options: ApiOptions) => {
  const trustHeader = options.trustActorHeader ?? true
  const provide = <A, E>(effect: Effect.Effect<A, E, TicketService | Directory>) => Effect.provideContext(effect, options.services)

  /** The caller: a session's bearer token, or the SSO gateway's header; with the roles held now. */
  const actorOf = (request: HttpServerRequest.HttpServerRequest): Effect.Effect<Actor, Problem> =>
    Effect.gen(function*() {
      const bearer = bearerOf(request)
      const id = trustHeader ? (request.headers[ACTOR_HEADER] ?? "").trim() : ""
      const found = bearer !== undefined
        ? yield* options.auth.actorOfToken(bearer).pipe(Effect.orElseSucceed(() => Option.none<Actor>()))
        : id
          ? yield* provide(Effect.flatMap(Effect.service(Directory), (d) => d.findUser(id)))
          : Option.none<Actor>()
      if (Option.isNone(found)) return yield* Effect.fail(unauthenticated())
      if (!options.roles) return found.value
      // The roles held now: the directory's, with what SARI granted or revoked.
      const now = yield* options.roles.actorOf(found.value.id).pipe(Effect.orElseSucceed(() => Option.none<Actor>()))
      if (Option.isNone(now)) return yield* Effect.fail(unauthenticated())
      return now.value
    })
  const as = <A, E>(request: HttpServerRequest.HttpServerRequest, f: (actor: Actor) => Effect.Effect<A, E>) => answered(Effect.flatMap(actorOf(request), f))
  const cau = <A, E>(request: HttpServerRequest.HttpServerRequest, f: (actor: Actor, service: TicketService["Service"]) => Effect.Effect<A, E>) =>
    as(request, (actor) => provide(Effect.flatMap(Effect.service(TicketService), (service) => f(actor, service))))

  /**
   * With an Idempotency-Key, a command already applied (a create, or an offline page's replay
   * of any command) answers with its ticket instead of being applied again; the key commits
   * with the change, so two racing replays apply it once.
   */
  const keyOf = (actorId: string, key: string) => Effect.orDie(Effect.provideService(ticketOfIdempotencyKey(actorId, key), SqlClient.SqlClient, options.sql))
  const keyed = <A, E>(
    request: HttpServerRequest.HttpServerRequest,
    ticketId: string | undefined,
    command: (actor: Actor, service: TicketService["Service"]) => Effect.Effect<A, E>
  ) =>
    cau(request, (actor, service): Effect.Effect<A | Ticket, E | Problem | TicketReadError> => {
      const key = (request.headers["idempotency-key"] ?? "").trim()
      if (!key) return command(actor, service)
      if (!/^[A-Za-z0-9_-]{8,100}$/.test(key)) {
        return Effect.fail(new Problem("bad-idempotency-key", "La clave de idempotencia debe tener de 8 a 100 letras, dígitos, - o _."))
      }
      const applied = (ticket: string): Effect.Effect<Ticket, TicketReadError> => service.getTicket(actor, ticket)
      // A create's duplicate, or a command's version conflict, may be the racing twin that
      // committed the same key first: answer with what it made.
      const raced = (e: E) => e instanceof TicketStoreError && (e.reason === "duplicate" || (ticketId !== undefined && e.reason === "conflict"))
      return Effect.flatMap(keyOf(actor.id, key), Option.match({
        onSome: applied,
        onNone: () =>
          command(actor, service).pipe(
            Effect.provideService(IdempotencyKey, { actorId: actor.id, key }),
            Effect.catch((e: E): Effect.Effect<Ticket, E | TicketReadError> =>
              raced(e)
                ? Effect.flatMap(keyOf(actor.id, key), (found): Effect.Effect<Ticket, E | TicketReadError> => (Option.isSome(found) ? applied(found.value) : Effect.fail(e)))
                : Effect.fail(e))
          )
      }))
    })

  const service = HttpApiBuilder.group(CauApi, "service", (h) =>
    h.handle("health", () => Effect.succeed({ ok: true })).handle("catalog", () => Effect.succeed(defaultCauCatalog)))

  const auth = HttpApiBuilder.group(CauApi, "auth", (h) =>
    h
      .handle("login", ({ payload, request }) =>
        answered(Effect.gen(function*() {
          const outcome = yield* Effect.orDie(options.auth.login(payload, Option.getOrElse(request.remoteAddress, () => "?")))
          if (outcome.ok) return outcome.session
          return yield* Effect.fail(
            outcome.refusal === "rate-limited"
              ? new Problem("rate-limited", "Demasiados intentos: espere unos minutos y vuelva a intentarlo.")
              : outcome.refusal === "bad-captcha"
                ? new Problem("bad-captcha", "El código de seguridad no es correcto.")
                : new Problem("invalid-credentials", "El usuario o la contraseña no son correctos.")
          )
        })))
      .handle("captcha", () => Effect.orDie(options.auth.issueCaptcha))
      .handle("logout", ({ request }) =>
        Effect.as(Effect.ignore(bearerOf(request) === undefined ? Effect.void : options.auth.logout(bearerOf(request)!)), { ok: true }))
      .handle("resetConfirm", ({ payload }) =>
        answered(Effect.gen(function*() {
          const outcome = yield* Effect.orDie(options.auth.confirmReset(payload.token, payload.password))
          // The words are the casilla catalogue's, as on the page.
          const words = (reason: "weak-password" | "invalid-reset-link") => casillaErrorMessage(new AuthError({ reason }), "es-PE") ?? reason
          if (outcome === "weak-password") return yield* Effect.fail(new Problem("weak-password", words("weak-password")))
          if (outcome === "invalid-token") return yield* Effect.fail(new Problem("invalid-token", words("invalid-reset-link")))
          return { ok: true }
        })))
      .handle("reset", ({ payload, request }) =>
        // The same answer whether the account exists or not; only the rate limit shows.
        answered(Effect.gen(function*() {
          const answer = yield* Effect.orDie(options.auth.requestReset(payload.userCode, Option.getOrElse(request.remoteAddress, () => "?")))
          if (answer === "rate-limited") return yield* Effect.fail(new Problem("rate-limited", "Demasiados intentos: espere unos minutos y vuelva a intentarlo."))
          return { accepted: true }
        }))))

  const directory = HttpApiBuilder.group(CauApi, "directory", (h) =>
    // The directory, for the "en nombre de" search: only for a signed-in caller.
    h.handle("search", ({ query, request }) =>
      as(request, () => provide(Effect.flatMap(Effect.service(Directory), (d) => d.searchUsers(query.q ?? "", Math.min(Number(query.limit ?? 20) || 20, 100)))))))

  const tickets = HttpApiBuilder.group(CauApi, "tickets", (h) =>
    h
      .handle("list", ({ query, request }) =>
        // Who sees what is the core's rule, applied inside the service: staff list anything,
        // others only their own.
        cau(request, (actor, s) =>
          s.listTickets(actor, {
            requesterId: query.mine === "1" ? actor.id : query.requesterId,
            analystId: query.analystId,
            limit: limitOf(query.limit, 50)
          })))
      .handle("create", ({ payload, request }) =>
        Effect.flatMap(answered(attachmentsOf(payload)), (attachments) =>
          keyed(request, undefined, (actor, s) =>
            s.createTicket(actor, {
              titulo: payload.titulo,
              descripcion: payload.descripcion,
              tipo: payload.tipo,
              categoria: payload.categoria,
              telefono: payload.telefono,
              onBehalfOf: payload.onBehalfOf,
              attachments
            }))))
      .handle("get", ({ params, request }) => cau(request, (actor, s) => s.getTicket(actor, params.id)))
      .handle("getByNumber", ({ params, request }) => cau(request, (actor, s) => s.getTicketByNumber(actor, params.number)))
      .handle("attachment", ({ params, request }) =>
        cau(request, (actor, s) =>
          Effect.map(s.getAttachment(actor, params.id, params.attachmentId), ({ meta, bytes }) => ({ meta, base64: Buffer.from(bytes).toString("base64") }))))
      .handle("edit", ({ params, payload, request }) => keyed(request, params.id, (actor, s) => s.editTicket(actor, params.id, payload)))
      .handle("assign", ({ params, payload, request }) => keyed(request, params.id, (actor, s) => s.assignTicket(actor, params.id, payload)))
      .handle("note", ({ params, payload, request }) =>
        Effect.flatMap(answered(attachmentsOf(payload)), (attachments) =>
          keyed(request, params.id, (actor, s) => s.addNote(actor, params.id, { message: payload.message, attachments }))))
      .handle("resolve", ({ params, payload, request }) => keyed(request, params.id, (actor, s) => s.resolveTicket(actor, params.id, payload)))
      .handle("reject", ({ params, payload, request }) => keyed(request, params.id, (actor, s) => s.rejectResolution(actor, params.id, payload)))
      .handle("accept", ({ params, request }) => keyed(request, params.id, (actor, s) => s.acceptResolution(actor, params.id)))
      .handle("survey", ({ params, payload, request }) => keyed(request, params.id, (actor, s) => s.submitSurvey(actor, params.id, payload))))

  // Without SARI or the casilla, the guard answers their routes 404 before these run.
  const sari = options.sari
  const sariGroup = HttpApiBuilder.group(CauApi, "sari", (h) =>
    h
      .handle("collaborators", ({ query, request }) => as(request, (a) => sari!.findCollaborators(a, query.q ?? "", Math.min(Number(query.limit ?? 20) || 20, 100))))
      .handle("list", ({ query, request }) =>
        as(request, (a) => {
          const states = sariStates(query.states)
          return sari!.listRequests(a, {
            view: query.view,
            ...(states ? { states } : {}),
            ...(query.system ? { system: query.system } : {}),
            ...(query.search ? { search: query.search } : {}),
            limit: limitOf(query.limit, 100)
          })
        }))
      .handle("create", ({ payload, request }) => as(request, (a) => sari!.createRequest(a, payload)))
      .handle("get", ({ params, request }) => as(request, (a) => sari!.getRequest(a, params.id)))
      .handle("audit", ({ params, request }) => as(request, (a) => sari!.auditTrail(a, params.id)))
      .handle("edit", ({ params, payload, request }) => as(request, (a) => sari!.updateRequest(a, params.id, payload)))
      .handle("send", ({ params, request }) => as(request, (a) => sari!.sendRequest(a, params.id)))
      .handle("withdraw", ({ params, request }) => as(request, (a) => sari!.withdrawRequest(a, params.id)))
      .handle("approve", ({ params, request }) => as(request, (a) => sari!.approveRequest(a, params.id)))
      .handle("reject", ({ params, payload, request }) => as(request, (a) => sari!.rejectRequest(a, params.id, payload)))
      .handle("approveMany", ({ payload, request }) =>
        as(request, (a) =>
          Effect.map(sari!.approveRequests(a, payload.requestIds.slice(0, 200)), (items) =>
            items.map((i) => (i.result._tag === "Success" ? { requestId: i.requestId, request: i.result.success } : { requestId: i.requestId, error: i.result.failure }))))))

  const casilla = options.casilla
  const listQuery = (q: {
    readonly scope?: "receptor" | "notificador" | "emisor" | undefined
    readonly states?: string | undefined
    readonly unread?: "1" | undefined
    readonly from?: string | undefined
    readonly to?: string | undefined
    readonly text?: string | undefined
    readonly limit?: string | undefined
    readonly afterDate?: string | undefined
    readonly afterId?: string | undefined
  }): NotificationQuery & { readonly scope?: "receptor" | "notificador" | "emisor" } => ({
    ...(q.scope ? { scope: q.scope } : {}),
    ...(q.states ? { states: q.states.split(",").map((x) => x.trim()) as Array<NotificationState> } : {}),
    ...(q.unread === "1" ? { unread: true } : {}),
    ...(q.from ? { from: q.from } : {}),
    ...(q.to ? { to: q.to } : {}),
    ...(q.text ? { text: q.text } : {}),
    limit: limitOf(q.limit, 50),
    ...(q.afterDate && q.afterId ? { after: { date: q.afterDate, id: q.afterId } } : {})
  })
  const casillaGroup = HttpApiBuilder.group(CauApi, "casilla", (h) =>
    h
      .handle("createCasilla", ({ payload, request }) => as(request, (a) => casilla!.createCasilla(a, payload)))
      .handle("getCasilla", ({ params, request }) => as(request, (a) => casilla!.getCasilla(a, params.id)))
      .handle("findCasilla", ({ params, request }) => as(request, (a) => casilla!.findCasilla(a, params.loginId)))
      .handle("activateCasilla", ({ params, request }) => as(request, (a) => casilla!.activateCasilla(a, params.id)))
      .handle("changeTitular", ({ params, payload, request }) => as(request, (a) => casilla!.changeTitular(a, params.id, payload)))
      .handle("prepareNotification", ({ payload, request }) =>
        Effect.flatMap("files" in payload ? fromParts(payload.files) : Effect.succeed<ReadonlyArray<NewAttachment>>([]), (parts) =>
          as(request, (a) =>
            Effect.flatMap("documents" in payload ? fromBase64(payload.documents) : Effect.succeed(parts), (documents) => {
              const plazo = "files" in payload ? (payload.plazoDiasHabiles === undefined ? undefined : Number(payload.plazoDiasHabiles)) : payload.cedula.plazoDiasHabiles
              const cedula = "files" in payload
                ? { numero: payload.numero, asunto: payload.asunto, expediente: payload.expediente }
                : { numero: payload.cedula.numero, asunto: payload.cedula.asunto, expediente: payload.cedula.expediente }
              return casilla!.prepareNotification(a, {
                casillaId: payload.casillaId,
                emisor: "files" in payload ? { id: payload.emisorId, name: payload.emisorName } : payload.emisor,
                cedula: {
                  numero: cedula.numero,
                  asunto: cedula.asunto,
                  ...(cedula.expediente !== undefined ? { expediente: cedula.expediente } : {}),
                  ...(typeof plazo === "number" && Number.isFinite(plazo) ? { plazoDiasHabiles: plazo } : {})
                },
                documents
              })
            }))))
      .handle("listNotifications", ({ query, request }) => as(request, (a) => casilla!.listNotifications(a, listQuery(query))))
      .handle("countNotifications", ({ query, request }) => as(request, (a) => Effect.map(casilla!.countNotifications(a, listQuery(query)), (count) => ({ count }))))
      .handle("getNotification", ({ params, request }) => as(request, (a) => casilla!.getNotification(a, params.id)))
      .handle("signNotification", ({ params, request }) => as(request, (a) => casilla!.signNotification(a, params.id)))
      .handle("depositNotification", ({ params, request }) => as(request, (a) => casilla!.depositNotification(a, params.id)))
      .handle("openNotification", ({ params, request }) => as(request, (a) => casilla!.openNotification(a, params.id)))
      .handle("downloadDocument", ({ params, request }) =>
        as(request, (a) =>
          Effect.map(casilla!.downloadDocument(a, params.id, params.documentId), (d) => ({
            notification: d.notification,
            document: d.document,
            base64: Buffer.from(d.bytes).toString("base64")
          }))))
      .handle("constancia", ({ params, request }) =>
        as(request, (a) => Effect.map(casilla!.getConstancia(a, params.id), (c) => ({ constancia: c.constancia, base64: Buffer.from(c.pdf).toString("base64") })))))

  return Layer.mergeAll(service, auth, directory, tickets, sariGroup, casillaGroup)
}

/** The largest body a route reads: a notification's PDFs, or a ticket's files. */
const limitOfPath = (path: string) => (path === "/api/casilla/notifications" ? MAX_NOTIFICATION_BYTES : MAX_REQUEST_BYTES)

/** Routes whose body may be multipart/form-data (files go there); everything else takes JSON only. */
const filesGo = (path: string) =>
  path === "/api/tickets" || /^\/api\/tickets\/[^/]+\/notes$/.test(path) || path === "/api/casilla/notifications"

/**
 * Answers a body it will not read (413): the answer goes out first, with `connection: close`,
 * and the connection closes once it is sent, so the client reads why instead of a reset.
 */
const refuseBody = (request: HttpServerRequest.HttpServerRequest) =>
  Effect.sync(() => {
    const req = NodeHttpServerRequest.toIncomingMessage(request) as IncomingMessage
    const res = NodeHttpServerRequest.toServerResponse(request) as ServerResponse
    req.pause()
    res.once("finish", () => setTimeout(() => req.destroy(), 50))
    return problemResponse(tooLarge, { connection: "close" })
  })

/**
 * The transport's guard, before any route: only /api, GET and POST (CORS stays closed: no
 * preflight is answered and no Access-Control header is ever sent), JSON bodies (multipart
 * where files go), a declared length within the route's limit, and the limit enforced on
 * bodies that do not declare one. Its answers and the decoding failures of the contract leave
 * as problems; a defect as a bare 500.
 */
const guard = (options: ApiOptions) =>
  HttpMiddleware.make((app) =>
    Effect.gen(function*() {
      const request = yield* HttpServerRequest.HttpServerRequest
      // The request target as sent (never parsed as a URL: `//x` would be a host).
      const path = request.url.split("?")[0] ?? "/"
      if (!path.startsWith("/api/")) return problemResponse(notFound)
      if ((!options.sari && path.startsWith("/api/sari/")) || (!options.casilla && path.startsWith("/api/casilla/"))) return problemResponse(notFound)
      if (request.method !== "GET" && request.method !== "POST") return problemResponse(new Problem("method-not-allowed", "Método no permitido."))
      const limit = limitOfPath(path)
      if (request.method === "POST") {
        // A cross-site HTML form can post text/plain or form data but never set the caller's
        // header or bearer token; JSON (or multipart where files go) only.
        const type = (request.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase()
        if (type !== "application/json" && !(filesGo(path) && type === "multipart/form-data")) {
          return problemResponse(new Problem("unsupported-media-type", "Envíe el cuerpo como application/json (o multipart/form-data con adjuntos)."))
        }
        // A declared length over the limit is refused before a byte of the body is read.
        if (Number(request.headers["content-length"] ?? 0) > limit) return yield* refuseBody(request)
      }
      // NUL is no character of any text here (PostgreSQL refuses it in text): a request that
      // carries one, in its address or its JSON, is refused before anything reads it further.
      const badCharacters = problemResponse(new Problem("bad-request", "La solicitud contiene caracteres no válidos (NUL)."))
      if (/%00|\u0000/.test(request.url)) return badCharacters
      const checked = Effect.gen(function*() {
        if (request.method === "POST" && (request.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase() === "application/json") {
          const text = yield* Effect.orDie(request.text)
          if (text.includes("\u0000") || /\\u0000/i.test(text)) return badCharacters
        }
        return yield* app
      })
      const exit = yield* Effect.exit(Effect.provideService(checked, HttpIncomingMessage.MaxBodySize, ByteSize.bytes(limit)))
      if (Exit.isSuccess(exit)) {
        // The CAU relays after its own commits; SARI's and the casilla's events go out now too.
        if (request.method === "POST" && exit.value.status < 300 && (path.startsWith("/api/sari/") || path.startsWith("/api/casilla/"))) options.afterCommit?.()
        return exit.value
      }
      return yield* answerCause(request, exit.cause)
    }))

/** A failure no handler answered: a contract decoding failure, a body over the limit, an unknown route, or a defect. */
const answerCause = (request: HttpServerRequest.HttpServerRequest, cause: Cause.Cause<unknown>) =>
  Effect.gen(function*() {
    const failure = Option.getOrUndefined(Cause.findErrorOption(cause)) ?? Cause.squash(cause)
    // The tags and reasons down the failure's chain (an HttpServerError wraps a
    // RequestParseError whose reason is "BodyTooLarge"; a MultipartError wraps its reason).
    const marks = new Set<string>()
    for (let link: unknown = failure, depth = 0; typeof link === "object" && link !== null && depth < 5; depth++) {
      const { _tag, reason } = link as { _tag?: unknown; reason?: unknown }
      if (typeof _tag === "string") marks.add(_tag)
      if (typeof reason === "string") marks.add(reason)
      link = typeof reason === "object" ? reason : (link as { cause?: unknown }).cause
    }
    if (HttpApiError.HttpApiSchemaError.is(failure)) {
      const kind = (failure as { kind: string }).kind
      if (kind === "Payload") {
        const invalidJson = String((failure as { cause?: { message?: string } }).cause?.message ?? "").includes("valid JSON")
        return invalidJson
          ? problemResponse(new Problem("bad-json", "El cuerpo de la solicitud no es JSON válido."))
          : problemResponse(new Problem("bad-request", `La solicitud no es válida: ${String((failure as { cause?: { message?: string } }).cause?.message ?? "").slice(0, 300)}`))
      }
      if (kind === "Headers" || kind === "Params" || kind === "Query") {
        return problemResponse(new Problem("bad-request", `La solicitud no es válida (${kind}).`))
      }
    }
    if (HttpApiError.HttpApiPayloadTooLarge.is(failure) || ["BodyTooLarge", "FileTooLarge", "FieldTooLarge", "TooManyParts"].some((m) => marks.has(m))) {
      return yield* refuseBody(request)
    }
    if (marks.has("MultipartError")) return problemResponse(new Problem("bad-multipart", "El cuerpo multipart/form-data no se pudo leer."))
    // Text the database cannot hold (a NUL in a multipart field): the client's input, not a fault.
    if (/invalid byte sequence/.test(String((failure as { message?: unknown })?.message ?? ""))) {
      return problemResponse(new Problem("bad-request", "La solicitud contiene caracteres no válidos (NUL)."))
    }
    if (marks.has("RouteNotFound")) return problemResponse(notFound)
    if (marks.has("RequestParseError")) return problemResponse(new Problem("bad-request", "No se pudo leer la solicitud."))
    console.error("example-server: defect", Cause.pretty(cause))
    return problemResponse(new Problem("internal", "Error interno del servidor."))
  })

/**
 * The request handler of the example backend for `node:http`'s `createServer`: the contract
 * served by HttpApiBuilder through @effect/platform-node, behind the transport's guard. Lives
 * as long as `scope`.
 */
export const makeApiHandler = (options: ApiOptions): Effect.Effect<(req: IncomingMessage, res: ServerResponse) => void, never, Scope.Scope> =>
  Effect.gen(function*() {
    const api = HttpApiBuilder.layer(CauApi).pipe(
      Layer.provide(groups(options)),
      Layer.provide(NodeHttpServer.layerHttpServices),
      Layer.provide(HttpRouter.disableLogger)
    )
    const app = yield* HttpRouter.toHttpEffect(api)
    const scope = yield* Scope.Scope
    // The guard wraps the routes themselves (not as the server's middleware, which only sees
    // failures already turned into bare answers), so every failure leaves as a problem.
    const guarded = guard(options)(app).pipe(
      Effect.map((response) => HttpServerResponse.setHeaders(response, { "cache-control": "no-store", "x-content-type-options": "nosniff" }))
    )
    return yield* NodeHttpServer.makeHandler(guarded, { scope }) as Effect.Effect<(req: IncomingMessage, res: ServerResponse) => void>
  }).pipe(Effect.orDie)
