// The TicketStore and Directory ports on SQLite (better-sqlite3): what a CGR backend
// keeps on its own disk. Passes the same TicketStore contract suite as memory and Dexie.
import { Actor } from "@ecasilla/core"
import { decodeTicketSync, Ticket, type TicketCommit, type TicketQuery, TicketStore, TicketStoreError, orderTickets, matchesTicketQuery } from "@ecasilla/core/cau"
import { Directory, EventOutbox, EventOutboxError, foldForSearch, Ids, type Mail, Mailer, MailerError, randomId } from "@ecasilla/core/ports"
import Database from "better-sqlite3"
import { Clock, Effect, Layer, Option, Schema } from "effect"

const SCHEMA = `
  PRAGMA journal_mode = WAL;
  PRAGMA foreign_keys = ON;
  CREATE TABLE IF NOT EXISTS tickets (
    id TEXT PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    requester_id TEXT NOT NULL,
    beneficiary_id TEXT,
    analyst_id TEXT,
    state TEXT NOT NULL,
    created_at TEXT NOT NULL,
    version INTEGER NOT NULL,
    body TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS tickets_requester ON tickets(requester_id);
  CREATE INDEX IF NOT EXISTS tickets_beneficiary ON tickets(beneficiary_id);
  CREATE INDEX IF NOT EXISTS tickets_analyst ON tickets(analyst_id);
  CREATE TABLE IF NOT EXISTS attachments (
    ticket_id TEXT NOT NULL,
    attachment_id TEXT NOT NULL,
    bytes BLOB NOT NULL,
    PRIMARY KEY (ticket_id, attachment_id)
  );
  CREATE TABLE IF NOT EXISTS sequences (
    name TEXT PRIMARY KEY,
    value INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS mail_outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    queued_at TEXT NOT NULL,
    body TEXT NOT NULL,
    sent_at TEXT
  );
  CREATE TABLE IF NOT EXISTS event_outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    tag TEXT NOT NULL,
    aggregate_id TEXT NOT NULL,
    at TEXT NOT NULL,
    data TEXT NOT NULL,
    delivered_at TEXT
  );
  CREATE INDEX IF NOT EXISTS event_outbox_pending ON event_outbox(delivered_at, seq);
  CREATE TABLE IF NOT EXISTS users (
    id TEXT PRIMARY KEY,
    body TEXT NOT NULL,
    search TEXT NOT NULL
  );
`

/** Opens (and creates) the example's database: a file path, or ":memory:". */
export const openDatabase = (path: string): Database.Database => {
  const db = new Database(path)
  db.exec(SCHEMA)
  migrate(db)
  return db
}

// Databases made before the event outbox: queued mails get the id of the event that wrote
// them, unique, so a redelivered event queues its mail once.
const migrate = (db: Database.Database) => {
  const columns = db.prepare(`PRAGMA table_info(mail_outbox)`).all() as Array<{ name: string }>
  if (!columns.some((c) => c.name === "mail_id")) db.exec(`ALTER TABLE mail_outbox ADD COLUMN mail_id TEXT`)
  db.exec(`CREATE UNIQUE INDEX IF NOT EXISTS mail_outbox_mail_id ON mail_outbox(mail_id)`)
}

const encodeTicket = Schema.encodeSync(Ticket)
const storeError = (reason: "duplicate" | "conflict" | "not-found" | "unavailable", ticketId: string) =>
  new TicketStoreError({ reason, ticketId })

const isConstraint = (e: unknown): boolean => typeof (e as { code?: unknown })?.code === "string" && (e as { code: string }).code.startsWith("SQLITE_CONSTRAINT")

/** Runs a database call; a SQLite failure (disk full, locked…) becomes a typed `unavailable`. */
const attempt = <A>(ticketId: string, f: () => A): Effect.Effect<A, TicketStoreError> =>
  Effect.try({ try: f, catch: () => storeError("unavailable", ticketId) })

/**
 * A TicketStore over a better-sqlite3 database. The ticket is kept as its encoded JSON,
 * with the columns the queries filter on beside it.
 */
export const makeSqliteTicketStore = (db: Database.Database): TicketStore["Service"] => {
  const insert = db.prepare(
    `INSERT INTO tickets (id, number, requester_id, beneficiary_id, analyst_id, state, created_at, version, body)
     VALUES (@id, @number, @requester_id, @beneficiary_id, @analyst_id, @state, @created_at, @version, @body)`
  )
  const update = db.prepare(
    `UPDATE tickets SET analyst_id = @analyst_id, beneficiary_id = @beneficiary_id, state = @state, version = @version, body = @body
     WHERE id = @id AND number = @number AND version = @version - 1`
  )
  const exists = db.prepare(`SELECT 1 FROM tickets WHERE id = ? OR number = ?`)
  const byId = db.prepare(`SELECT body FROM tickets WHERE id = ?`)
  const byNumber = db.prepare(`SELECT body FROM tickets WHERE number = ?`)
  const all = db.prepare(`SELECT body FROM tickets`)
  // Plain INSERTs: a repeated attachment or event id is a constraint error that rolls the commit back.
  const addFile = db.prepare(`INSERT INTO attachments (ticket_id, attachment_id, bytes) VALUES (?, ?, ?)`)
  const addEvent = db.prepare(`INSERT INTO event_outbox (id, tag, aggregate_id, at, data) VALUES (?, ?, ?, ?, ?)`)
  const versionOf = db.prepare(`SELECT version, number FROM tickets WHERE id = ?`)
  const getFile = db.prepare(`SELECT bytes FROM attachments WHERE ticket_id = ? AND attachment_id = ?`)

  const row = (t: Ticket) => ({
    id: t.id,
    number: t.number,
    requester_id: t.requester.id,
    beneficiary_id: t.onBehalfOf?.id ?? null,
    analyst_id: t.analyst?.id ?? null,
    state: t.state,
    created_at: t.createdAt,
    version: t.version,
    body: JSON.stringify(encodeTicket(t))
  })
  const decode = (r: unknown): Ticket => decodeTicketSync(JSON.parse((r as { body: string }).body))
  const listQuery = (query: TicketQuery | undefined): ReadonlyArray<Ticket> => {
    // The indexed columns narrow the rows; the core's own predicate and order decide.
    const where: Array<string> = []
    const params: Array<string> = []
    if (query?.requesterId !== undefined) {
      where.push("(requester_id = ? OR beneficiary_id = ?)")
      params.push(query.requesterId, query.requesterId)
    }
    if (query?.analystId !== undefined) {
      where.push("analyst_id = ?")
      params.push(query.analystId)
    }
    const rows = where.length
      ? db.prepare(`SELECT body FROM tickets WHERE ${where.join(" AND ")}`).all(...params)
      : all.all()
    return orderTickets(rows.map(decode).filter((t) => matchesTicketQuery(t, query)), query?.limit)
  }

  // One SQL transaction: a thrown error anywhere rolls back the ticket, its files and its events.
  const commitTx = db.transaction((c: TicketCommit): "ok" | "duplicate" | "conflict" | "not-found" => {
    const { ticket, expectedVersion } = c
    if (expectedVersion === 0) {
      if (exists.get(ticket.id, ticket.number)) return "duplicate"
      if (ticket.version !== 1) return "conflict"
      insert.run(row(ticket))
    } else {
      const current = versionOf.get(ticket.id) as { version: number; number: string } | undefined
      if (!current) return "not-found"
      if (current.version !== expectedVersion || current.number !== ticket.number || ticket.version !== expectedVersion + 1) return "conflict"
      update.run(row(ticket))
    }
    for (const a of c.attachments) addFile.run(ticket.id, a.id, Buffer.from(a.bytes))
    for (const e of c.events) addEvent.run(e.id, e.tag, e.aggregateId, e.at, JSON.stringify(e.data))
    return "ok"
  })

  return TicketStore.of({
    commit: (c) =>
      Effect.flatMap(
        Effect.try({
          try: () => commitTx(c),
          catch: (e) => storeError(isConstraint(e) ? "duplicate" : "unavailable", c.ticket.id)
        }),
        (r) => (r === "ok" ? Effect.void : Effect.fail(storeError(r, c.ticket.id)))
      ),
    get: (id) => attempt(id, () => Option.map(Option.fromNullishOr(byId.get(id)), decode)),
    getByNumber: (number) => attempt(number, () => Option.map(Option.fromNullishOr(byNumber.get(number)), decode)),
    list: (query) => attempt("", () => listQuery(query)),
    getAttachment: (ticketId, attachmentId) =>
      attempt(ticketId, () =>
        Option.map(Option.fromNullishOr(getFile.get(ticketId, attachmentId) as { bytes: Buffer } | undefined), (r) => new Uint8Array(r.bytes))
      )
  })
}

/** The event outbox the ticket commits append to, in the same database. */
export const makeSqliteEventOutbox = (db: Database.Database): EventOutbox["Service"] => {
  const pending = db.prepare(`SELECT id, tag, aggregate_id, at, data FROM event_outbox WHERE delivered_at IS NULL ORDER BY seq LIMIT ?`)
  const mark = db.prepare(`UPDATE event_outbox SET delivered_at = ? WHERE id = ? AND delivered_at IS NULL`)
  const markAll = db.transaction((ids: ReadonlyArray<string>, at: string) => {
    for (const id of ids) mark.run(at, id)
  })
  const unavailable = (e: unknown) => new EventOutboxError({ reason: "unavailable", detail: e instanceof Error ? e.message : String(e) })
  return EventOutbox.of({
    pending: (limit) =>
      Effect.try({
        try: () =>
          (pending.all(Math.max(0, limit)) as Array<{ id: string; tag: string; aggregate_id: string; at: string; data: string }>).map((r) => ({
            id: r.id,
            tag: r.tag,
            aggregateId: r.aggregate_id,
            at: r.at,
            data: JSON.parse(r.data) as unknown
          })),
        catch: unavailable
      }),
    markDelivered: (ids) =>
      Effect.flatMap(Clock.currentTimeMillis, (now) => Effect.try({ try: () => markAll(ids, new Date(now).toISOString()), catch: unavailable }))
  })
}

/** The registered users, in the same database. */
export const makeSqliteDirectory = (db: Database.Database): Directory["Service"] => {
  const byId = db.prepare(`SELECT body FROM users WHERE id = ?`)
  const search = db.prepare(`SELECT body FROM users WHERE search LIKE ? ESCAPE '\\' ORDER BY id LIMIT ?`)
  const decodeActor = Schema.decodeUnknownSync(Actor)
  const decode = (r: unknown) => decodeActor(JSON.parse((r as { body: string }).body))
  return Directory.of({
    findUser: (id) => Effect.sync(() => Option.map(Option.fromNullishOr(byId.get(id)), decode)),
    searchUsers: (query, limit = 20) =>
      Effect.sync(() => {
        const q = foldForSearch(query).replace(/[\\%_]/g, (c) => `\\${c}`)
        return search.all(`%${q}%`, Math.max(0, Math.min(limit, 200))).map(decode)
      })
  })
}

/** Registers (or updates) users in the directory. */
export const upsertUsers = (db: Database.Database, users: ReadonlyArray<Actor>): void => {
  const put = db.prepare(`INSERT OR REPLACE INTO users (id, body, search) VALUES (?, ?, ?)`)
  const encode = Schema.encodeSync(Actor)
  db.transaction(() => {
    for (const u of users) put.run(u.id, JSON.stringify(encode(u)), foldForSearch(`${u.id} ${u.name} ${u.email ?? ""}`))
  })()
}

/** Random ids, and sequences (ticket numbers) that survive restarts: one UPSERT each. */
export const makeSqliteIds = (db: Database.Database): Ids["Service"] => {
  const bump = db.prepare(
    `INSERT INTO sequences (name, value) VALUES (?, 1)
     ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value`
  )
  return Ids.of({
    next: (prefix) => Effect.sync(() => randomId(prefix)),
    sequence: (name) => Effect.sync(() => (bump.get(name) as { value: number }).value)
  })
}

/**
 * A Mailer that queues each e-mail in a mail table, in the same database as the tickets:
 * the process that drains it (SMTP, the CGR mail gateway) is the deployment's. A mail whose
 * `id` (its event's id) is already queued is not queued again, which is what makes the
 * event consumer idempotent.
 */
export const makeSqliteOutboxMailer = (db: Database.Database): Mailer["Service"] => {
  const queue = db.prepare(`INSERT OR IGNORE INTO mail_outbox (mail_id, queued_at, body) VALUES (?, ?, ?)`)
  return Mailer.of({
    send: (mail) =>
      Effect.flatMap(Clock.currentTimeMillis, (now) =>
        Effect.try({
          try: () => void queue.run(mail.id ?? null, new Date(now).toISOString(), JSON.stringify(mail)),
          catch: (e) => new MailerError({ reason: "unavailable", detail: e instanceof Error ? e.message : String(e) })
        }))
  })
}

/** The e-mails waiting in the outbox, oldest first. */
export const pendingMail = (db: Database.Database): ReadonlyArray<Mail> =>
  db.prepare(`SELECT body FROM mail_outbox WHERE sent_at IS NULL ORDER BY seq`).all().map((r) => JSON.parse((r as { body: string }).body) as Mail)

/** The ports a backend keeps on disk, as Layers over one database. */
export const layerSqlite = (db: Database.Database): Layer.Layer<TicketStore | EventOutbox | Directory | Ids> =>
  Layer.mergeAll(
    Layer.succeed(TicketStore, makeSqliteTicketStore(db)),
    Layer.succeed(EventOutbox, makeSqliteEventOutbox(db)),
    Layer.succeed(Directory, makeSqliteDirectory(db)),
    Layer.succeed(Ids, makeSqliteIds(db))
  )
