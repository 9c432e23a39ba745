import type { Ticket, TicketService } from "@ecasilla/core/cau"
import { systemPrincipal } from "@ecasilla/core/roles"
import { Cause, type Effect, Exit } from "effect"
import { describe, expect, it } from "vitest"
import { analyst, analyst2, lead, makeCau, other, requester, validDraft } from "./fixtures.js"

type Cau = ReturnType<typeof makeCau>

/** Runs a forbidden move and checks it failed with the tagged error and left the ticket and the mails alone. */
const expectRefused = async (
  cau: Cau,
  ticket: Ticket,
  move: (s: TicketService["Service"]) => Effect.Effect<unknown, unknown>,
  tag: string,
  reason: string
) => {
  const mails = cau.mailer.sent.length
  const exit = await cau.exit(move)
  expect(Exit.isFailure(exit)).toBe(true)
  const error = Exit.isFailure(exit) ? (Cause.squash(exit.cause) as { _tag: string; reason: string; message: string }) : undefined
  expect(error?._tag).toBe(tag)
  expect(error?.reason).toBe(reason)
  expect(error?.message).toMatch(/[a-záéíóúñ]/i)
  expect(await cau.run((s) => s.getTicket(systemPrincipal, ticket.id))).toEqual(ticket)
  expect(cau.mailer.sent.length).toBe(mails)
}

const E = "@ecasilla/core/cau/TicketError"

const until = async (state: "Registrada" | "Asignada" | "Resuelta" | "Correcta") => {
  const cau = makeCau()
  let t = await cau.run((s) => s.createTicket(requester, validDraft))
  if (state === "Registrada") return { cau, t }
  t = await cau.run((s) => s.assignTicket(lead, t.id, { analystId: analyst.id }))
  if (state === "Asignada") return { cau, t }
  t = await cau.run((s) => s.resolveTicket(analyst, t.id, { answer: "Listo." }))
  if (state === "Resuelta") return { cau, t }
  t = await cau.run((s) => s.acceptResolution(requester, t.id))
  return { cau, t }
}

describe("forbidden moves fail with a tagged error and change nothing", () => {
  it("editing an assigned ticket", async () => {
    const { cau, t } = await until("Asignada")
    await expectRefused(cau, t, (s) => s.editTicket(requester, t.id, { titulo: "Otro título" }), E, "wrong-state")
  })

  it("editing someone else's ticket: a ticket one may not see is not found, for writes too", async () => {
    const { cau, t } = await until("Registrada")
    await expectRefused(cau, t, (s) => s.editTicket(other, t.id, { titulo: "Otro título" }), E, "not-found")
  })

  it("rating someone else's ticket", async () => {
    const { cau, t } = await until("Resuelta")
    await expectRefused(cau, t, (s) => s.acceptResolution(other, t.id), E, "not-found")
    // The analyst sees the ticket, but the verdict is the requester's.
    await expectRefused(cau, t, (s) => s.rejectResolution(analyst, t.id, { comment: "no" }), E, "not-your-ticket")
    const accepted = await cau.run((s) => s.acceptResolution(requester, t.id))
    await expectRefused(cau, accepted, (s) => s.submitSurvey(other, t.id, { level: "insatisfecho" }), E, "not-found")
  })

  it("closing without the survey", async () => {
    const { cau, t } = await until("Correcta")
    await expectRefused(cau, t, (s) => s.submitSurvey(requester, t.id, { level: undefined }), E, "survey-required")
    await expectRefused(cau, t, (s) => s.submitSurvey(requester, t.id, { level: "excelente" as never }), E, "survey-required")
  })

  it("answering the survey before saying correcta", async () => {
    const { cau, t } = await until("Resuelta")
    await expectRefused(cau, t, (s) => s.submitSurvey(requester, t.id, { level: "satisfecho" }), E, "verdict-pending")
  })

  it("incorrecta without a comment", async () => {
    const { cau, t } = await until("Resuelta")
    await expectRefused(cau, t, (s) => s.rejectResolution(requester, t.id, { comment: "   " }), E, "comment-required")
  })

  it("incorrecta after correcta", async () => {
    const { cau, t } = await until("Correcta")
    await expectRefused(cau, t, (s) => s.rejectResolution(requester, t.id, { comment: "Me arrepentí" }), E, "survey-pending")
  })

  it("a note while Registrada or Resuelta, or without a message", async () => {
    const reg = await until("Registrada")
    await expectRefused(reg.cau, reg.t, (s) => s.addNote(requester, reg.t.id, { message: "hola" }), E, "wrong-state")
    const res = await until("Resuelta")
    await expectRefused(res.cau, res.t, (s) => s.addNote(requester, res.t.id, { message: "hola" }), E, "wrong-state")
    const asg = await until("Asignada")
    await expectRefused(asg.cau, asg.t, (s) => s.addNote(requester, asg.t.id, { message: " " }), E, "message-required")
    await expectRefused(asg.cau, asg.t, (s) => s.addNote(other, asg.t.id, { message: "hola" }), E, "not-found")
    await expectRefused(asg.cau, asg.t, (s) => s.addNote(analyst, asg.t.id, { message: "hola" }), E, "not-your-ticket")
  })

  it("assigning without being a lead, or to someone who is not an analyst", async () => {
    const { cau, t } = await until("Registrada")
    await expectRefused(cau, t, (s) => s.assignTicket(analyst, t.id, { analystId: analyst.id }), E, "not-allowed")
    await expectRefused(cau, t, (s) => s.assignTicket(lead, t.id, { analystId: other.id }), E, "not-an-analyst")
    await expectRefused(cau, t, (s) => s.assignTicket(lead, t.id, { analystId: "U99999" }), E, "unknown-user")
  })

  it("resolving by another analyst, or with an empty answer", async () => {
    const { cau, t } = await until("Asignada")
    await expectRefused(cau, t, (s) => s.resolveTicket(analyst2, t.id, { answer: "Listo" }), E, "not-allowed")
    await expectRefused(cau, t, (s) => s.resolveTicket(requester, t.id, { answer: "Listo" }), E, "not-allowed")
    await expectRefused(cau, t, (s) => s.resolveTicket(analyst, t.id, { answer: "<script>alert(1)</script>" }), E, "answer-required")
  })

  it("anything on a Cerrada ticket", async () => {
    const { cau, t: c } = await until("Correcta")
    const t = await cau.run((s) => s.submitSurvey(requester, c.id, { level: "satisfecho" }))
    await expectRefused(cau, t, (s) => s.rejectResolution(requester, t.id, { comment: "otra vez" }), E, "wrong-state")
    await expectRefused(cau, t, (s) => s.addNote(requester, t.id, { message: "hola" }), E, "wrong-state")
    await expectRefused(cau, t, (s) => s.assignTicket(lead, t.id, { analystId: analyst.id }), E, "wrong-state")
  })

  it("a lead may reassign while Asignada-Pendiente", async () => {
    const { cau, t } = await until("Asignada")
    const r = await cau.run((s) => s.assignTicket(lead, t.id, { analystId: analyst2.id }))
    expect(r.analyst?.id).toBe(analyst2.id)
    expect(r.history.at(-1)).toMatchObject({ _tag: "TicketAssigned", reassigned: true })
  })
})

describe("en nombre de", () => {
  it("files for a registered user, mails them and copies the filer", async () => {
    const cau = makeCau()
    const t = await cau.run((s) => s.createTicket(other, { ...validDraft, onBehalfOf: requester.id }))
    expect(t.onBehalfOf?.id).toBe(requester.id)
    expect(cau.mailer.sent[0].to).toEqual([requester.email])
    expect(cau.mailer.sent[0].cc).toEqual([other.email])
    // the user it was filed for acts as the requester
    const a = await cau.run((s) => s.assignTicket(lead, t.id, { analystId: analyst.id }))
    const n = await cau.run((s) => s.addNote(requester, a.id, { message: "Soy la titular." }))
    expect(n.notes).toHaveLength(1)
  })

  it("refuses an unknown user and oneself, and stores nothing", async () => {
    const cau = makeCau()
    for (const [who, reason] of [["U77777", "unknown-user"], [requester.id, "on-behalf-of-self"]] as const) {
      const exit = await cau.exit((s) => s.createTicket(requester, { ...validDraft, onBehalfOf: who }))
      expect(Exit.isFailure(exit) && (Cause.squash(exit.cause) as { reason: string }).reason).toBe(reason)
    }
    expect(await cau.run((s) => s.listTickets(lead))).toEqual([])
    expect(cau.mailer.sent).toEqual([])
  })
})

describe("attachments", () => {
  it("refuses a renamed file and too many files, storing nothing", async () => {
    const cau = makeCau({ attachments: { maxBytes: 1000, maxCount: 2, maxTotalBytes: 2000, kinds: ["pdf", "image", "text", "word", "excel", "powerpoint"] } })
    const html = new TextEncoder().encode("<html><script>alert(1)</script></html>")
    const pdf = new TextEncoder().encode("%PDF-1.4\n%%EOF")
    const cases = [
      [[{ name: "informe.pdf", bytes: html }], "signature-mismatch"],
      [[{ name: "virus.exe", bytes: pdf }], "unsupported-type"],
      [[{ name: "a.pdf", bytes: pdf }, { name: "b.pdf", bytes: pdf }, { name: "c.pdf", bytes: pdf }], "too-many"],
      [[{ name: "grande.pdf", bytes: new Uint8Array(2000).fill(32).map((b, i) => (i < 5 ? "%PDF-".charCodeAt(i) : b)) }], "too-large"]
    ] as const
    for (const [attachments, reason] of cases) {
      const exit = await cau.exit((s) => s.createTicket(requester, { ...validDraft, attachments }))
      const e = Exit.isFailure(exit) ? (Cause.squash(exit.cause) as { _tag: string; reason: string; message: string }) : undefined
      expect(e?._tag).toBe("@ecasilla/core/cau/AttachmentError")
      expect(e?.reason).toBe(reason)
    }
    expect(await cau.run((s) => s.listTickets(lead))).toEqual([])
  })

  it("records the firma verdict of a PDF when a verifier is configured", async () => {
    const { Effect } = await import("effect")
    const cau = makeCau({ verifyPdf: () => Effect.succeed({ verdict: "unsigned" as const }) })
    const t = await cau.run((s) => s.createTicket(requester, { ...validDraft, attachments: [{ name: "oficio.pdf", bytes: new TextEncoder().encode("%PDF-1.7\n%%EOF") }] }))
    expect(t.attachments[0].firma).toEqual({ verdict: "unsigned" })
  })
})

describe("auto-close", () => {
  it("is off by default", async () => {
    const { cau } = await until("Resuelta")
    await cau.clock.advance(60 * 86_400_000)
    expect(await cau.run((s) => s.autoCloseResolved(systemPrincipal))).toEqual([])
  })

  it("closes a Resuelta ticket after N business days without a verdict, and mails the closure", async () => {
    const cau = makeCau({ autoCloseAfterBusinessDays: 3, holidays: ["2026-03-04"] })
    let t = await cau.run((s) => s.createTicket(requester, validDraft))
    t = await cau.run((s) => s.assignTicket(lead, t.id, { analystId: analyst.id }))
    t = await cau.run((s) => s.resolveTicket(analyst, t.id, { answer: "Listo." })) // Monday 2026-03-02
    await cau.clock.set("2026-03-05T20:00:00.000Z") // Thu: Tue + Thu = 2 (Wed is a holiday)
    expect(await cau.run((s) => s.autoCloseResolved(systemPrincipal))).toEqual([])
    await cau.clock.set("2026-03-06T15:00:00.000Z") // Fri: 3
    const closed = await cau.run((s) => s.autoCloseResolved(systemPrincipal))
    expect(closed.map((c) => [c.id, c.state, c.closure?.automatic])).toEqual([[t.id, "Cerrada", true]])
    expect(cau.mailer.sent.at(-1)?.text).toContain("automáticamente")
  })

  it("counts Peru's public holidays without being told (Fiestas Patrias)", async () => {
    const cau = makeCau({ autoCloseAfterBusinessDays: 3 })
    await cau.clock.set("2026-07-27T14:00:00.000Z") // Monday; 28 and 29 July are holidays
    let t = await cau.run((s) => s.createTicket(requester, validDraft))
    t = await cau.run((s) => s.assignTicket(lead, t.id, { analystId: analyst.id }))
    t = await cau.run((s) => s.resolveTicket(analyst, t.id, { answer: "Listo." }))
    await cau.clock.set("2026-08-01T15:00:00.000Z") // Saturday: Thu 30 + Fri 31 = 2
    expect(await cau.run((s) => s.autoCloseResolved(systemPrincipal))).toEqual([])
    await cau.clock.set("2026-08-03T15:00:00.000Z") // Monday 3 August: 3
    expect((await cau.run((s) => s.autoCloseResolved(systemPrincipal))).map((c) => c.id)).toEqual([t.id])
  })
})

describe("too long", () => {
  it("a note, an incorrecta comment or an answer over the limit is refused, not truncated", async () => {
    const long = "x".repeat(4001)
    const asg = await until("Asignada")
    await expectRefused(asg.cau, asg.t, (s) => s.addNote(requester, asg.t.id, { message: long }), E, "text-too-long")
    await expectRefused(asg.cau, asg.t, (s) => s.resolveTicket(analyst, asg.t.id, { answer: `<p>${"x".repeat(50_001)}</p>` }), E, "text-too-long")
    const res = await until("Resuelta")
    await expectRefused(res.cau, res.t, (s) => s.rejectResolution(requester, res.t.id, { comment: long }), E, "text-too-long")
  })
})
