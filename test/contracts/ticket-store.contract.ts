// The TicketStore contract: every adapter (memory, Dexie, HTTP…) passes these same tests.
// Written against a tiny describe/it/expect so it runs under vitest and under
// web-test-runner (mocha + chai) in a real browser.
import { decodeTicketSync, type Ticket, type TicketStore } from "@ecasilla/core/cau"
import { Cause, Effect, Exit, Option } from "effect"

/** What the suite needs from a test framework. */
export interface ContractHarness {
  readonly describe: (name: string, body: () => void) => void
  readonly it: (name: string, body: () => Promise<void>) => void
  readonly expect: (actual: unknown) => { toEqual(expected: unknown): void; toBe(expected: unknown): void }
}

/** A fresh, empty store for each test, and how to dispose of it. */
export type StoreFactory = () => Promise<{ readonly store: TicketStore["Service"]; readonly dispose?: () => Promise<void> }>

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

const run = <A, E>(e: Effect.Effect<A, E>) => Effect.runPromise(e)
const failureOf = async <A, E>(e: Effect.Effect<A, E>): Promise<{ _tag?: string; reason?: string } | undefined> => {
  const exit = await Effect.runPromiseExit(e)
  return Exit.isFailure(exit) ? (Cause.squash(exit.cause) as { _tag?: string; reason?: string }) : undefined
}
const STORE_ERROR = "@ecasilla/core/cau/TicketStoreError"

/** Registers the contract tests for one adapter. */
export const ticketStoreContract = (name: string, makeStore: StoreFactory, { describe, it, expect }: ContractHarness): void => {
  const withStore = (body: (store: TicketStore["Service"]) => Promise<void>) => async () => {
    const { store, dispose } = await makeStore()
    try {
      await body(store)
    } finally {
      await dispose?.()
    }
  }

  describe(`TicketStore contract: ${name}`, () => {
    it("stores a ticket and gives it back by id and by number", withStore(async (store) => {
      const t = contractTicket(1)
      await run(store.insert(t))
      expect(Option.getOrUndefined(await run(store.get(t.id)))).toEqual(t)
      expect(Option.getOrUndefined(await run(store.getByNumber(t.number)))).toEqual(t)
      expect(Option.isNone(await run(store.get("tkt_nope")))).toBe(true)
      expect(Option.isNone(await run(store.getByNumber("CAU-2026-999999")))).toBe(true)
    }))

    it("refuses a second ticket with the same id or number", withStore(async (store) => {
      await run(store.insert(contractTicket(1)))
      expect(pick(await failureOf(store.insert(contractTicket(1))))).toEqual(expect2(STORE_ERROR, "duplicate"))
      const sameNumber = contractTicket(2, { number: contractTicket(1).number } as Partial<Ticket>)
      expect(pick(await failureOf(store.insert(sameNumber)))).toEqual(expect2(STORE_ERROR, "duplicate"))
      expect((await run(store.list())).length).toBe(1)
    }))

    it("updates only from the version it read (optimistic concurrency)", withStore(async (store) => {
      const t = contractTicket(1)
      await run(store.insert(t))
      const v2: Ticket = { ...t, state: "Asignada-Pendiente", analyst: { id: "U1", name: "Analista" }, version: 2, updatedAt: at(20) }
      await run(store.update(v2))
      expect(Option.getOrUndefined(await run(store.get(t.id)))).toEqual(v2)
      // a writer that read version 1 is refused, and the stored ticket stays as it was
      const stale: Ticket = { ...t, titulo: "Cambio perdido", version: 2 }
      expect(pick(await failureOf(store.update(stale)))).toEqual(expect2(STORE_ERROR, "conflict"))
      expect(pick(await failureOf(store.update({ ...v2, version: 4 })))).toEqual(expect2(STORE_ERROR, "conflict"))
      expect(Option.getOrUndefined(await run(store.get(t.id)))).toEqual(v2)
      expect(pick(await failureOf(store.update(contractTicket(9, { version: 2 }))))).toEqual(expect2(STORE_ERROR, "not-found"))
    }))

    it("hands out copies: changing a returned ticket changes nothing stored", withStore(async (store) => {
      const t = contractTicket(1)
      await run(store.insert(t))
      const got = Option.getOrThrow(await run(store.get(t.id))) as unknown as { titulo: string; notes: Array<unknown> }
      got.titulo = "mutado"
      got.notes.push({ id: "x" })
      expect(Option.getOrUndefined(await run(store.get(t.id)))).toEqual(t)
    }))

    it("lists newest first, filtered by requester (or beneficiary), analyst and state, with a limit", withStore(async (store) => {
      const tickets = [1, 2, 3, 4, 5, 6].map((n) =>
        contractTicket(n, n === 4 ? { state: "Asignada-Pendiente", analyst: { id: "U1", name: "A" } } : n === 5 ? { onBehalfOf: { id: "E10000", name: "Cero" } } : {})
      )
      for (const t of tickets) await run(store.insert(t))
      const ids = (ts: ReadonlyArray<Ticket>) => ts.map((t) => t.id)
      expect(ids(await run(store.list()))).toEqual(["tkt_c6", "tkt_c5", "tkt_c4", "tkt_c3", "tkt_c2", "tkt_c1"])
      expect(ids(await run(store.list({ requesterId: "E10000" })))).toEqual(["tkt_c6", "tkt_c5", "tkt_c3"])
      expect(ids(await run(store.list({ analystId: "U1" })))).toEqual(["tkt_c4"])
      expect(ids(await run(store.list({ states: ["Registrada"], limit: 2 })))).toEqual(["tkt_c6", "tkt_c5"])
      expect(ids(await run(store.list({ states: ["Cerrada"] })))).toEqual([])
    }))

    it("keeps attachment bytes exactly", withStore(async (store) => {
      const bytes = new Uint8Array(256).map((_, i) => i)
      await run(store.putAttachment("tkt_c1", "att_1", bytes))
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
      await run(store.insert(full))
      expect(Option.getOrUndefined(await run(store.get(full.id)))).toEqual(full)
    }))
  })
}

const pick = (e: { _tag?: string; reason?: string } | undefined) => e && { _tag: e._tag, reason: e.reason }
const expect2 = (tag: string, reason: string) => ({ _tag: tag, reason })
