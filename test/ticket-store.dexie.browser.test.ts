// The TicketStore contract on Dexie over the real IndexedDB of Chromium, plus the demo seed
// with the browser's own DOMPurify.
import { cauDemoUsers, layerDexieCau, makeDexieEventOutbox, makeDexieTicketStore, openEcasillaDb, seedCauDemo } from "@ecasilla/adapters/dexie"
import { TicketService } from "@ecasilla/core/cau"
import { expect as chaiExpect } from "@open-wc/testing"
import { Effect, ManagedRuntime } from "effect"
import { ticketStoreContract } from "./contracts/ticket-store.contract.js"

const expect = (actual: unknown) => ({
  toEqual: (expected: unknown) => chaiExpect(actual).to.deep.equal(expected),
  toBe: (expected: unknown) => chaiExpect(actual).to.equal(expected)
})

let n = 0
ticketStoreContract("dexie (Chromium IndexedDB)", async () => {
  const db = openEcasillaDb(`contract-browser-${Date.now()}-${++n}`)
  return { store: makeDexieTicketStore(db), outbox: makeDexieEventOutbox(db), dispose: async () => { db.close(); await db.delete() } }
}, { describe, it, expect })

describe("Dexie CAU demo in the browser", () => {
  it("seeds the demo once and sanitizes with the page's DOMPurify", async () => {
    const db = openEcasillaDb(`demo-browser-${Date.now()}`)
    chaiExpect(await seedCauDemo(db)).to.equal(true)
    chaiExpect(await seedCauDemo(db)).to.equal(false)
    const runtime = ManagedRuntime.make(layerDexieCau({ db }))
    const tickets = await runtime.runPromise(Effect.flatMap(TicketService, (s) => s.listTickets(cauDemoUsers[4])))
    chaiExpect(tickets.map((t) => t.state)).to.deep.equal(["Registrada", "Asignada-Pendiente", "Resuelta", "Cerrada"])
    const rosa = { id: "E40125", name: "Rosa Quispe Mamani", roles: [] } as never
    const t = await runtime.runPromise(Effect.flatMap(TicketService, (s) => s.createTicket(rosa, {
      titulo: "Prueba <img src=x onerror=alert(1)>",
      descripcion: "<p onclick=\"alert(1)\">Hola <b>mundo</b></p><script>window.__xss = 1</script><a href=\"javascript:alert(1)\">x</a>",
      tipo: "Petición",
      categoria: "aplicativos.casilla.presentacion-ddjj",
      telefono: "984123456"
    })))
    chaiExpect(t.descripcion).to.equal("<p>Hola <b>mundo</b></p><a>x</a>")
    await runtime.dispose()
    await db.delete()
  })
})
