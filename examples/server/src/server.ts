// The example backend: the CAU over SQLite, behind a plain node:http server.
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { layerMemoryCau } from "@ecasilla/adapters/memory"
import { layerNodeHtmlSanitizer } from "@ecasilla/adapters/node"
import { Directory, Ids, Mailer } from "@ecasilla/core/ports"
import { TicketStore } from "@ecasilla/core/cau"
import type Database from "better-sqlite3"
import { Layer, ManagedRuntime } from "effect"
import { makeHandler } from "./http.js"
import { makeSqliteDirectory, makeSqliteIds, makeSqliteOutboxMailer, makeSqliteTicketStore } from "./sqlite-store.js"

/** The CAU services over one SQLite database. */
export const makeCauRuntime = (db: Database.Database) =>
  ManagedRuntime.make(
    layerMemoryCau({
      store: Layer.succeed(TicketStore, makeSqliteTicketStore(db)),
      directory: Layer.succeed(Directory, makeSqliteDirectory(db)),
      ids: Layer.succeed(Ids, makeSqliteIds(db)),
      mailer: Layer.succeed(Mailer, makeSqliteOutboxMailer(db)),
      sanitizer: layerNodeHtmlSanitizer
    })
  )

/** Starts the API on `host:port` (port 0 picks a free one); resolves once listening. */
export const startServer = async (
  db: Database.Database,
  { host = "127.0.0.1", port = 8787 }: { host?: string; port?: number } = {}
): Promise<{ server: Server; url: string; close: () => Promise<void> }> => {
  const runtime = makeCauRuntime(db)
  const server = createServer(makeHandler(runtime))
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(port, host, () => resolve())
  })
  const { port: actual } = server.address() as AddressInfo
  return {
    server,
    url: `http://${host}:${actual}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }).then(() => runtime.dispose())
  }
}
