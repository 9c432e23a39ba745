// The SariStore contract: every adapter (memory, Dexie in Node and in Chromium…) passes
// these same tests. Written against a tiny describe/it/expect so it runs under vitest and
// under web-test-runner (mocha + chai) in a real browser.
import type { DomainEvent, EventOutbox } from "@ecasilla/core/ports"
import type { RoleAssignment } from "@ecasilla/core/roles"
import { decodeSariRequestSync, type SariAuditEntry, type SariCommit, type SariRequest, type SariStore } from "@ecasilla/core/sari"
import { Cause, Effect, Exit, Option } from "effect"
import type { ContractHarness } from "./ticket-store.contract.js"

/** A fresh store holding `assignments`, its outbox, a raw attempt to alter an audit entry, and disposal. */
export type SariStoreFactory = (assignments: ReadonlyArray<RoleAssignment>) => Promise<{
  readonly store: SariStore["Service"]
  readonly outbox: EventOutbox["Service"]
  /**
   * Tries to change or delete an audit entry by going around the port (the raw table, the
   * returned objects…); resolves with how many of the attempts succeeded.
   */
  readonly tamperAudit: (entry: SariAuditEntry) => Promise<number>
  readonly dispose?: () => Promise<void>
}>

const at = (day: number, hour = 14) => `2026-03-${String(day).padStart(2, "0")}T${String(hour).padStart(2, "0")}:00:00.000Z`

/** A valid request, varied by `n`: collaborator `E2000{n % 4}`, unit alternating OCI/UO. */
export const contractRequest = (n: number, patch: Partial<SariRequest> = {}): SariRequest =>
  decodeSariRequestSync({
    id: `sari_c${n}`,
    number: `SARI-2026-${String(n).padStart(6, "0")}`,
    state: "Borrador",
    unit: n % 2 ? { id: "OCI-MINSA", kind: "oci", name: "OCI del Ministerio de Salud" } : { id: "GTI", kind: "uo", name: "Gerencia de TI" },
    system: "casilla",
    requester: { id: n % 2 ? "E20101" : "U10101", name: "Operador Ñandú" },
    collaborator: { id: `E2000${n % 4}`, name: `Colaborador ${n}`, dni: `4000000${n % 10}`, cargo: "auditor", unit: n % 2 ? "OCI-MINSA" : "GTI" },
    rolesHeld: [],
    changes: [{ op: "add", role: "notificador" }],
    createdAt: at(1 + n),
    updatedAt: at(1 + n),
    version: 1,
    ...patch
  })

const assignment = (userId: string, role: RoleAssignment["role"], system: RoleAssignment["system"] = "casilla"): RoleAssignment => ({
  userId,
  system,
  role,
  unitId: "OCI-MINSA",
  grantedAt: at(1),
  grantedBy: "seed"
})

const entry = (r: SariRequest, seq: number, action: SariAuditEntry["action"] = "created"): SariAuditEntry => ({
  id: `${r.id}#${seq}`,
  requestId: r.id,
  seq,
  at: r.updatedAt,
  by: r.requester,
  action,
  state: r.state
})

const event = (r: SariRequest, suffix: string, data: unknown = { requestId: r.id, nested: [1, "dos", null] }): DomainEvent => ({
  id: `${r.id}:${suffix}`,
  tag: "@ecasilla/core/sari/SariRequestSent",
  aggregateId: r.id,
  at: r.updatedAt,
  data
})

const run = <A, E>(e: Effect.Effect<A, E>) => Effect.runPromise(e)
const reasonOf = async <A, E>(e: Effect.Effect<A, E>): Promise<string | undefined> => {
  const exit = await Effect.runPromiseExit(e)
  return Exit.isFailure(exit) ? `${(Cause.squash(exit.cause) as { _tag?: string })._tag}:${(Cause.squash(exit.cause) as { reason?: string }).reason}` : undefined
}
const STORE = "@ecasilla/core/sari/SariStoreError"
const create = (store: SariStore["Service"], request: SariRequest, rest: Partial<Omit<SariCommit, "request" | "expectedVersion">> = {}) =>
  store.commit({ request, expectedVersion: 0, audit: [entry(request, 1)], events: [], ...rest })

/** Registers the contract tests for one adapter. */
export const sariStoreContract = (name: string, makeStore: SariStoreFactory, { describe, it, expect }: ContractHarness): void => {
  const withStore = (assignments: ReadonlyArray<RoleAssignment>, body: (ctx: Awaited<ReturnType<SariStoreFactory>>) => Promise<void>) => async () => {
    const ctx = await makeStore(assignments)
    try {
      await body(ctx)
    } finally {
      await ctx.dispose?.()
    }
  }
  const snapshot = async ({ store, outbox }: Awaited<ReturnType<SariStoreFactory>>, r: SariRequest, userId: string) => ({
    request: Option.getOrUndefined(await run(store.get(r.id))),
    assignments: (await run(store.assignmentsOf(userId))).map((a) => a.role),
    audit: (await run(store.auditTrail(r.id))).map((e) => e.id),
    pending: (await run(outbox.pending(100))).map((e) => e.id)
  })

  describe(`SariStore contract: ${name}`, () => {
    it("stores a request and gives it back; lists by unit, requester, colleague, system and state, newest first", withStore([], async ({ store }) => {
      const rs = [1, 2, 3, 4, 5].map((n) => contractRequest(n, n === 5 ? { system: "cau", changes: [{ op: "add", role: "cau-analista" }] } : {}))
      for (const r of rs) await run(create(store, r))
      expect(Option.getOrUndefined(await run(store.get("sari_c1")))).toEqual(rs[0])
      expect(Option.isNone(await run(store.get("sari_nope")))).toBe(true)
      expect((await run(store.list())).map((r) => r.id)).toEqual(["sari_c5", "sari_c4", "sari_c3", "sari_c2", "sari_c1"])
      expect((await run(store.list({ unitId: "GTI" }))).map((r) => r.id)).toEqual(["sari_c4", "sari_c2"])
      expect((await run(store.list({ requesterId: "E20101", limit: 2 }))).map((r) => r.id)).toEqual(["sari_c5", "sari_c3"])
      expect((await run(store.list({ collaboratorId: "E20001" }))).map((r) => r.id)).toEqual(["sari_c5", "sari_c1"])
      expect((await run(store.list({ system: "cau" }))).map((r) => r.id)).toEqual(["sari_c5"])
      expect((await run(store.list({ states: ["Enviada"] }))).length).toBe(0)
    }))

    it("refuses a second request with the same id and any version but the next one, writing nothing", withStore([], async (ctx) => {
      const { store } = ctx
      const r = contractRequest(1)
      await run(create(store, r))
      expect(await reasonOf(create(store, contractRequest(1, { collaborator: { ...r.collaborator, id: "E29999" } }), { audit: [] }))).toBe(`${STORE}:duplicate`)
      const sent: SariRequest = { ...r, state: "Enviada", sentAt: at(3), updatedAt: at(3), version: 2 }
      expect(await reasonOf(store.commit({ request: { ...sent, version: 3 }, expectedVersion: 1, audit: [], events: [] }))).toBe(`${STORE}:conflict`)
      expect(await reasonOf(store.commit({ request: sent, expectedVersion: 2, audit: [], events: [] }))).toBe(`${STORE}:conflict`)
      expect(await reasonOf(store.commit({ request: contractRequest(9, { version: 2 }), expectedVersion: 1, audit: [], events: [] }))).toBe(`${STORE}:not-found`)
      await run(store.commit({ request: sent, expectedVersion: 1, audit: [entry(sent, 2, "sent")], events: [event(sent, "sent")] }))
      // The write that lost the race changes nothing.
      expect(await reasonOf(store.commit({ request: { ...r, version: 2, changes: [] }, expectedVersion: 1, audit: [], events: [] }))).toBe(`${STORE}:conflict`)
      expect(await snapshot(ctx, r, r.collaborator.id)).toEqual({ request: sent, assignments: [], audit: ["sari_c1#1", "sari_c1#2"], pending: ["sari_c1:sent"] })
    }))

    it("keeps one open request per colleague and system", withStore([], async ({ store }) => {
      const a = contractRequest(1)
      await run(create(store, a))
      const b = contractRequest(5, { id: "sari_b" as never, collaborator: a.collaborator })
      expect(await reasonOf(create(store, b))).toBe(`${STORE}:open-request-exists`)
      expect(Option.isNone(await run(store.get("sari_b")))).toBe(true)
      // Another system is another slot.
      await run(create(store, contractRequest(6, { id: "sari_cau" as never, collaborator: a.collaborator, system: "cau", changes: [{ op: "add", role: "cau-analista" }] })))
      // Once the first is withdrawn the slot is free.
      await run(store.commit({ request: { ...a, state: "Anulada", withdrawnAt: at(5), updatedAt: at(5), version: 2 }, expectedVersion: 1, audit: [], events: [] }))
      await run(create(store, b))
      expect((await run(store.list({ collaboratorId: a.collaborator.id, states: ["Borrador"] }))).map((r) => r.id).sort()).toEqual(["sari_b", "sari_cau"])
    }))

    it("an approval writes the request, grants, revocations, audit entries and events together", withStore([assignment("E20001", "auxiliar-casilla")], async (ctx) => {
      const { store } = ctx
      const r = contractRequest(1, { state: "Enviada", sentAt: at(2), rolesHeld: ["auxiliar-casilla"], changes: [{ op: "remove", role: "auxiliar-casilla" }, { op: "add", role: "notificador" }] })
      await run(create(store, r))
      const approved: SariRequest = { ...r, state: "Aprobada", decision: { outcome: "approved", by: { id: "E20102", name: "Jefe" }, at: at(4) }, updatedAt: at(4), version: 2 }
      await run(store.commit({
        request: approved,
        expectedVersion: 1,
        grant: [{ ...assignment("E20001", "notificador"), grantedBy: "E20102", requestId: r.id }],
        revoke: [{ userId: "E20001", system: "casilla", role: "auxiliar-casilla" }],
        audit: [entry(approved, 2, "approved"), { ...entry(approved, 3, "role-revoked"), userId: "E20001", role: "auxiliar-casilla", system: "casilla" }, { ...entry(approved, 4, "role-granted"), userId: "E20001", role: "notificador", system: "casilla" }],
        events: [event(approved, "approved")]
      }))
      expect(await snapshot(ctx, r, "E20001")).toEqual({
        request: approved,
        assignments: ["notificador"],
        audit: ["sari_c1#1", "sari_c1#2", "sari_c1#3", "sari_c1#4"],
        pending: ["sari_c1:approved"]
      })
      expect((await run(store.assignmentsOf("E20001")))[0].requestId).toBe(r.id)
      expect((await run(store.auditTrail(r.id)))[3].role).toBe("notificador")
    }))

    it("a grant of a role held or a revocation of one not held fails the whole commit: no half-applied roles", withStore([assignment("E20001", "emisor"), assignment("E20001", "auxiliar-casilla")], async (ctx) => {
      const { store } = ctx
      const r = contractRequest(1, { state: "Enviada", sentAt: at(2) })
      await run(create(store, r))
      const before = await snapshot(ctx, r, "E20001")
      const approved: SariRequest = { ...r, state: "Aprobada", updatedAt: at(4), version: 2 }
      const attempt = (grant: ReadonlyArray<RoleAssignment>, revoke: SariCommit["revoke"]) =>
        reasonOf(store.commit({ request: approved, expectedVersion: 1, grant, revoke: revoke ?? [], audit: [entry(approved, 2, "approved")], events: [event(approved, "approved")] }))
      expect(await attempt([assignment("E20001", "notificador"), assignment("E20001", "emisor")], [])).toBe(`${STORE}:assignment-conflict`)
      expect(await attempt([assignment("E20001", "notificador")], [{ userId: "E20001", system: "casilla", role: "auxiliar-casilla" }, { userId: "E20001", system: "casilla", role: "operador-casilla" }])).toBe(`${STORE}:assignment-conflict`)
      expect(await attempt([assignment("E20001", "notificador"), assignment("E20001", "notificador")], [])).toBe(`${STORE}:assignment-conflict`)
      expect(await snapshot(ctx, r, "E20001")).toEqual(before)
    }))

    it("a commit whose event cannot be stored writes nothing", withStore([assignment("E20001", "emisor")], async (ctx) => {
      const { store } = ctx
      const r = contractRequest(1, { state: "Enviada", sentAt: at(2) })
      await run(create(store, r))
      const before = await snapshot(ctx, r, "E20001")
      const approved: SariRequest = { ...r, state: "Aprobada", updatedAt: at(4), version: 2 }
      const reason = await reasonOf(store.commit({
        request: approved,
        expectedVersion: 1,
        grant: [assignment("E20001", "notificador")],
        revoke: [{ userId: "E20001", system: "casilla", role: "emisor" }],
        audit: [entry(approved, 2, "approved")],
        // A function cannot be cloned into any store: the write fails half-way.
        events: [event(approved, "ok"), event(approved, "bad", { f: () => 1 })]
      }))
      expect(reason).toBe(`${STORE}:unavailable`)
      expect(await snapshot(ctx, r, "E20001")).toEqual(before)
      // A repeated event id is refused the same way.
      expect(await reasonOf(store.commit({ request: approved, expectedVersion: 1, audit: [entry(approved, 2, "approved")], events: [event(approved, "x"), event(approved, "x")] }))).toBe(`${STORE}:duplicate`)
      expect(await snapshot(ctx, r, "E20001")).toEqual(before)
    }))

    it("the audit trail is append-only: no commit overwrites an entry, no method or raw write changes one", withStore([], async (ctx) => {
      const { store } = ctx
      const r = contractRequest(1)
      await run(create(store, r))
      const original = (await run(store.auditTrail(r.id)))[0]
      // Re-using an entry id in a later commit is refused, and the commit writes nothing.
      const sent: SariRequest = { ...r, state: "Enviada", sentAt: at(3), updatedAt: at(3), version: 2 }
      expect(await reasonOf(store.commit({ request: sent, expectedVersion: 1, audit: [{ ...original, action: "approved", by: { id: "X", name: "Intruso" } }], events: [] }))).toBe(`${STORE}:audit-immutable`)
      expect(Option.getOrThrow(await run(store.get(r.id))).version).toBe(1)
      // The port has no update or delete.
      expect(Object.keys(store).sort()).toEqual(["assignmentsOf", "auditTrail", "commit", "get", "list"])
      // Going around the port fails too; what is returned is a copy.
      expect(await ctx.tamperAudit(original)).toBe(0)
      const copy = (await run(store.auditTrail(r.id)))[0] as { action: string }
      copy.action = "approved"
      expect(await run(store.auditTrail(r.id))).toEqual([original])
    }))
  })
}
