import type { Actor } from "@ecasilla/core"
import type { Ticket } from "@ecasilla/core/cau"
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
 * The IndexedDB database of the ecasilla adapters (tables for the CAU: tickets, their
 * attachment bytes, counters, and the users of the in-browser Directory; since version 2
 * the domain-event outbox every domain's commit writes to).
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
  }
}

/**
 * Opens (or creates) the database.
 *
 * @since 0.1.0
 * @category constructors
 */
export const openEcasillaDb = (name = "ecasilla", deps?: IndexedDbDependencies): EcasillaDb => new EcasillaDb(name, deps)
