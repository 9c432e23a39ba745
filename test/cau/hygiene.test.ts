// Input hygiene everywhere a person types: título, descripción, support group, notes,
// incorrecta comments, the answer and survey comments take the same rule (checkText):
// hostile strings give a typed error and change nothing.
import { checkText, type Ticket, type TicketService, Titulo } from "@ecasilla/core/cau"
import { errorMessage } from "@ecasilla/core/i18n"
import { Cause, type Effect, Exit, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { analyst, lead, makeCau, requester, validDraft } from "./fixtures.js"

const hostile = {
  rlo: "factura\u202Eexe.pdf",
  nul: "hola\u0000mundo",
  zeroWidthOnly: "\u200B\u200B\u200B\uFEFF",
  megabyte: "x".repeat(1 << 20),
  lrm: "abc\u200Edef",
  loneSurrogate: "abc\uD800def",
  c1: "abc\u0085def"
}

type Cau = ReturnType<typeof makeCau>

const refused = async (cau: Cau, ticket: Ticket, move: (s: TicketService["Service"]) => Effect.Effect<unknown, unknown>) => {
  const mails = cau.mailer.sent.length
  const exit = await cau.exit(move)
  expect(Exit.isFailure(exit)).toBe(true)
  const error = Exit.isFailure(exit) ? Cause.squash(exit.cause) as { _tag: string; reason: string; field?: string } : undefined
  expect(error?._tag).toMatch(/^@ecasilla\/core\/cau\/Ticket(Validation)?Error$/)
  expect(errorMessage(error, "en")).toBeTypeOf("string")
  expect(await cau.run((s) => s.getTicket(requester, ticket.id))).toEqual(ticket)
  expect(cau.mailer.sent.length).toBe(mails)
  return error!
}

const at = async (state: "Registrada" | "Asignada" | "Resuelta" | "Correcta") => {
  const cau = makeCau()
  let t = await cau.run((s) => s.createTicket(requester, validDraft))
  if (state !== "Registrada") t = await cau.run((s) => s.assignTicket(lead, t.id, { analystId: analyst.id }))
  if (state === "Resuelta" || state === "Correcta") t = await cau.run((s) => s.resolveTicket(analyst, t.id, { answer: "Listo." }))
  if (state === "Correcta") t = await cau.run((s) => s.acceptResolution(requester, t.id))
  return { cau, t }
}

describe("checkText", () => {
  it("refuses controls and bidi overrides, drops invisible characters, bounds the length", () => {
    const line = { max: 150, min: 3 }
    expect(checkText(hostile.rlo, line)).toEqual({ ok: false, reason: "bad-characters" })
    expect(checkText(hostile.nul, line)).toEqual({ ok: false, reason: "bad-characters" })
    expect(checkText(hostile.lrm, line)).toEqual({ ok: false, reason: "bad-characters" })
    expect(checkText(hostile.loneSurrogate, line)).toEqual({ ok: false, reason: "bad-characters" })
    expect(checkText(hostile.c1, line)).toEqual({ ok: false, reason: "bad-characters" })
    expect(checkText(hostile.zeroWidthOnly, line)).toEqual({ ok: false, reason: "empty" })
    expect(checkText(`a\u200Bbc`, line)).toEqual({ ok: true, value: "abc" })
    expect(checkText("😀 ok", line)).toEqual({ ok: true, value: "😀 ok" })
    expect(checkText(hostile.megabyte, line)).toEqual({ ok: false, reason: "too-long", params: { max: 150 } })
    // One line collapses pasted line breaks; a note keeps them and refuses the rest.
    expect(checkText("  dos\n líneas ", line)).toEqual({ ok: true, value: "dos líneas" })
    expect(checkText("  dos\r\n\tlíneas ", { max: 100, multiline: true })).toEqual({ ok: true, value: "dos\n\tlíneas" })
    expect(checkText("a\u0007b", { max: 100, multiline: true })).toEqual({ ok: false, reason: "bad-characters" })
  })

  it("still reads a stored título that kept a zero-width space (written before they were dropped)", () => {
    expect(Schema.decodeUnknownSync(Titulo)("Error\u200B al firmar")).toBe("Error\u200B al firmar")
    expect(() => Schema.decodeUnknownSync(Titulo)("Error\u202E al firmar")).toThrow()
  })

  it("is fast on a 1 MB paste", () => {
    const started = performance.now()
    for (let i = 0; i < 20; i++) checkText(`${hostile.megabyte}\u202E`, { max: 4000, multiline: true })
    expect((performance.now() - started) / 20).toBeLessThan(20)
  })
})

describe("every typed field of the CAU takes the same rule", () => {
  it("título and descripción on create", async () => {
    const { cau, t } = await at("Registrada")
    for (const titulo of [hostile.rlo, hostile.nul, hostile.zeroWidthOnly, hostile.megabyte]) {
      const e = await refused(cau, t, (s) => s.createTicket(requester, { ...validDraft, titulo }))
      expect(e).toMatchObject({ reason: "invalid", issues: [{ field: "titulo" }] })
    }
    for (const descripcion of [`<p>${hostile.rlo}</p>`, `<p>${hostile.nul}</p>`, `<p>${hostile.megabyte}</p>`, `<p>${hostile.zeroWidthOnly}</p>`]) {
      const e = await refused(cau, t, (s) => s.createTicket(requester, { ...validDraft, descripcion }))
      expect(e).toMatchObject({ reason: "invalid", issues: [{ field: "descripcion" }] })
    }
    expect((await cau.run((s) => s.listTickets(requester, {}))).length).toBe(1)
  })

  it("support group on assign", async () => {
    const { cau, t } = await at("Registrada")
    for (const supportGroup of [hostile.rlo, hostile.nul, hostile.megabyte, "x".repeat(101)]) {
      const e = await refused(cau, t, (s) => s.assignTicket(lead, t.id, { analystId: analyst.id, supportGroup }))
      expect(e).toMatchObject({ field: "supportGroup" })
    }
    // Zero-width only is empty: the default group, as for no group at all.
    const ok = await cau.run((s) => s.assignTicket(lead, t.id, { analystId: analyst.id, supportGroup: hostile.zeroWidthOnly }))
    expect(ok.supportGroup).toBe("Mesa de Ayuda - Casilla Electrónica")
  })

  it("notes", async () => {
    const { cau, t } = await at("Asignada")
    expect(await refused(cau, t, (s) => s.addNote(requester, t.id, { message: hostile.rlo }))).toMatchObject({ reason: "bad-characters", field: "message" })
    expect(await refused(cau, t, (s) => s.addNote(requester, t.id, { message: hostile.nul }))).toMatchObject({ reason: "bad-characters" })
    expect(await refused(cau, t, (s) => s.addNote(requester, t.id, { message: hostile.zeroWidthOnly }))).toMatchObject({ reason: "message-required" })
    expect(await refused(cau, t, (s) => s.addNote(requester, t.id, { message: hostile.megabyte }))).toMatchObject({ reason: "text-too-long", max: 4000 })
  })

  it("the answer", async () => {
    const { cau, t } = await at("Asignada")
    expect(await refused(cau, t, (s) => s.resolveTicket(analyst, t.id, { answer: `<p>${hostile.rlo}</p>` }))).toMatchObject({ reason: "bad-characters", field: "answer" })
    expect(await refused(cau, t, (s) => s.resolveTicket(analyst, t.id, { answer: hostile.nul }))).toMatchObject({ reason: "bad-characters" })
    expect(await refused(cau, t, (s) => s.resolveTicket(analyst, t.id, { answer: hostile.megabyte }))).toMatchObject({ reason: "text-too-long" })
    expect(await refused(cau, t, (s) => s.resolveTicket(analyst, t.id, { answer: `<p>${hostile.zeroWidthOnly}</p>` }))).toMatchObject({ reason: "answer-required" })
  })

  it("incorrecta and survey comments", async () => {
    const res = await at("Resuelta")
    for (const comment of [hostile.rlo, hostile.nul]) {
      expect(await refused(res.cau, res.t, (s) => s.rejectResolution(requester, res.t.id, { comment }))).toMatchObject({ reason: "bad-characters", field: "comment" })
    }
    expect(await refused(res.cau, res.t, (s) => s.rejectResolution(requester, res.t.id, { comment: hostile.zeroWidthOnly }))).toMatchObject({ reason: "comment-required" })
    expect(await refused(res.cau, res.t, (s) => s.rejectResolution(requester, res.t.id, { comment: hostile.megabyte }))).toMatchObject({ reason: "text-too-long" })
    const ok = await at("Correcta")
    for (const comment of [hostile.rlo, hostile.nul, hostile.megabyte]) {
      await refused(ok.cau, ok.t, (s) => s.submitSurvey(requester, ok.t.id, { level: "satisfecho", comment }))
    }
    const closed = await ok.cau.run((s) => s.submitSurvey(requester, ok.t.id, { level: "satisfecho", comment: hostile.zeroWidthOnly }))
    expect(closed.survey?.comment).toBeUndefined()
  })
})
