// The example backend: the CAU, SARI and the casilla over effect/sql (PGlite embedded, or PostgreSQL), their
// HTTP contract served by effect's HttpApiBuilder on @effect/platform-node.
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { layerMemoryCau } from "@ecasilla/adapters/memory"
import { layerNodeHtmlSanitizer } from "@ecasilla/adapters/node"
import { TicketStore } from "@ecasilla/core/cau"
import { Directory, EventOutbox, EventRelay, Ids, Mailer, relayEvents } from "@ecasilla/core/ports"
import { casillaMailConsumer, CasillaConfig, type CasillaConfigShape, CasillaService, CasillaStore, defaultCasillaConfig, firmaDocumentVerifier, layerCasillaEventOutbox } from "@ecasilla/core/casilla"
import { ticketMailConsumer } from "@ecasilla/core/cau"
import { RoleDirectory } from "@ecasilla/core/roles"
import { layerSariRoleDirectory, SariConfig, type SariConfigShape, sariMailConsumer, SariService, SariStore } from "@ecasilla/core/sari"
import { Effect, Exit, Layer, ManagedRuntime, Scope } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import type { SqlError } from "effect/sql/SqlError"
import { makeApiHandler } from "./api.js"
import { layerSqlStores, makeSqlOutboxMailer } from "./sql/index.js"
import { type AuthOptions, makeAuth } from "./auth.js"

/**
 * The backend's storage: the SQL stores over one database (migrated when opened). Statements
 * of a test or a seed run on it with `runPromise`.
 */
export type Backend = ManagedRuntime.ManagedRuntime<TicketStore | SariStore | CasillaStore | EventOutbox | Directory | Ids | SqlClient.SqlClient, SqlError>

/** Opens the database of `sql` (e.g. `layerPglite({ dataDir })`) and brings its schema up to date. */
export const openBackend = async (sql: Layer.Layer<SqlClient.SqlClient, SqlError>): Promise<Backend> => {
  const backend = ManagedRuntime.make(layerSqlStores.pipe(Layer.provideMerge(sql)))
  await backend.context()
  return backend
}

/**
 * The CAU services over the backend's stores: each command commits the ticket, its files and
 * its events in one SQL transaction; the relay then hands the events to the mail consumer
 * (`mailer` defaults to the SQL mail queue).
 */
export const makeCauRuntime = async (
  backend: Backend,
  options: { readonly mailer?: Layer.Layer<Mailer>; readonly roles?: RoleDirectory["Service"] } = {}
) => {
  const ports = await backend.runPromise(Effect.all({ store: Effect.service(TicketStore), outbox: Effect.service(EventOutbox), directory: Effect.service(Directory), ids: Effect.service(Ids), queue: makeSqlOutboxMailer }))
  const directory = options.roles ? withRolesHeldNow(ports.directory, options.roles) : ports.directory
  return ManagedRuntime.make(
    layerMemoryCau({
      store: Layer.merge(Layer.succeed(TicketStore, ports.store), Layer.succeed(EventOutbox, ports.outbox)),
      directory: Layer.succeed(Directory, directory),
      ids: Layer.succeed(Ids, ports.ids),
      mailer: options.mailer ?? Layer.succeed(Mailer, ports.queue),
      // The shared outbox holds the CAU's and SARI's events: each has its mails.
      consumers: [ticketMailConsumer, sariMailConsumer],
      sanitizer: layerNodeHtmlSanitizer
    })
  )
}

/**
 * The Directory with the roles people hold now (their directory roles plus SARI's
 * assignments), so the CAU sees an analyst or a group lead SARI made at once.
 */
const withRolesHeldNow = (directory: Directory["Service"], roles: RoleDirectory["Service"]): Directory["Service"] =>
  Directory.of({
    findUser: (id) => roles.actorOf(id).pipe(Effect.catch(() => directory.findUser(id))),
    searchUsers: (query, limit) =>
      Effect.flatMap(directory.searchUsers(query, limit), (users) =>
        Effect.forEach(users, (u) => roles.actorOf(u.id).pipe(Effect.map((a) => (a._tag === "Some" ? a.value : u)), Effect.orElseSucceed(() => u)))),
    findCollaborators: (query) => directory.findCollaborators(query)
  })

/**
 * SARI's service over the backend's stores (requests, role assignments and the audit trail
 * commit in one SQL transaction), with the deployment's units and roles; and the
 * RoleDirectory every request's caller is read through, so a role SARI grants or revokes
 * counts in the CAU at once.
 */
export const makeSariService = (backend: Backend, config: SariConfigShape) =>
  backend.runPromise(Effect.gen(function*() {
    const ports = Layer.mergeAll(
      Layer.succeed(SariStore, yield* Effect.service(SariStore)),
      Layer.succeed(Directory, yield* Effect.service(Directory)),
      Layer.succeed(Ids, yield* Effect.service(Ids))
    )
    const layer = Layer.merge(SariService.layer, layerSariRoleDirectory).pipe(Layer.provideMerge(ports), Layer.provide(Layer.succeed(SariConfig, config)))
    return yield* Effect.all({ sari: Effect.service(SariService), roles: Effect.service(RoleDirectory) }).pipe(Effect.provide(layer))
  }))

/**
 * The casilla's service over the backend's store (casillas, notifications, their PDFs and the
 * casilla's events commit in one SQL transaction). Deposits verify each PDF's signatures with
 * the verifier of @ecasilla/core/firma against the deployment's trust anchors.
 */
export const makeCasillaService = (backend: Backend, config: Partial<CasillaConfigShape>) =>
  backend.runPromise(Effect.gen(function*() {
    const ports = Layer.mergeAll(
      Layer.succeed(CasillaStore, yield* Effect.service(CasillaStore)),
      Layer.succeed(Ids, yield* Effect.service(Ids))
    )
    const service = yield* Effect.service(CasillaService).pipe(Effect.provide(CasillaService.layer.pipe(Layer.provide(ports))))
    // The settings are read on each call: every call carries the deployment's.
    const settings = { ...defaultCasillaConfig, verifier: firmaDocumentVerifier, ...config }
    return CasillaService.of(Object.fromEntries(Object.entries(service).map(([name, f]) => [
      name,
      (...args: Array<unknown>) => Effect.provideService((f as (...a: Array<unknown>) => Effect.Effect<unknown, unknown>)(...args), CasillaConfig, settings)
    ])) as unknown as CasillaService["Service"])
  }))

/**
 * Starts the API on `host:port` (port 0 picks a free one); resolves once listening. Besides
 * the relay after each commit, a timer retries pending events every `relayEveryMs` (events
 * left by a mail outage or a crash between commit and relay), starting with one run at boot.
 */
export const startServer = async (
  backend: Backend,
  { host = "127.0.0.1", port = 8787, relayEveryMs = 30_000, mailer, auth, trustActorHeader, sari, casilla }: {
    host?: string
    port?: number
    relayEveryMs?: number
    mailer?: Layer.Layer<Mailer>
    /** Sign-in with passwords and sessions (POST /api/auth/login); rate limits and captcha hook. */
    auth?: AuthOptions
    /** Trust the SSO gateway's `x-ecasilla-user` header (default true). */
    trustActorHeader?: boolean
    /** The units and roles of SARI (the /api/sari routes); without it those routes answer 404. */
    sari?: SariConfigShape
    /** The casilla's settings (trust anchors of the deposit check, limits): the /api/casilla routes; without it those answer 404. */
    casilla?: Partial<CasillaConfigShape>
  } = {}
): Promise<{ server: Server; url: string; relay: () => Promise<unknown>; close: () => Promise<void> }> => {
  const sariServices = sari ? await makeSariService(backend, sari) : undefined
  const runtime = await makeCauRuntime(backend, { ...(mailer ? { mailer } : {}), ...(sariServices ? { roles: sariServices.roles } : {}) })
  // Reset e-mails go out through the server's mailer: SMTP when configured, else the SQL mail queue.
  const authMailer = await backend.runPromise(mailer ? Effect.provide(Effect.service(Mailer), mailer) : makeSqlOutboxMailer)
  const sessions = await backend.runPromise(makeAuth({ mailer: authMailer, ...(auth ?? {}) }))
  const sql = await backend.runPromise(Effect.service(SqlClient.SqlClient))
  const casillaService = casilla ? await makeCasillaService(backend, casilla) : undefined
  // The casilla's events wait in its own outbox; the receptor's deposit alerts go out from it.
  // One run at a time (a run started meanwhile waits for it).
  let casillaRun: Promise<unknown> = Promise.resolve()
  const casillaRelay = () => {
    if (!casillaService) return casillaRun
    const run = () => backend.runPromise(relayEvents([casillaMailConsumer]).pipe(Effect.provide(layerCasillaEventOutbox), Effect.provideService(Mailer, authMailer)))
    casillaRun = casillaRun.then(run, run)
    return casillaRun
  }
  const relay = () =>
    Promise.all([runtime.runPromise(Effect.flatMap(Effect.service(EventRelay), (r) => r.run)), casillaRelay()]).catch((e) => console.error("example-server: relay", e))
  await relay()
  const timer = setInterval(relay, relayEveryMs)
  timer.unref()
  // Time limits: a slow or stalled client cannot hold a connection open.
  const scope = Effect.runSync(Scope.make())
  const handler = await Effect.runPromise(Scope.provide(scope)(makeApiHandler({
    services: await runtime.context(),
    auth: sessions,
    sql,
    ...(sariServices ? { sari: sariServices.sari, roles: sariServices.roles } : {}),
    ...(casillaService ? { casilla: casillaService } : {}),
    ...(trustActorHeader !== undefined ? { trustActorHeader } : {}),
    afterCommit: () => void relay()
  })))
  const server = createServer({ requestTimeout: 30_000, headersTimeout: 10_000 }, handler)
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(port, host, () => resolve())
  })
  const { port: actual } = server.address() as AddressInfo
  return {
    server,
    url: `http://${host}:${actual}`,
    relay,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(timer)
        server.close(() => resolve())
        server.closeAllConnections()
      }).then(() => Effect.runPromise(Scope.close(scope, Exit.void))).then(() => runtime.dispose())
  }
}
