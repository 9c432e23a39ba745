import {
  type Casilla,
  type CasillaCommit,
  CasillaStore,
  CasillaStoreError,
  compareNotifications,
  matchesNotificationQuery,
  type Notification
} from "@ecasilla/core/casilla"
import { copyStored, type DomainEvent } from "@ecasilla/core/ports"
import { Effect, Layer, Option } from "effect"

const copy = copyStored

/**
 * Checks a commit against the current rows: version 1 is an insert, version n replaces n − 1.
 * Shared by the adapters that check in code (memory) and inside a transaction (Dexie).
 *
 * @since 0.2.0
 * @category utils
 */
export const checkCasillaCommit = (
  change: CasillaCommit,
  current: {
    readonly casilla: (id: string) => Casilla | undefined
    readonly casillaByLogin: (loginId: string) => Casilla | undefined
    readonly notification: (id: string) => Notification | undefined
  }
): CasillaStoreError | undefined => {
  for (const c of change.casillas ?? []) {
    const stored = current.casilla(c.id)
    if (c.version === 1) {
      const sameLogin = current.casillaByLogin(c.loginId)
      if (stored || (sameLogin && sameLogin.id !== c.id)) return new CasillaStoreError({ reason: "duplicate", id: c.id })
    } else if (!stored || stored.version !== c.version - 1 || stored.loginId !== c.loginId) {
      return new CasillaStoreError({ reason: "conflict", id: c.id })
    }
  }
  for (const n of change.notifications ?? []) {
    const stored = current.notification(n.id)
    if (n.version === 1 ? stored !== undefined : !stored || stored.version !== n.version - 1) {
      return new CasillaStoreError({ reason: n.version === 1 ? "duplicate" : "conflict", id: n.id })
    }
  }
  return undefined
}

/**
 * A CasillaStore in memory (tests, demos). A commit is all-or-nothing: it is checked whole
 * before anything is written. Values are copied in and out. Passes the shared contract suite.
 *
 * @since 0.2.0
 * @category constructors
 */
export const makeMemoryCasillaStore = (): CasillaStore["Service"] => {
  const casillas = new Map<string, Casilla>()
  const logins = new Map<string, string>()
  const notifications = new Map<string, Notification>()
  const blobs = new Map<string, Uint8Array>()
  const outbox: Array<{ event: DomainEvent; delivered: boolean }> = []
  const list = (q: Parameters<CasillaStore["Service"]["listNotifications"]>[0]) =>
    [...notifications.values()].filter((n) => matchesNotificationQuery(n, q)).sort(compareNotifications)
  return CasillaStore.of({
    commit: (change) =>
      Effect.suspend(() => {
        const refused = checkCasillaCommit(change, {
          casilla: (id) => casillas.get(id),
          casillaByLogin: (loginId) => {
            const id = logins.get(loginId)
            return id === undefined ? undefined : casillas.get(id)
          },
          notification: (id) => notifications.get(id)
        })
        if (refused) return Effect.fail(refused)
        const seen = new Set(outbox.map((o) => o.event.id))
        if (change.events.some((e) => seen.has(e.id))) return Effect.fail(new CasillaStoreError({ reason: "duplicate", detail: "event id" }))
        for (const c of change.casillas ?? []) {
          casillas.set(c.id, copy(c))
          logins.set(c.loginId, c.id)
        }
        for (const n of change.notifications ?? []) notifications.set(n.id, copy(n))
        for (const b of change.blobs ?? []) blobs.set(b.key, b.bytes.slice())
        for (const e of change.events) outbox.push({ event: copy(e), delivered: false })
        return Effect.void
      }),
    getCasilla: (id) => Effect.sync(() => Option.map(Option.fromNullishOr(casillas.get(id)), copy)),
    getCasillaByLogin: (loginId) =>
      Effect.sync(() => {
        const id = logins.get(loginId)
        return Option.map(Option.fromNullishOr(id === undefined ? undefined : casillas.get(id)), copy)
      }),
    getNotification: (id) => Effect.sync(() => Option.map(Option.fromNullishOr(notifications.get(id)), copy)),
    listNotifications: (q) =>
      Effect.sync(() => {
        const all = list(q)
        return (q.limit === undefined ? all : all.slice(0, Math.max(0, q.limit))).map(copy)
      }),
    countNotifications: (q) => Effect.sync(() => list({ ...q, limit: undefined }).length),
    getBlob: (key) => Effect.sync(() => Option.map(Option.fromNullishOr(blobs.get(key)), (b) => b.slice())),
    pendingEvents: (limit) => Effect.sync(() => outbox.filter((o) => !o.delivered).slice(0, Math.max(0, limit)).map((o) => copy(o.event))),
    markDelivered: (ids) =>
      Effect.sync(() => {
        const set = new Set(ids)
        for (const o of outbox) if (set.has(o.event.id)) o.delivered = true
      })
  })
}

/**
 * {@link makeMemoryCasillaStore} as a Layer; each build starts empty.
 *
 * @since 0.2.0
 * @category layers
 */
export const layerMemoryCasillaStore: Layer.Layer<CasillaStore> = Layer.sync(CasillaStore, makeMemoryCasillaStore)
