import { describe, expect, it } from "vitest"
import { canViewTicket, ticketQueryFor } from "./visibility.js"

const ticket = { requester: { id: "E40125", name: "Rosa" }, onBehalfOf: { id: "U18342", name: "Jorge" }, analyst: { id: "U10210", name: "Carla" } }

describe("ticket visibility", () => {
  it("lets the requester, the beneficiary and the help-desk staff see a ticket, nobody else", () => {
    expect(canViewTicket(ticket, { id: "E40125", roles: [] })).toBe(true)
    expect(canViewTicket(ticket, { id: "U18342", roles: [] })).toBe(true)
    expect(canViewTicket(ticket, { id: "U10210", roles: ["cau-analista"] })).toBe(true)
    expect(canViewTicket(ticket, { id: "U10288", roles: ["cau-analista"] })).toBe(true)
    expect(canViewTicket(ticket, { id: "U10007", roles: ["cau-lider-grupo"] })).toBe(true)
    expect(canViewTicket(ticket, { id: "E99999", roles: ["notificador"] })).toBe(false)
    // Holding the id of the analyst without the role gives nothing.
    expect(canViewTicket({ ...ticket, onBehalfOf: undefined }, { id: "U10210", roles: [] })).toBe(false)
  })

  it("narrows other people's list queries to their own tickets", () => {
    expect(ticketQueryFor({ id: "E40125", roles: ["notificador"] }, { requesterId: "U18342", limit: 5 })).toEqual({ requesterId: "E40125", limit: 5 })
    expect(ticketQueryFor({ id: "U10007", roles: ["cau-lider-grupo"] }, { analystId: "U10210" })).toEqual({ analystId: "U10210" })
  })
})
