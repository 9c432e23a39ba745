// The example backend: the CAU over SQLite, behind a plain node:http server.
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { layerMemoryCau } from "@ecasilla/adapters/memory"
import { layerNodeHtmlSanitizer } from "@ecasilla/adapters/node"
import { Directory, EventOutbox, EventRelay, Ids, Mailer } from "@ecasilla/core/ports"
import { TicketStore } from "@ecasilla/core/cau"
import type Database from "better-sqlite3"
import { Effect, Layer, ManagedRuntime } from "effect"
import { makeHandler } from "./http.js"
import { makeSqliteDirectory, makeSqliteEventOutbox, makeSqliteIds, makeSqliteOutboxMailer, makeSqliteTicketStore } from "./sqlite-store.js"

/**
 * The CAU services over one SQLite database: each command commits the ticket, its files and
 * its events in one SQL transaction; the relay then hands the events to the mail consumer
 * (`mailer` defaults to the SQLite mail queue).
 */
export const makeCauRuntime = (db: Database.Database, options: { readonly mailer?: Layer.Layer<Mailer> } = {}) =>
  ManagedRuntime.make(
    layerMemoryCau({
      store: Layer.merge(Layer.succeed(TicketStore, makeSqliteTicketStore(db)), Layer.succeed(EventOutbox, makeSqliteEventOutbox(db))),
      directory: Layer.succeed(Directory, makeSqliteDirectory(db)),
      ids: Layer.succeed(Ids, makeSqliteIds(db)),
      mailer: options.mailer ?? Layer.succeed(Mailer, makeSqliteOutboxMailer(db)),
      sanitizer: layerNodeHtmlSanitizer
    })
  )

/**
 * Starts the API on `host:port` (port 0 picks a free one); resolves once listening. Besides
 * the relay after each commit, a timer retries pending events every `relayEveryMs` (events
 * left by a mail outage or a crash between commit and relay), starting with one run at boot.
 */
export const startServer = async (
  db: Database.Database,
  { host = "127.0.0.1", port = 8787, relayEveryMs = 30_000, mailer }: { host?: string; port?: number; relayEveryMs?: number; mailer?: Layer.Layer<Mailer> } = {}
): Promise<{ server: Server; url: string; relay: () => Promise<unknown>; close: () => Promise<void> }> => {
  const runtime = makeCauRuntime(db, mailer ? { mailer } : {})
  const relay = () => runtime.runPromise(Effect.flatMap(EventRelay, (r) => r.run)).catch((e) => console.error("example-server: relay", e))
  await relay()
  const timer = setInterval(relay, relayEveryMs)
  timer.unref()
  const server = createServer(makeHandler(runtime))
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
