// Creates with an Idempotency-Key: a create sent again (a retry after a lost answer, an
// offline replay) answers with the ticket it made; racing replays file it once; the HTTP
// adapter retries creates safely because it sends a key.
import { createServer, request as httpRequest, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { layerHttpCau } from "@ecasilla/adapters/http"
import { cauDemoUsers } from "@ecasilla/adapters/memory"
import { TicketService } from "@ecasilla/core/cau"
import { Effect, ManagedRuntime } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startExample, ticketDraft } from "./fixtures.js"

let example: Awaited<ReturnType<typeof startExample>>
let proxy: Server | undefined
beforeAll(async () => {
  example = await startExample()
}, 60_000)
afterAll(async () => {
  if (proxy) await new Promise((r) => proxy!.close(r))
  await example?.close()
})

const draft = ticketDraft
const create = async (body: unknown, key?: string) => {
  const res = await fetch(`${example.api.url}/api/tickets`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-ecasilla-user": "E40125", ...(key ? { "idempotency-key": key } : {}) },
    body: JSON.stringify(body)
  })
  return { status: res.status, body: await res.json() as { id: string; number: string; error?: { code: string } } }
}
const countTitled = (titulo: string) =>
  example.backend.runPromise(Effect.flatMap(Effect.service(SqlClient.SqlClient), (sql) => sql<{ n: number }>`SELECT count(*)::int AS n FROM tickets WHERE body LIKE ${`%${titulo}%`}`)).then((r) => Number(r[0].n))

describe("Idempotency-Key on ticket creation", () => {
  it("the same key answers with the same ticket, also under racing replays; without a key each create files one", async () => {
    const first = await create(draft("Clave repetida"), "key-0001-repetida")
    const again = await create(draft("Clave repetida"), "key-0001-repetida")
    expect(first.status).toBe(201)
    expect(again.body.id).toBe(first.body.id)
    const racing = await Promise.all(Array.from({ length: 10 }, () => create(draft("Carrera"), "key-0002-carrera")))
    expect(new Set(racing.map((r) => r.body.id)).size).toBe(1)
    expect(await countTitled("Clave repetida")).toBe(1)
    expect(await countTitled("Carrera")).toBe(1)
    await create(draft("Sin clave"))
    await create(draft("Sin clave"))
    expect(await countTitled("Sin clave")).toBe(2)
    expect((await create(draft("x"), "bad key!")).status).toBe(400)
  })

  it("the HTTP adapter retries a create whose answer was lost, and the backend files it once", async () => {
    // A proxy that lets the first create reach the backend, then drops its answer.
    let dropped = 0
    proxy = createServer((req, res) => {
      const target = new URL(example.api.url)
      const forward = httpRequest({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
        if (req.method === "POST" && dropped === 0) {
          dropped++
          answer.resume()
          answer.on("end", () => res.socket?.destroy())
          return
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      })
      req.pipe(forward)
    })
    await new Promise<void>((r) => proxy!.listen(0, "127.0.0.1", () => r()))
    const runtime = ManagedRuntime.make(layerHttpCau({ baseUrl: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, retries: 2 }))
    const ticket = await runtime.runPromise(Effect.flatMap(Effect.service(TicketService), (s) => s.createTicket(cauDemoUsers[0], draft("Respuesta perdida"))))
    expect(dropped).toBe(1)
    expect(ticket.state).toBe("Registrada")
    expect(await countTitled("Respuesta perdida")).toBe(1)
    await runtime.dispose()
  })
})
