// Attachments over HTTP as multipart/form-data: through @ecasilla/adapters/http two 9.5 MB
// PDFs (the documented limits: 10 MB per file, 25 MB per ticket) reach the example backend
// and come back byte for byte, and the request costs what the files weigh, not a third more
// as base64. What the limits refuse is refused: an 11 MB file with the core's reason (422),
// a body over 26 MB with 413, answered before the connection closes.
import { randomBytes } from "node:crypto"
import { createServer, request, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { layerHttpCau } from "@ecasilla/adapters/http"
import { cauDemoUsers } from "@ecasilla/adapters/memory"
import { defaultAttachmentPolicy, TicketService } from "@ecasilla/core/cau"
import { MAX_REQUEST_BYTES } from "@ecasilla/core/http"
import { Cause, Duration, Effect, Exit, ManagedRuntime } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { ACTOR_HEADER } from "@ecasilla/core/http"
import { startExample, ticketDraft } from "./fixtures.js"

const [rosa, , carla, , patricia] = cauDemoUsers
let example: Awaited<ReturnType<typeof startExample>>
let counter: Server
let requestBytes = 0
beforeAll(async () => {
  example = await startExample()
  // A loopback proxy that counts the bytes of each request body on the wire.
  counter = createServer((req, res) => {
    const upstream = request(`${example.api.url}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    })
    req.on("data", (c: Buffer) => void (requestBytes += c.length))
    req.pipe(upstream)
  })
  await new Promise<void>((r) => counter.listen(0, "127.0.0.1", r))
}, 60_000)
afterAll(async () => {
  await new Promise((r) => counter?.close(r))
  await example?.close()
})

/** A real PDF header and trailer around `size` bytes of incompressible content. */
const pdfOf = (size: number) => {
  const head = new TextEncoder().encode("%PDF-1.7\n1 0 obj\n<< /Length " + (size - 64) + " >>\nstream\n")
  const tail = new TextEncoder().encode("\nendstream\nendobj\n%%EOF\n")
  const out = new Uint8Array(size)
  out.set(head)
  out.set(randomBytes(size - head.length - tail.length), head.length)
  out.set(tail, size - tail.length)
  return out
}
const MB = 1024 * 1024

describe("attachments as multipart/form-data", () => {
  it("two 9.5 MB PDFs: filed, stored and read back byte for byte; the request weighs what the files weigh", async () => {
    expect(defaultAttachmentPolicy.maxBytes).toBe(10 * MB)
    expect(defaultAttachmentPolicy.maxTotalBytes).toBe(25 * MB)
    const a = pdfOf(9.5 * MB)
    const b = pdfOf(9.5 * MB)
    const runtime = ManagedRuntime.make(layerHttpCau({ baseUrl: `http://127.0.0.1:${(counter.address() as AddressInfo).port}`, timeout: Duration.seconds(60), retries: 0 }))
    const s = await runtime.runPromise(Effect.service(TicketService))
    requestBytes = 0
    const ticket = await runtime.runPromise(s.createTicket(rosa, { ...ticketDraft("Dos informes escaneados"), attachments: [{ name: "informe-1.pdf", bytes: a }, { name: "informe-2.pdf", bytes: b }] }))
    // 19 MB of files; multipart adds headers and boundaries only (base64 would be 25.3 MB).
    expect(requestBytes).toBeGreaterThan(19 * MB)
    expect(requestBytes).toBeLessThan(19 * MB + 64 * 1024)
    expect(ticket.attachments.map((x) => [x.name, x.size, x.kind])).toEqual([["informe-1.pdf", a.length, "pdf"], ["informe-2.pdf", b.length, "pdf"]])
    const back = await runtime.runPromise(s.getAttachment(rosa, ticket.id, ticket.attachments[1].id))
    expect(Buffer.from(back.bytes).equals(Buffer.from(b))).toBe(true)

    // A note with a file goes the same way.
    await runtime.runPromise(s.assignTicket(patricia, ticket.id, { analystId: carla.id, supportGroup: "Soporte Casilla" }))
    requestBytes = 0
    const noted = await runtime.runPromise(s.addNote(rosa, ticket.id, { message: "Adjunto la constancia.", attachments: [{ name: "constancia.pdf", bytes: pdfOf(2 * MB) }] }))
    expect(requestBytes).toBeLessThan(2 * MB + 16 * 1024)
    expect(noted.attachments.filter((x) => x.noteId !== undefined).map((x) => x.name)).toEqual(["constancia.pdf"])
    await runtime.dispose()
  }, 120_000)

  it("an 11 MB file is refused with the core's reason and nothing is filed", async () => {
    const runtime = ManagedRuntime.make(layerHttpCau({ baseUrl: example.api.url, timeout: Duration.seconds(60), retries: 0 }))
    const titulo = "Un informe demasiado grande"
    const exit = await runtime.runPromiseExit(Effect.flatMap(Effect.service(TicketService), (s) =>
      s.createTicket(rosa, { ...ticketDraft(titulo), attachments: [{ name: "grande.pdf", bytes: pdfOf(11 * MB) }] })))
    expect(Exit.isFailure(exit)).toBe(true)
    const error = Cause.squash((exit as Exit.Failure<unknown, unknown>).cause) as { _tag: string; reason?: string; issues?: ReadonlyArray<{ field: string; code: string }> }
    expect(JSON.stringify(error)).toContain("too-large")
    const mine = await runtime.runPromise(Effect.flatMap(Effect.service(TicketService), (s) => s.listTickets(rosa, { requesterId: rosa.id })))
    expect(mine.filter((t) => t.titulo === titulo)).toEqual([])
    await runtime.dispose()
  }, 60_000)

  /**
   * POSTs a body with no declared length (chunked): `head`, then 1 MB chunks past the limit, then
   * `tail`, stopping once the answer comes. The server finds out while reading.
   */
  const sendOversized = (type: string, head: string, chunk: Buffer, tail: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const u = new URL(`${example.api.url}/api/tickets`)
      const r = request({ host: u.hostname, port: u.port, path: u.pathname, method: "POST", headers: { "content-type": type, [ACTOR_HEADER]: rosa.id } }, (res) => {
        let body = ""
        res.on("data", (c: Buffer) => void (body += c.toString()))
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }))
      })
      r.on("error", reject)
      r.write(head)
      let sent = 0
      const pump = () => {
        while (sent < MAX_REQUEST_BYTES + 4 * MB) {
          sent += chunk.length
          if (!r.write(chunk)) return void r.once("drain", pump)
        }
        r.end(tail)
      }
      r.on("response", () => {
        sent = Number.POSITIVE_INFINITY
      })
      pump()
    })

  it("a multipart body over the limit gets 413 while it is still being sent, and the client reads it", async () => {
    const boundary = "----ecasilla-test"
    const answer = await sendOversized(
      `multipart/form-data; boundary=${boundary}`,
      `--${boundary}\r\ncontent-disposition: form-data; name="files"; filename="enorme.pdf"\r\ncontent-type: application/pdf\r\n\r\n`,
      randomBytes(MB),
      `\r\n--${boundary}--\r\n`
    )
    expect(answer.status).toBe(413)
    expect(JSON.parse(answer.body).error.code).toBe("too-large")
  }, 60_000)

  it("a JSON body over the limit with no declared length gets 413 too, and the client reads it", async () => {
    const answer = await sendOversized("application/json", `{"titulo":"`, Buffer.alloc(MB, "a"), `"}`)
    expect(answer.status).toBe(413)
    expect(JSON.parse(answer.body).error.code).toBe("too-large")
  }, 60_000)

  it("multipart is taken only where files go; elsewhere the body must be JSON", async () => {
    const form = new FormData()
    form.append("analystId", carla.id)
    const res = await fetch(`${example.api.url}/api/tickets/tkt_x/assign`, { method: "POST", headers: { [ACTOR_HEADER]: patricia.id }, body: form })
    expect(res.status).toBe(415)
  })
})
