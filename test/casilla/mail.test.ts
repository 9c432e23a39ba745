// The receptor's deposit alert: written from the NotificationDeposited event alone, only for
// a casilla with an e-mail address, escaped in HTML, with no document attached.
import { casillaMailFor, CasillaEventTag } from "@ecasilla/core/casilla"
import { describe, expect, it } from "vitest"

const deposited = (alert: Record<string, unknown>, tag: string = CasillaEventTag.NotificationDeposited) => ({
  id: "evt_1",
  tag,
  aggregateId: "ntf_1",
  at: "2026-12-04T14:05:09.000Z",
  data: { notificationId: "ntf_1", depositedAt: "2026-12-04T14:05:09.000Z", alert }
})

describe("casillaMailFor", () => {
  it("tells the receptor the cédula, the legal date in Lima time and the term", () => {
    const mail = casillaMailFor(deposited({ email: "r@correo.example.pe", receptorName: "Rosa Quispe", numero: "CED-1", asunto: "Informe 1", plazoDiasHabiles: 5, deadline: "2026-12-14" }))
    expect(mail?.id).toBe("evt_1")
    expect(mail?.to).toEqual(["r@correo.example.pe"])
    expect(mail?.text).toContain("Depositada el: 04/12/2026 09:05:09 -05:00 (hora de Lima)")
    expect(mail?.text).toContain("Plazo: 5 días hábiles, hasta el 14/12/2026")
    expect(mail?.text).toContain("surte efecto desde la fecha de depósito")
  })

  it("sends nothing without an address, for other events, or for events without an alert", () => {
    expect(casillaMailFor(deposited({ receptorName: "Rosa", numero: "CED-1", asunto: "x" }))).toBeUndefined()
    expect(casillaMailFor(deposited({ email: "r@x.pe", receptorName: "Rosa", numero: "CED-1", asunto: "x" }, CasillaEventTag.NotificationRead))).toBeUndefined()
    expect(casillaMailFor({ ...deposited({}), data: { notificationId: "ntf_1" } })).toBeUndefined()
  })

  it("escapes what the notificador typed in the HTML body", () => {
    const mail = casillaMailFor(deposited({ email: "r@x.pe", receptorName: "<b>Rosa</b>", numero: "CED-1", asunto: "<img src=x onerror=alert(1)>" }))
    expect(mail?.html).not.toContain("<img")
    expect(mail?.html).toContain("&lt;img src=x onerror=alert(1)&gt;")
    expect(mail?.text).not.toContain("Plazo")
  })
})
