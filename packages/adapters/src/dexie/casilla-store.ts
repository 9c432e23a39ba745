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
import { type CasillaDb, inboxCounterKeys, inboxCounts, type NotificationRow, toNotificationRow } from "./casilla-db.js"

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
const collectionFor = (db: CasillaDb, q: NotificationQuery, newestFirst = true): { readonly rows: Collection<NotificationRow, string>; readonly exact: boolean } => {
  const upper = (prefix: ReadonlyArray<string | number>) => (q.after ? [...prefix, q.after.date, q.after.id] : [...prefix, Dexie.maxKey])
  const lower = (prefix: ReadonlyArray<string | number>) => [...prefix, q.from ?? Dexie.minKey]
  const range = (index: string, prefix: ReadonlyArray<string | number>) => {
    const c = db.notifications.where(index).between(lower(prefix), upper(prefix), true, false)
    // Dexie counts a reversed collection by walking it: counts keep the index order.
    return newestFirst ? c.reverse() : c
  }
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

/** The counters that answer a count of a receptor's whole inbox, unread or read part. */
const counterFor = (q: NotificationQuery) => {
  const plain = q.receptorId !== undefined && q.from === undefined && q.to === undefined && q.after === undefined &&
    (q.text === undefined || q.text.trim() === "") && q.emisorId === undefined && q.notificadorId === undefined
  const inbox = q.states !== undefined && q.states.length === 2 && q.states.every((s) => inboxStates.includes(s))
  if (!plain || !inbox) return undefined
  return { ...inboxCounterKeys(q.receptorId!), which: q.unread === undefined ? "all" as const : q.unread ? "unread" as const : "read" as const }
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
  const query = (q: NotificationQuery, newestFirst = true) => {
    const { rows, exact } = collectionFor(db, q, newestFirst)
    return exact ? rows : rows.filter((row) => matchesNotificationQuery(row.notification, q))
  }
  return CasillaStore.of({
    commit: (change: CasillaCommit) =>
      tryStore(() =>
        db.transaction("rw", [db.casillas, db.notifications, db.blobs, db.outbox, db.counters], async () => {
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
          if (change.notifications?.length) {
            const rows = change.notifications.map(toNotificationRow)
            const deltas = new Map<string, number>()
            const add = (key: string, n: number) => n !== 0 && deltas.set(key, (deltas.get(key) ?? 0) + n)
            rows.forEach((row, i) => {
              const before = inboxCounts(notes[i] ?? undefined)
              const after = inboxCounts(row)
              const keys = inboxCounterKeys(row.receptorId)
              add(keys.inbox, after.inbox - before.inbox)
              add(keys.unread, after.unread - before.unread)
            })
            await db.notifications.bulkPut(rows)
            if (deltas.size > 0) {
              const current = await db.counters.bulkGet([...deltas.keys()])
              await db.counters.bulkPut([...deltas].map(([key, d], i) => ({ key, value: (current[i]?.value ?? 0) + d })))
            }
          }
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
    countNotifications: (q) =>
      tryStore(async () => {
        const counter = counterFor(q)
        if (counter !== undefined) {
          const [inbox, unread] = await db.counters.bulkGet([counter.inbox, counter.unread])
          const all = inbox?.value ?? 0
          const open = unread?.value ?? 0
          return counter.which === "all" ? all : counter.which === "unread" ? open : all - open
        }
        return query({ ...q, after: undefined, limit: undefined }, false).count()
      }),
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
