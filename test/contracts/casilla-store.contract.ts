// The CasillaStore contract: memory, Dexie on fake-indexeddb and Dexie in Chromium pass these
// same tests. Written against a tiny describe/it/expect so it runs under vitest and mocha.
import { type Casilla, type CasillaStore, decodeNotificationSync, type Notification } from "@ecasilla/core/casilla"
import type { DomainEvent } from "@ecasilla/core/ports"
import { Cause, Effect, Exit, Option } from "effect"

/** What the suite needs from a test framework. */
export interface ContractHarness {
  readonly describe: (name: string, body: () => void) => void
  readonly it: (name: string, body: () => Promise<void>) => void
  readonly expect: (actual: unknown) => { toEqual(expected: unknown): void; toBe(expected: unknown): void }
}

/** A fresh, empty store for each test, and how to dispose of it. */
export type CasillaStoreFactory = () => Promise<{ readonly store: CasillaStore["Service"]; readonly dispose?: () => Promise<void> }>

const at = (minute: number) => new Date(Date.UTC(2026, 2, 2, 15, 0) + minute * 60_000).toISOString()

export const contractCasilla = (n: number, patch: Partial<Casilla> = {}): Casilla => ({
  id: `cas_${n}`,
  receptorKind: "persona-natural",
  loginId: String(10000000 + n),
  name: `Receptor ${n}`,
  origin: "asignacion-obligatoria",
  state: "Activa",
  createdBy: { id: "U1", name: "Auxiliar" },
  createdAt: at(0),
  titulares: [],
  version: 1,
  ...patch
})

/** A deposited notification for receptor `r` (0..2), varied by `n`; every third is read. */
export const contractNotification = (n: number, patch: Partial<Notification> = {}): Notification => {
  const r = n % 3
  const read = n % 3 === 0
  return decodeNotificationSync({
    id: `ntf_${String(n).padStart(4, "0")}`,
    casillaId: `cas_${r}`,
    receptorId: String(10000000 + r),
    receptorName: `Receptor ${r}`,
    emisor: { id: `U${900 + (n % 2)}`, name: n % 2 ? "Gerencia de Control" : "Jefatura del OCI" },
    notificador: { id: "U500", name: "Notificador" },
    cedula: { numero: `CED-${n}`, asunto: n % 4 === 0 ? "Informe de auditoría de obras" : "Requerimiento de información", expediente: `EXP-${n}` },
    documents: [{ id: `doc_${n}`, name: `doc-${n}.pdf`, size: 10, blobKey: `ntf/ntf_${n}/doc_${n}` }],
    state: read ? "Leída" : "Depositada",
    createdAt: at(n),
    signedAt: at(n),
    // Two notifications share each deposit minute, so ties are ordered by id.
    depositedAt: at(100 + Math.floor(n / 2)),
    ...(read ? { readAt: at(1000 + n) } : {}),
    downloads: [],
    version: 1,
    ...patch
  })
}

const event = (id: string, aggregateId: string): DomainEvent => ({ id, tag: "@ecasilla/core/casilla/Test", aggregateId, at: at(0), data: { n: id } })

const run = <A, E>(e: Effect.Effect<A, E>) => Effect.runPromise(e)
const failureOf = async <A, E>(e: Effect.Effect<A, E>) => {
  const exit = await Effect.runPromiseExit(e)
  if (!Exit.isFailure(exit)) return undefined
  const f = Cause.squash(exit.cause) as { _tag?: string; reason?: string }
  return { _tag: f._tag, reason: f.reason }
}
const STORE_ERROR = "@ecasilla/core/casilla/CasillaStoreError"
const ids = (ns: ReadonlyArray<Notification>) => ns.map((n) => n.id)

/** Registers the contract tests for one adapter. */
export const casillaStoreContract = (name: string, makeStore: CasillaStoreFactory, { describe, it, expect }: ContractHarness): void => {
  const withStore = (body: (store: CasillaStore["Service"]) => Promise<void>) => async () => {
    const { store, dispose } = await makeStore()
    try {
      await body(store)
    } finally {
      await dispose?.()
    }
  }
  const seed = async (store: CasillaStore["Service"], count: number) => {
    const notifications = Array.from({ length: count }, (_, i) => contractNotification(i))
    await run(store.commit({ casillas: [0, 1, 2].map((n) => contractCasilla(n)), notifications, events: [] }))
    return notifications
  }

  describe(`CasillaStore contract: ${name}`, () => {
    it("commits casillas, notifications, blobs and events together and gives them back", withStore(async (store) => {
      const c = contractCasilla(0)
      const n = contractNotification(3)
      const bytes = Uint8Array.from([37, 80, 68, 70, 45, 0, 255, 1])
      await run(store.commit({ casillas: [c], notifications: [n], blobs: [{ key: "k1", bytes }], events: [event("e1", n.id), event("e2", c.id)] }))
      expect(Option.getOrUndefined(await run(store.getCasilla(c.id)))).toEqual(c)
      expect(Option.getOrUndefined(await run(store.getCasillaByLogin(c.loginId)))).toEqual(c)
      expect(Option.getOrUndefined(await run(store.getNotification(n.id)))).toEqual(n)
      expect(Array.from(Option.getOrThrow(await run(store.getBlob("k1"))))).toEqual(Array.from(bytes))
      expect(Option.isNone(await run(store.getBlob("nope")))).toBe(true)
      expect(Option.isNone(await run(store.getNotification("nope")))).toBe(true)
      expect((await run(store.pendingEvents(10))).map((e) => e.id)).toEqual(["e1", "e2"])
    }))

    it("refuses a whole commit when one part conflicts: nothing of it is written", withStore(async (store) => {
      const n = contractNotification(1)
      await run(store.commit({ notifications: [n], events: [event("e1", n.id)] }))
      const stale = { ...n, state: "Leída" as const, version: 3 }
      const fresh = contractNotification(2)
      expect(await failureOf(store.commit({ notifications: [fresh, stale], blobs: [{ key: "k2", bytes: new Uint8Array([1]) }], events: [event("e2", n.id)] })))
        .toEqual({ _tag: STORE_ERROR, reason: "conflict" })
      expect(Option.isNone(await run(store.getNotification(fresh.id)))).toBe(true)
      expect(Option.isNone(await run(store.getBlob("k2")))).toBe(true)
      expect(Option.getOrThrow(await run(store.getNotification(n.id))).version).toBe(1)
      expect((await run(store.pendingEvents(10))).map((e) => e.id)).toEqual(["e1"])
      await run(store.commit({ notifications: [{ ...n, state: "Leída", version: 2 }], events: [] }))
      expect(Option.getOrThrow(await run(store.getNotification(n.id))).state).toBe("Leída")
      expect(await failureOf(store.commit({ notifications: [contractNotification(9, { version: 2 })], events: [] }))).toEqual({ _tag: STORE_ERROR, reason: "conflict" })
    }))

    it("refuses a second casilla with the same id or login id", withStore(async (store) => {
      await run(store.commit({ casillas: [contractCasilla(1)], events: [] }))
      expect(await failureOf(store.commit({ casillas: [contractCasilla(1)], events: [event("x", "cas_1")] }))).toEqual({ _tag: STORE_ERROR, reason: "duplicate" })
      expect(await failureOf(store.commit({ casillas: [contractCasilla(2, { loginId: contractCasilla(1).loginId })], events: [] }))).toEqual({ _tag: STORE_ERROR, reason: "duplicate" })
      expect(await failureOf(store.commit({ casillas: [contractCasilla(1, { version: 3 })], events: [] }))).toEqual({ _tag: STORE_ERROR, reason: "conflict" })
      expect(await run(store.pendingEvents(10))).toEqual([])
      await run(store.commit({ casillas: [contractCasilla(1, { state: "Pendiente", version: 2 })], events: [] }))
      expect(Option.getOrThrow(await run(store.getCasillaByLogin(contractCasilla(1).loginId))).state).toBe("Pendiente")
    }))

    it("lists a receptor's inbox newest first, filters by unread, state, emisor, dates and words", withStore(async (store) => {
      const all = await seed(store, 30)
      const mine = all.filter((n) => n.receptorId === "10000001")
      const order = (ns: ReadonlyArray<Notification>) => [...ns].sort((a, b) => (a.depositedAt! === b.depositedAt! ? (a.id < b.id ? 1 : -1) : a.depositedAt! < b.depositedAt! ? 1 : -1))
      expect(ids(await run(store.listNotifications({ receptorId: "10000001" })))).toEqual(ids(order(mine)))
      expect(ids(await run(store.listNotifications({ receptorId: "10000000", unread: true })))).toEqual([])
      expect(ids(await run(store.listNotifications({ receptorId: "10000001", unread: true, limit: 3 })))).toEqual(ids(order(mine)).slice(0, 3))
      expect(ids(await run(store.listNotifications({ receptorId: "10000000", states: ["Leída"] })))).toEqual(ids(order(all.filter((n) => n.receptorId === "10000000"))))
      expect(ids(await run(store.listNotifications({ receptorId: "10000001", emisorId: "U901" })))).toEqual(ids(order(mine.filter((n) => n.emisor.id === "U901"))))
      const from = at(105), to = at(110)
      expect(ids(await run(store.listNotifications({ receptorId: "10000001", from, to })))).toEqual(ids(order(mine.filter((n) => n.depositedAt! >= from && n.depositedAt! < to))))
      expect(ids(await run(store.listNotifications({ receptorId: "10000001", text: "AUDITORÍA obras" })))).toEqual(ids(order(mine.filter((n) => n.cedula.asunto.startsWith("Informe")))))
      expect(await run(store.countNotifications({ receptorId: "10000001", unread: true }))).toBe(mine.length)
      expect(await run(store.countNotifications({ receptorId: "10000002", text: "requerimiento" }))).toBe(all.filter((n) => n.receptorId === "10000002" && !n.cedula.asunto.startsWith("Informe")).length)
      expect(ids(await run(store.listNotifications({ emisorId: "U900", limit: 4 })))).toEqual(ids(order(all.filter((n) => n.emisor.id === "U900"))).slice(0, 4))
    }))

    it("a draft for a receptor is in the store's lists but not in the inbox states", withStore(async (store) => {
      await seed(store, 6)
      const draft = contractNotification(40, { state: "Borrador", depositedAt: undefined, readAt: undefined })
      await run(store.commit({ notifications: [draft], events: [] }))
      const inbox = ["Depositada", "Leída"] as const
      expect(ids(await run(store.listNotifications({ receptorId: draft.receptorId }))).includes(draft.id)).toBe(true)
      expect(ids(await run(store.listNotifications({ receptorId: draft.receptorId, states: inbox }))).includes(draft.id)).toBe(false)
      expect(ids(await run(store.listNotifications({ receptorId: draft.receptorId, unread: false }))).includes(draft.id)).toBe(true)
      expect(ids(await run(store.listNotifications({ receptorId: draft.receptorId, unread: false, states: inbox }))).includes(draft.id)).toBe(false)
      expect(await run(store.countNotifications({ receptorId: draft.receptorId, states: inbox }))).toBe(2)
      expect(await run(store.countNotifications({ receptorId: draft.receptorId, states: inbox, unread: true }))).toBe(2)
      expect(await run(store.countNotifications({ receptorId: draft.receptorId }))).toBe(3)
      // Counts follow every change of state, in the same commit.
      const one = Option.getOrThrow(await run(store.getNotification("ntf_0001")))
      await run(store.commit({ notifications: [{ ...one, state: "Leída", readAt: one.depositedAt, version: 2 }, { ...draft, state: "Depositada", depositedAt: one.depositedAt, version: 2 }], events: [] }))
      expect(await run(store.countNotifications({ receptorId: draft.receptorId, states: inbox, unread: true }))).toBe(2)
      expect(await run(store.countNotifications({ receptorId: draft.receptorId, states: inbox, unread: false }))).toBe(1)
      expect(await run(store.countNotifications({ receptorId: draft.receptorId, states: inbox }))).toBe(3)
    }))

    it("pages with a keyset cursor: every item once, in order, ties broken by id", withStore(async (store) => {
      const all = await seed(store, 30)
      const expected = ids((await run(store.listNotifications({ receptorId: "10000002" }))))
      expect(expected.length).toBe(all.filter((n) => n.receptorId === "10000002").length)
      const seen: Array<string> = []
      let after: { date: string; id: string } | undefined
      for (;;) {
        const page = await run(store.listNotifications({ receptorId: "10000002", limit: 3, ...(after ? { after } : {}) }))
        if (page.length === 0) break
        seen.push(...ids(page))
        const last = page[page.length - 1]
        after = { date: last.depositedAt!, id: last.id }
      }
      expect(seen).toEqual(expected)
      const everyone = ids(await run(store.listNotifications({})))
      expect(everyone.length).toBe(30)
      expect(ids(await run(store.listNotifications({ after: { date: at(105), id: "ntf_0011" } })))).toEqual(everyone.slice(everyone.indexOf("ntf_0011") + 1))
    }))

    it("keeps the outbox in order until delivered", withStore(async (store) => {
      await run(store.commit({ events: [event("a", "x"), event("b", "x")] }))
      await run(store.commit({ events: [event("c", "y")] }))
      expect((await run(store.pendingEvents(2))).map((e) => e.id)).toEqual(["a", "b"])
      await run(store.markDelivered(["a", "c"]))
      expect((await run(store.pendingEvents(10))).map((e) => e.id)).toEqual(["b"])
      expect((await run(store.pendingEvents(10)))[0]).toEqual(event("b", "x"))
    }))
  })
}
