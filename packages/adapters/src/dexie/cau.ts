import type { CauConfigShape } from "@ecasilla/core/cau"
import type { HtmlSanitizer, Mailer } from "@ecasilla/core/ports"
import { Effect, type Layer, ManagedRuntime } from "effect"
import { layerBrowserHtmlSanitizer } from "../browser/html-sanitizer.js"
import { cauDemoUsers, seedCauDemoTickets } from "../demo/cau-demo.js"
import { layerMemoryCau } from "../memory/cau.js"
import { type EcasillaDb, openEcasillaDb } from "./db.js"
import { layerDexieDirectory } from "./directory.js"
import { layerDexieIds } from "./ids.js"
import { layerDexieTicketStore } from "./ticket-store.js"

/**
 * What {@link layerDexieCau} can be given.
 *
 * @since 0.1.0
 * @category models
 */
export interface DexieCauOptions {
  readonly db?: EcasillaDb
  /** Default: DOMPurify over the page's window. */
  readonly sanitizer?: Layer.Layer<HtmlSanitizer>
  readonly mailer?: Layer.Layer<Mailer>
  readonly config?: Partial<CauConfigShape>
  /** See `MemoryCauOptions.relay`; default `"after-commit"`. */
  readonly relay?: "after-commit" | "manual"
}

/**
 * The whole CAU on IndexedDB: TicketService over the Dexie TicketStore (each command one
 * IndexedDB transaction over tickets, attachments and the event outbox), the relay that
 * delivers the outbox, Directory and Ids. The in-browser default storage of the docs
 * playground and offline pages. Events left pending (mail down, tab closed mid-relay) go
 * out when the layer starts again, on the next commit, or on `EventRelay.run`.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerDexieCau = (options: DexieCauOptions = {}) => {
  const db = options.db ?? openEcasillaDb()
  return layerMemoryCau({
    sanitizer: options.sanitizer ?? layerBrowserHtmlSanitizer,
    store: layerDexieTicketStore(db),
    directory: layerDexieDirectory(db),
    ids: layerDexieIds(db),
    ...(options.mailer ? { mailer: options.mailer } : {}),
    ...(options.relay ? { relay: options.relay } : {}),
    ...(options.config ? { config: options.config } : {})
  })
}

/**
 * Fills an empty database with the CAU demo: the {@link cauDemoUsers} and four tickets
 * (Cerrada, Resuelta, Asignada-Pendiente with a note, Registrada) dated over the last days.
 * Does nothing when the database already has tickets or users; returns whether it seeded.
 *
 * @since 0.1.0
 * @category demo
 */
export const seedCauDemo = async (
  db: EcasillaDb = openEcasillaDb(),
  options: { readonly sanitizer?: Layer.Layer<HtmlSanitizer>; readonly now?: Date } = {}
): Promise<boolean> => {
  // Check and claim in one transaction, so two tabs opening at once seed only once.
  const claimed = await db.transaction("rw", db.tickets, db.users, async () => {
    if ((await db.tickets.count()) > 0 || (await db.users.count()) > 0) return false
    await db.users.bulkPut(cauDemoUsers.map((u) => ({ ...u })))
    return true
  })
  if (!claimed) return false
  const runtime = ManagedRuntime.make(layerDexieCau({ db, sanitizer: options.sanitizer ?? layerBrowserHtmlSanitizer }))
  try {
    await runtime.runPromise(seedCauDemoTickets((options.now ?? new Date()).getTime() - 6 * 86_400_000).pipe(Effect.orDie))
  } finally {
    await runtime.dispose()
  }
  return true
}
