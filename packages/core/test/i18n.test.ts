// Errors carry codes; the catalogues render them. An English page must read English for
// every rejection a server can send, after the error crossed HTTP as JSON.
import {
  AttachmentError,
  AttachmentReasonSchema,
  PhoneReasonSchema,
  TextReasonSchema,
  TicketError,
  TicketReasonSchema,
  TicketStoreError,
  TicketValidationError,
  ticketErrorMessage
} from "@ecasilla/core/cau"
import { FirmaError, FirmaErrorReasonSchema } from "@ecasilla/core/firma"
import { errorMessage, messageCodes, registerMessages } from "@ecasilla/core/i18n"
import { EventOutboxError, MailerError } from "@ecasilla/core/ports"
import { IdentityError, IdentityKindSchema, IdentityReasonSchema } from "@ecasilla/core/identity"
import { Schema } from "effect"
import { describe, expect, it } from "vitest"

const SPANISH = /[áéíóúñ¿¡«»]|\b(el|la|los|las|del|que|para|una|por|debe|archivo|ingrese|seleccione)\b/i

const overHttp = <E extends object>(error: E): { readonly decoded: unknown; readonly json: unknown } => {
  const schema = error.constructor as unknown as Schema.Codec<unknown, unknown>
  const json = JSON.parse(JSON.stringify(Schema.encodeSync(schema)(error)))
  return { decoded: Schema.decodeUnknownSync(schema)(json), json }
}

const fieldCodes = {
  titulo: TextReasonSchema.literals,
  descripcion: ["empty", "too-long", "bad-characters"],
  tipo: ["unknown-tipo"],
  categoria: ["unknown-category"],
  telefono: PhoneReasonSchema.literals,
  onBehalfOf: ["unknown-user"]
} as const

const everyServerError = (): ReadonlyArray<object> => [
  ...TicketReasonSchema.literals.map((reason) =>
    new TicketError({ reason, action: "note", ticketId: "tkt_1", state: "Resuelta", ...(reason === "text-too-long" ? { field: "message", max: 4000 } : {}) })
  ),
  ...AttachmentReasonSchema.literals.map((reason) => new AttachmentError({ reason, name: "informe.docx", maxBytes: 2 * 1048576, maxCount: 3, maxTotalBytes: 5 * 1048576 })),
  ...(["conflict", "duplicate", "not-found", "unavailable"] as const).map((reason) => new TicketStoreError({ reason, ticketId: "tkt_1" })),
  ...Object.entries(fieldCodes).flatMap(([field, codes]) =>
    codes.map((code) => new TicketValidationError({ reason: "invalid", issues: [{ field: field as "titulo", code: code as "empty", params: { min: 3, max: 150 } }] }))
  ),
  ...IdentityReasonSchema.literals.flatMap((reason) => IdentityKindSchema.literals.map((kind) => new IdentityError({ reason, kind, input: "x" }))),
  ...FirmaErrorReasonSchema.literals.map((reason) => new FirmaError({ reason, detail: "offset 12" })),
  ...(["rejected", "unavailable"] as const).map((reason) => new MailerError({ reason })),
  new EventOutboxError({ reason: "unavailable" })
]

describe("error messages from codes", () => {
  it("every catalogue has English for every Spanish code, and back", () => {
    for (const domain of ["cau", "identity", "firma", "ports"]) {
      const es = [...messageCodes(domain, "es-PE")].sort()
      expect(es.length, domain).toBeGreaterThan(0)
      expect([...messageCodes(domain, "en")].sort(), domain).toEqual(es)
    }
  })

  it("renders every server-side rejection in English after it crossed HTTP, decoded or as plain JSON", () => {
    const errors = everyServerError()
    expect(errors.length).toBeGreaterThan(60)
    for (const error of errors) {
      const { decoded, json } = overHttp(error)
      const en = errorMessage(decoded, "en")
      const label = JSON.stringify(json)
      expect(en, label).toBeTypeOf("string")
      expect(en, label).not.toMatch(SPANISH)
      expect(en, label).not.toMatch(/\{\w+\}/)
      expect(errorMessage(json, "en"), label).toBe(en)
      const es = errorMessage(json, "es-PE")
      expect(es, label).not.toBe(en)
      // The `message` of the error is the es-PE rendering, never a sentence built elsewhere.
      expect((decoded as Error).message, label).toBe(es)
    }
  })

  it("renders the parameters the error carries", () => {
    const refused = new TicketError({ reason: "text-too-long", field: "message", max: 4000 })
    expect(errorMessage(overHttp(refused).json, "en")).toBe("The text takes at most 4000 characters: shorten it or attach it as a file.")
    const att = new AttachmentError({ reason: "too-large", name: "acta.pdf", maxBytes: 3 * 1048576 })
    expect(errorMessage(overHttp(att).json, "en")).toBe("The file \"acta.pdf\" is larger than 3 MB.")
    expect(errorMessage(overHttp(att).json)).toBe("El archivo «acta.pdf» supera el tamaño máximo de 3 MB.")
    expect(errorMessage(new IdentityError({ reason: "bad-length", kind: "ruc", input: "123" }), "en")).toBe("The RUC must have 11 digits.")
  })

  it("lets a deployment override or add strings", () => {
    const error = { _tag: "@ecasilla/core/cau/TicketError", reason: "not-found", ticketId: "tkt_9" }
    const before = errorMessage(error, "en")
    registerMessages("cau", "en", { "TicketError.not-found": "Ticket {ticketId} is not in the queue." })
    try {
      expect(errorMessage(error, "en")).toBe("Ticket tkt_9 is not in the queue.")
      expect(ticketErrorMessage(error, "en")).toBe("Ticket tkt_9 is not in the queue.")
      expect(errorMessage(error, "es-PE")).toBe("El ticket no existe.")
    } finally {
      registerMessages("cau", "en", { "TicketError.not-found": before! })
    }
    registerMessages("sari", "es-PE", { "SariError.not-found": "La solicitud no existe." })
    expect(errorMessage({ _tag: "@ecasilla/core/sari/SariError", reason: "not-found" }, "en")).toBe("La solicitud no existe.")
  })

  it("gives nothing for defects and foreign errors", () => {
    expect(errorMessage(new Error("boom at x.ts:1"), "en")).toBeUndefined()
    expect(errorMessage({ _tag: "SomethingElse", reason: "x" })).toBeUndefined()
    expect(errorMessage({ _tag: "@ecasilla/core/cau/Unknown", reason: "x" })).toBeUndefined()
    expect(errorMessage(null)).toBeUndefined()
  })
})
