import { errorMessage } from "@ecasilla/core/i18n"
import { availableTicketActions, phaseOf, type Ticket } from "@ecasilla/core/cau"
import { Cause, Exit } from "effect"
import { describe, expect, it } from "vitest"
import { analyst, lead, makeCau, pdfBytes, requester, validDraft } from "./fixtures.js"

describe("the seed flow through TicketService", () => {
  it("create → assign → note → resolve → incorrecta → resolve → correcta → survey → Cerrada, with e-mails", async () => {
    const { run, mailer, clock } = makeCau()
    let t: Ticket = await run((s) => s.createTicket(requester, { ...validDraft, attachments: [{ name: "captura.pdf", bytes: pdfBytes }] }))
    expect(t.number).toBe("CAU-2026-000001")
    expect(t.state).toBe("Registrada")
    expect(t.titulo).toBe("No puedo ingresar a mi casilla")
    expect(t.telefono).toBe("987 654 321")
    expect(t.attachments).toMatchObject([{ name: "captura.pdf", kind: "pdf", size: pdfBytes.length }])
    expect(t.createdAt).toBe("2026-03-02T14:00:00.000Z")
    expect(phaseOf(t.state)).toBe("Registro")
    expect(mailer.sent).toHaveLength(1)
    expect(mailer.sent[0].to).toEqual(["rquispe@oci.example.pe"])
    expect(mailer.sent[0].subject).toContain("CAU-2026-000001")
    expect(mailer.sent[0].text).toContain("Acceso al sistema eCasilla CGR")
    expect(mailer.sent[0].html).toContain("<b>usuario bloqueado</b>")
    expect(availableTicketActions(t, requester)).toEqual(["edit"])
    expect(availableTicketActions(t, lead)).toEqual(["assign"])

    await clock.advance(3600_000)
    t = await run((s) => s.assignTicket(lead, t.id, { analystId: analyst.id, supportGroup: "Soporte Casilla" }))
    expect(t.state).toBe("Asignada-Pendiente")
    expect(t.analyst?.id).toBe(analyst.id)
    expect(t.supportGroup).toBe("Soporte Casilla")
    expect(phaseOf(t.state)).toBe("Investigación")
    expect(availableTicketActions(t, requester)).toEqual(["note"])
    expect(availableTicketActions(t, analyst)).toEqual(["resolve"])

    t = await run((s) => s.addNote(requester, t.id, { message: "Adjunto otra captura.", attachments: [{ name: "error.png", bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]) }] }))
    expect(t.notes).toHaveLength(1)
    expect(t.notes[0].attachmentIds).toHaveLength(1)
    expect(t.attachments.map((a) => a.name)).toEqual(["captura.pdf", "error.png"])
    expect(mailer.sent).toHaveLength(2)
    expect(mailer.sent[1].to).toEqual([analyst.email])
    expect(mailer.sent[1].text).toContain("Adjunto otra captura.")
    expect(mailer.sent[1].text).toContain("error.png")
    const file = await run((s) => s.getAttachment(analyst, t.id, t.notes[0].attachmentIds[0]))
    expect(file.meta.kind).toBe("image")

    t = await run((s) => s.resolveTicket(analyst, t.id, { answer: "<p>Se desbloqueó su usuario.</p><script>alert(1)</script>" }))
    expect(t.state).toBe("Resuelta")
    expect(t.resolution?.answer).toBe("<p>Se desbloqueó su usuario.</p>")
    expect(mailer.sent).toHaveLength(3)
    expect(mailer.sent[2].to).toEqual([requester.email])
    expect(mailer.sent[2].text).toContain("/cau/tickets/CAU-2026-000001")
    expect(mailer.sent[2].html).toContain('href="/cau/tickets/CAU-2026-000001"')
    expect(availableTicketActions(t, requester)).toEqual(["incorrecta", "correcta"])

    t = await run((s) => s.rejectResolution(requester, t.id, { comment: "Sigue bloqueado." }))
    expect(t.state).toBe("Asignada-Pendiente")
    expect(t.analyst?.id).toBe(analyst.id)
    expect(t.resolution).toBeUndefined()
    expect(mailer.sent).toHaveLength(4)
    expect(mailer.sent[3]).toMatchObject({ to: [analyst.email] })
    expect(mailer.sent[3].text).toContain("Sigue bloqueado.")

    t = await run((s) => s.resolveTicket(analyst, t.id, { answer: "Ahora sí: se restableció la clave." }))
    expect(t.state).toBe("Resuelta")
    expect(mailer.sent).toHaveLength(5)

    t = await run((s) => s.acceptResolution(requester, t.id))
    expect(t.state).toBe("Resuelta")
    expect(t.resolution?.accepted).toBe(true)
    expect(availableTicketActions(t, requester)).toEqual(["survey"])

    t = await run((s) => s.submitSurvey(requester, t.id, { level: "muy-satisfecho", comment: "Gracias" }))
    expect(t.state).toBe("Cerrada")
    expect(t.closure).toMatchObject({ comment: "Conforme", automatic: false })
    expect(t.survey).toMatchObject({ level: "muy-satisfecho", comment: "Gracias" })
    expect(availableTicketActions(t, requester)).toEqual([])
    expect(mailer.sent).toHaveLength(6)
    expect(mailer.sent[5].subject).toContain("Se cerró")
    expect(mailer.sent[5].text).toContain("Conforme")
    expect(mailer.sent.map((m) => m.to[0])).toEqual([requester.email, analyst.email, requester.email, analyst.email, requester.email, requester.email])
    expect(t.history.map((e) => e._tag)).toEqual([
      "TicketCreated", "TicketAssigned", "TicketNoteAdded", "TicketResolved", "TicketResolutionRejected",
      "TicketResolved", "TicketResolutionAccepted", "TicketSurveyAnswered", "TicketClosed"
    ])
    expect(t.version).toBe(8)
    const stored = await run((s) => s.getTicketByNumber(requester, "CAU-2026-000001"))
    expect(stored).toEqual(t)
  })

  it("numbers tickets in sequence", async () => {
    const { run } = makeCau()
    const a = await run((s) => s.createTicket(requester, validDraft))
    const b = await run((s) => s.createTicket(requester, validDraft))
    expect([a.number, b.number]).toEqual(["CAU-2026-000001", "CAU-2026-000002"])
    const list = await run((s) => s.listTickets(requester, { requesterId: requester.id }))
    expect(list).toHaveLength(2)
  })

  it("reports a validation error per field, as codes rendered in Spanish or English", async () => {
    const { exit } = makeCau()
    const r = await exit((s) => s.createTicket(requester, { ...validDraft, titulo: "", telefono: "12345", categoria: "aplicativos" }))
    expect(Exit.isFailure(r)).toBe(true)
    const err = Exit.isFailure(r) ? Cause.squash(r.cause) as { _tag: string; issues: Array<{ field: string; code: string }> } : undefined
    expect(err?._tag).toBe("@ecasilla/core/cau/TicketValidationError")
    expect(err?.issues).toEqual([{ field: "titulo", code: "empty" }, { field: "categoria", code: "unknown-category" }, { field: "telefono", code: "bad-area-code" }])
    expect(errorMessage(err, "es-PE")).toMatch(/^Ingrese el título\. Seleccione una categoría/)
    expect(errorMessage(err, "en")).toMatch(/^Enter the title\. Choose a category/)
  })
})

describe("settings reach the e-mail consumer", () => {
  it("uses the configured ticket link and number prefix", async () => {
    const { run, mailer } = makeCau({ ticketUrl: (t) => `https://cau.example.pe/t/${t.number}`, numberPrefix: "MESA" })
    const t = await run((s) => s.createTicket(requester, validDraft))
    expect(t.number).toBe("MESA-2026-000001")
    expect(mailer.sent[0].text).toContain("https://cau.example.pe/t/MESA-2026-000001")
  })
})
