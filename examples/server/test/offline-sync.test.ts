// @ecasilla/adapters/offline against the example backend as a real process: commands made
// with the backend down wait in IndexedDB (fake-indexeddb here, real Dexie) next to their
// local change, survive a reload, and replay in order, each exactly once, even when the
// server is killed (SIGKILL) in the middle of the replay and started again on its data.
import { mkdtempSync, rmSync } from "node:fs"
import { createServer as createHttpServer, request } from "node:http"
import { createServer } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { openEcasillaDb } from "@ecasilla/adapters/dexie"
import { cauDemoUsers } from "@ecasilla/adapters/memory"
import { layerNodeHtmlSanitizer } from "@ecasilla/adapters/node"
import { layerOfflineCau } from "@ecasilla/adapters/offline"
import { isProvisionalTicketNumber, type Ticket, ticketErrorMessage, TicketService, TicketSync } from "@ecasilla/core/cau"
import type { ChildProcess } from "node:child_process"
import { Cause, Duration, Effect, Exit, ManagedRuntime } from "effect"
import { IDBFactory, IDBKeyRange } from "fake-indexeddb"
import { afterAll, describe, expect, it } from "vitest"
import { ACTOR_HEADER } from "@ecasilla/core/http"
import { startServerProcess, ticketDraft } from "./fixtures.js"

const [rosa, , carla, , patricia] = cauDemoUsers
const dirs: Array<string> = []
const children: Array<ChildProcess> = []
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL")
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
  })

/** The backend on its PGlite folder and a fixed port, as a process we can kill. */
const backendOn = async (dataDir: string, port: number) => {
  const started = await startServerProcess({ ECASILLA_DATA: dataDir, PORT: String(port) })
  children.push(started.child)
  return started
}
const stop = (child: ChildProcess, signal: NodeJS.Signals = "SIGTERM") =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve()
    child.once("exit", () => resolve())
    child.kill(signal)
  })

/** What the backend holds for Rosa, asked directly over HTTP. */
const serverTickets = async (base: string): Promise<Array<Ticket>> => {
  const res = await fetch(`${base}/api/tickets?requesterId=${rosa.id}&limit=500`, { headers: { [ACTOR_HEADER]: patricia.id } })
  expect(res.status).toBe(200)
  return await res.json() as Array<Ticket>
}

/** A page: the offline CAU over one IndexedDB database (the same name and factory = the same data after a reload). */
const page = (indexedDB: IDBFactory, baseUrl: string) => {
  const db = openEcasillaDb("offline-test", { indexedDB, IDBKeyRange })
  const runtime = ManagedRuntime.make(layerOfflineCau({
    baseUrl,
    db,
    sanitizer: layerNodeHtmlSanitizer,
    timeout: Duration.seconds(3),
    retries: 0,
    retryEvery: 0
  }))
  const cau = <A, E>(f: (s: TicketService["Service"]) => Effect.Effect<A, E>) => runtime.runPromise(Effect.flatMap(Effect.service(TicketService), f))
  const sync = <A>(f: (s: TicketSync["Service"]) => Effect.Effect<A>) => runtime.runPromise(Effect.flatMap(Effect.service(TicketSync), f))
  return {
    db,
    cau,
    sync,
    close: async () => {
      await runtime.dispose()
      db.close()
    }
  }
}

describe("offline CAU on the example backend", () => {
  it("a ticket filed offline, and its edit, survive a reload and sync exactly once when the backend is back", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "ecasilla-offline-"))
    dirs.push(dataDir)
    const port = await freePort()
    const base = `http://127.0.0.1:${port}`
    const indexedDB = new IDBFactory()

    // Offline: nothing listens on the port.
    const first = page(indexedDB, base)
    const draft = ticketDraft("Sin red: no llega la notificación")
    const local = await first.cau((s) => s.createTicket(rosa, draft))
    expect(isProvisionalTicketNumber(local.number)).toBe(true)
    expect(local.state).toBe("Registrada")
    const edited = await first.cau((s) => s.editTicket(rosa, local.id, { telefono: "984 000 111" }))
    expect(edited.telefono).toBe("984 000 111")
    // The core's rules hold offline too: an invalid draft is refused, nothing is queued.
    const invalid = await Effect.runPromiseExit(Effect.promise(() => first.cau((s) => Effect.exit(s.createTicket(rosa, { ...draft, titulo: " " })))).pipe(Effect.flatten))
    expect(Exit.isFailure(invalid) && (Cause.squash(invalid.cause) as { _tag: string })._tag).toBe("@ecasilla/core/cau/TicketValidationError")
    expect(await first.sync((s) => s.status)).toMatchObject({ online: false, pending: 2, failures: [] })
    // Still offline, a replay changes nothing.
    expect(await first.sync((s) => s.sync)).toMatchObject({ online: false, pending: 2 })
    // The person sees the ticket in the list, under its provisional number.
    expect((await first.cau((s) => s.listTickets(rosa, { requesterId: rosa.id }))).map((t) => t.number)).toEqual([local.number])
    await first.close()

    // Reload, with the backend up.
    const backend = await backendOn(dataDir, port)
    const second = page(indexedDB, base)
    // Nothing is replayed before the page knows who is acting (a shared device).
    expect(await second.sync((s) => s.sync)).toMatchObject({ pending: 0 })
    expect((await serverTickets(base)).filter((t) => t.titulo === draft.titulo)).toHaveLength(0)
    await second.cau((s) => s.listTickets(rosa, { requesterId: rosa.id }))
    const status = await second.sync((s) => s.sync)
    expect(status).toMatchObject({ online: true, pending: 0, failures: [] })
    const onServer = (await serverTickets(base)).filter((t) => t.titulo === draft.titulo)
    expect(onServer).toHaveLength(1)
    expect(onServer[0].telefono).toBe("984 000 111")
    expect(isProvisionalTicketNumber(onServer[0].number)).toBe(false)
    // The page still finds it by its provisional id and number, now as the backend's ticket.
    expect((await second.cau((s) => s.getTicket(rosa, local.id))).number).toBe(onServer[0].number)
    expect((await second.cau((s) => s.getTicketByNumber(rosa, local.number))).id).toBe(onServer[0].id)
    // Another replay, another reload: still one.
    await second.sync((s) => s.sync)
    await second.close()
    const third = page(indexedDB, base)
    await third.cau((s) => s.listTickets(rosa, { requesterId: rosa.id }))
    await third.sync((s) => s.sync)
    expect((await serverTickets(base)).filter((t) => t.titulo === draft.titulo)).toHaveLength(1)
    expect((await third.cau((s) => s.listTickets(rosa, { requesterId: rosa.id }))).filter((t) => t.titulo === draft.titulo).map((t) => t.number)).toEqual([onServer[0].number])
    await third.close()
    await stop(backend.child)
  }, 120_000)

  it("the server killed mid-replay and restarted on its data: nothing lost, nothing doubled, order kept", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "ecasilla-offline-"))
    dirs.push(dataDir)
    const port = await freePort()
    const base = `http://127.0.0.1:${port}`
    const indexedDB = new IDBFactory()
    const p = page(indexedDB, base)
    const n = 30
    const made: Array<Ticket> = []
    for (let i = 0; i < n; i++) made.push(await p.cau((s) => s.createTicket(rosa, ticketDraft(`Pendiente ${String(i).padStart(2, "0")}`))))
    expect(await p.sync((s) => s.status)).toMatchObject({ pending: n })

    const backend = await backendOn(dataDir, port)
    // Kill it (SIGKILL, no goodbye) as soon as the replay has filed a few.
    const replay = p.sync((s) => s.sync)
    for (let tries = 0; tries < 400; tries++) {
      if ((await p.sync((s) => s.status)).pending <= n - 3) break
      await new Promise((r) => setTimeout(r, 10))
    }
    await stop(backend.child, "SIGKILL")
    const cut = await replay
    expect(cut.online).toBe(false)
    expect(cut.pending).toBeGreaterThan(0)
    expect(cut.pending).toBeLessThan(n)

    const again = await backendOn(dataDir, port)
    expect(await p.sync((s) => s.sync)).toMatchObject({ online: true, pending: 0, failures: [] })
    const onServer = (await serverTickets(base)).filter((t) => t.titulo.startsWith("Pendiente "))
    expect(onServer).toHaveLength(n)
    expect(new Set(onServer.map((t) => t.titulo)).size).toBe(n)
    // Numbered in the order they were made.
    const inOrder = [...onServer].sort((a, b) => (a.number < b.number ? -1 : 1)).map((t) => t.titulo)
    expect(inOrder).toEqual(made.map((t) => t.titulo))
    await p.close()
    await stop(again.child)
  }, 120_000)

  it("a queued edit the backend refuses (the ticket was assigned meanwhile) is shown as a failure; the copy takes the backend's ticket", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "ecasilla-offline-"))
    dirs.push(dataDir)
    const port = await freePort()
    const base = `http://127.0.0.1:${port}`
    const backend = await backendOn(dataDir, port)
    const p = page(indexedDB(), base)
    const created = await p.cau((s) => s.createTicket(rosa, ticketDraft("Se asignará mientras estoy sin red")))
    expect(isProvisionalTicketNumber(created.number)).toBe(false)
    await stop(backend.child)
    // Offline, Rosa edits her (cached) ticket; meanwhile the lead assigns it on the backend.
    const localEdit = await p.cau((s) => s.editTicket(rosa, created.id, { titulo: "Editado sin red" }))
    expect(localEdit.titulo).toBe("Editado sin red")
    const back = await backendOn(dataDir, port)
    const assign = await fetch(`${base}/api/tickets/${created.id}/assign`, {
      method: "POST",
      headers: { "content-type": "application/json", [ACTOR_HEADER]: patricia.id },
      body: JSON.stringify({ analystId: carla.id, supportGroup: "Soporte Casilla" })
    })
    expect(assign.status).toBe(200)
    const status = await p.sync((s) => s.sync)
    expect(status.pending).toBe(0)
    expect(status.failures).toHaveLength(1)
    const [failure] = status.failures
    expect(failure).toMatchObject({ op: "editTicket", ticketId: created.id, ticketNumber: created.number })
    expect(ticketErrorMessage(failure.error)).toMatch(/\S/)
    expect(ticketErrorMessage(failure.error, "en")).toMatch(/\S/)
    // The copy is the backend's ticket: assigned, with its own title.
    const now = await p.cau((s) => s.getTicket(rosa, created.id))
    expect(now.state).toBe("Asignada-Pendiente")
    expect(now.titulo).toBe("Se asignará mientras estoy sin red")
    await p.sync((s) => s.dismiss(failure.seq))
    expect((await p.sync((s) => s.status)).failures).toEqual([])
    await p.close()
    await stop(back.child)
  }, 120_000)
})

/**
 * A loopback proxy in front of the backend that loses the answers of the first `lose` POSTs:
 * the backend applies them, the page never hears back (a cut connection).
 */
const lossyProxy = (target: string, lose: number) =>
  new Promise<{ url: string; lost: () => number; close: () => Promise<void> }>((resolve) => {
    let lost = 0
    const server = createHttpServer((req, res) => {
      const upstream = request(`${target}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
        if (req.method === "POST" && lost < lose) {
          lost++
          answer.resume()
          answer.on("end", () => res.socket?.destroy())
          return
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      })
      upstream.on("error", () => res.socket?.destroy())
      req.pipe(upstream)
    })
    server.listen(0, "127.0.0.1", () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
        lost: () => lost,
        close: () => new Promise((r) => server.close(() => r()))
      }))
  })

describe("offline CAU when answers are lost", () => {
  it("a replay whose answer was lost is sent again with its key and applied once", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "ecasilla-offline-"))
    dirs.push(dataDir)
    const backend = await backendOn(dataDir, 0)
    const proxy = await lossyProxy(backend.url, 4)
    const factory = indexedDB()
    const p = page(factory, "http://127.0.0.1:9")
    // Queued while offline (port 9 answers nothing), replayed through the lossy proxy.
    const made: Array<Ticket> = []
    for (let i = 0; i < 6; i++) made.push(await p.cau((s) => s.createTicket(rosa, ticketDraft(`Respuesta perdida ${i}`))))
    const edit = await p.cau((s) => s.editTicket(rosa, made[0].id, { telefono: "984 555 000" }))
    expect(edit.version).toBe(2)
    await p.close()
    const r = page(factory, proxy.url)
    await r.cau((s) => s.listTickets(rosa, { requesterId: rosa.id }))
    let status = await r.sync((s) => s.sync)
    for (let i = 0; i < 10 && status.pending > 0; i++) status = await r.sync((s) => s.sync)
    expect(status).toMatchObject({ pending: 0, failures: [] })
    expect(proxy.lost()).toBe(4)
    const onServer = (await serverTickets(backend.url)).filter((t) => t.titulo.startsWith("Respuesta perdida "))
    expect(onServer.map((t) => t.titulo).sort()).toEqual(made.map((t) => t.titulo).sort())
    const first = onServer.find((t) => t.titulo === made[0].titulo)!
    expect(first.telefono).toBe("984 555 000")
    // The edit was applied once: created (1) + one edit (2).
    expect(first.version).toBe(2)
    await r.close()
    await proxy.close()
    await stop(backend.child)
  }, 120_000)
})

describe("offline CAU on a shared device", () => {
  it("one person's queued commands are neither shown to nor replayed under the next person; they go out when the first comes back", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "ecasilla-offline-"))
    dirs.push(dataDir)
    const port = await freePort()
    const base = `http://127.0.0.1:${port}`
    const factory = indexedDB()
    const p = page(factory, base)
    const mine = await p.cau((s) => s.createTicket(rosa, ticketDraft("Cola de Rosa en equipo compartido")))
    expect(isProvisionalTicketNumber(mine.number)).toBe(true)
    await p.close()
    const backend = await backendOn(dataDir, port)
    // Patricia uses the same browser next.
    const q = page(factory, base)
    await q.cau((s) => s.listTickets(patricia, {}))
    expect(await q.sync((s) => s.sync)).toMatchObject({ pending: 0, failures: [] })
    expect((await serverTickets(base)).filter((t) => t.titulo === "Cola de Rosa en equipo compartido")).toHaveLength(0)
    // Rosa comes back: her command goes out, as hers.
    await q.cau((s) => s.listTickets(rosa, { requesterId: rosa.id }))
    expect(await q.sync((s) => s.sync)).toMatchObject({ pending: 0 })
    const sent = (await serverTickets(base)).filter((t) => t.titulo === "Cola de Rosa en equipo compartido")
    expect(sent.map((t) => t.requester.id)).toEqual([rosa.id])
    await q.close()
    await stop(backend.child)
  }, 120_000)
})

function indexedDB() {
  return new IDBFactory()
}
