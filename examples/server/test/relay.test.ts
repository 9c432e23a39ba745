// The server's outbox: each command commits its events in the same SQL transaction as the
// ticket; mail goes out through the relay, and an outage loses nothing.
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { cauDemoUsers } from "@ecasilla/adapters/memory"
import { Mailer, MailerError } from "@ecasilla/core/ports"
import { Effect, Layer } from "effect"
import { describe, expect, it } from "vitest"
import { ACTOR_HEADER } from "@ecasilla/core/http"
import { startServer } from "../src/server.js"
import { openBackend, type Backend } from "../src/server.js"
import { layerPglite, makeSqlOutboxMailer, migrate, pendingMail, upsertUsers } from "../src/sql/index.js"
import * as SqlClient from "effect/sql/SqlClient"

const draft = {
  titulo: "No llega la notificación a mi casilla",
  descripcion: "<p>Desde ayer no veo notificaciones.</p>",
  tipo: "Incidencia",
  categoria: "aplicativos.casilla.problemas-notificacion",
  telefono: "984 123 456"
}

const pendingEvents = (backend: Backend) =>
  backend.runPromise(Effect.flatMap(Effect.service(SqlClient.SqlClient), (sql) => sql<{ id: string; tag: string }>`SELECT id, tag FROM event_outbox WHERE delivered_at IS NULL ORDER BY seq`))
const mailOf = (backend: Backend) => backend.runPromise(pendingMail)

describe("example backend: event outbox and relay", () => {
  it("a mail outage loses no event: the relay delivers it later, once; a restart delivers what a crash left", async () => {
    const db = await openBackend(layerPglite())
    await db.runPromise(upsertUsers(cauDemoUsers))
    let down = true
    const queue = await db.runPromise(makeSqlOutboxMailer)
    const mailer = Layer.succeed(Mailer, Mailer.of({
      send: (mail) => (down ? Effect.fail(new MailerError({ reason: "unavailable" })) : queue.send(mail))
    }))
    let api = await startServer(db, { port: 0, mailer, relayEveryMs: 3_600_000 })
    const post = (body: unknown) =>
      fetch(`${api.url}/api/tickets`, { method: "POST", headers: { "content-type": "application/json", [ACTOR_HEADER]: "E40125" }, body: JSON.stringify(body) })
    expect((await post(draft)).status).toBe(201)
    expect(await mailOf(db)).toEqual([])
    expect((await pendingEvents(db)).map((e) => e.tag)).toEqual(["@ecasilla/core/cau/TicketCreated"])
    down = false
    await api.relay()
    expect((await mailOf(db)).map((m) => m.subject)).toEqual([expect.stringMatching(/^\[CAU\] Se registró su incidencia/)])
    expect(await pendingEvents(db)).toEqual([])
    await api.relay()
    expect(await mailOf(db)).toHaveLength(1)

    // A crash between commit and relay: the event waits in the database; the next start delivers it.
    down = true
    expect((await post(draft)).status).toBe(201)
    await api.close()
    down = false
    api = await startServer(db, { port: 0, mailer, relayEveryMs: 3_600_000 })
    expect(await mailOf(db)).toHaveLength(2)
    expect(await pendingEvents(db)).toEqual([])
    await api.close()
    await db.dispose()
  })

  it("the SQL mail queue keeps a mail id once, so a redelivered event queues one mail", async () => {
    const db = await openBackend(layerPglite())
    const queue = await db.runPromise(makeSqlOutboxMailer)
    const mail = { id: "evt_1", to: ["a@example.pe"], subject: "s", text: "t", html: "<p>t</p>" }
    await Effect.runPromise(queue.send(mail))
    await Effect.runPromise(queue.send(mail))
    await Effect.runPromise(queue.send({ ...mail, id: "evt_2" }))
    expect((await mailOf(db)).map((m) => m.id)).toEqual(["evt_1", "evt_2"])
    await db.dispose()
  })

  it("migrates a PGlite folder once: reopening applies nothing and keeps the data", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ecasilla-migrate-"))
    const dataDir = join(dir, "pgdata")
    let db = await openBackend(layerPglite({ dataDir }))
    const queue = await db.runPromise(makeSqlOutboxMailer)
    await Effect.runPromise(queue.send({ id: "evt_1", to: ["a@example.pe"], subject: "antes", text: "", html: "" }))
    await db.dispose()
    db = await openBackend(layerPglite({ dataDir }))
    expect(await db.runPromise(migrate)).toEqual([])
    expect((await mailOf(db)).map((m) => m.subject)).toEqual(["antes"])
    await db.dispose()
    rmSync(dir, { recursive: true, force: true })
  })
})
