/// <reference types="mocha" />
// The playground on a backend (`ECASILLA_BACKEND=… npm start`), in Chromium: when the page is
// marked as served with a backend and its origin answers the contract's health check, the
// playground's storage is the example backend (the test runner proxies /api/ to one), not the
// browser's IndexedDB. A ticket filed through the
// playground's layer is on the backend, and the "Actuar como" people carry the roles the
// backend holds for them.
import { expect } from "@open-wc/testing"
import * as Effect from "effect/Effect"
import * as ManagedRuntime from "effect/ManagedRuntime"
import { TicketService } from "@ecasilla/core/cau"
import { cauDemoUsers } from "@ecasilla/adapters/memory"
import { backendAvailable, demoActors, openPlaygroundStorage } from "../docs/src/storage.js"

/** What `ECASILLA_BACKEND=… npm start` adds to every page it serves. */
const markServedWithBackend = () => {
  if (!document.querySelector('meta[name="ecasilla-backend"]')) {
    document.head.append(Object.assign(document.createElement("meta"), { name: "ecasilla-backend", content: "/api/" }))
  }
}

describe("the playground on the example backend", () => {
  it("uses the backend when the page is served with one, and files tickets there", async () => {
    // A page served without a backend asks nothing of the network and stays on IndexedDB.
    expect(await backendAvailable()).to.equal(false)
    markServedWithBackend()
    expect(await backendAvailable()).to.equal(true)
    const storage = await openPlaygroundStorage()
    expect(storage.label).to.contain("Servidor de ejemplo")
    const runtime = ManagedRuntime.make(storage.layer as never)
    const rosa = cauDemoUsers[0]
    const titulo = `Desde el playground (${Date.now()})`
    const ticket = await runtime.runPromise(Effect.flatMap(Effect.service(TicketService), (s) =>
      s.createTicket(rosa, { titulo, descripcion: "<p>Probando el playground con el servidor.</p>", tipo: "Incidencia", categoria: "aplicativos.casilla.problemas-notificacion", telefono: "987654321" })) as never) as { number: string }
    expect(ticket.number).to.match(/^CAU-\d{4}-\d{6}$/)
    const res = await fetch(`/api/tickets?requesterId=${rosa.id}&limit=500`, { headers: { "x-ecasilla-user": rosa.id } })
    const onServer = ((await res.json()) as Array<{ titulo: string; number: string }>).filter((t) => t.titulo === titulo)
    expect(onServer.map((t) => t.number)).to.deep.equal([ticket.number])
    await runtime.dispose()
  })

  it("gives the people of «Actuar como» the roles the backend holds for them", async () => {
    markServedWithBackend()
    const actors = await demoActors()
    const notificadora = actors.find((a) => a.id === "E40125")!
    const res = await fetch("/api/users?q=E40125&limit=5", { headers: { "x-ecasilla-user": "E40125" } })
    const onServer = ((await res.json()) as Array<{ id: string; roles: Array<string> }>).find((u) => u.id === "E40125")!
    expect([...notificadora.roles].sort()).to.deep.equal([...onServer.roles].sort())
  })
})
