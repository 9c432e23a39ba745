// The TicketStore contract: every adapter (memory, Dexie, HTTP…) passes these same tests.
// Written against a tiny describe/it/expect so it runs under vitest and under
// web-test-runner (mocha + chai) in a real browser.
import { decodeTicketSync, type Ticket, type TicketCommit, type TicketStore } from "@ecasilla/core/cau"
import type { DomainEvent, EventOutbox } from "@ecasilla/core/ports"
import { Cause, Effect, Exit, Option } from "effect"

/** What the suite needs from a test framework. */
export interface ContractHarness {
  readonly describe: (name: string, body: () => void) => void
  readonly it: (name: string, body: () => Promise<void>) => void
  readonly expect: (actual: unknown) => { toEqual(expected: unknown): void; toBe(expected: unknown): void }
}

/** A fresh, empty store for each test, the outbox its commits write to, and how to dispose of it. */
export type StoreFactory = () => Promise<{
  readonly store: TicketStore["Service"]
  readonly outbox: EventOutbox["Service"]
  readonly dispose?: () => Promise<void>
}>

const at = (day: number, hour = 14) => `2026-03-${String(day).padStart(2, "0")}T${String(hour).padStart(2, "0")}:00:00.000Z`

/** A valid ticket, varied by `n`. */
export const contractTicket = (n: number, patch: Partial<Ticket> = {}): Ticket => {
  const requester = { id: `E${10000 + (n % 3)}`, name: `Usuario ${n % 3}`, email: `u${n % 3}@example.pe` }
  return decodeTicketSync({
    id: `tkt_c${n}`,
    number: `CAU-2026-${String(n).padStart(6, "0")}`,
    titulo: `Ticket de contrato ${n}`,
    descripcion: "<p>Descripción con <b>formato</b> y acentos: ñandú, Perú.</p>",
    tipo: n % 2 ? "Incidencia" : "Petición",
    categoria: { id: "aplicativos.casilla.cambio-titular", path: ["APLICATIVOS", "CASILLA ELECTRÓNICA", "Cambio de titular"] },
    telefono: "987 654 321",
    requester,
    state: "Registrada",
    attachments: [],
    notes: [],
    createdAt: at(1 + n),
    updatedAt: at(1 + n),
    version: 1,
    history: [{ _tag: "TicketCreated", ticketId: `tkt_c${n}`, at: at(1 + n), by: requester, number: `CAU-2026-${String(n).padStart(6, "0")}` }],
    ...patch
  })
}

/** A domain event of the contract, varied by `id`. */
export const contractEvent = (id: string, ticketId: string, tag = "TicketCreated"): DomainEvent => ({
  id,
  tag: `@ecasilla/core/cau/${tag}`,
  aggregateId: ticketId,
  at: at(2),
  data: { ticketId, n: id, nested: { list: [1, "dos", null] } }
})

const create = (store: TicketStore["Service"], ticket: Ticket, rest: Partial<Omit<TicketCommit, "ticket">> = {}) =>
  store.commit({ ticket, expectedVersion: 0, attachments: [], events: [], ...rest })

const run = <A, E>(e: Effect.Effect<A, E>) => Effect.runPromise(e)
const failureOf = async <A, E>(e: Effect.Effect<A, E>): Promise<{ _tag?: string; reason?: string } | undefined> => {
  const exit = await Effect.runPromiseExit(e)
  return Exit.isFailure(exit) ? (Cause.squash(exit.cause) as { _tag?: string; reason?: string }) : undefined
}
const STORE_ERROR = "@ecasilla/core/cau/TicketStoreError"

/** Registers the contract tests for one adapter. */
export const ticketStoreContract = (name: string, makeStore: StoreFactory, { describe, it, expect }: ContractHarness): void => {
  const withStore = (body: (store: TicketStore["Service"], outbox: EventOutbox["Service"]) => Promise<void>) => async () => {
    const { store, outbox, dispose } = await makeStore()
    try {
      await body(store, outbox)
    } finally {
      await dispose?.()
    }
  }

  describe(`TicketStore contract: ${name}`, () => {
    it("stores a ticket and gives it back by id and by number", withStore(async (store) => {
      const t = contractTicket(1)
      await run(create(store, t))
      expect(Option.getOrUndefined(await run(store.get(t.id)))).toEqual(t)
      expect(Option.getOrUndefined(await run(store.getByNumber(t.number)))).toEqual(t)
      expect(Option.isNone(await run(store.get("tkt_nope")))).toBe(true)
      expect(Option.isNone(await run(store.getByNumber("CAU-2026-999999")))).toBe(true)
    }))

    it("refuses a second ticket with the same id or number", withStore(async (store) => {
      await run(create(store, contractTicket(1)))
      expect(pick(await failureOf(create(store, contractTicket(1))))).toEqual(expect2(STORE_ERROR, "duplicate"))
      const sameNumber = contractTicket(2, { number: contractTicket(1).number } as Partial<Ticket>)
      expect(pick(await failureOf(create(store, sameNumber)))).toEqual(expect2(STORE_ERROR, "duplicate"))
      expect((await run(store.list())).length).toBe(1)
    }))

    it("updates only from the version it read (optimistic concurrency)", withStore(async (store, outbox) => {
      const t = contractTicket(1)
      await run(create(store, t))
      const v2: Ticket = { ...t, state: "Asignada-Pendiente", analyst: { id: "U1", name: "Analista" }, version: 2, updatedAt: at(20) }
      await run(store.commit({ ticket: v2, expectedVersion: 1, attachments: [], events: [contractEvent("evt_a", t.id, "TicketAssigned")] }))
      expect(Option.getOrUndefined(await run(store.get(t.id)))).toEqual(v2)
      // a writer that read version 1 is refused, and nothing of its commit is written
      const stale: Ticket = { ...t, titulo: "Cambio perdido", version: 2 }
      const staleCommit = { ticket: stale, expectedVersion: 1, attachments: [{ id: "att_stale", bytes: new Uint8Array([1]) }], events: [contractEvent("evt_stale", t.id)] }
      expect(pick(await failureOf(store.commit(staleCommit)))).toEqual(expect2(STORE_ERROR, "conflict"))
      expect(pick(await failureOf(store.commit({ ticket: { ...v2, version: 4 }, expectedVersion: 3, attachments: [], events: [] })))).toEqual(expect2(STORE_ERROR, "conflict"))
      // the new version must be the next one
      expect(pick(await failureOf(store.commit({ ticket: { ...v2, version: 4 }, expectedVersion: 2, attachments: [], events: [] })))).toEqual(expect2(STORE_ERROR, "conflict"))
      // the number never changes
      const renumbered = { ...v2, number: "CAU-2026-000777", version: 3 } as Ticket
      expect(pick(await failureOf(store.commit({ ticket: renumbered, expectedVersion: 2, attachments: [], events: [] })))).toEqual(expect2(STORE_ERROR, "conflict"))
      expect(Option.getOrUndefined(await run(store.get(t.id)))).toEqual(v2)
      expect(Option.isNone(await run(store.getAttachment(t.id, "att_stale")))).toBe(true)
      expect((await run(outbox.pending(10))).map((e) => e.id)).toEqual(["evt_a"])
      const absent = contractTicket(9, { version: 2 })
      expect(pick(await failureOf(store.commit({ ticket: absent, expectedVersion: 1, attachments: [], events: [] })))).toEqual(expect2(STORE_ERROR, "not-found"))
    }))

    it("commits the ticket, its attachment bytes and its events together", withStore(async (store, outbox) => {
      const t = contractTicket(1)
      const bytes = new Uint8Array(300).map((_, i) => i % 256)
      const events = [contractEvent("evt_1", t.id), contractEvent("evt_2", t.id, "TicketEdited")]
      await run(create(store, t, { attachments: [{ id: "att_1", bytes }, { id: "att_2", bytes: new Uint8Array([7]) }], events }))
      expect(Option.getOrUndefined(await run(store.get(t.id)))).toEqual(t)
      expect(Array.from(Option.getOrThrow(await run(store.getAttachment(t.id, "att_1"))))).toEqual(Array.from(bytes))
      expect(Array.from(Option.getOrThrow(await run(store.getAttachment(t.id, "att_2"))))).toEqual([7])
      expect(await run(outbox.pending(10))).toEqual(events)
    }))

    it("a commit that fails inside its transaction writes nothing: no ticket, no bytes, no event", withStore(async (store, outbox) => {
      const t1 = contractTicket(1)
      await run(create(store, t1, { events: [contractEvent("evt_1", t1.id)] }))
      // A new ticket whose last write (the event) hits a key already stored: the ticket row
      // and the attachment bytes written before it in the same transaction are rolled back.
      const t2 = contractTicket(2)
      const failing = create(store, t2, { attachments: [{ id: "att_9", bytes: new Uint8Array([1, 2, 3]) }], events: [contractEvent("evt_2", t2.id), contractEvent("evt_1", t2.id)] })
      expect(pick(await failureOf(failing))).toEqual(expect2(STORE_ERROR, "duplicate"))
      expect(Option.isNone(await run(store.get(t2.id)))).toBe(true)
      expect(Option.isNone(await run(store.getByNumber(t2.number)))).toBe(true)
      expect(Option.isNone(await run(store.getAttachment(t2.id, "att_9")))).toBe(true)
      expect((await run(outbox.pending(10))).map((e) => e.id)).toEqual(["evt_1"])
      // The same on an update: the ticket keeps its version.
      const v2: Ticket = { ...t1, titulo: "Cambio que no queda", version: 2 }
      const failingUpdate = store.commit({ ticket: v2, expectedVersion: 1, attachments: [{ id: "att_8", bytes: new Uint8Array([4]) }], events: [contractEvent("evt_1", t1.id)] })
      expect(pick(await failureOf(failingUpdate))).toEqual(expect2(STORE_ERROR, "duplicate"))
      expect(Option.getOrUndefined(await run(store.get(t1.id)))).toEqual(t1)
      expect(Option.isNone(await run(store.getAttachment(t1.id, "att_8")))).toBe(true)
      // An attachment id stored before fails the same way.
      await run(store.commit({ ticket: v2, expectedVersion: 1, attachments: [{ id: "att_1", bytes: new Uint8Array([5]) }], events: [] }))
      const v3: Ticket = { ...v2, titulo: "Tampoco queda", version: 3 }
      const again = store.commit({ ticket: v3, expectedVersion: 2, attachments: [{ id: "att_1", bytes: new Uint8Array([6]) }], events: [contractEvent("evt_3", t1.id)] })
      expect(pick(await failureOf(again))).toEqual(expect2(STORE_ERROR, "duplicate"))
      expect(Option.getOrUndefined(await run(store.get(t1.id)))).toEqual(v2)
      expect(Array.from(Option.getOrThrow(await run(store.getAttachment(t1.id, "att_1"))))).toEqual([5])
      expect((await run(outbox.pending(10))).map((e) => e.id)).toEqual(["evt_1"])
    }))

    it("a commit whose event cannot be stored writes nothing, and what was committed is a copy", withStore(async (store, outbox) => {
      const t1 = contractTicket(1)
      const e1 = contractEvent("evt_1", t1.id)
      await run(create(store, t1, { events: [e1] }))
      // Changed by the caller after the commit: nothing stored changes.
      ;(t1 as unknown as { titulo: string }).titulo = "cambiado después"
      ;(e1.data as { nested: { list: Array<unknown> } }).nested.list.push("intruso")
      expect(Option.getOrThrow(await run(store.get(t1.id))).titulo).toBe(contractTicket(1).titulo)
      expect((await run(outbox.pending(10)))[0].data).toEqual(contractEvent("evt_1", t1.id).data)
      // A function cannot be stored: the ticket, its bytes and the event before it stay out.
      const t2 = contractTicket(2)
      const bad: DomainEvent = { ...contractEvent("evt_3", t2.id), data: { f: () => 1 } }
      const failing = create(store, t2, { attachments: [{ id: "att_9", bytes: new Uint8Array([1]) }], events: [contractEvent("evt_2", t2.id), bad] })
      expect(pick(await failureOf(failing))).toEqual(expect2(STORE_ERROR, "unavailable"))
      expect(Option.isNone(await run(store.get(t2.id)))).toBe(true)
      expect(Option.isNone(await run(store.getAttachment(t2.id, "att_9")))).toBe(true)
      expect((await run(outbox.pending(10))).map((e) => e.id)).toEqual(["evt_1"])
    }))

    it("the outbox gives pending events oldest first and forgets delivered ones", withStore(async (store, outbox) => {
      for (const n of [1, 2, 3]) {
        const t = contractTicket(n)
        await run(create(store, t, { events: [contractEvent(`evt_${n}a`, t.id), contractEvent(`evt_${n}b`, t.id, "TicketEdited")] }))
      }
      const ids = async (limit = 10) => (await run(outbox.pending(limit))).map((e) => e.id)
      expect(await ids()).toEqual(["evt_1a", "evt_1b", "evt_2a", "evt_2b", "evt_3a", "evt_3b"])
      expect(await ids(2)).toEqual(["evt_1a", "evt_1b"])
      await run(outbox.markDelivered(["evt_1b", "evt_2a", "evt_unknown"]))
      expect(await ids()).toEqual(["evt_1a", "evt_2b", "evt_3a", "evt_3b"])
      await run(outbox.markDelivered(["evt_2a"]))
      expect(await ids(3)).toEqual(["evt_1a", "evt_2b", "evt_3a"])
    }))

    it("hands out copies: changing a returned ticket changes nothing stored", withStore(async (store) => {
      const t = contractTicket(1)
      await run(create(store, t))
      const got = Option.getOrThrow(await run(store.get(t.id))) as unknown as { titulo: string; notes: Array<unknown> }
      got.titulo = "mutado"
      got.notes.push({ id: "x" })
      expect(Option.getOrUndefined(await run(store.get(t.id)))).toEqual(t)
    }))

    it("lists newest first, filtered by requester (or beneficiary), analyst and state, with a limit", withStore(async (store) => {
      const tickets = [1, 2, 3, 4, 5, 6].map((n) =>
        contractTicket(n, n === 4 ? { state: "Asignada-Pendiente", analyst: { id: "U1", name: "A" } } : n === 5 ? { onBehalfOf: { id: "E10000", name: "Cero" } } : {})
      )
      for (const t of tickets) await run(create(store, t))
      const ids = (ts: ReadonlyArray<Ticket>) => ts.map((t) => t.id)
      expect(ids(await run(store.list()))).toEqual(["tkt_c6", "tkt_c5", "tkt_c4", "tkt_c3", "tkt_c2", "tkt_c1"])
      expect(ids(await run(store.list({ requesterId: "E10000" })))).toEqual(["tkt_c6", "tkt_c5", "tkt_c3"])
      expect(ids(await run(store.list({ analystId: "U1" })))).toEqual(["tkt_c4"])
      expect(ids(await run(store.list({ states: ["Registrada"], limit: 2 })))).toEqual(["tkt_c6", "tkt_c5"])
      expect(ids(await run(store.list({ states: ["Cerrada"] })))).toEqual([])
    }))

    it("keeps attachment bytes exactly", withStore(async (store) => {
      const bytes = new Uint8Array(256).map((_, i) => i)
      await run(create(store, contractTicket(1), { attachments: [{ id: "att_1", bytes }] }))
      const got = Option.getOrThrow(await run(store.getAttachment("tkt_c1", "att_1")))
      expect(Array.from(got)).toEqual(Array.from(bytes))
      expect(Option.isNone(await run(store.getAttachment("tkt_c1", "att_2")))).toBe(true)
      expect(Option.isNone(await run(store.getAttachment("tkt_c2", "att_1")))).toBe(true)
    }))

    it("round-trips every optional part of a ticket", withStore(async (store) => {
      const by = { id: "U1", name: "Analista" }
      const full = contractTicket(7, {
        onBehalfOf: { id: "E2", name: "Beneficiaria", email: "b@example.pe" },
        state: "Cerrada",
        supportGroup: "Soporte",
        analyst: by,
        attachments: [{ id: "att_1", name: "a.pdf", kind: "pdf", mediaType: "application/pdf", size: 10, addedAt: at(8), addedBy: "E10001", firma: { verdict: "unsigned" } }],
        notes: [{ id: "note_1", message: "Nota\ncon salto", at: at(9), by, attachmentIds: ["att_1"] }],
        resolution: { answer: "<p>Listo</p>", at: at(10), by, accepted: true },
        survey: { level: "satisfecho", comment: "Bien", at: at(11) },
        closure: { at: at(11), comment: "Conforme", automatic: false },
        version: 1
      })
      await run(create(store, full))
      expect(Option.getOrUndefined(await run(store.get(full.id)))).toEqual(full)
    }))
  })
}

const pick = (e: { _tag?: string; reason?: string } | undefined) => e && { _tag: e._tag, reason: e.reason }
const expect2 = (tag: string, reason: string) => ({ _tag: tag, reason })
