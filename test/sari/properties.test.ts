// Model-based property test of SARI: random sequences of commands by random people (the
// real operators and approvers, people claiming roles they do not hold, the system), with
// storage failures injected before a commit, inside it (the outbox throws half-way) and
// after it (the write landed, the answer was lost). After every step the store must show:
// no request decided by its requester, by the colleague it is about, by someone of another
// unit or without an approver role; role assignments equal to the initial ones with every
// approved request's changes applied in commit order (never half-applied); one open
// request per colleague and system; an audit trail that only grows and matches each request.
import { makeMemorySariStore, sariDemoAssignments, sariDemoCollaborators, sariDemoConfig, sariDemoUser, sariDemoUsers } from "@ecasilla/adapters/memory"
import { type DomainEvent, EventOutbox, makeMemoryEventOutbox, type MemoryEventOutbox } from "@ecasilla/core/ports"
import { makeDexieEventOutbox, makeDexieSariStore, openEcasillaDb, seedDexieRoleAssignments } from "@ecasilla/adapters/dexie"
import { IDBFactory, IDBKeyRange } from "fake-indexeddb"
import { Actor, assignmentKey, grantableRoles, isCargoEligible, type Principal, type Role, rolesHeldIn, sariApproverRoles, systemPrincipal } from "@ecasilla/core/roles"
import { type RoleChange, type SariRequest, SariService, SariStore, SariStoreError } from "@ecasilla/core/sari"
import * as fc from "fast-check"
import { Effect, Layer, ManagedRuntime, Option } from "effect"
import { describe, expect, it } from "vitest"
import { demoLayer } from "./fixtures.js"

type Fault = "none" | "before" | "inside" | "after"

const people = sariDemoUsers.map((u) => u.id)
const colleagues = people
const roleChoices: ReadonlyArray<Role> = ["auxiliar-casilla", "operador-casilla", "emisor", "notificador", "cau-analista", "cau-lider-grupo", "jefe-oci"]

const principalArb: fc.Arbitrary<Principal> = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...people).map((id) => sariDemoUser(id)!) },
  // Someone claiming extra roles or another unit: the directory must win.
  {
    weight: 2,
    arbitrary: fc.tuple(fc.constantFrom(...people), fc.subarray(["jefe-oci", "supervisor-oci", "gerente", "operador-oci", "operador-uo"] as Array<Role>), fc.constantFrom("OCI-MINSA", "OCI-SUNAT", "GTI"))
      .map(([id, roles, unit]) => new Actor({ ...sariDemoUser(id)!, roles, unit }))
  },
  { weight: 1, arbitrary: fc.constant(systemPrincipal) }
)

const changesArb: fc.Arbitrary<ReadonlyArray<RoleChange>> = fc.array(
  fc.record({ op: fc.constantFrom("add" as const, "remove" as const), role: fc.constantFrom(...roleChoices) }),
  { minLength: 0, maxLength: 3 }
)

const commandArb = fc.record({
  kind: fc.constantFrom("create", "create", "create", "update", "send", "send", "withdraw", "approve", "approve", "approve", "reject", "bulk"),
  actor: principalArb,
  collaborator: fc.constantFrom(...colleagues),
  system: fc.constantFrom("casilla" as const, "cau" as const),
  changes: changesArb,
  send: fc.boolean(),
  pick: fc.nat(),
  reason: fc.constantFrom("", "  ", "Sin sustento", "x".repeat(1200)),
  fault: fc.constantFrom<Fault>("none", "none", "none", "none", "none", "before", "inside", "after"),
  // Most steps are aimed (the right operator, changes that fit the roles held now, people of
  // the request's unit deciding it) so runs reach deep states; the rest are fully random.
  aimed: fc.boolean().chain((b) => (b ? fc.constant(true) : fc.boolean()))
})
type Command = typeof commandArb extends fc.Arbitrary<infer C> ? C : never

/** A memory store whose next commit fails as told. */
const faultyWorld = () => {
  let fault: Fault = "none"
  const outbox = makeMemoryEventOutbox()
  // "inside": the outbox throws after the store checked everything, half-way through its write.
  const shaky: MemoryEventOutbox = {
    ...outbox,
    append: (events) => {
      if (fault === "inside" && events.length > 0) throw new Error("disk full")
      outbox.append(events)
    }
  }
  const inner = makeMemorySariStore({ assignments: sariDemoAssignments, outbox: shaky })
  const store = SariStore.of({
    ...inner,
    commit: (change) =>
      Effect.suspend(() => {
        if (fault === "before") return Effect.fail(new SariStoreError({ reason: "unavailable", detail: "injected" }))
        if (fault === "after") return Effect.flatMap(inner.commit(change), () => Effect.fail(new SariStoreError({ reason: "unavailable", detail: "answer lost" })))
        return inner.commit(change)
      })
  })
  const layer = demoLayer(outbox, Layer.merge(Layer.succeed(SariStore, store), Layer.succeed(EventOutbox, outbox.outbox)))
  return {
    runtime: ManagedRuntime.make(layer),
    inner,
    events: async (): Promise<ReadonlyArray<DomainEvent>> => outbox.entries().map((e) => e.event),
    setFault: (f: Fault) => (fault = f),
    dispose: async () => {}
  }
}

let dbs = 0
/** The same over the Dexie store on fake-indexeddb; "inside" throws from an outbox hook, mid-transaction. */
const dexieFaultyWorld = async (): Promise<ReturnType<typeof faultyWorld>> => {
  let fault: Fault = "none"
  const db = openEcasillaDb(`sari-prop-${++dbs}`, { indexedDB: new IDBFactory(), IDBKeyRange })
  await seedDexieRoleAssignments(db, sariDemoAssignments)
  db.outbox.hook("creating", () => {
    if (fault === "inside") throw new Error("disk full")
  })
  const inner = makeDexieSariStore(db)
  const outbox = makeDexieEventOutbox(db)
  const store = SariStore.of({
    ...inner,
    commit: (change) =>
      Effect.suspend(() => {
        if (fault === "before") return Effect.fail(new SariStoreError({ reason: "unavailable", detail: "injected" }))
        if (fault === "after") return Effect.flatMap(inner.commit(change), () => Effect.fail(new SariStoreError({ reason: "unavailable", detail: "answer lost" })))
        return inner.commit(change)
      })
  })
  const layer = demoLayer(makeMemoryEventOutbox(), Layer.merge(Layer.succeed(SariStore, store), Layer.succeed(EventOutbox, outbox)))
  return {
    runtime: ManagedRuntime.make(layer),
    inner,
    events: () => Effect.runPromise(outbox.pending(100_000)),
    setFault: (f: Fault) => (fault = f),
    dispose: async () => {
      db.close()
      await db.delete()
    }
  }
}

const unitKindOf = (unitId: string) => sariDemoConfig.units.find((u) => u.id === unitId)?.kind

const checkInvariants = async (
  w: ReturnType<typeof faultyWorld>,
  seenAudit: Map<string, string>
): Promise<void> => {
  const run = <A, E>(e: Effect.Effect<A, E>) => Effect.runPromise(e)
  const requests = await run(w.inner.list())
  // 1. Decisions only by an approver of the same unit who is neither requester nor colleague.
  for (const r of requests) {
    if (!r.decision) continue
    const by = sariDemoUser(r.decision.by.id)!
    expect(by.id).not.toBe(r.requester.id)
    expect(by.id).not.toBe(r.collaborator.id)
    expect(by.unit).toBe(r.unit.id)
    expect(by.roles.some((role) => sariApproverRoles[unitKindOf(r.unit.id)!].includes(role))).toBe(true)
    expect(r.sentAt).toBeDefined()
  }
  // 2. Assignments = initial + approved changes folded in commit order (the Approved events).
  const expected = new Map(sariDemoAssignments.map((a) => [assignmentKey(a), a.role]))
  const approvedEvents = (await w.events()).filter((event) => event.tag === "@ecasilla/core/sari/SariRequestApproved").map((event) => ({ event }))
  for (const { event } of approvedEvents) {
    const d = event.data as { collaborator: { id: string }; system: "casilla" | "cau"; changes: ReadonlyArray<RoleChange> }
    for (const c of d.changes) {
      const key = assignmentKey({ userId: d.collaborator.id, system: d.system, role: c.role })
      if (c.op === "add") {
        expect(expected.has(key)).toBe(false)
        expected.set(key, c.role)
      } else {
        expect(expected.has(key)).toBe(true)
        expected.delete(key)
      }
    }
  }
  const actual = new Map<string, Role>()
  for (const id of people) for (const a of await run(w.inner.assignmentsOf(id))) actual.set(assignmentKey(a), a.role)
  expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort())
  expect(approvedEvents.length).toBe(requests.filter((r) => r.state === "Aprobada").length)
  // 3. One open request per colleague and system.
  const open = requests.filter((r) => r.state === "Borrador" || r.state === "Enviada").map((r) => `${r.collaborator.id}|${r.system}`)
  expect(new Set(open).size).toBe(open.length)
  // 4. The audit trail only grows, is numbered 1..n and ends in the request's state.
  for (const r of requests) {
    const trail = await run(w.inner.auditTrail(r.id))
    expect(trail.map((e) => e.seq)).toEqual(trail.map((_, i) => i + 1))
    expect(trail.at(-1)?.state).toBe(r.state)
    const grants = trail.filter((e) => e.action === "role-granted" || e.action === "role-revoked").length
    expect(grants).toBe(r.state === "Aprobada" ? r.changes.length : 0)
    for (const e of trail) {
      const json = JSON.stringify(e)
      const before = seenAudit.get(e.id)
      if (before !== undefined) expect(json).toBe(before)
      seenAudit.set(e.id, json)
    }
  }
  expect([...seenAudit.keys()].every((id) => requests.some((r) => id.startsWith(`${r.id}#`)))).toBe(true)
}

const unitPeople = (unitId: string) => sariDemoUsers.filter((u) => u.unit === unitId)

/** Turns an aimed command into a plausible one, from the store's current state. */
const aim = async (w: ReturnType<typeof faultyWorld>, c: Command, ids: Array<string>): Promise<Command> => {
  if (!c.aimed) return c
  const colleague = sariDemoCollaborators.find((x) => x.id === c.collaborator)!
  if (c.kind === "create") {
    const operator = unitPeople(colleague.unit).find((u) => u.roles.includes("operador-oci") || u.roles.includes("operador-uo"))!
    const held = rolesHeldIn(c.system, await Effect.runPromise(w.inner.assignmentsOf(colleague.id)))
    const toggles = grantableRoles[c.system].filter((r) => held.includes(r) || isCargoEligible(r, colleague.cargo))
    const chosen = toggles.filter((_, i) => ((c.pick >> i) & 1) === 1)
    const changes = (chosen.length ? chosen : toggles.slice(0, 1)).map((role) => ({ op: held.includes(role) ? ("remove" as const) : ("add" as const), role }))
    return { ...c, actor: c.pick % 7 === 0 ? c.actor : operator, changes }
  }
  // Decisions aim at sent requests, when there are any.
  if (c.kind === "approve" || c.kind === "reject") {
    const sent = (await Effect.runPromise(w.inner.list({ states: ["Enviada"] }))).map((x) => ids.indexOf(x.id)).filter((i) => i >= 0)
    if (sent.length > 0) c = { ...c, pick: sent[c.pick % sent.length] + ids.length * (c.pick >> 3) }
  }
  const id = ids.length === 0 ? undefined : ids[c.pick % ids.length]
  const r = id === undefined ? undefined : Option.getOrUndefined(await Effect.runPromise(w.inner.get(id)))
  if (r === undefined) return c
  if (c.kind === "update" || c.kind === "send" || c.kind === "withdraw") return { ...c, actor: sariDemoUser(r.requester.id)!, changes: c.send ? r.changes : c.changes }
  // Mostly the unit's approvers (who may be the colleague the request is about), else anyone of the unit.
  const kind = unitKindOf(r.unit.id)!
  const approvers = unitPeople(r.unit.id).filter((u) => u.roles.some((role) => sariApproverRoles[kind].includes(role)))
  const deciders = c.pick % 4 === 0 ? unitPeople(r.unit.id) : approvers
  return { ...c, actor: deciders[(c.pick >> 3) % deciders.length] }
}

const step = async (w: ReturnType<typeof faultyWorld>, raw: Command, ids: Array<string>) => {
  const c = await aim(w, raw, ids)
  const pickId = () => (ids.length === 0 ? "sari_none" : ids[c.pick % ids.length])
  const call = (f: (s: SariService["Service"]) => Effect.Effect<unknown, unknown>) =>
    w.runtime.runPromiseExit(Effect.flatMap(SariService, f))
  w.setFault(c.fault)
  try {
    switch (c.kind) {
      case "create": {
        const exit = await call((s) => s.createRequest(c.actor, { collaboratorId: c.collaborator, system: c.system, changes: c.changes, send: c.send }))
        if (exit._tag === "Success") ids.push((exit.value as SariRequest).id)
        break
      }
      case "update":
        await call((s) => s.updateRequest(c.actor, pickId(), { changes: c.changes, send: c.send }))
        break
      case "send":
        await call((s) => s.sendRequest(c.actor, pickId()))
        break
      case "withdraw":
        await call((s) => s.withdrawRequest(c.actor, pickId()))
        break
      case "approve":
        await call((s) => s.approveRequest(c.actor, pickId()))
        break
      case "reject":
        await call((s) => s.rejectRequest(c.actor, pickId(), { reason: c.reason }))
        break
      case "bulk":
        await call((s) => s.approveRequests(c.actor, ids))
        break
    }
  } finally {
    w.setFault("none")
  }
  // A create whose answer was lost still wrote the request: track it through the store.
  for (const r of await Effect.runPromise(w.inner.list())) if (!ids.includes(r.id)) ids.push(r.id)
}

describe("SARI properties", () => {
  it("no sequence of actions approves one's own or another unit's request, or leaves roles half-applied", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(commandArb, { minLength: 3, maxLength: 30 }), async (commands) => {
        const w = faultyWorld()
        const seenAudit = new Map<string, string>()
        const ids: Array<string> = []
        try {
          for (const c of commands) {
            await step(w, c, ids)
            await checkInvariants(w, seenAudit)
          }
        } finally {
          await w.runtime.dispose()
        }
      }),
      { numRuns: 200 }
    )
  }, 120_000)

  it("on Dexie, a failure inside the transaction leaves nothing of the command", async () => {
    const w = await dexieFaultyWorld()
    const op = sariDemoUser("E20101")!
    const jefe = sariDemoUser("E20102")!
    const ids: Array<string> = []
    try {
      const base = { actor: op, collaborator: "E20106", system: "casilla" as const, changes: [{ op: "add" as const, role: "notificador" as const }], send: true, pick: 0, reason: "x", aimed: false }
      await step(w, { ...base, kind: "create", fault: "inside" }, ids)
      expect(ids).toEqual([])
      await step(w, { ...base, kind: "create", fault: "none" }, ids)
      await step(w, { ...base, actor: jefe, kind: "approve", fault: "inside" }, ids)
      expect((await Effect.runPromise(w.inner.assignmentsOf("E20106"))).length).toBe(0)
      expect(Option.getOrThrow(await Effect.runPromise(w.inner.get(ids[0]))).state).toBe("Enviada")
      expect((await Effect.runPromise(w.inner.auditTrail(ids[0]))).length).toBe(2)
      await step(w, { ...base, actor: jefe, kind: "approve", fault: "none" }, ids)
      expect((await Effect.runPromise(w.inner.assignmentsOf("E20106"))).map((a) => a.role)).toEqual(["notificador"])
      await checkInvariants(w, new Map())
    } finally {
      await w.runtime.dispose()
      await w.dispose()
    }
  })

  it("the same holds on the Dexie store, with a failure thrown inside its IndexedDB transaction", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(commandArb, { minLength: 3, maxLength: 20 }), async (commands) => {
        const w = await dexieFaultyWorld()
        const seenAudit = new Map<string, string>()
        const ids: Array<string> = []
        try {
          for (const c of commands) {
            await step(w, c, ids)
            await checkInvariants(w, seenAudit)
          }
        } finally {
          await w.runtime.dispose()
          await w.dispose()
        }
      }),
      { numRuns: 30 }
    )
  }, 180_000)

  it("the generator reaches approvals, rejections and every kind of fault (the property is not vacuous)", async () => {
    const w = faultyWorld()
    const ids: Array<string> = []
    const op = sariDemoUser("E20101")!
    const jefe = sariDemoUser("E20102")!
    try {
      const base = { actor: op, collaborator: "E20106", system: "casilla" as const, changes: [{ op: "add" as const, role: "notificador" as const }], send: true, pick: 0, reason: "x", aimed: false }
      await step(w, { ...base, kind: "create", fault: "inside" }, ids)
      expect(ids).toEqual([])
      await step(w, { ...base, kind: "create", fault: "after" }, ids)
      expect(ids.length).toBe(1)
      await step(w, { ...base, actor: jefe, kind: "approve", fault: "inside" }, ids)
      await checkInvariants(w, new Map())
      expect((await Effect.runPromise(w.inner.assignmentsOf("E20106"))).length).toBe(0)
      await step(w, { ...base, actor: jefe, kind: "approve", fault: "none" }, ids)
      expect((await Effect.runPromise(w.inner.assignmentsOf("E20106"))).map((a) => a.role)).toEqual(["notificador"])
      await checkInvariants(w, new Map())
    } finally {
      await w.runtime.dispose()
    }
  })
})
