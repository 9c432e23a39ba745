import type { Casilla, Notification } from "@ecasilla/core/casilla"
import type { DomainEvent } from "@ecasilla/core/ports"
import { inboxDate } from "@ecasilla/core/casilla"
import { Dexie, type Table } from "dexie"
import type { IndexedDbDependencies } from "./db.js"

/**
 * One notification row: the notification plus the keys the inbox indexes read. `unread` is
 * 1/0 because IndexedDB cannot index booleans.
 *
 * @since 0.2.0
 * @category models
 */
export interface NotificationRow {
  readonly id: string
  readonly casillaId: string
  readonly receptorId: string
  /** The receptor's id once deposited (Depositada, Leída), absent before: the inbox indexes skip drafts. */
  readonly inbox?: string
  readonly notificadorId: string
  readonly emisorId: string
  readonly state: string
  /** The inbox date: deposit date once deposited, else creation date. */
  readonly date: string
  readonly unread: 0 | 1
  readonly notification: Notification
}

/**
 * One outbox row: a domain event and whether it was delivered (0/1), in commit order.
 *
 * @since 0.2.0
 * @category models
 */
export interface CasillaOutboxRow {
  readonly seq?: number
  readonly id: string
  readonly delivered: 0 | 1
  readonly event: DomainEvent
}

/**
 * The first schema (kept so the upgrade path is real and tested): notifications indexed by
 * receptor, state and deposit date one at a time.
 *
 * @since 0.2.0
 * @category models
 */
export const casillaDbSchemaV1 = {
  casillas: "id, &loginId",
  notifications: "id, casillaId, receptorId, state, depositedAt",
  blobs: "key",
  outbox: "++seq, &id, delivered"
} as const

/**
 * The current schema: compound keys so a page of one receptor's inbox (all, or unread only)
 * is one index range read newest first, with the id breaking ties for keyset paging, and its
 * count is IndexedDB's own count of that range.
 *
 * @since 0.2.0
 * @category models
 */
export const casillaDbSchemaV2 = {
  casillas: "id, &loginId",
  notifications: "id, casillaId, state, [date+id], [receptorId+date+id], [inbox+date+id], [inbox+unread+date+id], [notificadorId+date+id], [emisorId+date+id]",
  blobs: "key",
  outbox: "++seq, &id, [delivered+seq]",
  counters: "key"
} as const

/**
 * The counter keys kept per receptor in the same transaction as the rows: how many
 * notifications are in the inbox (deposited) and how many of them are unread. IndexedDB
 * counts a range by walking it, which over 100,000 rows takes seconds.
 *
 * @since 0.2.0
 * @category utils
 */
export const inboxCounterKeys = (receptorId: string) => ({ inbox: `inbox:${receptorId}`, unread: `unread:${receptorId}` })

/**
 * What one row adds to its receptor's counters (−1, 0 or 1 each).
 *
 * @since 0.2.0
 * @category utils
 */
export const inboxCounts = (row: Pick<NotificationRow, "inbox" | "unread"> | undefined): { readonly inbox: number; readonly unread: number } =>
  row?.inbox === undefined ? { inbox: 0, unread: 0 } : { inbox: 1, unread: row.unread }

/**
 * The row of a notification under the current schema.
 *
 * @since 0.2.0
 * @category utils
 */
export const toNotificationRow = (n: Notification): NotificationRow => ({
  id: n.id,
  casillaId: n.casillaId,
  receptorId: n.receptorId,
  ...(n.state === "Depositada" || n.state === "Leída" ? { inbox: n.receptorId } : {}),
  notificadorId: n.notificador.id,
  emisorId: n.emisor.id,
  state: n.state,
  date: inboxDate(n),
  unread: n.state === "Depositada" ? 1 : 0,
  notification: n
})

/**
 * The casilla's IndexedDB database. One database per signed-in person (see
 * {@link openCasillaDb}), so a second receptor in the same browser profile finds nothing of
 * the first's, and signing out deletes it.
 *
 * @since 0.2.0
 * @category models
 */
export class CasillaDb extends Dexie {
  casillas!: Table<Casilla, string>
  notifications!: Table<NotificationRow, string>
  blobs!: Table<{ readonly key: string; readonly bytes: Uint8Array }, string>
  outbox!: Table<CasillaOutboxRow, number>
  counters!: Table<{ readonly key: string; readonly value: number }, string>

  constructor(name: string, deps?: IndexedDbDependencies) {
    super(name, deps ? { indexedDB: deps.indexedDB, IDBKeyRange: deps.IDBKeyRange } : undefined)
    this.version(1).stores(casillaDbSchemaV1)
    this.version(2).stores(casillaDbSchemaV2).upgrade(async (tx) => {
      // v1 rows lack the derived keys the compound indexes need, and the counters start here.
      const counters = new Map<string, number>()
      await tx.table("notifications").toCollection().modify((row: Record<string, unknown>) => {
        const next = toNotificationRow(row.notification as Notification)
        Object.assign(row, next)
        delete row.depositedAt
        const keys = inboxCounterKeys(next.receptorId)
        const add = inboxCounts(next)
        counters.set(keys.inbox, (counters.get(keys.inbox) ?? 0) + add.inbox)
        counters.set(keys.unread, (counters.get(keys.unread) ?? 0) + add.unread)
      })
      await tx.table("counters").bulkPut([...counters].map(([key, value]) => ({ key, value })))
    })
  }
}

/**
 * The database name of a scope (usually the signed-in person's login id).
 *
 * @since 0.2.0
 * @category constructors
 */
export const casillaDbName = (scope: string): string => `ecasilla-casilla:${encodeURIComponent(scope)}`

/**
 * Opens (or creates) the casilla database of one scope: the signed-in receptor's DNI/RUC,
 * or a deployment-wide scope for staff pages and demos.
 *
 * @since 0.2.0
 * @category constructors
 */
export const openCasillaDb = (scope: string, deps?: IndexedDbDependencies): CasillaDb => new CasillaDb(casillaDbName(scope), deps)

/**
 * Sign-out: deletes everything the casilla kept in this browser for the scope, pending
 * outbox included (send it first if it must reach the server).
 *
 * @since 0.2.0
 * @category constructors
 */
export const clearCasillaScope = async (scope: string, deps?: IndexedDbDependencies): Promise<void> => {
  const db = openCasillaDb(scope, deps)
  db.close()
  await db.delete()
}
