// The schema of the example backend, as ordered migrations. Each runs once, in a transaction,
// under an advisory lock: several server processes starting together on one PostgreSQL
// apply each migration exactly once.
import { Effect } from "effect"
import * as SqlClient from "effect/sql/SqlClient"

const migrations: ReadonlyArray<readonly [name: string, sql: ReadonlyArray<string>]> = [
  ["0001_cau", [
    `CREATE TABLE tickets (
      id TEXT PRIMARY KEY,
      number TEXT NOT NULL UNIQUE,
      requester_id TEXT NOT NULL,
      beneficiary_id TEXT,
      analyst_id TEXT,
      state TEXT NOT NULL,
      created_at TEXT NOT NULL,
      version INTEGER NOT NULL,
      body TEXT NOT NULL
    )`,
    `CREATE INDEX tickets_requester ON tickets (requester_id)`,
    `CREATE INDEX tickets_beneficiary ON tickets (beneficiary_id)`,
    `CREATE INDEX tickets_analyst ON tickets (analyst_id)`,
    `CREATE TABLE attachments (
      ticket_id TEXT NOT NULL,
      attachment_id TEXT NOT NULL,
      bytes BYTEA NOT NULL,
      PRIMARY KEY (ticket_id, attachment_id)
    )`,
    `CREATE TABLE sequences (name TEXT PRIMARY KEY, value INTEGER NOT NULL)`,
    `CREATE TABLE event_outbox (
      seq INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      tag TEXT NOT NULL,
      aggregate_id TEXT NOT NULL,
      at TEXT NOT NULL,
      data TEXT NOT NULL,
      delivered_at TEXT
    )`,
    `CREATE INDEX event_outbox_pending ON event_outbox (seq) WHERE delivered_at IS NULL`,
    `CREATE TABLE mail_outbox (
      seq INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      mail_id TEXT UNIQUE,
      queued_at TEXT NOT NULL,
      body TEXT NOT NULL,
      sent_at TEXT
    )`,
    `CREATE TABLE users (id TEXT PRIMARY KEY, body TEXT NOT NULL, search TEXT NOT NULL)`
  ]],
  ["0002_sari", [
    `CREATE TABLE sari_requests (
      id TEXT PRIMARY KEY,
      unit_id TEXT NOT NULL,
      requester_id TEXT NOT NULL,
      collaborator_id TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      version INTEGER NOT NULL,
      open_key TEXT UNIQUE,
      body TEXT NOT NULL
    )`,
    `CREATE INDEX sari_requests_unit ON sari_requests (unit_id)`,
    `CREATE INDEX sari_requests_requester ON sari_requests (requester_id)`,
    `CREATE INDEX sari_requests_collaborator ON sari_requests (collaborator_id)`,
    `CREATE TABLE role_assignments (
      user_id TEXT NOT NULL,
      system TEXT NOT NULL,
      role TEXT NOT NULL,
      body TEXT NOT NULL,
      PRIMARY KEY (user_id, system, role)
    )`,
    `CREATE TABLE sari_audit (
      id TEXT PRIMARY KEY,
      request_id TEXT NOT NULL,
      seq INTEGER NOT NULL,
      body TEXT NOT NULL,
      UNIQUE (request_id, seq)
    )`,
    // The audit trail is append-only for everyone who reaches the database, not only the port.
    `CREATE FUNCTION sari_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'sari_audit is append-only'; END $$`,
    `CREATE TRIGGER sari_audit_no_change BEFORE UPDATE OR DELETE ON sari_audit
      FOR EACH ROW EXECUTE FUNCTION sari_audit_append_only()`,
    `CREATE TRIGGER sari_audit_no_truncate BEFORE TRUNCATE ON sari_audit
      FOR EACH STATEMENT EXECUTE FUNCTION sari_audit_append_only()`
  ]],
  ["0003_smtp", [
    // The mails the SMTP mailer sent, by id: a redelivered event is not mailed again.
    `CREATE TABLE sent_mail (mail_id TEXT PRIMARY KEY, sent_at TEXT NOT NULL)`
  ]],
  ["0004_sessions", [
    // Passwords as scrypt hashes; sessions by the SHA-256 of their token (a leaked table
    // gives no usable token).
    `CREATE TABLE credentials (user_id TEXT PRIMARY KEY, hash TEXT NOT NULL)`,
    `CREATE TABLE sessions (token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL, expires_at TEXT NOT NULL)`,
    `CREATE INDEX sessions_user ON sessions (user_id)`
  ]],
  ["0005_idempotency", [
    // Idempotency-Key of each create, committed with its ticket.
    `CREATE TABLE idempotency (actor_id TEXT NOT NULL, key TEXT NOT NULL, ticket_id TEXT NOT NULL, PRIMARY KEY (actor_id, key))`
  ]],
  ["0006_collaborators", [
    // The colleagues SARI's "buscar colaborador" finds (the deployment's personnel registry).
    `CREATE TABLE collaborators (id TEXT PRIMARY KEY, dni TEXT NOT NULL UNIQUE, unit TEXT NOT NULL, search TEXT NOT NULL, body TEXT NOT NULL)`,
    `CREATE INDEX collaborators_unit ON collaborators (unit)`
  ]],
  ["0007_casilla", [
    // The casilla: casillas, notifications, their documents and constancias (blobs), and
    // the casilla's own event outbox (its relay is the casilla's).
    `CREATE TABLE casillas (id TEXT PRIMARY KEY, login_id TEXT NOT NULL UNIQUE, version INTEGER NOT NULL, body TEXT NOT NULL)`,
    `CREATE TABLE notifications (
      id TEXT PRIMARY KEY,
      receptor_id TEXT NOT NULL,
      notificador_id TEXT NOT NULL,
      emisor_id TEXT NOT NULL,
      version INTEGER NOT NULL,
      body TEXT NOT NULL
    )`,
    `CREATE INDEX notifications_receptor ON notifications (receptor_id)`,
    `CREATE INDEX notifications_notificador ON notifications (notificador_id)`,
    `CREATE INDEX notifications_emisor ON notifications (emisor_id)`,
    `CREATE TABLE casilla_blobs (key TEXT PRIMARY KEY, bytes BYTEA NOT NULL)`,
    `CREATE TABLE casilla_outbox (seq BIGSERIAL PRIMARY KEY, id TEXT NOT NULL UNIQUE, body TEXT NOT NULL, delivered_at TEXT)`
  ]],
  ["0008_auth_failures", [
    // Failed sign-in and reset attempts per account and per address, in a fixed window: shared
    // by every server process on the database.
    `CREATE TABLE auth_failures (key TEXT PRIMARY KEY, count INTEGER NOT NULL, since DOUBLE PRECISION NOT NULL)`
  ]],
  ["0009_captchas", [
    // The sign-in captcha of internal users: one-shot challenges, kept as the SHA-256 of their token.
    `CREATE TABLE captchas (token_hash TEXT PRIMARY KEY, answer TEXT NOT NULL, expires_at TEXT NOT NULL)`
  ]],
  ["0010_password_resets", [
    // Password-reset links: one-shot, kept as the SHA-256 of their token, valid 30 minutes.
    `CREATE TABLE password_resets (token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL, expires_at TEXT NOT NULL)`
  ]]
]

/**
 * Brings the database to the latest schema; returns the names of the migrations it applied.
 *
 * @since 0.2.0
 * @category migrations
 */
export const migrate = Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  return yield* sql.withTransaction(
    Effect.gen(function*() {
      // One migrating process at a time (released at the end of the transaction).
      yield* sql`SELECT pg_advisory_xact_lock(4242001)`
      yield* sql`CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`
      const done = new Set((yield* sql<{ name: string }>`SELECT name FROM schema_migrations`).map((r) => r.name))
      const applied: Array<string> = []
      for (const [name, statements] of migrations) {
        if (done.has(name)) continue
        for (const statement of statements) yield* sql.unsafe(statement)
        yield* sql`INSERT INTO schema_migrations (name, applied_at) VALUES (${name}, ${new Date().toISOString()})`
        applied.push(name)
      }
      return applied
    })
  )
})
