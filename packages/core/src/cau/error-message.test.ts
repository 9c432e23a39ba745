import { describe, expect, it } from "vitest"
import { AttachmentError, TicketError, TicketStoreError, TicketValidationError } from "./errors.js"
import { ticketErrorMessage } from "./error-message.js"

describe("ticketErrorMessage", () => {
  it("speaks Spanish by default and English on request for every CAU error", () => {
    const e = new TicketError({ reason: "comment-required" })
    expect(ticketErrorMessage(e)).toBe(e.message)
    expect(ticketErrorMessage(e, "en")).toBe("Write a comment explaining why the answer is incorrect.")
    const wrong = new TicketError({ reason: "wrong-state", state: "Cerrada" })
    expect(ticketErrorMessage(wrong)).toContain("Cerrada")
    expect(ticketErrorMessage(wrong, "en")).toBe("This action is not allowed while the ticket is Closed.")
    const att = new AttachmentError({ reason: "too-many", name: "x.pdf", maxCount: 2 })
    expect(ticketErrorMessage(att)).toBe("Puede adjuntar como máximo 2 archivos.")
    expect(ticketErrorMessage(att, "en")).toBe("At most 2 files can be attached.")
    const val = new TicketValidationError({ reason: "invalid", issues: [{ field: "titulo", code: "empty" }, { field: "titulo", code: "too-long", params: { max: 150 } }] })
    expect(ticketErrorMessage(val)).toBe("Ingrese el título. El título admite como máximo 150 caracteres.")
    expect(ticketErrorMessage(val, "en")).toBe("Enter the title. The title takes at most 150 characters.")
    const store = new TicketStoreError({ reason: "conflict" })
    expect(ticketErrorMessage(store)).toBe(store.message)
    expect(ticketErrorMessage(store, "en")).toContain("Reload")
  })

  it("reads errors that crossed HTTP as plain objects", () => {
    expect(ticketErrorMessage({ _tag: "@ecasilla/core/cau/TicketError", reason: "not-your-ticket" })).toContain("Solo quien registró")
  })

  it("gives nothing for defects, so callers never show internals", () => {
    expect(ticketErrorMessage(new Error("boom at x.ts:12"))).toBeUndefined()
    expect(ticketErrorMessage(undefined)).toBeUndefined()
  })
})
