import { CaptureMailer } from "./capture-mailer.js"
import { relayEvents } from "@ecasilla/core/ports"
import { Actor, authorize, RoleDirectory, systemPrincipal } from "@ecasilla/core/roles"
import { sariDemoUsers } from "@ecasilla/adapters/memory"
import { availableSariActions, sariErrorMessage, sariMailConsumer, sariMessagesEs, SariError, SariService, SariStore } from "@ecasilla/core/sari"
import { Effect, Layer, Option } from "effect"
import * as TestClock from "effect/testing/TestClock"
import { afterEach, describe, expect, it } from "vitest"
import { demoWorld, gti, minsa, sunat } from "./fixtures.js"

let world = demoWorld()
afterEach(async () => {
  await world.dispose()
  world = demoWorld()
})

const rolesOf = async (id: string) =>
  world.run(Effect.flatMap(RoleDirectory, (d) => d.actorOf(id))).then((a) => Option.getOrThrow(a).roles)

describe("SARI: the OCI flow", () => {
  it("operator finds the colleague by DNI or name, sees the roles held, saves a draft, sends; the Jefe OCI approves; roles change at once", async () => {
    const byDni = await world.sari((s) => s.findCollaborators(minsa.operador, "43456789"))
    expect(byDni.map((v) => [v.collaborator.name, v.roles.casilla])).toEqual([["Pedro Quispe Flores", ["auxiliar-casilla"]]])
    const byName = await world.sari((s) => s.findCollaborators(minsa.operador, "quispe"))
    expect(byName.map((v) => v.collaborator.id)).toEqual(["E20104"])
    // Another OCI's colleague is not found from here.
    expect(await world.sari((s) => s.findCollaborators(minsa.operador, "48901234"))).toEqual([])

    const draft = await world.sari((s) =>
      s.createRequest(minsa.operador, { collaboratorId: "E20104", system: "casilla", changes: [{ op: "add", role: "notificador" }, { op: "remove", role: "auxiliar-casilla" }] }))
    expect([draft.state, draft.number, draft.rolesHeld, draft.unit.kind]).toEqual(["Borrador", "SARI-" + draft.number.slice(5, 9) + "-000001", ["auxiliar-casilla"], "oci"])
    // Changes are kept in the system's canonical order.
    expect(draft.changes).toEqual([{ op: "remove", role: "auxiliar-casilla" }, { op: "add", role: "notificador" }])
    // A draft is the requester's alone.
    expect(await world.failure((s) => s.getRequest(minsa.jefe, draft.id))).toEqual({ tag: "@ecasilla/core/sari/SariError", reason: "not-found" })
    expect(await world.sari((s) => s.listRequests(minsa.jefe, { view: "inbox" }))).toEqual([])

    const sent = await world.sari((s) => s.sendRequest(minsa.operador, draft.id))
    expect(sent.state).toBe("Enviada")
    const inbox = await world.sari((s) => s.listRequests(minsa.jefe, { view: "inbox" }))
    expect(inbox.map((r) => r.id)).toEqual([draft.id])
    expect(availableSariActions(sent, minsa.jefe)).toEqual(["approve", "reject"])
    expect(availableSariActions(sent, minsa.operador)).toEqual(["withdraw"])
    // The other OCI's Jefe and a UO Gerente see nothing and may decide nothing.
    expect(await world.sari((s) => s.listRequests(sunat.jefe, { view: "inbox" }))).toEqual([])
    expect(await world.failure((s) => s.approveRequest(sunat.jefe, draft.id))).toEqual({ tag: "@ecasilla/core/sari/SariError", reason: "not-found" })
    expect(await world.failure((s) => s.listRequests(gti.operador, { view: "inbox" }))).toEqual({ tag: "@ecasilla/core/sari/SariError", reason: "not-allowed" })

    expect(await rolesOf("E20104")).toEqual(["auxiliar-casilla"])
    const approved = await world.sari((s) => s.approveRequest(minsa.jefe, draft.id))
    expect([approved.state, approved.decision?.by.id, approved.decision?.outcome]).toEqual(["Aprobada", "E20102", "approved"])
    const pedro = await world.run(Effect.flatMap(RoleDirectory, (d) => d.actorOf("E20104"))).then(Option.getOrThrow)
    expect(pedro.roles).toEqual(["notificador"])
    // The casilla's check, fed by the RoleDirectory: the new Notificador may deposit, the
    // removed Auxiliar may no longer create casillas.
    expect(authorize(pedro, "casilla.deposit-notification", {}).allowed).toBe(true)
    expect(authorize(pedro, "casilla.assign-obligatoria", {}).allowed).toBe(false)

    const trail = await world.sari((s) => s.auditTrail(minsa.operador, draft.id))
    expect(trail.map((e) => [e.seq, e.action, e.by.id, e.state, e.role ?? ""])).toEqual([
      [1, "created", "E20101", "Borrador", ""],
      [2, "sent", "E20101", "Enviada", ""],
      [3, "approved", "E20102", "Aprobada", ""],
      [4, "role-revoked", "E20102", "Aprobada", "auxiliar-casilla"],
      [5, "role-granted", "E20102", "Aprobada", "notificador"]
    ])
    expect(world.outbox.entries().map((e) => e.event.tag)).toEqual(["@ecasilla/core/sari/SariRequestSent", "@ecasilla/core/sari/SariRequestApproved"])
  })

  it("the Supervisor OCI may approve too; a removed Notificador can no longer deposit", async () => {
    const r = await world.sari((s) => s.createRequest(minsa.operador, { collaboratorId: "E20105", system: "casilla", changes: [{ op: "remove", role: "notificador" }], send: true }))
    expect(authorize(Option.getOrThrow(await world.run(Effect.flatMap(RoleDirectory, (d) => d.actorOf("E20105")))), "casilla.deposit-notification", {}).allowed).toBe(true)
    await world.sari((s) => s.approveRequest(minsa.supervisor, r.id))
    const ana = Option.getOrThrow(await world.run(Effect.flatMap(RoleDirectory, (d) => d.actorOf("E20105"))))
    expect(authorize(ana, "casilla.deposit-notification", {})).toEqual({ allowed: false, reason: "missing-role", roles: ["notificador"] })
    // A session that still claims the role gets it taken away on refresh.
    const stale = await world.run(Effect.flatMap(RoleDirectory, (d) => d.refresh({ ...ana, roles: ["notificador"] } as never)))
    expect(stale.roles).toEqual([])
  })
})

describe("SARI: the UO flow", () => {
  it("Operador UO sends; only the Gerente of the same UO decides; rejection needs a reason and changes no role", async () => {
    const r = await world.sari((s) => s.createRequest(gti.operador, { collaboratorId: "U10103", system: "cau", changes: [{ op: "add", role: "cau-lider-grupo" }], send: true }))
    expect([r.state, r.unit]).toEqual(["Enviada", { id: "GTI", kind: "uo", name: "Gerencia de Tecnologías de la Información" }])
    expect(await world.failure((s) => s.approveRequest(minsa.jefe, r.id))).toEqual({ tag: "@ecasilla/core/sari/SariError", reason: "not-found" })
    expect(await world.failure((s) => s.rejectRequest(gti.gerente, r.id, { reason: "  \u202e " }))).toEqual({ tag: "@ecasilla/core/sari/SariError", reason: "reason-required" })
    expect(await world.failure((s) => s.rejectRequest(gti.gerente, r.id, { reason: "x".repeat(1001) }))).toEqual({ tag: "@ecasilla/core/sari/SariError", reason: "text-too-long" })
    const rejected = await world.sari((s) => s.rejectRequest(gti.gerente, r.id, { reason: "  Falta el sustento del jefe inmediato.  " }))
    expect([rejected.state, rejected.decision?.reason]).toEqual(["Rechazada", "Falta el sustento del jefe inmediato."])
    expect(await rolesOf("U10103")).toEqual(["cau-analista"])
    expect(await world.failure((s) => s.approveRequest(gti.gerente, r.id))).toEqual({ tag: "@ecasilla/core/sari/SariError", reason: "wrong-state" })
    const mine = await world.sari((s) => s.listRequests(gti.operador, { view: "mine" }))
    expect(mine.map((x) => x.state)).toEqual(["Rechazada"])
  })
})

describe("SARI invariants", () => {
  const err = (reason: string, role?: string) => ({ tag: "@ecasilla/core/sari/SariError", reason, ...(role ? { role } : {}) })

  it("no adding a role already held, no removing one not held, nothing outside the system, cargo eligibility", async () => {
    const create = (collaboratorId: string, changes: Array<{ op: "add" | "remove"; role: string }>, system: "casilla" | "cau" = "casilla") =>
      world.failure((s) => s.createRequest(minsa.operador, { collaboratorId, system, changes: changes as never }))
    expect(await create("E20104", [{ op: "add", role: "auxiliar-casilla" }])).toEqual(err("already-held", "auxiliar-casilla"))
    expect(await create("E20104", [{ op: "remove", role: "notificador" }])).toEqual(err("not-held", "notificador"))
    expect(await create("E20104", [{ op: "add", role: "cau-analista" }])).toEqual(err("role-not-in-system", "cau-analista"))
    expect(await create("E20104", [{ op: "add", role: "jefe-oci" }])).toEqual(err("role-not-in-system", "jefe-oci"))
    // An auditor cannot be Emisor (DOMAIN.md §1).
    expect(await create("E20104", [{ op: "add", role: "emisor" }])).toEqual(err("cargo-not-eligible", "emisor"))
    expect(await create("E20104", [])).toEqual(err("no-changes"))
    expect(await create("E20104", [{ op: "add", role: "notificador" }, { op: "add", role: "notificador" }])).toEqual(err("duplicate-change", "notificador"))
    expect(await create("E20104", "nonsense" as never)).toEqual(err("no-changes"))
    expect(await create("E99999", [{ op: "add", role: "notificador" }])).toEqual(err("unknown-collaborator"))
    // A colleague of another unit: the request belongs to their operator.
    expect(await create("E30103", [{ op: "add", role: "auxiliar-casilla" }])).toEqual(err("collaborator-other-unit"))
    expect(await world.sari((s) => s.listRequests(systemPrincipal, { view: "inbox" }))).toEqual([])
  })

  it("only an operator of the unit files; approvers cannot approve their own request or one about themselves", async () => {
    expect(await world.failure((s) => s.createRequest(minsa.jefe, { collaboratorId: "E20104", system: "casilla", changes: [{ op: "add", role: "notificador" }] }))).toEqual(err("not-allowed"))
    expect(await world.failure((s) => s.createRequest(systemPrincipal, { collaboratorId: "E20104", system: "casilla", changes: [{ op: "add", role: "notificador" }] }))).toEqual(err("not-allowed"))
    // The Jefe OCI's own roles: the operator files it, the Jefe cannot approve it; the Supervisor can.
    const aboutJefe = await world.sari((s) => s.createRequest(minsa.operador, { collaboratorId: "E20102", system: "casilla", changes: [{ op: "remove", role: "emisor" }], send: true }))
    expect(availableSariActions(aboutJefe, minsa.jefe)).toEqual([])
    expect(await world.failure((s) => s.approveRequest(minsa.jefe, aboutJefe.id))).toEqual(err("own-request"))
    expect((await world.sari((s) => s.listRequests(minsa.jefe, { view: "inbox" }))).length).toBe(0)
    expect((await world.sari((s) => s.listRequests(minsa.supervisor, { view: "inbox" }))).length).toBe(1)
    // Requester ≠ approver: an operator who is also Supervisor OCI cannot approve what they filed.
    const both = new Actor({ ...minsa.operador, roles: ["operador-oci", "supervisor-oci"] })
    const r2World = demoWorld(undefined, sariDemoUsers.map((u) => (u.id === both.id ? both : u)))
    try {
      const dual = await r2World.sari((s) => s.createRequest(both, { collaboratorId: "E20106", system: "casilla", changes: [{ op: "add", role: "notificador" }], send: true }))
      expect(availableSariActions(dual, both)).toEqual(["withdraw"])
      expect(await r2World.failure((s) => s.approveRequest(both, dual.id))).toEqual(err("own-request"))
      expect(await r2World.sari((s) => s.listRequests(both, { view: "inbox" }))).toEqual([])
      expect((await r2World.sari((s) => s.listRequests(minsa.jefe, { view: "inbox" }))).length).toBe(1)
    } finally {
      await r2World.dispose()
    }
    // The plain operator holds no approver role at all.
    const plain = await world.sari((s) => s.createRequest(minsa.operador, { collaboratorId: "E20106", system: "casilla", changes: [{ op: "add", role: "notificador" }], send: true }))
    expect(await world.failure((s) => s.approveRequest(minsa.operador, plain.id))).toEqual(err("not-allowed"))
    // Roles come from the directory, not from what the caller claims.
    const claims = new Actor({ ...minsa.jefe, roles: ["jefe-oci", "operador-oci"] })
    expect(await world.failure((s) => s.createRequest(claims, { collaboratorId: "E20105", system: "casilla", changes: [{ op: "add", role: "auxiliar-casilla" }] }))).toEqual(err("not-allowed"))
  })

  it("one open request per colleague and system; withdrawing frees the slot", async () => {
    const first = await world.sari((s) => s.createRequest(minsa.operador, { collaboratorId: "E20106", system: "casilla", changes: [{ op: "add", role: "notificador" }] }))
    const again = await world.runtime.runPromiseExit(Effect.flatMap(SariService, (s) => s.createRequest(minsa.operador, { collaboratorId: "E20106", system: "casilla", changes: [{ op: "add", role: "notificador" }], send: true })))
    expect(again._tag).toBe("Failure")
    const e = (again as unknown as { cause: unknown }).cause
    expect(JSON.stringify(e)).toContain(first.number)
    // Another system is a separate slot.
    await world.sari((s) => s.createRequest(minsa.operador, { collaboratorId: "E20106", system: "cau", changes: [{ op: "add", role: "cau-analista" }] }))
    const withdrawn = await world.sari((s) => s.withdrawRequest(minsa.operador, first.id))
    expect(withdrawn.state).toBe("Anulada")
    expect(await world.failure((s) => s.sendRequest(minsa.operador, first.id))).toEqual(err("wrong-state"))
    const next = await world.sari((s) => s.createRequest(minsa.operador, { collaboratorId: "E20106", system: "casilla", changes: [{ op: "add", role: "notificador" }] }))
    expect(next.state).toBe("Borrador")
  })

  it("another operator of the unit cannot touch a colleague's draft; an edit re-checks the changes", async () => {
    const d = await world.sari((s) => s.createRequest(minsa.operador, { collaboratorId: "E20106", system: "casilla", changes: [{ op: "add", role: "notificador" }] }))
    const other = { ...minsa.raul } as typeof minsa.raul
    expect(await world.failure((s) => s.updateRequest(other, d.id, { changes: [] }))).toEqual(err("not-found"))
    expect(await world.failure((s) => s.updateRequest(minsa.operador, d.id, { changes: [{ op: "remove", role: "notificador" }] }))).toEqual(err("not-held", "notificador"))
    const edited = await world.sari((s) => s.updateRequest(minsa.operador, d.id, { changes: [{ op: "add", role: "notificador" }], send: true }))
    expect([edited.state, edited.version]).toEqual(["Enviada", 2])
    expect((await world.sari((s) => s.auditTrail(minsa.operador, d.id))).map((x) => x.action)).toEqual(["created", "edited", "sent"])
  })

  it("approval re-checks the roles held now: if they changed since it was sent, nothing is applied", async () => {
    const a = await world.sari((s) => s.createRequest(minsa.operador, { collaboratorId: "E20105", system: "casilla", changes: [{ op: "remove", role: "notificador" }], send: true }))
    // The same change lands through the store meanwhile (e.g. another approval path).
    await world.run(Effect.flatMap(SariStore, (st) => st.commit({
      request: { ...a, id: "sari_other" as never, number: "SARI-2026-999999", state: "Aprobada", collaborator: { ...a.collaborator, id: "E20105" }, version: 1 },
      expectedVersion: 0,
      revoke: [{ userId: "E20105", system: "casilla", role: "notificador" }],
      audit: [],
      events: []
    })))
    expect(await world.failure((s) => s.approveRequest(minsa.jefe, a.id))).toEqual(err("not-held", "notificador"))
    expect((await world.sari((s) => s.getRequest(minsa.jefe, a.id))).state).toBe("Enviada")
  })

  it("bulk approval approves each on its own and reports the failures", async () => {
    const r1 = await world.sari((s) => s.createRequest(minsa.operador, { collaboratorId: "E20106", system: "casilla", changes: [{ op: "add", role: "notificador" }], send: true }))
    const r2 = await world.sari((s) => s.createRequest(minsa.operador, { collaboratorId: "E20105", system: "casilla", changes: [{ op: "add", role: "auxiliar-casilla" }], send: true }))
    const r3 = await world.sari((s) => s.createRequest(minsa.operador, { collaboratorId: "E20102", system: "casilla", changes: [{ op: "remove", role: "emisor" }], send: true }))
    const results = await world.sari((s) => s.approveRequests(minsa.jefe, [r1.id, r2.id, r3.id, r1.id]))
    expect(results.map((x) => [x.requestId, x.result._tag])).toEqual([[r1.id, "Success"], [r2.id, "Success"], [r3.id, "Failure"]])
    expect(await rolesOf("E20106")).toEqual(["notificador"])
    expect(await rolesOf("E20102")).toEqual(["jefe-oci", "emisor"])
  })
})

describe("SARI time", () => {
  it("timestamps and the number's year come from effect's Clock (TestClock drives them)", async () => {
    const at = Date.parse("2027-01-01T03:30:00.000Z") // still 2026 in Lima
    const r = await world.run(
      Effect.flatMap(SariService, (s) => s.createRequest(minsa.operador, { collaboratorId: "E20106", system: "casilla", changes: [{ op: "add", role: "notificador" }], send: true })).pipe(
        Effect.provide(Layer.effectDiscard(TestClock.setTime(at)).pipe(Layer.provideMerge(TestClock.layer())))
      )
    )
    expect([r.createdAt, r.sentAt, r.number]).toEqual(["2027-01-01T03:30:00.000Z", "2027-01-01T03:30:00.000Z", "SARI-2026-000001"])
  })
})

describe("SARI events, mail and messages", () => {
  it("the relay mails the approvers on Sent, requester and colleague on Approved, the requester with the reason on Rejected", async () => {
    const mailer = new CaptureMailer()
    const r = await world.sari((s) => s.createRequest(minsa.operador, { collaboratorId: "E20104", system: "casilla", changes: [{ op: "add", role: "notificador" }], send: true }))
    await world.sari((s) => s.approveRequest(minsa.supervisor, r.id))
    const g = await world.sari((s) => s.createRequest(gti.operador, { collaboratorId: "U10104", system: "casilla", changes: [{ op: "remove", role: "operador-casilla" }], send: true }))
    await world.sari((s) => s.rejectRequest(gti.gerente, g.id, { reason: "No corresponde <b>ahora</b>." }))
    const report = await world.run(relayEvents([sariMailConsumer]).pipe(Effect.provide(mailer.layer)))
    expect(report.failed).toEqual([])
    expect(mailer.sent.map((m) => [m.subject, [...m.to].sort()])).toEqual([
      [`[SARI] Solicitud ${r.number} pendiente de aprobación`, ["e20102@demo.contraloria.gob.pe", "e20103@demo.contraloria.gob.pe"]],
      [`[SARI] Solicitud ${r.number} aprobada`, ["e20101@demo.contraloria.gob.pe", "e20104@demo.contraloria.gob.pe"]],
      [`[SARI] Solicitud ${g.number} pendiente de aprobación`, ["u10102@demo.contraloria.gob.pe"]],
      [`[SARI] Solicitud ${g.number} rechazada`, ["u10101@demo.contraloria.gob.pe"]]
    ])
    expect(mailer.sent[1].text).toContain("Agregar: Notificador")
    expect(mailer.sent[3].text).toContain("Motivo: No corresponde <b>ahora</b>.")
    expect(mailer.sent[3].html).toContain("No corresponde &lt;b&gt;ahora&lt;/b&gt;.")
    // A failing mailer leaves the events pending for the next run.
    const again = await world.sari((s) => s.createRequest(minsa.operador, { collaboratorId: "E20106", system: "casilla", changes: [{ op: "add", role: "notificador" }], send: true }))
    mailer.down = true
    expect((await world.run(relayEvents([sariMailConsumer]).pipe(Effect.provide(mailer.layer)))).failed.length).toBe(1)
    mailer.down = false
    expect((await world.run(relayEvents([sariMailConsumer]).pipe(Effect.provide(mailer.layer)))).delivered.length).toBe(1)
    expect(mailer.sent.at(-1)?.subject).toContain(again.number)
    // Every mail carries its event's id: a redelivery can be recognised and not sent twice.
    expect(mailer.sent.map((m) => m.id)).toEqual(world.outbox.entries().filter((e) => e.event.tag !== "@ecasilla/core/sari/SariRequestWithdrawn").map((e) => e.event.id))
  })

  it("every error code renders in Spanish and English", () => {
    const reasons = SariError.fields.reason.literals
    for (const reason of reasons) {
      const e = new SariError({ reason, role: "notificador", cargo: "auditor", system: "casilla", state: "Enviada", openNumber: "SARI-2026-000001" })
      const es = sariErrorMessage(e)
      const en = sariErrorMessage(e, "en")
      expect(es).toMatch(/\S/)
      expect(en).toMatch(/\S/)
      expect(es).not.toBe(en)
    }
    expect(sariErrorMessage(new SariError({ reason: "already-held", role: "notificador" }))).toBe("El colaborador ya tiene el rol «Notificador».")
    expect(sariErrorMessage(new SariError({ reason: "already-held", role: "notificador" }), "en")).toBe("The colleague already holds the role \"Notifier\".")
  })
})

describe("SARI catalogue in the i18n registry", () => {
  it("errorMessage renders SARI errors, also as plain JSON from HTTP, and a deployment can reword one", async () => {
    const { errorMessage, registerMessages } = await import("@ecasilla/core/i18n")
    const e = new SariError({ reason: "not-held", role: "emisor" })
    expect(errorMessage(e, "en")).toBe("The colleague does not hold the role \"Issuer\", so it cannot be removed.")
    expect(errorMessage(JSON.parse(JSON.stringify({ _tag: e._tag, reason: e.reason, role: e.role })))).toBe("El colaborador no tiene el rol «Emisor»: no se puede quitar.")
    expect(errorMessage({ _tag: "@ecasilla/core/sari/SariStoreError", reason: "assignment-conflict" }, "en")).toBe("The colleague's roles changed meanwhile; nothing was applied. Review the request.")
    registerMessages("sari", "es-PE", { "SariError.not-held": "No tiene ese rol." })
    expect(sariErrorMessage(e)).toBe("No tiene ese rol.")
    registerMessages("sari", "es-PE", { "SariError.not-held": (p) => sariMessagesEs["not-held"](p as never, "es-PE") })
  })
})
