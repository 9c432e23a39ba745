// SARI over the Dexie adapters (fake-indexeddb): the demo seed, an approval through the
// service, roles read back through the RoleDirectory, and the events in the outbox table.
import { layerDexieSari, openEcasillaDb, sariDemoConfig, sariDemoUser, seedSariDemo } from "@ecasilla/adapters/dexie"
import { EventOutbox } from "@ecasilla/core/ports"
import { authorize, RoleDirectory } from "@ecasilla/core/roles"
import { SariService } from "@ecasilla/core/sari"
import { Effect, ManagedRuntime, Option } from "effect"
import { IDBFactory, IDBKeyRange } from "fake-indexeddb"
import { describe, expect, it } from "vitest"

describe("SARI on Dexie", () => {
  it("seeds once, approves atomically, and the RoleDirectory sees the change at once", async () => {
    const db = openEcasillaDb("sari-dexie-service", { indexedDB: new IDBFactory(), IDBKeyRange })
    expect(await seedSariDemo(db)).toBe(true)
    expect(await seedSariDemo(db)).toBe(false)
    const runtime = ManagedRuntime.make(layerDexieSari({ config: sariDemoConfig, db }))
    try {
      const operador = sariDemoUser("E20101")!
      const jefe = sariDemoUser("E20102")!
      const found = await runtime.runPromise(Effect.flatMap(SariService, (s) => s.findCollaborators(operador, "44567890")))
      expect(found.map((v) => [v.collaborator.name, v.roles.casilla])).toEqual([["Ana Mendoza Ríos", ["notificador"]]])
      const r = await runtime.runPromise(Effect.flatMap(SariService, (s) =>
        s.createRequest(operador, { collaboratorId: "E20105", system: "casilla", changes: [{ op: "remove", role: "notificador" }, { op: "add", role: "auxiliar-casilla" }], send: true })))
      expect(r.number).toMatch(/^SARI-\d{4}-000001$/)
      await runtime.runPromise(Effect.flatMap(SariService, (s) => s.approveRequest(jefe, r.id)))
      const ana = Option.getOrThrow(await runtime.runPromise(Effect.flatMap(RoleDirectory, (d) => d.actorOf("E20105"))))
      expect(ana.roles).toEqual(["auxiliar-casilla"])
      expect(authorize(ana, "casilla.deposit-notification", {}).allowed).toBe(false)
      const pending = await runtime.runPromise(Effect.flatMap(EventOutbox, (o) => o.pending(10)))
      expect(pending.map((e) => e.tag)).toEqual(["@ecasilla/core/sari/SariRequestSent", "@ecasilla/core/sari/SariRequestApproved"])
      expect((await runtime.runPromise(Effect.flatMap(SariService, (s) => s.auditTrail(operador, r.id)))).map((e) => e.action))
        .toEqual(["created", "sent", "approved", "role-granted", "role-revoked"])
    } finally {
      await runtime.dispose()
      db.close()
      await db.delete()
    }
  })
  it("two approvers racing on one request: exactly one wins, the roles change once; a withdrawal racing an approval leaves one outcome", async () => {
    const db = openEcasillaDb("sari-dexie-race", { indexedDB: new IDBFactory(), IDBKeyRange })
    await seedSariDemo(db)
    const runtime = ManagedRuntime.make(layerDexieSari({ config: sariDemoConfig, db }))
    const run = <A, E>(f: (s: SariService["Service"]) => Effect.Effect<A, E>) => runtime.runPromiseExit(Effect.flatMap(SariService, f))
    try {
      const operador = sariDemoUser("E20101")!
      const jefe = sariDemoUser("E20102")!
      const supervisor = sariDemoUser("E20103")!
      const r = await runtime.runPromise(Effect.flatMap(SariService, (s) => s.createRequest(operador, { collaboratorId: "E20106", system: "casilla", changes: [{ op: "add", role: "notificador" }], send: true })))
      const [a, b] = await Promise.all([run((s) => s.approveRequest(jefe, r.id)), run((s) => s.approveRequest(supervisor, r.id))])
      expect([a._tag, b._tag].sort()).toEqual(["Failure", "Success"])
      expect((await runtime.runPromise(Effect.flatMap(RoleDirectory, (d) => d.assignmentsOf("E20106")))).map((x) => x.role)).toEqual(["notificador"])
      expect((await runtime.runPromise(Effect.flatMap(SariService, (s) => s.auditTrail(operador, r.id)))).filter((e) => e.action === "approved").length).toBe(1)
      const r2 = await runtime.runPromise(Effect.flatMap(SariService, (s) => s.createRequest(operador, { collaboratorId: "E20104", system: "casilla", changes: [{ op: "add", role: "notificador" }], send: true })))
      const [w, p] = await Promise.all([run((s) => s.withdrawRequest(operador, r2.id)), run((s) => s.approveRequest(jefe, r2.id))])
      expect([w._tag, p._tag].sort()).toEqual(["Failure", "Success"])
      const final = await runtime.runPromise(Effect.flatMap(SariService, (s) => s.getRequest(operador, r2.id)))
      const pedro = (await runtime.runPromise(Effect.flatMap(RoleDirectory, (d) => d.assignmentsOf("E20104")))).map((x) => x.role)
      expect(final.state === "Aprobada" ? pedro.includes("notificador") : !pedro.includes("notificador")).toBe(true)
    } finally {
      await runtime.dispose()
      db.close()
      await db.delete()
    }
  })
})
