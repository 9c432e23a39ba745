// The notification lifecycle as data: what each party may do in each state, and the
// preparation's input checks (bad input → a typed error, nothing stored).
import { availableNotificationActions, type Notification } from "@ecasilla/core/casilla"
import { describe, expect, it } from "vitest"
import { auxiliar, emisor, makeCasillaRuntime, notificador, otroNotificador, otroReceptor, receptor } from "./fixtures.js"

const pdf = new TextEncoder().encode("%PDF-1.7\n%%EOF\n")
const cedula = { numero: "CED-1", asunto: "Asunto" }

const base = (state: Notification["state"]): Notification => ({
  id: "ntf_1",
  casillaId: "cas_1",
  receptorId: receptor.id,
  receptorName: receptor.name,
  emisor: { id: emisor.id, name: emisor.name },
  notificador: { id: notificador.id, name: notificador.name },
  cedula,
  documents: [],
  state,
  createdAt: "2026-03-02T15:00:00.000Z",
  downloads: [],
  version: 1
})

describe("availableNotificationActions", () => {
  it("answers for every party in every state", () => {
    const table = (["Borrador", "Firmada", "Depositada", "Leída"] as const).map((s) => [
      s,
      availableNotificationActions(base(s), emisor),
      availableNotificationActions(base(s), notificador),
      availableNotificationActions(base(s), receptor),
      availableNotificationActions(base(s), otroNotificador),
      availableNotificationActions(base(s), otroReceptor)
    ])
    expect(table).toEqual([
      ["Borrador", ["sign"], [], [], [], []],
      ["Firmada", [], ["deposit"], [], [], []],
      ["Depositada", [], ["download-constancia"], ["open", "download", "download-constancia"], [], []],
      ["Leída", [], ["download-constancia"], ["open", "download", "download-constancia"], [], []]
    ])
  })
})

describe("prepareNotification input", () => {
  const setup = async () => {
    const h = makeCasillaRuntime({})
    const c = await h.run((s) => s.createCasilla(auxiliar, { receptorKind: "persona-natural", loginId: receptor.id, name: receptor.name, origin: "asignacion-obligatoria" }))
    const input = { casillaId: c.id, emisor: { id: emisor.id, name: emisor.name }, cedula, documents: [{ name: "a.pdf", bytes: pdf }] }
    return { ...h, input }
  }

  it("refuses bad input with a typed reason and stores nothing", async () => {
    const h = await setup()
    const cases: Array<[object, Record<string, unknown>]> = [
      [{ documents: [] }, { reason: "no-documents" }],
      [{ documents: [{ name: "x.docx", bytes: new Uint8Array([0x50, 0x4b, 3, 4]) }] }, { reason: "not-a-pdf", documentName: "x.docx" }],
      [{ documents: Array.from({ length: 11 }, (_, i) => ({ name: `${i}.pdf`, bytes: pdf })) }, { reason: "too-many-documents", detail: "10" }],
      [{ cedula: { numero: "CED-1", asunto: "" } }, { reason: "invalid-field" }],
      [{ cedula: { ...cedula, plazoDiasHabiles: 0 } }, { reason: "invalid-field" }],
      [{ emisor: { id: " ", name: "x" } }, { reason: "invalid-field", detail: "emisor" }],
      [{ casillaId: "cas_nope" }, { reason: "casilla-not-found" }]
    ]
    for (const [patch, expected] of cases) {
      expect(await h.fail((s) => s.prepareNotification(notificador, { ...h.input, ...patch }))).toMatchObject(expected)
    }
    expect(await h.fail((s) => s.prepareNotification(emisor, h.input))).toMatchObject({ reason: "not-allowed" })
    expect(await h.fail((s) => s.prepareNotification(receptor, h.input))).toMatchObject({ reason: "not-allowed" })
    expect(await h.run((s) => s.countNotifications(notificador, {}))).toBe(0)
    const n = await h.run((s) => s.prepareNotification(notificador, h.input))
    expect(n).toMatchObject({ state: "Borrador", receptorId: receptor.id, documents: [{ name: "a.pdf", size: pdf.length }] })
    expect(await h.run((s) => s.countNotifications(notificador, {}))).toBe(1)
  })
})
