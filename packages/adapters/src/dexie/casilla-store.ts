import {
  type CasillaCommit,
  CasillaStore,
  CasillaStoreError,
  compareNotifications,
  decodeCasillaSync,
  decodeNotificationSync,
  matchesNotificationQuery,
  type Notification,
  type NotificationQuery
} from "@ecasilla/core/casilla"
import { type Collection, Dexie } from "dexie"
import { Effect, Layer, Option } from "effect"
import { checkCasillaCommit } from "../memory/casilla-store.js"
import { type CasillaDb, type NotificationRow, toNotificationRow } from "./casilla-db.js"

const unavailable = (cause: unknown, id?: string) =>
  new CasillaStoreError({ reason: "unavailable", detail: cause instanceof Error ? cause.message : String(cause), ...(id ? { id } : {}) })

const tryStore = <A>(f: () => Promise<A>, id?: string) =>
  Effect.tryPromise({ try: f, catch: (e) => (e instanceof CasillaStoreError ? e : unavailable(e, id)) })

const inboxStates: ReadonlyArray<string> = ["Depositada", "Leída"]

/**
 * The index range that serves a query: the narrowest compound index whose leading keys the
 * query fixes, read newest first from the keyset cursor. `exact` when the range alone is the
 * answer (no filter left to apply), so counts and pages stay inside IndexedDB.
 */
const collectionFor = (db: CasillaDb, q: NotificationQuery): { readonly rows: Collection<NotificationRow, string>; readonly exact: boolean } => {
  const upper = (prefix: ReadonlyArray<string | number>) => (q.after ? [...prefix, q.after.date, q.after.id] : [...prefix, Dexie.maxKey])
  const lower = (prefix: ReadonlyArray<string | number>) => [...prefix, q.from ?? Dexie.minKey]
  const range = (index: string, prefix: ReadonlyArray<string | number>) =>
    db.notifications.where(index).between(lower(prefix), upper(prefix), true, false).reverse()
  const noWords = q.text === undefined || q.text.trim() === ""
  const rest = noWords && q.to === undefined && q.emisorId === undefined && q.notificadorId === undefined
  const inboxOnly = q.states !== undefined && q.states.every((s) => inboxStates.includes(s))
  if (q.receptorId !== undefined && (inboxOnly || q.unread === true)) {
    // Both inbox states, or an unread flag that picks one of them, leave nothing to filter.
    const statesServed = q.states === undefined || q.states.length === 2 || (q.unread !== undefined && q.states.includes(q.unread ? "Depositada" : "Leída"))
    if (q.unread !== undefined) return { rows: range("[inbox+unread+date+id]", [q.receptorId, q.unread ? 1 : 0]), exact: rest && statesServed }
    return { rows: range("[inbox+date+id]", [q.receptorId]), exact: rest && statesServed }
  }
  if (q.receptorId !== undefined) return { rows: range("[receptorId+date+id]", [q.receptorId]), exact: false }
  if (q.notificadorId !== undefined) return { rows: range("[notificadorId+date+id]", [q.notificadorId]), exact: false }
  if (q.emisorId !== undefined) return { rows: range("[emisorId+date+id]", [q.emisorId]), exact: false }
  return { rows: range("[date+id]", []), exact: false }
}

// Rows are decoded on the way out: a row written by a broken client is an error, not a
// malformed notification on screen.
const fromRow = (row: NotificationRow): Notification => decodeNotificationSync(row.notification)

/**
 * A CasillaStore on IndexedDB through Dexie. A commit is one IndexedDB transaction over
 * casillas, notifications, blobs and the outbox; the outbox survives reloads until
 * delivered. Passes the shared contract in Node (fake-indexeddb) and in Chromium.
 *
 * @since 0.2.0
 * @category constructors
 */
export const makeDexieCasillaStore = (db: CasillaDb): CasillaStore["Service"] => {
  const query = (q: NotificationQuery) => {
    const { rows, exact } = collectionFor(db, q)
    return exact ? rows : rows.filter((row) => matchesNotificationQuery(row.notification, q))
  }
  return CasillaStore.of({
    commit: (change: CasillaCommit) =>
      tryStore(() =>
        db.transaction("rw", [db.casillas, db.notifications, db.blobs, db.outbox], async () => {
          const casillaIds = (change.casillas ?? []).map((c) => c.id)
          const logins = (change.casillas ?? []).map((c) => c.loginId)
          const notificationIds = (change.notifications ?? []).map((n) => n.id)
          const [byId, byLogin, notes] = await Promise.all([
            db.casillas.bulkGet(casillaIds),
            db.casillas.where("loginId").anyOf(logins).toArray(),
            db.notifications.bulkGet(notificationIds)
          ])
          const refused = checkCasillaCommit(change, {
            casilla: (id) => byId[casillaIds.indexOf(id)] ?? undefined,
            casillaByLogin: (loginId) => byLogin.find((c) => c.loginId === loginId),
            notification: (id) => notes[notificationIds.indexOf(id)]?.notification
          })
          if (refused) throw refused
          if (change.events.length > 0 && (await db.outbox.where("id").anyOf(change.events.map((e) => e.id)).count()) > 0) {
            throw new CasillaStoreError({ reason: "duplicate", detail: "event id" })
          }
          if (change.casillas?.length) await db.casillas.bulkPut([...change.casillas])
          if (change.notifications?.length) await db.notifications.bulkPut(change.notifications.map(toNotificationRow))
          if (change.blobs?.length) await db.blobs.bulkPut(change.blobs.map((b) => ({ key: b.key, bytes: b.bytes.slice() })))
          if (change.events.length) await db.outbox.bulkAdd(change.events.map((event) => ({ id: event.id, delivered: 0 as const, event })))
        })),
    getCasilla: (id) => tryStore(async () => Option.map(Option.fromNullishOr(await db.casillas.get(id)), decodeCasillaSync), id),
    getCasillaByLogin: (loginId) => tryStore(async () => Option.map(Option.fromNullishOr(await db.casillas.where("loginId").equals(loginId).first()), decodeCasillaSync)),
    getNotification: (id) => tryStore(async () => Option.map(Option.fromNullishOr(await db.notifications.get(id)), fromRow), id),
    listNotifications: (q) =>
      tryStore(async () => {
        const c = query(q)
        const rows = await (q.limit === undefined ? c : c.limit(Math.max(0, q.limit))).toArray()
        // Index order is (date, id) descending already; the sort is a guard for ties.
        return rows.map(fromRow).sort(compareNotifications)
      }),
    countNotifications: (q) => tryStore(() => query({ ...q, after: undefined, limit: undefined }).count()),
    getBlob: (key) => tryStore(async () => Option.map(Option.fromNullishOr(await db.blobs.get(key)), (r) => new Uint8Array(r.bytes)), key),
    pendingEvents: (limit) =>
      tryStore(async () =>
        (await db.outbox.where("[delivered+seq]").between([0, Dexie.minKey], [0, Dexie.maxKey]).limit(Math.max(0, limit)).toArray()).map((r) => r.event)),
    markDelivered: (ids) =>
      tryStore(async () => {
        await db.outbox.where("id").anyOf([...ids]).modify({ delivered: 1 })
      })
  })
}

/**
 * {@link makeDexieCasillaStore} as a Layer.
 *
 * @since 0.2.0
 * @category layers
 */
export const layerDexieCasillaStore = (db: CasillaDb): Layer.Layer<CasillaStore> => Layer.sync(CasillaStore, () => makeDexieCasillaStore(db))
