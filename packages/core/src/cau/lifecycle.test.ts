import { systemPrincipal } from "../roles/principal.js"
import { describe, expect, it } from "vitest"
import { availableTicketActions, checkTicketAction, ticketActions, ticketLifecycle } from "./lifecycle.js"
import type { TicketState } from "./model.js"

const party = (id: string) => ({ id, name: id })
const ticket = (state: TicketState, accepted?: boolean) => ({
  state,
  requester: party("E1"),
  onBehalfOf: party("E2"),
  analyst: state === "Registrada" ? undefined : party("U9"),
  resolution: accepted === undefined ? undefined : { answer: "x", at: "2026-01-01T00:00:00.000Z", by: party("U9"), accepted }
})
const filer = { id: "E1", roles: [] }
const beneficiary = { id: "E2", roles: [] }
const analyst = { id: "U9", roles: ["cau-analista" as const] }
const otherAnalyst = { id: "U8", roles: ["cau-analista" as const] }
const lead = { id: "U1", roles: ["cau-lider-grupo" as const] }
const stranger = { id: "E3", roles: [] }

describe("the lifecycle as data", () => {
  it("every transition names who may fire it", () => {
    for (const a of ticketActions) expect(ticketLifecycle[a].by.length).toBeGreaterThan(0)
  })

  it.each([
    ["Registrada", undefined, filer, ["edit"]],
    ["Registrada", undefined, beneficiary, ["edit"]],
    ["Registrada", undefined, lead, ["assign"]],
    ["Registrada", undefined, analyst, []],
    ["Asignada-Pendiente", undefined, filer, ["note"]],
    ["Asignada-Pendiente", undefined, analyst, ["resolve"]],
    ["Asignada-Pendiente", undefined, otherAnalyst, []],
    ["Asignada-Pendiente", undefined, lead, ["reassign"]],
    ["Resuelta", false, beneficiary, ["incorrecta", "correcta"]],
    ["Resuelta", true, beneficiary, ["survey"]],
    ["Resuelta", false, analyst, []],
    ["Resuelta", false, stranger, []],
    ["Cerrada", true, filer, []]
  ] as const)("%s (accepted %s): %j may %j", (state, accepted, actor, actions) => {
    expect(availableTicketActions(ticket(state, accepted), actor)).toEqual(actions)
  })

  it("says why an action is refused", () => {
    expect(checkTicketAction(ticket("Asignada-Pendiente"), filer, "edit")).toEqual({ ok: false, reason: "wrong-state" })
    expect(checkTicketAction(ticket("Resuelta", false), stranger, "correcta")).toEqual({ ok: false, reason: "not-your-ticket" })
    expect(checkTicketAction(ticket("Resuelta", false), filer, "survey")).toEqual({ ok: false, reason: "verdict-pending" })
    expect(checkTicketAction(ticket("Resuelta", true), filer, "incorrecta")).toEqual({ ok: false, reason: "survey-pending" })
    expect(checkTicketAction(ticket("Registrada"), filer, "assign")).toEqual({ ok: false, reason: "not-allowed" })
    expect(checkTicketAction(ticket("Resuelta", false), filer, "incorrecta")).toEqual({ ok: true, to: "Asignada-Pendiente" })
    expect(checkTicketAction(ticket("Resuelta", true), filer, "survey")).toEqual({ ok: true, to: "Cerrada" })
  })

  it("people never get auto-close, whatever their id; only the systemPrincipal does", () => {
    expect(availableTicketActions(ticket("Resuelta", false), { id: "system", roles: [] })).toEqual([])
    expect(checkTicketAction(ticket("Resuelta", false), { id: "system", roles: [] }, "auto-close")).toEqual({ ok: false, reason: "not-allowed" })
    expect(availableTicketActions(ticket("Resuelta", false), systemPrincipal)).toEqual(["auto-close"])
    expect(availableTicketActions(ticket("Resuelta", true), systemPrincipal)).toEqual([])
  })
})
