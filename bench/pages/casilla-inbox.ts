// The page of the casilla inbox benchmarks (bundled from source by bench/suites/casilla-browser.mjs):
// 100,000 deposited notifications of one receptor in IndexedDB, <casilla-inbox> over the Dexie
// CasillaStore, and the raw IndexedDB reads of the same pages as baselines.
import { Actor } from "@ecasilla/core"
import { casillaConfigLayer, CasillaService, type Notification } from "@ecasilla/core/casilla"
import { Ids } from "@ecasilla/core/ports"
import { casillaDbName, layerDexieCasillaStore, makeDexieCasillaStore, openCasillaDb } from "@ecasilla/adapters/dexie"
import * as Effect from "effect/Effect"
import "@ecasilla/elements/define/ecasilla-provider.js"
import "@ecasilla/elements/define/casilla-inbox.js"
import type { CasillaInbox, EcasillaProvider } from "@ecasilla/elements"
import * as Layer from "effect/Layer"

const receptor = new Actor({ id: "10117410", name: "María Receptora Quispe", roles: ["receptor"] })
const scope = receptor.id
const T0 = Date.UTC(2020, 0, 1)

const notification = (i: number): Notification => {
  const at = new Date(T0 + i * 60_000).toISOString()
  const read = i % 3 === 0
  return {
    id: `ntf_${String(i).padStart(7, "0")}`,
    casillaId: "cas_1",
    receptorId: receptor.id,
    receptorName: receptor.name,
    emisor: i % 2 ? { id: "U900", name: "Gerencia de Control de Obras" } : { id: "U901", name: "Jefatura del OCI de Salud" },
    notificador: { id: "U500", name: "Nora Notificadora" },
    cedula: { numero: `CED-${i}`, asunto: `Requerimiento de información N° ${i}`, expediente: `EXP-${i}` },
    documents: [{ id: `doc_${i}`, name: `informe-${i}.pdf`, size: 120_000, blobKey: `ntf/${i}/doc`, sha256: "ab".repeat(32), verification: { verdict: "valid", at } }],
    state: read ? "Leída" : "Depositada",
    createdAt: at,
    signedAt: at,
    depositedAt: at,
    ...(read ? { readAt: at } : {}),
    downloads: [],
    version: 1
  }
}

const until = async (ok: () => boolean, timeoutMs = 30_000) => {
  const start = performance.now()
  while (!ok()) {
    if (performance.now() - start > timeoutMs) throw new Error("timed out")
    await new Promise((r) => setTimeout(r, 0))
  }
}

const rows = (inbox: CasillaInbox) => [...inbox.shadowRoot!.querySelectorAll<HTMLElement>(".row")]

const mount = () => {
  const db = openCasillaDb(scope)
  const deps = Layer.mergeAll(layerDexieCasillaStore(db), Ids.layerRandom, casillaConfigLayer({}))
  const provider = document.createElement("ecasilla-provider") as EcasillaProvider
  provider.layer = CasillaService.layer.pipe(Layer.provideMerge(deps)) as never
  provider.actor = receptor
  const inbox = document.createElement("casilla-inbox") as CasillaInbox
  provider.append(inbox)
  return { provider, inbox, db }
}

const raw = async <A>(f: (index: IDBIndex) => Promise<A>): Promise<A> => {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const r = indexedDB.open(casillaDbName(scope))
    r.onsuccess = () => resolve(r.result)
    r.onerror = () => reject(r.error)
  })
  try {
    return await f(db.transaction("notifications").objectStore("notifications").index("[inbox+date+id]"))
  } finally {
    db.close()
  }
}

/** The first `limit` values of an index range, newest first, through a cursor. */
const firstValues = (index: IDBIndex, range: IDBKeyRange, limit: number) =>
  new Promise<Array<unknown>>((resolve, reject) => {
    const out: Array<unknown> = []
    const c = index.openCursor(range, "prev")
    c.onsuccess = () => {
      const cursor = c.result
      if (!cursor || out.length >= limit) return resolve(out)
      out.push(cursor.value)
      cursor.continue()
    }
    c.onerror = () => reject(c.error)
  })

declare global {
  interface Window {
    bench: Record<string, (...args: Array<number>) => Promise<unknown>>
  }
}

window.bench = {
  async probe() {
    const db = openCasillaDb(scope)
    const store = makeDexieCasillaStore(db)
    const out: Record<string, number> = {}
    const time = async (name: string, e: Effect.Effect<unknown, unknown>) => {
      const t = performance.now()
      await Effect.runPromise(e)
      out[name] = performance.now() - t
    }
    const states = ["Depositada", "Leída"] as const
    await time("open+list", store.listNotifications({ receptorId: receptor.id, states, limit: 50 }))
    await time("list", store.listNotifications({ receptorId: receptor.id, states, limit: 50 }))
    await time("count", store.countNotifications({ receptorId: receptor.id, states }))
    await time("countUnread", store.countNotifications({ receptorId: receptor.id, states, unread: true }))
    await time("listUnread", store.listNotifications({ receptorId: receptor.id, states, unread: true, limit: 50 }))
    db.close()
    return out
  },
  async seed(n = 100_000) {
    const db = openCasillaDb(scope)
    const store = makeDexieCasillaStore(db)
    // Through the store's commit, so the counters are what a real casilla would hold.
    for (let i = 0; i < n; i += 10_000) {
      const chunk = Array.from({ length: Math.min(10_000, n - i) }, (_, k) => notification(i + k))
      await Effect.runPromise(store.commit({ notifications: chunk, events: [] }))
    }
    const count = await db.notifications.count()
    db.close()
    return count
  },
  /** Mount to the first rows on screen, in ms. */
  async firstPage() {
    const { provider, inbox, db } = mount()
    const t = performance.now()
    document.body.append(provider)
    await until(() => rows(inbox).length > 0)
    const ms = performance.now() - t
    const first = rows(inbox)[0].dataset.id
    provider.remove()
    db.close()
    if (first !== "ntf_0099999") throw new Error(`unexpected first row ${first}`)
    return ms
  },
  /** The same first page read straight from IndexedDB (50 rows of the inbox index). */
  async rawFirstPage() {
    const t = performance.now()
    const got = await raw((index) => firstValues(index, IDBKeyRange.bound([receptor.id, ""], [receptor.id, "\uffff"]), 50))
    const ms = performance.now() - t
    if (got.length !== 50) throw new Error("raw read short")
    return ms
  },
  /** From choosing "No leídas" to the unread rows on screen, in ms. */
  async filterUnread() {
    const { provider, inbox, db } = mount()
    document.body.append(provider)
    await until(() => rows(inbox).length > 0)
    const select = inbox.shadowRoot!.querySelector<HTMLSelectElement>("#estado")!
    const t = performance.now()
    select.value = "unread"
    select.dispatchEvent(new Event("change"))
    await until(() => rows(inbox)[0]?.dataset.id === "ntf_0099998" && rows(inbox).every((r) => r.classList.contains("unread")))
    const ms = performance.now() - t
    provider.remove()
    db.close()
    return ms
  },
  /** The same unread page straight from IndexedDB (50 rows of the unread index). */
  async rawFilterUnread() {
    const t = performance.now()
    const got = await raw(async (index) => {
      const unread = index.objectStore.index("[inbox+unread+date+id]")
      return firstValues(unread, IDBKeyRange.bound([receptor.id, 1, ""], [receptor.id, 1, "\uffff"]), 50)
    })
    const ms = performance.now() - t
    if (got.length !== 50) throw new Error("raw read short")
    return ms
  }
}
document.title = "ready"
