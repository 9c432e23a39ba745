// Done-when items of the outbox: a failing mail consumer loses no event; a command that
// fails or is interrupted half-way changes nothing (no ticket, no attachment bytes, no event).
import { layerDexieCau, openEcasillaDb } from "@ecasilla/adapters/dexie"
import { layerNodeHtmlSanitizer } from "@ecasilla/adapters/node"
import { makeCaptureMailer } from "@ecasilla/adapters/memory"
import { ticketMailConsumer, TicketService, TicketStore } from "@ecasilla/core/cau"
import { type EventConsumer, EventOutbox, EventRelay, Ids } from "@ecasilla/core/ports"
import { Cause, Deferred, Effect, Exit, Fiber, Layer, ManagedRuntime, Option } from "effect"
import { IDBFactory, IDBKeyRange } from "fake-indexeddb"
import { describe, expect, it } from "vitest"
import { analyst, layerTestClock, lead, makeCau, pdfBytes, requester, users, validDraft } from "./fixtures.js"

const pending = (cau: { runtime: ManagedRuntime.ManagedRuntime<EventOutbox, never> }) =>
  cau.runtime.runPromise(Effect.flatMap(EventOutbox, (o) => o.pending(100)))
const relay = (cau: { runtime: ManagedRuntime.ManagedRuntime<EventRelay, never> }) =>
  cau.runtime.runPromise(Effect.flatMap(EventRelay, (r) => r.run))
const attachmentOf = (cau: { runtime: ManagedRuntime.ManagedRuntime<TicketStore, never> }, ticketId: string, attachmentId: string) =>
  cau.runtime.runPromise(Effect.flatMap(TicketStore, (s) => s.getAttachment(ticketId, attachmentId)))
const failure = (exit: Exit.Exit<unknown, unknown>) => (Exit.isFailure(exit) ? (Cause.squash(exit.cause) as { _tag?: string; reason?: string }) : undefined)

describe("a failing mail consumer loses no event", () => {
  it("the command succeeds, the event waits in the outbox and goes out once the mailer is back", async () => {
    const cau = makeCau()
    cau.mailer.down = true
    const t = await cau.run((s) => s.createTicket(requester, validDraft))
    expect(cau.mailer.sent).toEqual([])
    const [created] = await pending(cau)
    expect(created).toMatchObject({ tag: "@ecasilla/core/cau/TicketCreated", aggregateId: t.id, at: t.createdAt })
    // A retry while still down changes nothing.
    expect(await relay(cau)).toEqual({ delivered: [], failed: [created.id] })
    cau.mailer.down = false
    // The next command's relay also delivers the older event, first.
    await cau.run((s) => s.assignTicket(lead, t.id, { analystId: analyst.id }))
    expect(cau.mailer.sent.map((m) => [m.id, m.subject])).toEqual([[created.id, `[CAU] Se registró su incidencia N° ${t.number}`]])
    expect(await pending(cau)).toEqual([])
    expect(await relay(cau)).toEqual({ delivered: [], failed: [] })
    expect(cau.mailer.sent).toHaveLength(1)
  })

  it("an event redelivered because another consumer failed reaches the mailbox exactly once", async () => {
    let auditUp = false
    const audited: Array<string> = []
    const audit: EventConsumer = (event) =>
      Effect.suspend(() => (auditUp ? Effect.sync(() => void audited.push(event.id)) : Effect.fail("audit store down")))
    const cau = makeCau({}, { consumers: [ticketMailConsumer, audit] })
    const t = await cau.run((s) => s.createTicket(requester, validDraft))
    // The mail went out, but the event is still pending: the audit consumer failed.
    expect(cau.mailer.sent).toHaveLength(1)
    expect((await pending(cau)).map((e) => e.aggregateId)).toEqual([t.id])
    auditUp = true
    const report = await relay(cau)
    expect(report.delivered).toHaveLength(1)
    // Delivered at least once to each consumer; the mail consumer dedupes by event id.
    expect(cau.mailer.attempts).toBe(2)
    expect(cau.mailer.sent).toHaveLength(1)
    expect(audited).toEqual(report.delivered)
    expect(await pending(cau)).toEqual([])
  })

  it("with the relay on demand only, nothing is sent until it runs", async () => {
    const cau = makeCau({}, { relay: "manual" })
    await cau.run((s) => s.createTicket(requester, validDraft))
    expect(cau.mailer.sent).toEqual([])
    expect((await relay(cau)).delivered).toHaveLength(1)
    expect(cau.mailer.sent).toHaveLength(1)
  })
})

describe("a failed or interrupted command changes nothing", () => {
  const twoPdfs = [{ name: "a.pdf", bytes: pdfBytes }, { name: "b.pdf", bytes: pdfBytes }]

  it("interrupted while checking its second attachment: no ticket, no bytes of the first, no event, no mail", async () => {
    let reachedSecond = () => {}
    const reached = new Promise<void>((resolve) => (reachedSecond = resolve))
    const cau = makeCau({
      verifyPdf: (_bytes, name) => (name === "b.pdf" ? Effect.andThen(Effect.sync(reachedSecond), Effect.never) : Effect.succeed({ verdict: "unsigned" as const }))
    })
    const fiber = cau.runtime.runFork(Effect.flatMap(TicketService, (s) => s.createTicket(requester, { ...validDraft, attachments: twoPdfs })))
    await reached
    await cau.runtime.runPromise(Fiber.interrupt(fiber))
    expect(await cau.run((s) => s.listTickets(lead))).toEqual([])
    // tkt_1/att_1 are the ids the command had drawn: the first file's bytes are not stored.
    expect(Option.isNone(await attachmentOf(cau, "tkt_1", "att_1"))).toBe(true)
    expect(await pending(cau)).toEqual([])
    expect(cau.mailer.attempts).toBe(0)
  })

  it("failing on its second attachment (a defect in the verifier) stores nothing either", async () => {
    const cau = makeCau({ verifyPdf: (_bytes, name) => (name === "b.pdf" ? Effect.die(new Error("verifier crashed")) : Effect.succeed({ verdict: "unsigned" as const })) })
    const exit = await cau.exit((s) => s.createTicket(requester, { ...validDraft, attachments: twoPdfs }))
    expect(Exit.isFailure(exit)).toBe(true)
    expect(await cau.run((s) => s.listTickets(lead))).toEqual([])
    expect(Option.isNone(await attachmentOf(cau, "tkt_1", "att_1"))).toBe(true)
    expect(await pending(cau)).toEqual([])
  })

  it("a storage failure inside the memory commit (an event id already stored) writes nothing", async () => {
    // Ids that hand out the same event id twice: the second commit's outbox write collides.
    const counters = new Map<string, number>()
    const ids = Layer.succeed(Ids, Ids.of({
      next: (prefix) => Effect.sync(() => (prefix === "evt" ? "evt_same" : `${prefix}_${counters.set(prefix, (counters.get(prefix) ?? 0) + 1).get(prefix)}`)),
      sequence: (name) => Effect.sync(() => counters.set(name, (counters.get(name) ?? 0) + 1).get(name)!)
    }))
    const cau = makeCau({}, { ids })
    const first = await cau.run((s) => s.createTicket(requester, validDraft))
    const exit = await cau.exit((s) => s.createTicket(requester, { ...validDraft, attachments: [{ name: "a.pdf", bytes: pdfBytes }] }))
    expect(failure(exit)).toMatchObject({ _tag: "@ecasilla/core/cau/TicketStoreError", reason: "duplicate" })
    expect((await cau.run((s) => s.listTickets(lead))).map((t) => t.id)).toEqual([first.id])
    expect(Option.isNone(await attachmentOf(cau, "tkt_2", "att_1"))).toBe(true)
    expect((await pending(cau)).map((e) => e.id)).toEqual([])
    expect(cau.mailer.sent).toHaveLength(1)
    // The same on an update: the ticket keeps its version and state.
    const update = await cau.exit((s) => s.assignTicket(lead, first.id, { analystId: analyst.id }))
    expect(failure(update)).toMatchObject({ reason: "duplicate" })
    expect(await cau.run((s) => s.getTicket(requester, first.id))).toEqual(first)
  })
})

describe("Dexie: one IndexedDB transaction per command", () => {
  const dexieCau = (name: string) => {
    const db = openEcasillaDb(name, { indexedDB: new IDBFactory(), IDBKeyRange })
    const mailer = makeCaptureMailer()
    const runtime = ManagedRuntime.make(layerDexieCau({ db, sanitizer: layerNodeHtmlSanitizer, mailer: mailer.layer }).pipe(Layer.provideMerge(layerTestClock())))
    const run = <A, E>(f: (s: TicketService["Service"]) => Effect.Effect<A, E>) => runtime.runPromiseExit(Effect.flatMap(TicketService, f))
    return { db, runtime, mailer, run }
  }

  it("a storage failure at the commit's last write (the outbox) rolls back the ticket and its bytes", async () => {
    const { db, runtime, mailer, run } = dexieCau("atomic-1")
    await db.users.bulkPut(users.map((u) => ({ ...u })))
    let failOutbox = true
    db.outbox.hook("creating", () => {
      if (failOutbox) throw new Error("QuotaExceededError: disk full")
    })
    const exit = await run((s) => s.createTicket(requester, { ...validDraft, attachments: [{ name: "a.pdf", bytes: pdfBytes }] }))
    expect(failure(exit)).toMatchObject({ _tag: "@ecasilla/core/cau/TicketStoreError", reason: "unavailable" })
    expect(await db.tickets.count()).toBe(0)
    expect(await db.attachments.count()).toBe(0)
    expect(await db.outbox.count()).toBe(0)
    expect(mailer.attempts).toBe(0)
    // An update failing the same way leaves the stored ticket as it was.
    failOutbox = false
    const created = await run((s) => s.createTicket(requester, validDraft))
    const t = Exit.isSuccess(created) ? created.value : undefined
    failOutbox = true
    const assign = await run((s) => s.assignTicket(lead, t!.id, { analystId: analyst.id }))
    expect(Exit.isFailure(assign)).toBe(true)
    expect((await db.tickets.get(t!.id))?.ticket).toEqual(t)
    expect(await db.outbox.count()).toBe(1)
    await runtime.dispose()
    await db.delete()
  })

  it("an event an earlier session left pending goes out when the page opens again, once, before any command", async () => {
    const indexedDB = new IDBFactory()
    const open = () => {
      const db = openEcasillaDb("relay-at-start", { indexedDB, IDBKeyRange })
      const mailer = makeCaptureMailer()
      return { db, mailer, runtime: ManagedRuntime.make(layerDexieCau({ db, sanitizer: layerNodeHtmlSanitizer, mailer: mailer.layer }).pipe(Layer.provideMerge(layerTestClock()))) }
    }
    const first = open()
    await first.db.users.bulkPut(users.map((u) => ({ ...u })))
    first.mailer.down = true
    const t = await first.runtime.runPromise(Effect.flatMap(TicketService, (s) => s.createTicket(requester, validDraft)))
    expect(await first.db.outbox.count()).toBe(1)
    await first.runtime.dispose()
    first.db.close()
    // The tab again: the runtime starts (a query builds it) and nothing else is asked of it.
    const again = open()
    await again.runtime.runPromise(Effect.flatMap(EventOutbox, () => Effect.void))
    for (let i = 0; i < 100 && again.mailer.sent.length === 0; i++) await new Promise((r) => setTimeout(r, 10))
    expect(again.mailer.sent.map((m) => m.subject)).toEqual([`[CAU] Se registró su incidencia N° ${t.number}`])
    expect(await again.runtime.runPromise(Effect.flatMap(EventOutbox, (o) => o.pending(10)))).toEqual([])
    // A third start finds nothing to send.
    await again.runtime.dispose()
    again.db.close()
    const third = open()
    await third.runtime.runPromise(Effect.flatMap(EventRelay, (r) => r.run))
    expect(third.mailer.sent).toEqual([])
    await third.runtime.dispose()
    await third.db.delete()
  })

  it("interrupting a command while its transaction runs leaves all of it or none of it", async () => {
    const { db, runtime, run } = dexieCau("atomic-2")
    await db.users.bulkPut(users.map((u) => ({ ...u })))
    const inside = Effect.runSync(Deferred.make<void>())
    db.tickets.hook("creating", () => void Effect.runSync(Deferred.succeed(inside, undefined)))
    const fiber = runtime.runFork(Effect.flatMap(TicketService, (s) => s.createTicket(requester, { ...validDraft, attachments: [{ name: "a.pdf", bytes: pdfBytes }] })))
    await Effect.runPromise(Deferred.await(inside))
    await runtime.runPromise(Fiber.interrupt(fiber))
    await new Promise((r) => setTimeout(r, 20))
    const [tickets, files, events] = [await db.tickets.count(), await db.attachments.count(), await db.outbox.count()]
    expect([[0, 0, 0], [1, 1, 1]]).toContainEqual([tickets, files, events])
    void run
    await runtime.dispose()
    await db.delete()
  })
})
