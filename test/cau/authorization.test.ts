// Done-when items of authorization: reads are checked inside the TicketService (another's
// ticket is "not found", a tagged error), and auto-close runs only as the systemPrincipal.
import { Actor } from "@ecasilla/core"
import { canViewTicket, type TicketService } from "@ecasilla/core/cau"
import { systemPrincipal } from "@ecasilla/core/roles"
import { Cause, type Effect, Exit } from "effect"
import { describe, expect, it } from "vitest"
import { analyst, lead, makeCau, other, pdfBytes, requester, validDraft } from "./fixtures.js"

const NOT_FOUND = { _tag: "@ecasilla/core/cau/TicketError", reason: "not-found" }

const failureOf = async (cau: ReturnType<typeof makeCau>, f: (s: TicketService["Service"]) => Effect.Effect<unknown, unknown>) => {
  const exit = await cau.exit(f)
  return Exit.isFailure(exit) ? (Cause.squash(exit.cause) as { _tag?: string; reason?: string }) : "succeeded"
}

// A user who calls themself "system" is an ordinary user, even with staff-looking data.
const fakeSystem = new Actor({ id: "system", name: "Sistema", roles: [] })

describe("reads are authorized inside the TicketService", () => {
  it("another's ticket is not found through every read, with the same tagged error as a missing one", async () => {
    const cau = makeCau()
    const t = await cau.run((s) => s.createTicket(requester, { ...validDraft, attachments: [{ name: "a.pdf", bytes: pdfBytes }] }))
    const att = t.attachments[0].id
    for (const stranger of [other, fakeSystem]) {
      expect(canViewTicket(t, stranger)).toBe(false)
      expect(await failureOf(cau, (s) => s.getTicket(stranger, t.id))).toMatchObject(NOT_FOUND)
      expect(await failureOf(cau, (s) => s.getTicketByNumber(stranger, t.number))).toMatchObject(NOT_FOUND)
      expect(await failureOf(cau, (s) => s.getAttachment(stranger, t.id, att))).toMatchObject(NOT_FOUND)
      // Asking for someone else's tickets by requester id gives one's own (none here).
      expect(await cau.run((s) => s.listTickets(stranger, { requesterId: requester.id }))).toEqual([])
      expect(await cau.run((s) => s.listTickets(stranger))).toEqual([])
    }
    // Same answer as for a ticket that does not exist: nothing leaks.
    expect(await failureOf(cau, (s) => s.getTicket(other, "tkt_nope"))).toMatchObject(NOT_FOUND)
    // The people the rule lets in.
    for (const allowed of [requester, analyst, lead]) {
      expect((await cau.run((s) => s.getTicket(allowed, t.id))).id).toBe(t.id)
      expect((await cau.run((s) => s.getAttachment(allowed, t.id, att))).bytes).toEqual(pdfBytes)
      expect((await cau.run((s) => s.listTickets(allowed))).map((x) => x.id)).toEqual([t.id])
    }
  })

  it("a user whose id is \"system\" gets nothing special, for reads or for auto-close", async () => {
    const cau = makeCau({ autoCloseAfterBusinessDays: 1 })
    let t = await cau.run((s) => s.createTicket(requester, validDraft))
    t = await cau.run((s) => s.assignTicket(lead, t.id, { analystId: analyst.id }))
    t = await cau.run((s) => s.resolveTicket(analyst, t.id, { answer: "Listo." }))
    await cau.clock.set("2026-03-10T15:00:00.000Z")
    for (const person of [fakeSystem, lead, requester, new Actor({ id: "system", name: "x", roles: ["cau-lider-grupo", "cau-analista"] })]) {
      expect(await failureOf(cau, (s) => s.autoCloseResolved(person))).toMatchObject({ _tag: "@ecasilla/core/cau/TicketError", reason: "not-allowed" })
    }
    expect((await cau.run((s) => s.getTicket(requester, t.id))).state).toBe("Resuelta")
    const closed = await cau.run((s) => s.autoCloseResolved(systemPrincipal))
    expect(closed.map((c) => [c.id, c.state, c.closure?.automatic, c.history.at(-1)?.by.name])).toEqual([[t.id, "Cerrada", true, "Sistema CAU"]])
  })

  it("the systemPrincipal reads everything but files nothing", async () => {
    const cau = makeCau()
    const t = await cau.run((s) => s.createTicket(requester, validDraft))
    expect((await cau.run((s) => s.getTicket(systemPrincipal, t.id))).id).toBe(t.id)
    expect(await failureOf(cau, (s) => s.createTicket(systemPrincipal, validDraft))).toMatchObject({ reason: "not-allowed" })
    expect(await failureOf(cau, (s) => s.editTicket(systemPrincipal, t.id, { titulo: "Cambio del sistema" }))).toMatchObject({ reason: "not-your-ticket" })
    expect(await cau.run((s) => s.listTickets(systemPrincipal))).toHaveLength(1)
  })
})
