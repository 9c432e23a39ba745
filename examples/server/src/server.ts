// The example backend: the CAU over effect/sql (PGlite embedded, or PostgreSQL), behind a
// plain node:http server.
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { layerMemoryCau } from "@ecasilla/adapters/memory"
import { layerNodeHtmlSanitizer } from "@ecasilla/adapters/node"
import { TicketStore } from "@ecasilla/core/cau"
import { Directory, EventOutbox, EventRelay, Ids, Mailer } from "@ecasilla/core/ports"
import type { SariStore } from "@ecasilla/core/sari"
import { Effect, Layer, ManagedRuntime } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import type { SqlError } from "effect/sql/SqlError"
import { makeHandler } from "./http.js"
import { layerSqlStores, makeSqlOutboxMailer } from "./sql/index.js"
import { type AuthOptions, makeAuth } from "./auth.js"

/**
 * The backend's storage: the SQL stores over one database (migrated when opened). Statements
 * of a test or a seed run on it with `runPromise`.
 */
export type Backend = ManagedRuntime.ManagedRuntime<TicketStore | SariStore | EventOutbox | Directory | Ids | SqlClient.SqlClient, SqlError>

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
export const makeCauRuntime = async (backend: Backend, options: { readonly mailer?: Layer.Layer<Mailer> } = {}) => {
  const ports = await backend.runPromise(Effect.all({ store: Effect.service(TicketStore), outbox: Effect.service(EventOutbox), directory: Effect.service(Directory), ids: Effect.service(Ids), queue: makeSqlOutboxMailer }))
  return ManagedRuntime.make(
    layerMemoryCau({
      store: Layer.merge(Layer.succeed(TicketStore, ports.store), Layer.succeed(EventOutbox, ports.outbox)),
      directory: Layer.succeed(Directory, ports.directory),
      ids: Layer.succeed(Ids, ports.ids),
      mailer: options.mailer ?? Layer.succeed(Mailer, ports.queue),
      sanitizer: layerNodeHtmlSanitizer
    })
  )
}

/**
 * Starts the API on `host:port` (port 0 picks a free one); resolves once listening. Besides
 * the relay after each commit, a timer retries pending events every `relayEveryMs` (events
 * left by a mail outage or a crash between commit and relay), starting with one run at boot.
 */
export const startServer = async (
  backend: Backend,
  { host = "127.0.0.1", port = 8787, relayEveryMs = 30_000, mailer, auth, trustActorHeader }: {
    host?: string
    port?: number
    relayEveryMs?: number
    mailer?: Layer.Layer<Mailer>
    /** Sign-in with passwords and sessions (POST /api/auth/login); rate limits and captcha hook. */
    auth?: AuthOptions
    /** Trust the SSO gateway's `x-ecasilla-user` header (default true). */
    trustActorHeader?: boolean
  } = {}
): Promise<{ server: Server; url: string; relay: () => Promise<unknown>; close: () => Promise<void> }> => {
  const runtime = await makeCauRuntime(backend, mailer ? { mailer } : {})
  const sessions = await backend.runPromise(makeAuth(auth ?? {}))
  const sql = await backend.runPromise(Effect.service(SqlClient.SqlClient))
  const relay = () => runtime.runPromise(Effect.flatMap(Effect.service(EventRelay), (r) => r.run)).catch((e) => console.error("example-server: relay", e))
  await relay()
  const timer = setInterval(relay, relayEveryMs)
  timer.unref()
  // Time limits: a slow or stalled client cannot hold a connection open.
  const server = createServer({ requestTimeout: 30_000, headersTimeout: 10_000 }, makeHandler(runtime, { auth: sessions, sql, ...(trustActorHeader !== undefined ? { trustActorHeader } : {}) }))
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
      }).then(() => runtime.dispose())
  }
}
