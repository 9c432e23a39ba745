import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { extendCatalog, defaultCauCatalog } from "./catalog.js"
import { TicketDraftSchema, makeTicketDraftSchema, validateTicketDraft, validateTicketField } from "./draft.js"
import { cauFieldMessage } from "./messages.js"
import { ticketMailFor } from "./mail.js"
import { decodeTicketSync, type Ticket } from "./ticket.js"

const input = {
  titulo: "  Error   al firmar  ",
  descripcion: "<p>El cliente Firma Perú no abre.</p>",
  tipo: "Incidencia",
  categoria: "aplicativos.casilla.error-firma-peru",
  telefono: "(01) 207-3360 anexo 600"
}

describe("the ticket form", () => {
  it("normalises a valid form", () => {
    const r = validateTicketDraft(input)
    expect(r.ok && r.value).toMatchObject({
      titulo: "Error al firmar",
      tipo: "Incidencia",
      telefono: "(01) 207-3360 anexo 600",
      categoria: { path: ["APLICATIVOS", "CASILLA ELECTRÓNICA", "Error en Firma Perú"] }
    })
  })

  it("gives one issue (code and params) per invalid field, in form order, rendered by the catalogue", () => {
    const r = validateTicketDraft({ titulo: "ab", descripcion: "<p> </p><script>x</script>", tipo: "Queja", categoria: "aplicativos", telefono: "" })
    const issues = r.ok ? [] : r.problems
    expect(issues).toEqual([
      { field: "titulo", code: "too-short", params: { min: 3 } },
      { field: "descripcion", code: "empty" },
      { field: "tipo", code: "unknown-tipo" },
      { field: "categoria", code: "unknown-category" },
      { field: "telefono", code: "empty" }
    ])
    expect(issues.map((i) => cauFieldMessage(i))).toEqual([
      "El título debe tener al menos 3 caracteres.",
      "Ingrese la descripción.",
      "Seleccione el tipo: Incidencia o Petición.",
      "Seleccione una categoría del catálogo.",
      "Ingrese un teléfono o celular de contacto."
    ])
    expect(issues.map((i) => cauFieldMessage(i, "en"))).toEqual([
      "The title needs at least 3 characters.",
      "Enter the description.",
      "Choose the type: Incidence or Request.",
      "Choose a category from the catalog.",
      "Enter a contact phone or mobile number."
    ])
    expect(validateTicketField("telefono", "123", { locale: "en" })).toMatch(/area code/)
    expect(validateTicketField("titulo", "x".repeat(151))).toMatch(/150/)
    expect(validateTicketField("titulo", "línea\nnueva")).toBeUndefined() // pasted line breaks collapse to spaces
  })

  it("checks the categoría against the configured catalog", () => {
    const catalog = extendCatalog(defaultCauCatalog, [{ id: "otros", label: "OTROS", children: [{ id: "otros.varios", label: "Varios" }] }])
    expect(validateTicketField("categoria", "otros.varios")).toBeDefined()
    expect(validateTicketField("categoria", "otros.varios", { catalog })).toBeUndefined()
    expect(Schema.decodeUnknownExit(makeTicketDraftSchema(catalog))({ ...input, categoria: "otros.varios" })._tag).toBe("Success")
  })

  it("has a Schema with the same rules", () => {
    expect(Schema.decodeUnknownExit(TicketDraftSchema)(input)._tag).toBe("Success")
    expect(() => Schema.decodeUnknownSync(TicketDraftSchema)({ ...input, telefono: "12" })).toThrow(/código de área|dígitos/)
  })
})

const party = { id: "E12345", name: "Rosa <b>Quispe</b>", email: "rq@example.pe" }
export const sampleTicket: Ticket = decodeTicketSync({
  id: "tkt_1",
  number: "CAU-2026-000001",
  titulo: "<img src=x onerror=alert(1)> no abre",
  descripcion: "<p>Texto</p>",
  tipo: "Petición",
  categoria: { id: "aplicativos.casilla.cambio-titular", path: ["APLICATIVOS", "CASILLA ELECTRÓNICA", "Cambio de titular"] },
  telefono: "987 654 321",
  requester: party,
  state: "Registrada",
  attachments: [],
  notes: [],
  createdAt: "2026-03-02T14:00:00.000Z",
  updatedAt: "2026-03-02T14:00:00.000Z",
  version: 1,
  history: [{ _tag: "TicketCreated", ticketId: "tkt_1", at: "2026-03-02T14:00:00.000Z", by: party, number: "CAU-2026-000001" }]
})

describe("the stored Ticket", () => {
  it("decodes valid JSON and refuses a bad one", () => {
    expect(sampleTicket.state).toBe("Registrada")
    const json = JSON.parse(JSON.stringify(sampleTicket))
    expect(decodeTicketSync(json)).toEqual(sampleTicket)
    expect(() => decodeTicketSync({ ...json, state: "Abierta" })).toThrow()
    expect(() => decodeTicketSync({ ...json, telefono: "123" })).toThrow()
    expect(() => decodeTicketSync({ ...json, number: "42" })).toThrow()
    expect(() => decodeTicketSync({ ...json, createdAt: "ayer" })).toThrow()
  })

  it("escapes every plain-text value in the e-mail HTML", () => {
    const mail = ticketMailFor(sampleTicket.history[0], sampleTicket, "javascript:alert(1)")!
    expect(mail.to).toEqual(["rq@example.pe"])
    expect(mail.html).not.toContain("<img")
    expect(mail.html).not.toContain("<b>Quispe")
    expect(mail.html).toContain("&lt;img src=x onerror=alert(1)&gt;")
    expect(mail.html).not.toContain("javascript:")
    expect(mail.text).toContain("Cambio de titular")
  })
})

describe("hasVisibleText", () => {
  it.each([
    ["", false],
    ["<p></p>", false],
    ["<p>&nbsp;</p><br>", false],
    ["<p> &#160; </p>", false],
    ["<script>alert(1)</script>", false],
    ["<style>p{}</style><p> </p>", false],
    ["<p>&amp;</p>", true],
    ["<p> x</p>", true],
    ["texto", true],
    ["<ul><li>uno</li></ul>", true]
  ])("%j → %s", async (html, visible) => {
    const { hasVisibleText } = await import("./text.js")
    expect(hasVisibleText(html)).toBe(visible)
  })
})
