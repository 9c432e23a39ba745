// The server's outbox: each command commits its events in the same SQL transaction as the
// ticket; mail goes out through the relay, and an outage loses nothing.
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { cauDemoUsers } from "@ecasilla/adapters/memory"
import Database from "better-sqlite3"
import { Mailer, MailerError } from "@ecasilla/core/ports"
import { Effect, Layer } from "effect"
import { describe, expect, it } from "vitest"
import { ACTOR_HEADER } from "../src/http.js"
import { startServer } from "../src/server.js"
import { makeSqliteOutboxMailer, openDatabase, pendingMail, upsertUsers } from "../src/sqlite-store.js"

const draft = {
  titulo: "No llega la notificación a mi casilla",
  descripcion: "<p>Desde ayer no veo notificaciones.</p>",
  tipo: "Incidencia",
  categoria: "aplicativos.casilla.problemas-notificacion",
  telefono: "984 123 456"
}

const pendingEvents = (db: ReturnType<typeof openDatabase>) =>
  (db.prepare(`SELECT id, tag FROM event_outbox WHERE delivered_at IS NULL ORDER BY seq`).all() as Array<{ id: string; tag: string }>)

describe("example backend: event outbox and relay", () => {
  it("a mail outage loses no event: the relay delivers it later, once; a restart delivers what a crash left", async () => {
    const db = openDatabase(":memory:")
    upsertUsers(db, cauDemoUsers)
    let down = true
    const queue = makeSqliteOutboxMailer(db)
    const mailer = Layer.succeed(Mailer, Mailer.of({
      send: (mail) => (down ? Effect.fail(new MailerError({ reason: "unavailable" })) : queue.send(mail))
    }))
    let api = await startServer(db, { port: 0, mailer, relayEveryMs: 3_600_000 })
    const post = (body: unknown) =>
      fetch(`${api.url}/api/tickets`, { method: "POST", headers: { "content-type": "application/json", [ACTOR_HEADER]: "E40125" }, body: JSON.stringify(body) })
    expect((await post(draft)).status).toBe(201)
    expect(pendingMail(db)).toEqual([])
    expect(pendingEvents(db).map((e) => e.tag)).toEqual(["@ecasilla/core/cau/TicketCreated"])
    down = false
    await api.relay()
    expect(pendingMail(db).map((m) => m.subject)).toEqual([expect.stringMatching(/^\[CAU\] Se registró su incidencia/)])
    expect(pendingEvents(db)).toEqual([])
    await api.relay()
    expect(pendingMail(db)).toHaveLength(1)

    // A crash between commit and relay: the event waits in the database; the next start delivers it.
    down = true
    expect((await post(draft)).status).toBe(201)
    await api.close()
    down = false
    api = await startServer(db, { port: 0, mailer, relayEveryMs: 3_600_000 })
    expect(pendingMail(db)).toHaveLength(2)
    expect(pendingEvents(db)).toEqual([])
    await api.close()
    db.close()
  })

  it("the SQLite mail queue keeps a mail id once, so a redelivered event queues one mail", async () => {
    const db = openDatabase(":memory:")
    const queue = makeSqliteOutboxMailer(db)
    const mail = { id: "evt_1", to: ["a@example.pe"], subject: "s", text: "t", html: "<p>t</p>" }
    await Effect.runPromise(queue.send(mail))
    await Effect.runPromise(queue.send(mail))
    await Effect.runPromise(queue.send({ ...mail, id: "evt_2" }))
    expect(pendingMail(db).map((m) => m.id)).toEqual(["evt_1", "evt_2"])
    db.close()
  })

  it("upgrades a database made before the outbox: old mails stay queued, new ones dedupe", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ecasilla-migrate-"))
    const path = join(dir, "old.sqlite")
    const old = new Database(path)
    old.exec(`CREATE TABLE mail_outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, queued_at TEXT NOT NULL, body TEXT NOT NULL, sent_at TEXT)`)
    old.prepare(`INSERT INTO mail_outbox (queued_at, body) VALUES (?, ?)`).run("2026-01-05T14:00:00.000Z", JSON.stringify({ to: ["x@example.pe"], subject: "antiguo", text: "", html: "" }))
    old.close()
    const db = openDatabase(path)
    const queue = makeSqliteOutboxMailer(db)
    const mail = { id: "evt_1", to: ["a@example.pe"], subject: "nuevo", text: "t", html: "<p>t</p>" }
    await Effect.runPromise(queue.send(mail))
    await Effect.runPromise(queue.send(mail))
    expect(pendingMail(db).map((m) => m.subject)).toEqual(["antiguo", "nuevo"])
    db.close()
    rmSync(dir, { recursive: true, force: true })
  })
})
