// The single-file build for pages without a bundler: every element, the provider and
// the browser storage Layers in one ES module (examples/standalone/build.mjs writes it
// to examples/standalone/dist/ecasilla.js). A page loads it with one script tag and
// calls `connect` on its <ecasilla-provider>.
import "@ecasilla/elements/define/ecasilla-provider.js"
import "@ecasilla/elements/define/ecasilla-id-input.js"
import "@ecasilla/elements/define/cau-ticket-form.js"
import "@ecasilla/elements/define/cau-ticket-detail.js"
import { Actor } from "@ecasilla/core/roles"
import { layerBrowserHtmlSanitizer } from "@ecasilla/adapters/browser"
import { layerMemoryCau } from "@ecasilla/adapters/memory"
import { layerDexieCau, openEcasillaDb } from "@ecasilla/adapters/dexie"
import { runOn, type EcasillaProvider } from "@ecasilla/elements"

export { Actor }

/** What a page says when it connects its provider. */
export interface ConnectOptions {
  /** `indexeddb` keeps tickets in the browser across reloads (offline pages); `memory` forgets them. */
  readonly storage: "indexeddb" | "memory"
  /** The IndexedDB database name (one per intranet application). */
  readonly database?: string
  /** Who is using the page, as the intranet's sign-on knows them. */
  readonly actor: { readonly id: string; readonly name: string; readonly email?: string; readonly unit?: string; readonly roles?: ReadonlyArray<string> }
}

const toActor = (a: ConnectOptions["actor"]): Actor =>
  Actor.make({ id: a.id, name: a.name, roles: (a.roles ?? []) as Actor["roles"], ...(a.email ? { email: a.email } : {}), ...(a.unit ? { unit: a.unit } : {}) })

/**
 * Gives `provider` its storage and its actor. With IndexedDB the actor is also kept in
 * the local directory, so forms can name them. Resolves once the provider is ready.
 */
export const connect = async (provider: EcasillaProvider, options: ConnectOptions): Promise<Actor> => {
  const actor = toActor(options.actor)
  if (options.storage === "indexeddb") {
    const db = openEcasillaDb(options.database ?? "ecasilla-intranet")
    await db.users.put({ ...actor })
    provider.layer = layerDexieCau({ db })
  } else {
    provider.layer = layerMemoryCau({ sanitizer: layerBrowserHtmlSanitizer, users: [actor] })
  }
  provider.actor = actor
  return actor
}

/**
 * The tickets the provider's actor filed (newest first), as the core lets them see
 * them: for a page's own "Mis tickets" list.
 */
export const myTickets = async (provider: EcasillaProvider): Promise<ReadonlyArray<{ id: string; number: string; titulo: string; state: string }>> => {
  const actor = provider.actor
  if (!actor) return []
  const { TicketService } = await import("@ecasilla/core/cau")
  const { Effect } = await import("effect")
  const outcome = await runOn(provider.runtime, [TicketService], Effect.flatMap(Effect.service(TicketService), (cau) => cau.listTickets(actor, { requesterId: actor.id })))
  if (!outcome.ok) throw outcome.error
  return outcome.value.map((t) => ({ id: t.id, number: t.number, titulo: t.titulo, state: t.state }))
}
