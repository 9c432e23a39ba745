// The casilla reads roles from SARI's RoleDirectory, not from the Actor it is handed: a SARI
// removal takes the Notificador's deposit away at once, even from a session that still claims it.
import { layerMemoryCasillaStore } from "@ecasilla/adapters/memory"
import { Actor } from "@ecasilla/core"
import { casillaConfigLayer, CasillaService, firmaDocumentVerifier } from "@ecasilla/core/casilla"
import { Ids } from "@ecasilla/core/ports"
import { SariService } from "@ecasilla/core/sari"
import { Cause, Effect, Exit, Layer, ManagedRuntime } from "effect"
import { TestClock } from "effect/testing"
import { afterEach, beforeAll, describe, expect, it } from "vitest"
import { TestPdf } from "../../packages/core/test/firma/pdf.js"
import { makePki, type TestPki } from "../../packages/core/test/firma/pki.js"
import { demoLayer, minsa } from "../sari/fixtures.js"
import { T0 } from "./fixtures.js"

let pki: TestPki
beforeAll(async () => {
  pki = await makePki("rsa")
})

const receptor = new Actor({ id: "10117410", name: "María Receptora Quispe", roles: ["receptor"] })

const world = () => {
  const sari = demoLayer()
  const casilla = CasillaService.layer.pipe(
    Layer.provideMerge(Layer.mergeAll(layerMemoryCasillaStore, casillaConfigLayer({ trustAnchors: [pki.rootPem], verifier: firmaDocumentVerifier }))),
  )
  // One SARI world shared by SariService and the casilla's RoleDirectory.
  const rt = ManagedRuntime.make(Layer.mergeAll(Layer.provideMerge(casilla, sari), TestClock.layer()))
  const run = <A, E>(f: (s: CasillaService["Service"]) => Effect.Effect<A, E>) => rt.runPromise(Effect.flatMap(CasillaService, f))
  const fail = async <A, E>(f: (s: CasillaService["Service"]) => Effect.Effect<A, E>) => {
    const exit = await rt.runPromiseExit(Effect.flatMap(CasillaService, f))
    if (Exit.isSuccess(exit)) throw new Error("expected a failure")
    return Cause.squash(exit.cause) as { _tag: string; reason: string }
  }
  const sariRun = <A, E>(f: (s: SariService["Service"]) => Effect.Effect<A, E>) => rt.runPromise(Effect.flatMap(SariService, f))
  return { rt, run, fail, sariRun }
}

let current: ReturnType<typeof world> | undefined
afterEach(async () => {
  await current?.rt.dispose()
  current = undefined
})

describe("casilla roles from the RoleDirectory", () => {
  it("a Notificador removed through SARI cannot deposit, though the Actor passed still claims the role", async () => {
    const w = (current = world())
    await w.rt.runPromise(TestClock.setTime(T0))
    const auxiliar = minsa.pedro // auxiliar-casilla (SARI assignment)
    // notificador by SARI assignment; the session's Actor claims the role, as a login would remember it.
    const notificadora = new Actor({ id: minsa.ana.id, name: minsa.ana.name, roles: ["notificador"], ...(minsa.ana.unit ? { unit: minsa.ana.unit } : {}) })
    const emisor = minsa.jefe // emisor (SARI assignment)
    const casilla = await w.run((s) => s.createCasilla(auxiliar, { receptorKind: "persona-natural", loginId: receptor.id, name: receptor.name, origin: "asignacion-obligatoria" }))
    await w.run((s) => s.activateCasilla(auxiliar, casilla.id))
    const bytes = (await new TestPdf().sign(pki, { field: "Titular" })).bytes
    let numero = 100
    const input = () => ({ casillaId: casilla.id, emisor: { id: emisor.id, name: emisor.name }, cedula: { numero: `CED-2026-000${numero++}`, asunto: "Requerimiento" }, documents: [{ name: "a.pdf", bytes }] })
    const prepare = (who: Actor) => w.run((s) => s.prepareNotification(who, input()))
    const first = await prepare(notificadora)
    await w.run((s) => s.signNotification(emisor, first.id))
    const second = await prepare(notificadora)
    await w.run((s) => s.signNotification(emisor, second.id))
    expect((await w.run((s) => s.depositNotification(notificadora, first.id))).state).toBe("Depositada")

    const removal = await w.sariRun((s) => s.createRequest(minsa.operador, { collaboratorId: notificadora.id, system: "casilla", changes: [{ op: "remove", role: "notificador" }], send: true }))
    await w.sariRun((s) => s.approveRequest(minsa.supervisor, removal.id))

    // Same Actor object as before (its roles still say "notificador"): refused now. No longer a
    // notificador, she may not even see the notification (not-found, the service's read rule).
    expect(notificadora.roles).toContain("notificador")
    const refused = await w.fail((s) => s.depositNotification(notificadora, second.id))
    expect([refused._tag, refused.reason]).toEqual(["@ecasilla/core/casilla/CasillaError", "not-found"])
    expect((await w.run((s) => s.getNotification(emisor, second.id))).state).toBe("Firmada")
    // Nor may anyone claim a role SARI never granted.
    const claimant = new Actor({ id: minsa.raul.id, name: minsa.raul.name, roles: ["notificador"], ...(minsa.raul.unit ? { unit: minsa.raul.unit } : {}) })
    expect((await w.fail((s) => s.prepareNotification(claimant, input()))).reason).toBe("not-allowed")
  })
})
