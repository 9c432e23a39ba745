import { Effect, Layer, Option } from "effect"
import { describe, expect, it } from "vitest"
import { type Mail, Mailer } from "../ports/mailer.js"
import { fromTicketDomainEvent, ticketEventTag, toTicketDomainEvent } from "./domain-events.js"
import type { TicketEvent } from "./events.js"
import { ticketMailConsumer } from "./mail.js"
import { decodeTicketSync } from "./ticket.js"

const by = { id: "E1", name: "Rosa", email: "rosa@example.pe" }
const ticket = decodeTicketSync({
  id: "tkt_1",
  number: "CAU-2026-000001",
  titulo: "No llega la notificación",
  descripcion: "<p>Hola</p>",
  tipo: "Incidencia",
  categoria: { id: "aplicativos.casilla.problemas-notificacion", path: ["APLICATIVOS", "CASILLA ELECTRÓNICA", "Problemas en la notificación electrónica"] },
  telefono: "987 654 321",
  requester: by,
  state: "Registrada",
  attachments: [],
  notes: [],
  createdAt: "2026-03-02T14:00:00.000Z",
  updatedAt: "2026-03-02T14:00:00.000Z",
  version: 1,
  history: []
})
const created: TicketEvent = { _tag: "TicketCreated", ticketId: "tkt_1", at: "2026-03-02T14:00:00.000Z", by, number: "CAU-2026-000001" }

const capture = () => {
  const sent: Array<Mail> = []
  return { sent, layer: Layer.succeed(Mailer, Mailer.of({ send: (m) => Effect.sync(() => void sent.push(m)) })) }
}

describe("CAU domain events", () => {
  it("are fully qualified and carry the event with the ticket of that moment", () => {
    const e = toTicketDomainEvent("evt_1", created, ticket)
    expect(e).toMatchObject({ id: "evt_1", tag: "@ecasilla/core/cau/TicketCreated", aggregateId: "tkt_1", at: created.at })
    expect(ticketEventTag("TicketClosed")).toBe("@ecasilla/core/cau/TicketClosed")
    // The data is plain JSON (it crosses IndexedDB and SQL) and decodes back.
    const stored = JSON.parse(JSON.stringify(e))
    expect(Option.getOrThrow(fromTicketDomainEvent(stored))).toEqual({ event: created, ticket })
  })

  it("another domain's event, a tag that does not match its data, or broken data are skipped", () => {
    const e = toTicketDomainEvent("evt_1", created, ticket)
    expect(Option.isNone(fromTicketDomainEvent({ ...e, tag: "@ecasilla/core/sari/SariRequestApproved" }))).toBe(true)
    expect(Option.isNone(fromTicketDomainEvent({ ...e, tag: "@ecasilla/core/cau/TicketClosed" }))).toBe(true)
    expect(Option.isNone(fromTicketDomainEvent({ ...e, data: { event: created } }))).toBe(true)
  })

  it("the mail consumer sends with the event id, and ignores what it does not know", async () => {
    const mailer = capture()
    const e = toTicketDomainEvent("evt_1", created, ticket)
    await Effect.runPromise(Effect.provide(ticketMailConsumer(e), mailer.layer))
    await Effect.runPromise(Effect.provide(ticketMailConsumer({ ...e, id: "evt_2", tag: "@ecasilla/core/sari/SariRequestApproved" }), mailer.layer))
    expect(mailer.sent.map((m) => [m.id, m.to])).toEqual([["evt_1", ["rosa@example.pe"]]])
  })
})
