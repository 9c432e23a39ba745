// Shared helpers of the SARI tests: the demo world over memory adapters, a way to run a
// service call and get its failure, and the demo people by name.
import { layerMemorySari, sariDemoAssignments, sariDemoCollaborators, sariDemoConfig, sariDemoUser, sariDemoUsers } from "@ecasilla/adapters/memory"
import { type MemoryEventOutbox, makeMemoryEventOutbox } from "@ecasilla/core/ports"
import type { Actor } from "@ecasilla/core/roles"
import { SariService } from "@ecasilla/core/sari"
import { Cause, Effect, Exit, type Layer, ManagedRuntime } from "effect"

export const who = (id: string): Actor => {
  const a = sariDemoUser(id)
  if (!a) throw new Error(`no demo user ${id}`)
  return a
}

/** OCI-MINSA: operator Lucía, Jefe Jorge, Supervisor Carmen, auditor Pedro, analista Ana, operador Raúl. */
export const minsa = { operador: who("E20101"), jefe: who("E20102"), supervisor: who("E20103"), pedro: who("E20104"), ana: who("E20105"), raul: who("E20106") }
/** OCI-SUNAT: Jefe Rosa, operator Miguel, auditor Elena. */
export const sunat = { jefe: who("E30101"), operador: who("E30102"), elena: who("E30103") }
/** GTI (UO): operator Carlos, Gerente María, analista Luis, mesa de partes Sofía. */
export const gti = { operador: who("U10101"), gerente: who("U10102"), luis: who("U10103"), sofia: who("U10104") }

export const demoLayer = (
  outbox: MemoryEventOutbox = makeMemoryEventOutbox(),
  store?: Parameters<typeof layerMemorySari>[0]["store"],
  users: ReadonlyArray<Actor> = sariDemoUsers
) =>
  layerMemorySari({
    config: sariDemoConfig,
    users,
    collaborators: sariDemoCollaborators,
    assignments: sariDemoAssignments,
    outbox,
    ...(store ? { store } : {})
  })

export type DemoServices = Layer.Success<ReturnType<typeof demoLayer>>

/** A runtime over a fresh demo world, its outbox, and helpers to run calls. */
export const demoWorld = (store?: Parameters<typeof layerMemorySari>[0]["store"], users?: ReadonlyArray<Actor>) => {
  const outbox = makeMemoryEventOutbox()
  const runtime = ManagedRuntime.make(demoLayer(outbox, store, users))
  const run = <A, E>(e: Effect.Effect<A, E, DemoServices>) => runtime.runPromise(e)
  const sari = <A, E>(f: (s: SariService["Service"]) => Effect.Effect<A, E>) => run(Effect.flatMap(SariService, f))
  const failure = async <A, E>(f: (s: SariService["Service"]) => Effect.Effect<A, E>) => {
    const exit = await runtime.runPromiseExit(Effect.flatMap(SariService, f))
    if (Exit.isSuccess(exit)) return undefined
    const e = Cause.squash(exit.cause) as { _tag?: string; reason?: string; role?: string }
    return { tag: e._tag, reason: e.reason, ...(e.role ? { role: e.role } : {}) }
  }
  return { runtime, outbox, run, sari, failure, dispose: () => runtime.dispose() }
}
