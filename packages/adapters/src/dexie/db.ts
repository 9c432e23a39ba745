import type { Actor } from "@ecasilla/core"
import type { Collaborator, RoleAssignment } from "@ecasilla/core/roles"
import type { SariAuditEntry, SariRequest } from "@ecasilla/core/sari"
import type { Ticket, TicketSyncFailure, TicketSyncOp } from "@ecasilla/core/cau"
import { Dexie, type Table } from "dexie"

/**
 * One ticket row: the ticket as JSON plus the fields the indexes need.
 *
 * @since 0.1.0
 * @category models
 */
export interface TicketRow {
  readonly id: string
  readonly number: string
  readonly createdAt: string
  readonly state: string
  /** Requester and beneficiary ids (multi-entry index). */
  readonly parties: ReadonlyArray<string>
  readonly analystId: string
  readonly ticket: Ticket
}

/**
 * One attachment's bytes.
 *
 * @since 0.1.0
 * @category models
 */
export interface AttachmentRow {
  readonly ticketId: string
  readonly attachmentId: string
  readonly bytes: Uint8Array
}

/**
 * A named counter (ticket numbers).
 *
 * @since 0.1.0
 * @category models
 */
export interface CounterRow {
  readonly name: string
  readonly value: number
}

/**
 * One domain event waiting in (or delivered from) the outbox. `seq` is the commit order;
 * `delivered` is 0 or 1 because IndexedDB cannot index booleans.
 *
 * @since 0.2.0
 * @category models
 */
export interface OutboxRow {
  readonly seq?: number
  readonly id: string
  readonly tag: string
  readonly aggregateId: string
  readonly at: string
  readonly data: unknown
  readonly delivered: 0 | 1
}

/**
 * One SARI request row: the request as JSON plus the fields the indexes need. `openKey`
 * is set only while the request is open, and its unique index is what keeps one open
 * request per collaborator and system even with two tabs writing.
 *
 * @since 0.2.0
 * @category models
 */
export interface SariRequestRow {
  readonly id: string
  readonly updatedAt: string
  readonly unitId: string
  readonly requesterId: string
  readonly collaboratorId: string
  readonly openKey?: string
  readonly request: SariRequest
}

/**
 * One command an offline page made without a network (`layerOfflineCau`), written in the
 * same IndexedDB transaction as its local change and replayed, in `seq` order, with its
 * `key` as the Idempotency-Key, so the backend applies it once however often it is sent.
 *
 * @since 0.2.0
 * @category models
 */
export interface MutationRow {
  readonly seq?: number
  readonly key: string
  readonly op: TicketSyncOp
  /** Who made it (the Actor, as JSON). */
  readonly actor: Actor
  /** The ticket it was made on: the local, provisional id of a ticket filed offline, or the backend's. */
  readonly ticketId: string
  readonly ticketNumber: string
  readonly titulo: string
  /** The command's arguments after the actor and the ticket id. */
  readonly args: ReadonlyArray<unknown>
  readonly status: "pending" | "failed"
  readonly at: string
  readonly error?: TicketSyncFailure["error"]
}

/**
 * A ticket filed offline that the backend has numbered: its provisional id, and the id the
 * backend gave it, so the page's links and later queued commands still find it.
 *
 * @since 0.2.0
 * @category models
 */
export interface SyncedIdRow {
  readonly localId: string
  readonly localNumber: string
  readonly serverId: string
  readonly number: string
}

/**
 * Where the Dexie adapters keep things when IndexedDB is not the global one (Node tests
 * with fake-indexeddb, private instances).
 *
 * @since 0.1.0
 * @category models
 */
export interface IndexedDbDependencies {
  readonly indexedDB: IDBFactory
  readonly IDBKeyRange: typeof IDBKeyRange
}

/**
 * The IndexedDB database of the ecasilla adapters: the CAU (tickets, their attachment
 * bytes, counters), the users and colleagues of the in-browser Directory, the
 * domain-event outbox every domain's commit writes to (version 2), SARI (requests,
 * role assignments, the append-only audit trail; version 3) and the offline queue
 * (version 4).
 *
 * @since 0.1.0
 * @category models
 */
export class EcasillaDb extends Dexie {
  tickets!: Table<TicketRow, string>
  attachments!: Table<AttachmentRow, [string, string]>
  counters!: Table<CounterRow, string>
  users!: Table<Actor, string>
  outbox!: Table<OutboxRow, number>
  collaborators!: Table<Collaborator, string>
  sariRequests!: Table<SariRequestRow, string>
  roleAssignments!: Table<RoleAssignment, [string, string, string]>
  /** Append-only: hooks refuse every update and delete (see `makeDexieSariStore`). */
  sariAudit!: Table<SariAuditEntry, string>
  mutations!: Table<MutationRow, number>
  syncedIds!: Table<SyncedIdRow, string>

  constructor(name = "ecasilla", deps?: IndexedDbDependencies) {
    super(name, deps ? { indexedDB: deps.indexedDB, IDBKeyRange: deps.IDBKeyRange } : undefined)
    this.version(1).stores({
      tickets: "id, &number, createdAt, state, *parties, analystId",
      attachments: "[ticketId+attachmentId]",
      counters: "name",
      users: "id, name"
    })
    // Version 2: the event outbox. Existing tickets need no change; events published before
    // the upgrade were delivered (or lost) by the old publish-after-write path, so the
    // outbox starts empty.
    this.version(2).stores({
      outbox: "++seq, &id, [delivered+seq], aggregateId"
    })
    // Version 3: SARI and the colleagues of the Directory.
    this.version(3).stores({
      collaborators: "id, &dni, unit, name",
      sariRequests: "id, updatedAt, unitId, requesterId, collaboratorId, &openKey",
      roleAssignments: "[userId+system+role], userId",
      sariAudit: "id, requestId, &[requestId+seq]"
    })
    // Version 4: the offline queue of `layerOfflineCau` and the ids the backend gave to
    // tickets filed offline.
    this.version(4).stores({
      mutations: "++seq, status, ticketId",
      syncedIds: "localId, serverId, localNumber"
    })
    // The audit trail is append-only for every caller of this database, not only the store.
    this.sariAudit.hook("updating", () => {
      throw new Error("The SARI audit trail is append-only: entries cannot be updated.")
    })
    this.sariAudit.hook("deleting", () => {
      throw new Error("The SARI audit trail is append-only: entries cannot be deleted.")
    })
  }
}

/**
 * Opens (or creates) the database.
 *
 * @since 0.1.0
 * @category constructors
 */
export const openEcasillaDb = (name = "ecasilla", deps?: IndexedDbDependencies): EcasillaDb => new EcasillaDb(name, deps)
