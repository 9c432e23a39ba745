// TicketService and Directory over HTTP: every call goes through a client derived from the
// core's contract (HttpApiClient of CauApi, no hand-written requests), so the answers are
// decoded with the core's Schemas and the backend's errors come back as the core's tagged
// errors. The backend decides who may read or write (the caller travels in the actor header);
// this adapter only translates.
import { type AttachmentMeta, type Ticket, TicketError, TicketService, TicketStoreError, TicketValidationError, AttachmentError } from "@ecasilla/core/cau"
import { ACTOR_HEADER } from "@ecasilla/core/http"
import { Directory } from "@ecasilla/core/ports"
import { type Actor, isSystemPrincipal, type Principal } from "@ecasilla/core/roles"
import { Context, Duration, Effect, Layer, Option } from "effect"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import { carriedError, makeClients } from "./client.js"

/**
 * Where the backend is, and how patient to be with it.
 *
 * @since 0.2.0
 * @category models
 */
export interface HttpCauOptions {
  /** The backend's origin, e.g. `https://intranet.cgr.gob.pe` (the contract's paths start with /api). */
  readonly baseUrl: string
  /** Per request (default 15 s); a request that takes longer fails as `unavailable`. */
  readonly timeout?: Duration.Input
  /** Retries of reads on a network failure or a 5xx, with exponential backoff (default 2). */
  readonly retries?: number
  /**
   * The `Authorization` header of the page's session, read before every request (e.g.
   * `() => session ? \`Bearer ${session.token}\` : undefined` after `POST /api/auth/login`).
   * The backend then knows the caller by the session, whatever the acting header says.
   */
  readonly authorization?: () => string | undefined | Promise<string | undefined>
}

type CoreError = TicketError | TicketStoreError | TicketValidationError | AttachmentError
const isCoreError = (e: unknown): e is CoreError =>
  e instanceof TicketError || e instanceof TicketStoreError || e instanceof TicketValidationError || e instanceof AttachmentError

/**
 * The backend's answer as the core's error: a declared error is the core's tagged error it
 * carries; anything else (no network, a timeout, a body that does not decode, a transport
 * refusal) is a typed `unavailable`, never a crash.
 */
const translate = (ticketId: string | undefined) => (e: unknown): CoreError => {
  const { carried, detail } = carriedError(e)
  if (isCoreError(carried)) return carried
  return new TicketStoreError({ reason: "unavailable", detail, ...(ticketId ? { ticketId } : {}) })
}

/**
 * The Idempotency-Key the next command carries. A create always carries one (a fresh one
 * when this is unset); any other command carries one only when it is set, and is then
 * retried like a read: the backend commits the key with the change, so a replay after a
 * lost answer is answered with the ticket instead of being applied twice. The offline
 * queue sets it to the key it stored with each command.
 *
 * @since 0.2.0
 * @category idempotency
 */
export const IdempotencyKey = Context.Reference<string | undefined>("@ecasilla/adapters/http/IdempotencyKey", {
  defaultValue: () => undefined
})

/** Fields and files as multipart/form-data: each file a `files` part with its name. */
const formOf = (fields: Record<string, string>, files: ReadonlyArray<{ readonly name: string; readonly bytes: Uint8Array }>): FormData => {
  const form = new FormData()
  for (const [k, v] of Object.entries(fields)) form.append(k, v)
  for (const f of files) form.append("files", new Blob([f.bytes as Uint8Array<ArrayBuffer>], { type: "application/octet-stream" }), f.name)
  return form
}
const bytesOf = (b64: string): Uint8Array => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))

/**
 * TicketService and Directory over a backend serving `CauApi`. Reads, and creates (which carry
 * an Idempotency-Key the backend commits with the ticket), are retried on network failures and
 * 5xx answers; the other commands are not. System jobs (auto-close) are the backend's own:
 * refused here.
 *
 * @since 0.2.0
 * @category layers
 */
export const layerHttpCau = (options: HttpCauOptions): Layer.Layer<TicketService | Directory> => {
  const timeout = options.timeout ?? Duration.seconds(15)
  const services = Effect.gen(function*() {
    const { client, retrying } = yield* makeClients(options)
    const as = (actor: Principal) => ({ headers: { [ACTOR_HEADER]: (actor as Actor).id } })
    const call = <A, E>(ticketId: string | undefined, actor: Principal, effect: (headers: ReturnType<typeof as>) => Effect.Effect<A, E>): Effect.Effect<A, CoreError> =>
      isSystemPrincipal(actor)
        ? Effect.fail(new TicketError({ reason: "not-allowed", action: "system" }))
        : effect(as(actor)).pipe(Effect.timeout(timeout), Effect.mapError(translate(ticketId)))
    // A command with an Idempotency-Key (the offline queue's replays) is safe to retry.
    const command = <A, E>(ticketId: string, actor: Principal, f: (c: typeof client, headers: { readonly [ACTOR_HEADER]: string; readonly "idempotency-key"?: string }) => Effect.Effect<A, E>): Effect.Effect<A, CoreError> =>
      Effect.flatMap(Effect.service(IdempotencyKey), (key) =>
        call(ticketId, actor, (h) => (key === undefined ? f(client, h.headers) : f(retrying, { ...h.headers, "idempotency-key": key }))))
    const service = TicketService.of({
      // A create carries an Idempotency-Key, so it is retried like a read: a replay after a
      // lost answer finds the ticket the first attempt made instead of filing a second one.
      createTicket: (actor, input) => {
        const fields = {
          titulo: input.titulo,
          descripcion: input.descripcion,
          tipo: input.tipo,
          categoria: input.categoria,
          telefono: input.telefono,
          ...(input.onBehalfOf ? { onBehalfOf: input.onBehalfOf } : {})
        }
        return Effect.flatMap(Effect.service(IdempotencyKey), (key) => call(undefined, actor, (h) =>
          retrying.tickets.create({
            headers: { ...h.headers, "idempotency-key": key ?? globalThis.crypto.randomUUID() },
            // Files go as multipart parts (their bytes as they are); a ticket without files as JSON.
            payload: (input.attachments?.length ? formOf(fields, input.attachments) : fields) as unknown as FormData
          }))) as Effect.Effect<Ticket, never>
      },
      editTicket: (actor, id, patch) => command(id, actor, (c, headers) => c.tickets.edit({ headers, params: { id }, payload: patch })) as Effect.Effect<Ticket, never>,
      assignTicket: (actor, id, input) => command(id, actor, (c, headers) => c.tickets.assign({ headers, params: { id }, payload: input })) as Effect.Effect<Ticket, never>,
      addNote: (actor, id, input) =>
        command(id, actor, (c, headers) =>
          c.tickets.note({
            headers,
            params: { id },
            payload: (input.attachments?.length ? formOf({ message: input.message }, input.attachments) : { message: input.message }) as unknown as FormData
          })) as Effect.Effect<Ticket, never>,
      resolveTicket: (actor, id, input) => command(id, actor, (c, headers) => c.tickets.resolve({ headers, params: { id }, payload: input })) as Effect.Effect<Ticket, never>,
      rejectResolution: (actor, id, input) => command(id, actor, (c, headers) => c.tickets.reject({ headers, params: { id }, payload: input })) as Effect.Effect<Ticket, never>,
      acceptResolution: (actor, id) => command(id, actor, (c, headers) => c.tickets.accept({ headers, params: { id }, payload: {} })) as Effect.Effect<Ticket, never>,
      submitSurvey: (actor, id, input) =>
        command(id, actor, (c, headers) => c.tickets.survey({ headers, params: { id }, payload: input as { readonly level: NonNullable<typeof input.level>; readonly comment?: string } })) as Effect.Effect<Ticket, never>,
      autoCloseResolved: () => Effect.fail(new TicketError({ reason: "not-allowed", action: "auto-close" })),
      getTicket: (actor, id) => call(id, actor, (h) => retrying.tickets.get({ ...h, params: { id } })) as Effect.Effect<Ticket, never>,
      getTicketByNumber: (actor, number) => call(number, actor, (h) => retrying.tickets.getByNumber({ ...h, params: { number } })) as Effect.Effect<Ticket, never>,
      listTickets: (actor, query) =>
        call(undefined, actor, (h) =>
          retrying.tickets.list({
            ...h,
            query: {
              ...(query?.requesterId ? { requesterId: query.requesterId } : {}),
              ...(query?.analystId ? { analystId: query.analystId } : {}),
              ...(query?.limit !== undefined ? { limit: String(query.limit) } : {})
            }
          })).pipe(
          // The contract filters by requester and analyst; states are narrowed here, as the stores do.
          Effect.map((tickets) => (query?.states ? tickets.filter((t) => query.states!.includes(t.state)) : tickets))
        ) as Effect.Effect<ReadonlyArray<Ticket>, TicketStoreError>,
      getAttachment: (actor, id, attachmentId) =>
        call(id, actor, (h) => retrying.tickets.attachment({ ...h, params: { id, attachmentId } })).pipe(
          Effect.map((a) => ({ meta: a.meta as AttachmentMeta, bytes: bytesOf(a.base64) }))
        ) as Effect.Effect<{ readonly meta: AttachmentMeta; readonly bytes: Uint8Array }, never>
    })
    // The directory a form searches; without a signed-in person there is nobody to ask as.
    let lastActor: Principal | undefined
    const directory = Directory.of({
      findUser: (userId) =>
        lastActor === undefined
          ? Effect.succeed(Option.none())
          : retrying.directory.search({ ...as(lastActor), query: { q: userId, limit: "20" } }).pipe(
            Effect.map((users) => Option.fromNullishOr(users.find((u) => u.id === userId))),
            Effect.orElseSucceed(() => Option.none())
          ),
      searchUsers: (q, limit = 20) =>
        lastActor === undefined
          ? Effect.succeed([])
          : retrying.directory.search({ ...as(lastActor), query: { q, limit: String(limit) } }).pipe(Effect.orElseSucceed(() => [])),
      findCollaborators: () => Effect.succeed([])
    })
    // Remember who calls, so the directory searches as them.
    const tracked = TicketService.of(Object.fromEntries(Object.entries(service).map(([k, f]) => [k, (actor: Principal, ...rest: Array<unknown>) => {
      if (!isSystemPrincipal(actor)) lastActor = actor
      return (f as (...a: Array<unknown>) => unknown)(actor, ...rest)
    }])) as unknown as TicketService["Service"])
    return { service: tracked, directory }
  })
  return Layer.unwrap(Effect.map(services, ({ service, directory }) => Layer.merge(Layer.succeed(TicketService, service), Layer.succeed(Directory, directory)))).pipe(
    Layer.provide(FetchHttpClient.layer)
  )
}
