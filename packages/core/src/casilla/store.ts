import { Context, type Effect, type Option } from "effect"
import type { CasillaStoreError } from "./errors.js"
import type { DomainEvent } from "../ports/domain-events.js"
import type { Casilla, Notification, NotificationState } from "./model.js"

/**
 * One atomic change of the casilla domain: new or changed casillas and notifications, the
 * blobs they name (document bytes, constancia PDFs) and the domain events, all written
 * together or not at all. Versions are optimistic: version 1 inserts (`duplicate` if the id
 * exists), version n replaces only a stored version n − 1 (`conflict` otherwise).
 *
 * @since 0.2.0
 * @category ports
 */
export interface CasillaCommit {
  readonly casillas?: ReadonlyArray<Casilla>
  readonly notifications?: ReadonlyArray<Notification>
  readonly blobs?: ReadonlyArray<{ readonly key: string; readonly bytes: Uint8Array }>
  readonly events: ReadonlyArray<DomainEvent>
}

/**
 * What to list. Every given field must match. Results are newest first by inbox date (the
 * deposit date once deposited, else the creation date), then id.
 *
 * @since 0.2.0
 * @category models
 */
export interface NotificationQuery {
  /** The receptor's login id (the inbox). */
  readonly receptorId?: string
  readonly notificadorId?: string
  readonly emisorId?: string
  readonly states?: ReadonlyArray<NotificationState>
  /** Only not yet read (Depositada). */
  readonly unread?: boolean
  /** Inbox date from (inclusive) / to (exclusive), ISO instants. */
  readonly from?: string
  readonly to?: string
  /** Words that must all appear in the cédula number, asunto, expediente or the emisor's name. */
  readonly text?: string
  readonly limit?: number
  /** Keyset paging: items strictly after this one in the order above. */
  readonly after?: { readonly date: string; readonly id: string }
}

/**
 * Where casillas and notifications live. Every adapter passes the shared contract suite in
 * `test/contracts/casilla-store.contract.ts`.
 *
 * @since 0.2.0
 * @category ports
 */
export class CasillaStore extends Context.Service<CasillaStore, {
  readonly commit: (change: CasillaCommit) => Effect.Effect<void, CasillaStoreError>
  readonly getCasilla: (id: string) => Effect.Effect<Option.Option<Casilla>, CasillaStoreError>
  readonly getCasillaByLogin: (loginId: string) => Effect.Effect<Option.Option<Casilla>, CasillaStoreError>
  readonly getNotification: (id: string) => Effect.Effect<Option.Option<Notification>, CasillaStoreError>
  readonly listNotifications: (query: NotificationQuery) => Effect.Effect<ReadonlyArray<Notification>, CasillaStoreError>
  readonly countNotifications: (query: NotificationQuery) => Effect.Effect<number, CasillaStoreError>
  readonly getBlob: (key: string) => Effect.Effect<Option.Option<Uint8Array>, CasillaStoreError>
  /** The outbox: events not yet delivered, oldest first. */
  readonly pendingEvents: (limit: number) => Effect.Effect<ReadonlyArray<DomainEvent>, CasillaStoreError>
  readonly markDelivered: (ids: ReadonlyArray<string>) => Effect.Effect<void, CasillaStoreError>
}>()("@ecasilla/core/casilla/CasillaStore") {}

/**
 * The date a notification sorts and filters by: its deposit date once deposited (the legal
 * date), else its creation date.
 *
 * @since 0.2.0
 * @category utils
 */
export const inboxDate = (n: Notification): string => n.depositedAt ?? n.createdAt

const fold = (text: string): string => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()

/**
 * The folded text a notification is searched in (adapters may index it).
 *
 * @since 0.2.0
 * @category utils
 */
export const notificationSearchText = (n: Notification): string =>
  fold([n.cedula.numero, n.cedula.asunto, n.cedula.expediente ?? "", n.emisor.name, n.emisor.id].join(" "))

/**
 * The order every adapter returns: newest inbox date first, then id descending.
 *
 * @since 0.2.0
 * @category utils
 */
export const compareNotifications = (a: Notification, b: Notification): number => {
  const da = inboxDate(a)
  const db = inboxDate(b)
  if (da !== db) return da < db ? 1 : -1
  return a.id === b.id ? 0 : a.id < b.id ? 1 : -1
}

/**
 * True when `n` matches `query` (paging and limit aside); adapters that filter in memory share it.
 *
 * @since 0.2.0
 * @category utils
 */
export const matchesNotificationQuery = (n: Notification, q: NotificationQuery): boolean => {
  if (q.receptorId !== undefined && n.receptorId !== q.receptorId) return false
  if (q.notificadorId !== undefined && n.notificador.id !== q.notificadorId) return false
  if (q.emisorId !== undefined && n.emisor.id !== q.emisorId) return false
  if (q.states !== undefined && !q.states.includes(n.state)) return false
  if (q.unread !== undefined && (n.state === "Depositada") !== q.unread) return false
  const d = inboxDate(n)
  if (q.from !== undefined && d < q.from) return false
  if (q.to !== undefined && d >= q.to) return false
  if (q.after !== undefined && !(d < q.after.date || (d === q.after.date && n.id < q.after.id))) return false
  if (q.text !== undefined && q.text.trim() !== "") {
    const hay = notificationSearchText(n)
    if (!fold(q.text).split(/\s+/).filter(Boolean).every((w) => hay.includes(w))) return false
  }
  return true
}
