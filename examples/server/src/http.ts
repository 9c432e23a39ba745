// The CAU's HTTP contract (`CauApi` of @ecasilla/core/http, published as OpenAPI) served over
// the TicketService: every request is decoded and checked by @ecasilla/core, exactly as the
// browser elements do. Errors leave as the core's tagged errors with the status the contract
// declares (`cauHttpStatus`), so HttpApiClient decodes them unchanged.
import type { IncomingMessage, ServerResponse } from "node:http"
import type { Actor } from "@ecasilla/core"
import { defaultCauCatalog, type NewAttachment, TicketService, TicketStoreError } from "@ecasilla/core/cau"
import { ACTOR_HEADER, casillaHttpStatus, cauHttpStatus, MAX_NOTIFICATION_BYTES, MAX_REQUEST_BYTES, sariHttpStatus, sariStates } from "@ecasilla/core/http"
import type { CasillaService, NotificationQuery, NotificationState } from "@ecasilla/core/casilla"
import type { RoleChange, SariService } from "@ecasilla/core/sari"
import type { AccessSystem, RoleDirectory } from "@ecasilla/core/roles"
import * as MultipartParser from "effect/http/MultipartParser"
import type { Auth } from "./auth.js"
import * as SqlClient from "effect/sql/SqlClient"
import { IdempotencyKey, ticketOfIdempotencyKey } from "./sql/cau.js"
import { Directory } from "@ecasilla/core/ports"
import { Cause, Effect, Exit, Option, type ManagedRuntime } from "effect"

/** The header an upstream SSO gateway (SCA) sets to the signed-in user's code. */
export { ACTOR_HEADER }
const MAX_BODY = MAX_REQUEST_BYTES

type Runtime = ManagedRuntime.ManagedRuntime<TicketService | Directory, never>

class HttpProblem {
  constructor(readonly status: number, readonly code: string, readonly message: string) {}
}
const tooLarge = () => new HttpProblem(413, "too-large", "La solicitud excede el tamaño permitido.")

const send = (res: ServerResponse, status: number, body: unknown) => {
  const text = JSON.stringify(body)
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", "x-content-type-options": "nosniff" })
  res.end(text)
}

/** The body's bytes, at most `limit` of them (413 beyond). */
const readBytes = (req: IncomingMessage, limit = MAX_BODY): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Array<Buffer> = []
    let size = 0
    req.on("data", (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        req.pause()
        reject(tooLarge())
      } else chunks.push(chunk)
    })
    req.on("end", () => resolve(Buffer.concat(chunks)))
    req.on("error", () => reject(new HttpProblem(400, "bad-request", "No se pudo leer la solicitud.")))
  })

const readJson = async (req: IncomingMessage): Promise<unknown> => parseJson(await readBytes(req))

const parseJson = (bytes: Buffer): unknown => {
  const text = bytes.toString("utf8")
  if (text.trim() === "") return {}
  try {
    return JSON.parse(text)
  } catch {
    throw new HttpProblem(400, "bad-json", "El cuerpo de la solicitud no es JSON válido.")
  }
}

/**
 * A multipart/form-data body, read as it arrives with effect's multipart parser: its text
 * fields, and its `files` parts as attachments (file name and bytes). At most MAX_BODY in
 * all (413 beyond, answered while the rest is still arriving).
 */
const readMultipart = (req: IncomingMessage, limit = MAX_BODY): Promise<Record<string, unknown>> =>
  new Promise((resolve, reject) => {
    const fields: Record<string, unknown> = {}
    const files: Array<NewAttachment> = []
    const headers = Object.fromEntries(Object.entries(req.headers).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : [])))
    let failed = false
    const fail = (problem: HttpProblem) => {
      if (failed) return
      failed = true
      req.pause()
      reject(problem)
    }
    const parser = MultipartParser.make({
      headers,
      maxParts: 64,
      maxTotalSize: limit,
      maxPartSize: limit,
      maxFieldSize: 1024 * 1024,
      onField: (info, value) => {
        fields[info.name] = MultipartParser.decodeField(info, value)
      },
      onFile: (info) => {
        const chunks: Array<Uint8Array> = []
        return (chunk) => {
          if (chunk !== null) chunks.push(chunk)
          else if (info.name === "files") files.push({ name: info.filename ?? "archivo", bytes: new Uint8Array(Buffer.concat(chunks)) })
        }
      },
      onError: (error) =>
        fail(error._tag === "ReachedLimit" ? tooLarge() : new HttpProblem(400, "bad-multipart", "El cuerpo multipart/form-data no se pudo leer.")),
      onDone: () => {
        if (!failed) resolve(files.length ? { ...fields, files } : fields)
      }
    })
    req.on("data", (chunk: Buffer) => {
      if (!failed) parser.write(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length))
    })
    req.on("end", () => {
      if (!failed) parser.end()
    })
    req.on("error", () => fail(new HttpProblem(400, "bad-request", "No se pudo leer la solicitud.")))
  })

const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {})
const str = (v: unknown): string => (typeof v === "string" ? v : "")

/** Attachments travel as multipart `files` parts, or in JSON as `{ name, base64 }`; anything else is a 400. */
const attachmentsOf = (body: Record<string, unknown>): ReadonlyArray<NewAttachment> | undefined => {
  if (Array.isArray(body.files)) return body.files as ReadonlyArray<NewAttachment>
  const v = body.attachments
  if (v === undefined) return undefined
  if (!Array.isArray(v)) throw new HttpProblem(400, "bad-attachments", "Los adjuntos deben ser una lista de { name, base64 }.")
  return v.map((a) => {
    const r = asRecord(a)
    if (typeof r.name !== "string" || typeof r.base64 !== "string" || !/^[A-Za-z0-9+/]*={0,2}$/.test(r.base64)) {
      throw new HttpProblem(400, "bad-attachments", "Los adjuntos deben ser una lista de { name, base64 }.")
    }
    return { name: r.name, bytes: new Uint8Array(Buffer.from(r.base64, "base64")) }
  })
}

/**
 * Answers a body it will not read (413): the answer goes out first, with `connection: close`,
 * and the connection closes once it is sent, so the client reads why instead of a reset.
 */
const refuseBody = (req: IncomingMessage, res: ServerResponse, problem: HttpProblem) => {
  req.pause()
  res.once("finish", () => setTimeout(() => req.destroy(), 50))
  res.setHeader("connection", "close")
  send(res, problem.status, { error: { code: problem.code, message: problem.message } })
}

/** The status the contract declares for a core error, by its domain. */
const statusOf = (error: { readonly _tag?: string; readonly reason?: string }) =>
  error._tag?.startsWith("@ecasilla/core/sari/")
    ? sariHttpStatus(error)
    : error._tag?.startsWith("@ecasilla/core/casilla/")
      ? casillaHttpStatus(error)
      : cauHttpStatus(error)

/** The largest body a route reads: a notification's PDFs, or a ticket's files. */
const limitOf = (resource: string | undefined, id: string | undefined, action: string | undefined) =>
  resource === "casilla" && id === "notifications" && action === undefined ? MAX_NOTIFICATION_BYTES : MAX_BODY

/** Serialises a core error: its fields (tag, reason, issues…) plus the Spanish message. */
const errorBody = (error: object & { readonly message?: string }) => ({ error: { ...error, message: error.message } })

/** The request handler of the example backend. */
/** How callers are identified: sessions from /api/auth/login, and/or the SSO gateway's header. */
export interface HandlerOptions {
  readonly auth?: Auth
  /** The database, for the idempotency keys of creates (without it, keys are refused). */
  readonly sql?: SqlClient.SqlClient
  /** Trust the `x-ecasilla-user` header set by the single sign-on gateway (default true). */
  readonly trustActorHeader?: boolean
  /** SARI's service (the /api/sari routes); without it they answer 404. */
  readonly sari?: SariService["Service"]
  /** The casilla's service (the /api/casilla routes); without it they answer 404. */
  readonly casilla?: CasillaService["Service"]
  /** Where callers' roles are read (directory roles plus SARI's assignments); default: the Directory's. */
  readonly roles?: RoleDirectory["Service"]
}

export const makeHandler = (runtime: Runtime, options: HandlerOptions = {}) => {
  const trustHeader = options.trustActorHeader ?? true
  const runtimeSql = <A, E>(effect: Effect.Effect<A, E, SqlClient.SqlClient>): Effect.Effect<A, E | HttpProblem> =>
    options.sql ? Effect.provideService(effect, SqlClient.SqlClient, options.sql) : Effect.fail(new HttpProblem(400, "no-idempotency", "Este servidor no admite claves de idempotencia."))
  const run = async <A>(res: ServerResponse, status: number, effect: Effect.Effect<A, unknown, TicketService | Directory>) => {
    const exit = await runtime.runPromiseExit(effect)
    if (Exit.isSuccess(exit)) return send(res, status, exit.value)
    const failure = Cause.findErrorOption(exit.cause)
    if (Option.isSome(failure) && failure.value instanceof HttpProblem) {
      return send(res, failure.value.status, { error: { code: failure.value.code, message: failure.value.message } })
    }
    if (Option.isSome(failure) && typeof failure.value === "object" && failure.value !== null) {
      const error = failure.value as { _tag?: string; reason?: string; message?: string }
      return send(res, statusOf(error), errorBody(error))
    }
    console.error("example-server: defect", Cause.pretty(exit.cause))
    return send(res, 500, { error: { code: "internal", message: "Error interno del servidor." } })
  }

  const actorOf = (req: IncomingMessage) =>
    Effect.gen(function*() {
      const bearer = /^Bearer\s+(\S+)$/i.exec(str(req.headers.authorization))?.[1]
      const id = trustHeader ? str(req.headers[ACTOR_HEADER]).trim() : ""
      const found = bearer !== undefined
        ? options.auth ? yield* options.auth.actorOfToken(bearer).pipe(Effect.orElseSucceed(() => Option.none<Actor>())) : Option.none<Actor>()
        : id ? yield* Effect.flatMap(Directory, (d) => d.findUser(id)) : Option.none<Actor>()
      if (Option.isNone(found)) return yield* Effect.fail(new HttpProblem(401, "unauthenticated", "Inicie sesión para continuar."))
      if (!options.roles) return found.value
      // The roles held now: the directory's, with what SARI granted or revoked.
      const now = yield* options.roles.actorOf(found.value.id).pipe(Effect.orElseSucceed(() => Option.none<Actor>()))
      if (Option.isNone(now)) return yield* Effect.fail(new HttpProblem(401, "unauthenticated", "Inicie sesión para continuar."))
      return now.value
    })

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const url = new URL(req.url ?? "/", "http://localhost")
      const parts = url.pathname.split("/").filter(Boolean)
      if (parts[0] !== "api") return send(res, 404, { error: { code: "not-found", message: "Recurso no encontrado." } })
      const [, resource, id, action] = parts
      const method = req.method ?? "GET"
      // CORS stays closed: no preflight is answered and no Access-Control header is ever sent,
      // so a page of another origin cannot call the API with the user's session.
      if (method !== "GET" && method !== "POST") return send(res, 405, { error: { code: "method-not-allowed", message: "Método no permitido." } })
      if (method === "POST") {
        // JSON, or multipart/form-data where files go (a new ticket, a note). A cross-site
        // HTML form can post text/plain or form data but never set the caller's header or
        // bearer token, so what it posts is refused as unauthenticated before it is read.
        const type = String(req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase()
        const filesGo = (resource === "tickets" && (id === undefined || action === "notes")) || (resource === "casilla" && id === "notifications" && action === undefined)
        if (type !== "application/json" && !(filesGo && type === "multipart/form-data")) {
          return send(res, 415, { error: { code: "unsupported-media-type", message: "Envíe el cuerpo como application/json (o multipart/form-data con adjuntos)." } })
        }
        // A declared length over the limit is refused before a byte of the body is read.
        if (Number(req.headers["content-length"] ?? 0) > limitOf(resource, id, action)) return refuseBody(req, res, tooLarge())
      }

      if (resource === "health" && method === "GET") return send(res, 200, { ok: true })
      if (resource === "catalog" && method === "GET") return send(res, 200, defaultCauCatalog)
      if (resource === "auth" && id === "captcha" && method === "GET" && options.auth) {
        return send(res, 200, await Effect.runPromise(options.auth.issueCaptcha))
      }
      if (resource === "auth" && method === "POST" && options.auth) {
        const auth = options.auth
        const body = asRecord(await readJson(req))
        const address = req.socket.remoteAddress ?? "?"
        if (id === "login") {
          const captcha = asRecord(body.captcha)
          const outcome = await Effect.runPromise(auth.login({
            userCode: str(body.userCode),
            password: str(body.password),
            ...(typeof captcha.token === "string" ? { captcha: { token: captcha.token, answer: str(captcha.answer) } } : {})
          }, address))
          if (outcome.ok) return send(res, 200, outcome.session)
          if (outcome.refusal === "rate-limited") return send(res, 429, { error: { code: "rate-limited", message: "Demasiados intentos: espere unos minutos y vuelva a intentarlo." } })
          if (outcome.refusal === "bad-captcha") return send(res, 401, { error: { code: "bad-captcha", message: "El código de seguridad no es correcto." } })
          return send(res, 401, { error: { code: "invalid-credentials", message: "El usuario o la contraseña no son correctos." } })
        }
        if (id === "logout") {
          const bearer = /^Bearer\s+(\S+)$/i.exec(str(req.headers.authorization))?.[1]
          if (bearer) await Effect.runPromise(auth.logout(bearer).pipe(Effect.ignore))
          return send(res, 200, { ok: true })
        }
        if (id === "reset" && action === "confirm") {
          const outcome = await Effect.runPromise(auth.confirmReset(str(body.token), str(body.password)))
          if (outcome === "weak-password") return send(res, 400, { error: { code: "weak-password", message: "La contraseña debe tener de 8 a 200 caracteres." } })
          if (outcome === "invalid-token") return send(res, 400, { error: { code: "invalid-token", message: "El enlace para restablecer la contraseña no es válido o ya venció. Pida uno nuevo." } })
          return send(res, 200, { ok: true })
        }
        if (id === "reset" && action === undefined) {
          // The same answer whether the account exists or not; only the rate limit shows.
          const answer = await Effect.runPromise(auth.requestReset(str(body.userCode), address))
          if (answer === "rate-limited") return send(res, 429, { error: { code: "rate-limited", message: "Demasiados intentos: espere unos minutos y vuelva a intentarlo." } })
          return send(res, 202, { accepted: true })
        }
      }
      if (resource === "users" && method === "GET" && id === undefined) {
        // The directory, for the "en nombre de" search: only for a signed-in caller.
        const q = url.searchParams.get("q") ?? ""
        const limit = Math.min(Number(url.searchParams.get("limit") ?? 20) || 20, 100)
        return await run(res, 200, Effect.flatMap(actorOf(req), () => Effect.flatMap(Directory, (d) => d.searchUsers(q, limit))))
      }
      if (resource === "sari" && options.sari) {
        const sari = options.sari
        const body = method === "POST" ? asRecord(await readJson(req)) : {}
        const as = <A, E>(f: (actor: Actor) => Effect.Effect<A, E>) => Effect.flatMap(actorOf(req), f)
        const action = parts[4]
        const changes = (v: unknown) => (Array.isArray(v) ? v : []) as ReadonlyArray<RoleChange>
        let effect: Effect.Effect<unknown, unknown, TicketService | Directory> | undefined
        let status = 200
        if (id === "collaborators" && method === "GET") {
          effect = as((a) => sari.findCollaborators(a, url.searchParams.get("q") ?? "", Math.min(Number(url.searchParams.get("limit") ?? 20) || 20, 100)))
        } else if (id === "approvals" && method === "POST") {
          const ids = Array.isArray(body.requestIds) ? body.requestIds.filter((x): x is string => typeof x === "string").slice(0, 200) : []
          effect = as((a) =>
            Effect.map(sari.approveRequests(a, ids), (items) =>
              items.map((i) => (i.result._tag === "Success" ? { requestId: i.requestId, request: i.result.success } : { requestId: i.requestId, error: errorBody(i.result.failure as never).error }))))
        } else if (id === "requests" && parts[3] === undefined && method === "GET") {
          const view = url.searchParams.get("view") === "inbox" ? "inbox" : "mine"
          const system = url.searchParams.get("system")
          const states = sariStates(url.searchParams.get("states") ?? undefined)
          effect = as((a) =>
            sari.listRequests(a, {
              view,
              ...(states ? { states } : {}),
              ...(system === "casilla" || system === "cau" ? { system } : {}),
              ...(url.searchParams.get("search") ? { search: url.searchParams.get("search")! } : {}),
              limit: Math.min(Number(url.searchParams.get("limit") ?? 100) || 100, 500)
            }))
        } else if (id === "requests" && parts[3] === undefined && method === "POST") {
          status = 201
          effect = as((a) =>
            sari.createRequest(a, {
              collaboratorId: str(body.collaboratorId),
              system: str(body.system) as AccessSystem,
              changes: changes(body.changes),
              ...(body.send === true ? { send: true } : {})
            }))
        } else if (id === "requests" && parts[3] !== undefined) {
          const requestId = parts[3]
          const commands: Record<string, (a: Actor) => Effect.Effect<unknown, unknown>> = method === "GET"
            ? { "": (a) => sari.getRequest(a, requestId), audit: (a) => sari.auditTrail(a, requestId) }
            : {
              edit: (a) => sari.updateRequest(a, requestId, { changes: changes(body.changes), ...(body.send === true ? { send: true } : {}) }),
              send: (a) => sari.sendRequest(a, requestId),
              withdraw: (a) => sari.withdrawRequest(a, requestId),
              approve: (a) => sari.approveRequest(a, requestId),
              reject: (a) => sari.rejectRequest(a, requestId, { reason: str(body.reason) })
            }
          const command = commands[action ?? ""]
          if (command) effect = as(command)
        }
        if (!effect) return send(res, 404, { error: { code: "not-found", message: "Recurso no encontrado." } })
        return await run(res, status, effect)
      }
      if (resource === "casilla" && options.casilla) {
        const casilla = options.casilla
        const multipart = String(req.headers["content-type"] ?? "").toLowerCase().startsWith("multipart/form-data")
        const limit = limitOf(resource, id, action)
        const body = method === "POST" ? asRecord(multipart ? await readMultipart(req, limit) : await readBytes(req, limit).then((b) => parseJson(b))) : {}
        const as = <A, E>(f: (actor: Actor) => Effect.Effect<A, E>) => Effect.flatMap(actorOf(req), f)
        const [, , kind, key, sub, subKey] = parts
        let effect: Effect.Effect<unknown, unknown, TicketService | Directory> | undefined
        let status = 200
        const listQuery = (): NotificationQuery & { readonly scope?: "receptor" | "notificador" | "emisor" } => {
          const p = url.searchParams
          const scope = p.get("scope")
          const after = p.get("afterDate") && p.get("afterId") ? { after: { date: p.get("afterDate")!, id: p.get("afterId")! } } : {}
          return {
            ...(scope === "receptor" || scope === "notificador" || scope === "emisor" ? { scope } : {}),
            ...(p.get("states") ? { states: p.get("states")!.split(",").map((x) => x.trim()) as Array<NotificationState> } : {}),
            ...(p.get("unread") === "1" ? { unread: true } : {}),
            ...(p.get("from") ? { from: p.get("from")! } : {}),
            ...(p.get("to") ? { to: p.get("to")! } : {}),
            ...(p.get("text") ? { text: p.get("text")! } : {}),
            limit: Math.min(Number(p.get("limit") ?? 50) || 50, 500),
            ...after
          }
        }
        if (kind === "casillas") {
          if (key === undefined && method === "POST") {
            status = 201
            const titular = asRecord(body.titular)
            effect = as((a) =>
              casilla.createCasilla(a, {
                receptorKind: str(body.receptorKind) as never,
                loginId: str(body.loginId),
                name: str(body.name),
                ...(typeof body.email === "string" ? { email: body.email } : {}),
                origin: str(body.origin) as never,
                ...(typeof titular.dni === "string" ? { titular: { dni: titular.dni, name: str(titular.name) } } : {})
              }))
          } else if (key === "by-login" && sub !== undefined && method === "GET") effect = as((a) => casilla.findCasilla(a, sub))
          else if (key !== undefined && sub === undefined && method === "GET") effect = as((a) => casilla.getCasilla(a, key))
          else if (key !== undefined && sub === "activate" && method === "POST") effect = as((a) => casilla.activateCasilla(a, key))
          else if (key !== undefined && sub === "titular" && method === "POST") effect = as((a) => casilla.changeTitular(a, key, { dni: str(body.dni), name: str(body.name) }))
        } else if (kind === "notifications") {
          if (key === undefined && method === "POST") {
            status = 201
            const cedula = asRecord(body.cedula)
            const emisor = asRecord(body.emisor)
            const documents = multipart
              ? (Array.isArray(body.files) ? body.files as ReadonlyArray<NewAttachment> : [])
              : (attachmentsOf({ attachments: body.documents }) ?? [])
            const plazo = multipart ? (body.plazoDiasHabiles === undefined ? undefined : Number(body.plazoDiasHabiles)) : cedula.plazoDiasHabiles
            effect = as((a) =>
              casilla.prepareNotification(a, {
                casillaId: str(body.casillaId),
                emisor: multipart ? { id: str(body.emisorId), name: str(body.emisorName) } : { id: str(emisor.id), name: str(emisor.name) },
                cedula: {
                  numero: str(multipart ? body.numero : cedula.numero),
                  asunto: str(multipart ? body.asunto : cedula.asunto),
                  ...(typeof (multipart ? body.expediente : cedula.expediente) === "string" ? { expediente: str(multipart ? body.expediente : cedula.expediente) } : {}),
                  ...(typeof plazo === "number" && Number.isFinite(plazo) ? { plazoDiasHabiles: plazo } : {})
                },
                documents
              }))
          } else if (key === undefined && method === "GET") effect = as((a) => casilla.listNotifications(a, listQuery()))
          else if (key === "count" && method === "GET") effect = as((a) => Effect.map(casilla.countNotifications(a, listQuery()), (count) => ({ count })))
          else if (key !== undefined && sub === undefined && method === "GET") effect = as((a) => casilla.getNotification(a, key))
          else if (key !== undefined && sub === "sign" && method === "POST") effect = as((a) => casilla.signNotification(a, key))
          else if (key !== undefined && sub === "deposit" && method === "POST") effect = as((a) => casilla.depositNotification(a, key))
          else if (key !== undefined && sub === "open" && method === "POST") effect = as((a) => casilla.openNotification(a, key))
          else if (key !== undefined && sub === "documents" && subKey !== undefined && method === "GET") {
            effect = as((a) => Effect.map(casilla.downloadDocument(a, key, subKey), (d) => ({ notification: d.notification, document: d.document, base64: Buffer.from(d.bytes).toString("base64") })))
          } else if (key !== undefined && sub === "constancia" && method === "GET") {
            effect = as((a) => Effect.map(casilla.getConstancia(a, key), (c) => ({ constancia: c.constancia, base64: Buffer.from(c.pdf).toString("base64") })))
          }
        }
        if (!effect) return send(res, 404, { error: { code: "not-found", message: "Recurso no encontrado." } })
        return await run(res, status, effect)
      }
      if (resource !== "tickets") return send(res, 404, { error: { code: "not-found", message: "Recurso no encontrado." } })

      const body = method === "POST"
        ? asRecord(String(req.headers["content-type"] ?? "").toLowerCase().startsWith("multipart/form-data") ? await readMultipart(req) : await readJson(req))
        : {}
      const withActor = <A, E>(f: (actor: Actor, cau: TicketService["Service"]) => Effect.Effect<A, E>) =>
        Effect.gen(function*() {
          const actor = yield* actorOf(req)
          const cau = yield* TicketService
          return yield* f(actor, cau)
        })

      // With an Idempotency-Key, a command already applied (a create, or an offline page's
      // replay of any command) answers with its ticket instead of being applied again; the key
      // commits with the change, so two racing replays apply it once.
      const key = str(req.headers["idempotency-key"]).trim()
      if (key && !/^[A-Za-z0-9_-]{8,100}$/.test(key)) {
        return send(res, 400, { error: { code: "bad-idempotency-key", message: "La clave de idempotencia debe tener de 8 a 100 letras, dígitos, - o _." } })
      }
      const keyed = (ticketId: string | undefined, command: (actor: Actor, cau: TicketService["Service"]) => Effect.Effect<unknown, unknown>) =>
        withActor((actor, cau) =>
          Effect.gen(function*() {
            if (!key) return yield* command(actor, cau)
            const applied = yield* runtimeSql(ticketOfIdempotencyKey(actor.id, key))
            if (Option.isSome(applied)) return yield* cau.getTicket(actor, applied.value)
            return yield* command(actor, cau).pipe(
              Effect.provideService(IdempotencyKey, { actorId: actor.id, key }),
              Effect.catch((e) =>
                !(e instanceof TicketStoreError) || (e.reason !== "duplicate" && !(ticketId !== undefined && e.reason === "conflict"))
                  ? Effect.fail(e)
                  : Effect.gen(function*() {
                    // The racing twin committed first: answer with what it made.
                    const found = yield* runtimeSql(ticketOfIdempotencyKey(actor.id, key))
                    if (Option.isNone(found)) return yield* Effect.fail(e)
                    return yield* cau.getTicket(actor, found.value)
                  }))
            )
          }))
      let effect: Effect.Effect<unknown, unknown, TicketService | Directory> | undefined
      let status = 200
      if (id === undefined && method === "GET") {
        // Who sees what is the core's rule, applied inside the service: staff list anything,
        // others only their own.
        effect = withActor((actor, cau) =>
          cau.listTickets(actor, {
            requesterId: url.searchParams.get("mine") === "1" ? actor.id : url.searchParams.get("requesterId") ?? undefined,
            analystId: url.searchParams.get("analystId") ?? undefined,
            limit: Math.min(Number(url.searchParams.get("limit") ?? 50) || 50, 500)
          })
        )
      } else if (id === undefined && method === "POST") {
        status = 201
        const attachments = attachmentsOf(body)
        effect = keyed(undefined, (actor, cau) =>
          cau.createTicket(actor, {
            titulo: str(body.titulo),
            descripcion: str(body.descripcion),
            tipo: str(body.tipo),
            categoria: str(body.categoria),
            telefono: str(body.telefono),
            onBehalfOf: typeof body.onBehalfOf === "string" ? body.onBehalfOf : undefined,
            attachments
          }))
      } else if (id === "by-number" && action !== undefined && method === "GET") {
        effect = withActor((actor, cau) => cau.getTicketByNumber(actor, action))
      } else if (id !== undefined && action === "attachments" && parts[4] !== undefined && method === "GET") {
        const attachmentId = parts[4]
        effect = withActor((actor, cau) =>
          Effect.map(cau.getAttachment(actor, id, attachmentId), ({ meta, bytes }) => ({ meta, base64: Buffer.from(bytes).toString("base64") })))
      } else if (id !== undefined && action === undefined && method === "GET") {
        effect = withActor((actor, cau) => cau.getTicket(actor, id))
      } else if (id !== undefined && method === "POST") {
        const commands: Record<string, (actor: Actor, cau: TicketService["Service"]) => Effect.Effect<unknown, unknown>> = {
          edit: (a, c) =>
            c.editTicket(a, id, Object.fromEntries(
              (["titulo", "descripcion", "tipo", "categoria", "telefono"] as const).flatMap((k) => (typeof body[k] === "string" ? [[k, body[k]]] : []))
            )),
          assign: (a, c) => c.assignTicket(a, id, { analystId: str(body.analystId), supportGroup: typeof body.supportGroup === "string" ? body.supportGroup : undefined }),
          notes: (a, c) => c.addNote(a, id, { message: str(body.message), attachments: attachmentsOf(body) }),
          resolve: (a, c) => c.resolveTicket(a, id, { answer: str(body.answer) }),
          incorrecta: (a, c) => c.rejectResolution(a, id, { comment: str(body.comment) }),
          correcta: (a, c) => c.acceptResolution(a, id),
          survey: (a, c) => c.submitSurvey(a, id, { level: str(body.level) as never, comment: typeof body.comment === "string" ? body.comment : undefined })
        }
        const command = action === undefined ? undefined : commands[action]
        if (command) effect = keyed(id, command)
      }
      if (!effect) return send(res, 404, { error: { code: "not-found", message: "Recurso no encontrado." } })
      return await run(res, status, effect)
    } catch (problem) {
      if (problem instanceof HttpProblem && problem.status === 413) return refuseBody(req, res, problem)
      if (problem instanceof HttpProblem) return send(res, problem.status, { error: { code: problem.code, message: problem.message } })
      console.error("example-server: unexpected", problem)
      return send(res, 500, { error: { code: "internal", message: "Error interno del servidor." } })
    }
  }
}
