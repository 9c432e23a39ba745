// Shared fixtures of the casilla tests: actors of every profile, a runtime over the memory
// store with the test clock, and real signed PDFs from the throwaway PKI.
import { layerMemoryCasillaStore } from "@ecasilla/adapters/memory"
import { Actor } from "@ecasilla/core"
import { casillaConfigLayer, type CasillaConfigShape, CasillaService, CasillaStore, firmaDocumentVerifier } from "@ecasilla/core/casilla"
import { Ids } from "@ecasilla/core/ports"
import { Cause, Effect, Exit, Layer, ManagedRuntime } from "effect"
import { TestClock } from "effect/testing"

export const auxiliar = new Actor({ id: "U30001", name: "Ana Auxiliar Soto", roles: ["auxiliar-casilla"] })
export const operador = new Actor({ id: "U30002", name: "Óscar Operador Lima", roles: ["operador-casilla"] })
export const notificador = new Actor({ id: "U30003", name: "Nora Notificadora Ríos", roles: ["notificador"] })
export const otroNotificador = new Actor({ id: "U30009", name: "Otto Notificador", roles: ["notificador"] })
export const emisor = new Actor({ id: "U30004", name: "Ernesto Emisor Paz", roles: ["emisor"] })
export const receptor = new Actor({ id: "10117410", name: "María Receptora Quispe", roles: ["receptor"] })
export const otroReceptor = new Actor({ id: "44556677", name: "Pedro Otro Huamán", roles: ["receptor"] })

/** 2026-03-02 15:00 Lima (a Monday). */
export const T0 = Date.parse("2026-03-02T20:00:00.000Z")

export const makeCasillaRuntime = (config: Partial<CasillaConfigShape>) => {
  const deps = Layer.mergeAll(layerMemoryCasillaStore, Ids.layerTest, casillaConfigLayer({ verifier: firmaDocumentVerifier, ...config }))
  const layer = Layer.mergeAll(CasillaService.layer.pipe(Layer.provideMerge(deps)), TestClock.layer())
  const rt = ManagedRuntime.make(layer)
  const run = <A, E>(f: (s: CasillaService["Service"]) => Effect.Effect<A, E>) => rt.runPromise(Effect.flatMap(CasillaService, f))
  const fail = async <A, E>(f: (s: CasillaService["Service"]) => Effect.Effect<A, E>): Promise<Record<string, unknown>> => {
    const exit = await rt.runPromiseExit(Effect.flatMap(CasillaService, f))
    if (Exit.isSuccess(exit)) throw new Error("expected a failure")
    return Cause.squash(exit.cause) as Record<string, unknown>
  }
  const store = <A, E>(f: (s: CasillaStore["Service"]) => Effect.Effect<A, E>) => rt.runPromise(Effect.flatMap(CasillaStore, f))
  const setTime = (ms: number) => rt.runPromise(TestClock.setTime(ms))
  return { rt, run, fail, store, setTime }
}
