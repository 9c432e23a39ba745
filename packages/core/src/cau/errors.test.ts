import fc from "fast-check"
import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { AttachmentError, TicketError, TicketStoreError, TicketValidationError } from "./errors.js"
import { ticketMessage } from "./messages.js"
import { checkPhone } from "./phone.js"

describe("errors cross HTTP unchanged", () => {
  it.each([
    new TicketError({ reason: "not-your-ticket", action: "correcta", ticketId: "tkt_1", state: "Resuelta" }),
    new TicketValidationError({ reason: "invalid", issues: [{ field: "titulo", code: "too-long", params: { max: 150 } }] }),
    new AttachmentError({ reason: "signature-mismatch", name: "informe.pdf" }),
    new TicketStoreError({ reason: "conflict", ticketId: "tkt_1" })
  ])("%s", (error) => {
    const schema = error.constructor as unknown as Schema.Codec<unknown, unknown>
    const wire = JSON.parse(JSON.stringify(Schema.encodeSync(schema)(error)))
    const back = Schema.decodeUnknownSync(schema)(wire) as typeof error
    expect(back).toBeInstanceOf(error.constructor)
    expect(back._tag).toBe(error._tag)
    expect(back.reason).toBe(error.reason)
    expect(back.message).toBe(error.message)
  })

  it("messages are Spanish, with English on request", () => {
    expect(new TicketError({ reason: "wrong-state", state: "Asignada-Pendiente" }).message).toBe("Esta acción no está permitida con el ticket en estado Asignada-Pendiente.")
    expect(ticketMessage("comment-required", undefined, "en")).toMatch(/comment/)
    expect(new AttachmentError({ reason: "too-large", name: "a.pdf", maxBytes: 2 * 1048576 }).message).toContain("2 MB")
  })
})

describe("phone properties", () => {
  it("every 9XXXXXXXX, however spaced or prefixed, is a mobile that round-trips", () => {
    fc.assert(fc.property(fc.stringMatching(/^9\d{8}$/), fc.constantFrom("", "+51 ", "+51", "0051 "), fc.boolean(), (d, prefix, spaced) => {
      const typed = prefix + (spaced ? `${d.slice(0, 3)} ${d.slice(3, 6)}-${d.slice(6)}` : d)
      const r = checkPhone(typed)
      expect(r.ok && r.value.e164).toBe(`+51${d}`)
      const again = r.ok ? checkPhone(r.value.display) : undefined
      expect(again?.ok && again.value.e164).toBe(`+51${d}`)
    }))
  })

  it("never throws on arbitrary text", () => {
    fc.assert(fc.property(fc.string(), (s) => {
      expect(typeof checkPhone(s).ok).toBe("boolean")
    }))
  })
})
