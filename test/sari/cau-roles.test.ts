// Role changes approved in SARI take effect in the CAU at once: the CAU service, given the
// role-aware Directory (layerDirectoryWithAssignedRoles), assigns tickets only to people
// who hold cau-analista now. No change to the CAU service itself.
import {
  cauDemoUsers,
  layerMemoryCau,
  layerMemoryDirectory,
  layerMemorySari,
  layerMemorySariStore,
  sariDemoAssignments,
  sariDemoCollaborators,
  sariDemoConfig,
  sariDemoUser,
  sariDemoUsers
} from "@ecasilla/adapters/memory"
import { layerNodeHtmlSanitizer } from "@ecasilla/adapters/node"
import { TicketService } from "@ecasilla/core/cau"
import { makeMemoryEventOutbox } from "@ecasilla/core/ports"
import { layerDirectoryWithAssignedRoles, SariService } from "@ecasilla/core/sari"
import { Cause, Effect, Exit, Layer, ManagedRuntime } from "effect"
import { describe, expect, it } from "vitest"

describe("SARI → CAU", () => {
  it("a granted cau-analista can be assigned tickets at once; a revoked one cannot", async () => {
    const outbox = makeMemoryEventOutbox()
    const store = layerMemorySariStore({ assignments: sariDemoAssignments, outbox })
    const directory = layerMemoryDirectory([...cauDemoUsers, ...sariDemoUsers], sariDemoCollaborators)
    const sari = layerMemorySari({ config: sariDemoConfig, store, directory })
    const cau = layerMemoryCau({ sanitizer: layerNodeHtmlSanitizer, directory: layerDirectoryWithAssignedRoles.pipe(Layer.provide(Layer.merge(directory, store))) })
    const runtime = ManagedRuntime.make(Layer.merge(sari, cau))
    const [rosa] = cauDemoUsers
    const lead = cauDemoUsers.find((u) => u.roles.includes("cau-lider-grupo"))!
    const operador = sariDemoUser("U10101")!
    const gerente = sariDemoUser("U10102")!
    const tickets = (f: (s: TicketService["Service"]) => Effect.Effect<unknown, unknown>) => runtime.runPromiseExit(Effect.flatMap(TicketService, f))
    const sariDo = <A, E>(f: (s: SariService["Service"]) => Effect.Effect<A, E>) => runtime.runPromise(Effect.flatMap(SariService, f))
    const reasonOf = (exit: Exit.Exit<unknown, unknown>) => (Exit.isFailure(exit) ? (Cause.squash(exit.cause) as { reason?: string }).reason : "ok")
    try {
      const filed = await runtime.runPromise(Effect.flatMap(TicketService, (s) =>
        s.createTicket(rosa, { titulo: "No puedo ingresar a la casilla", descripcion: "<p>Usuario bloqueado.</p>", tipo: "Incidencia", categoria: "aplicativos.casilla.acceso-ecasilla", telefono: "984123456" })))
      // Luis (U10103) holds cau-analista by assignment only: the CAU sees it.
      expect(reasonOf(await tickets((s) => s.assignTicket(lead, filed.id, { analystId: "U10103" })))).toBe("ok")
      // Sofía (U10104) does not hold it yet.
      expect(reasonOf(await tickets((s) => s.assignTicket(lead, filed.id, { analystId: "U10104" })))).toBe("not-an-analyst")
      const grant = await sariDo((s) => s.createRequest(operador, { collaboratorId: "U10104", system: "cau", changes: [{ op: "add", role: "cau-analista" }], send: true }))
      const revoke = await sariDo((s) => s.createRequest(operador, { collaboratorId: "U10103", system: "cau", changes: [{ op: "remove", role: "cau-analista" }], send: true }))
      await sariDo((s) => s.approveRequests(gerente, [grant.id, revoke.id]))
      expect(reasonOf(await tickets((s) => s.assignTicket(lead, filed.id, { analystId: "U10104" })))).toBe("ok")
      expect(reasonOf(await tickets((s) => s.assignTicket(lead, filed.id, { analystId: "U10103" })))).toBe("not-an-analyst")
    } finally {
      await runtime.dispose()
    }
  })
})
