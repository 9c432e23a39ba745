// Casilla accounts (asignación obligatoria, solicitud voluntaria, activation, cambio de titular),
// deadlines in días hábiles, and the message catalogues.
import { AuthError, CasillaError, casillaErrorMessage, casillaMessages, deadlineFrom, isDiaHabil } from "@ecasilla/core/casilla"
import { extendBusinessCalendar, peruBusinessCalendar } from "@ecasilla/core/calendar"
import { errorMessage, registerMessages } from "@ecasilla/core/i18n"
import { describe, expect, it } from "vitest"
import { auxiliar, makeCasillaRuntime, notificador, operador, receptor, T0 } from "./fixtures.js"

const entity = { receptorKind: "entidad" as const, loginId: "20131378972", name: "Contraloría General de la República", titular: { dni: "10117410", name: "Titular Uno" } }

describe("casilla accounts", () => {
  it("asignación obligatoria by an Auxiliar, then activated by an Auxiliar", async () => {
    const h = makeCasillaRuntime({})
    await h.setTime(T0)
    const c = await h.run((s) => s.createCasilla(auxiliar, { receptorKind: "persona-natural", loginId: " 10117410-2 ", name: "María Quispe", origin: "asignacion-obligatoria" }))
    expect(c).toMatchObject({ loginId: "10117410", state: "Pendiente", origin: "asignacion-obligatoria", version: 1 })
    expect(await h.fail((s) => s.activateCasilla(operador, c.id))).toMatchObject({ reason: "not-allowed" })
    const a = await h.run((s) => s.activateCasilla(auxiliar, c.id))
    expect(a).toMatchObject({ state: "Activa", activatedAt: new Date(T0).toISOString(), version: 2 })
    expect(await h.fail((s) => s.activateCasilla(auxiliar, c.id))).toMatchObject({ reason: "wrong-state" })
    expect((await h.store((s) => s.pendingEvents(10))).map((e) => e.tag)).toEqual(["@ecasilla/core/casilla/CasillaCreated", "@ecasilla/core/casilla/CasillaActivated"])
  })

  it("solicitud voluntaria only by an Operador; the login id follows the receptor kind", async () => {
    const h = makeCasillaRuntime({})
    expect(await h.fail((s) => s.createCasilla(auxiliar, { ...entity, origin: "solicitud-voluntaria" }))).toMatchObject({ reason: "not-allowed" })
    expect(await h.fail((s) => s.createCasilla(notificador, { ...entity, origin: "asignacion-obligatoria" }))).toMatchObject({ reason: "not-allowed" })
    expect(await h.fail((s) => s.createCasilla(operador, { ...entity, loginId: "20131378970", origin: "solicitud-voluntaria" }))).toMatchObject({ reason: "invalid-login-id", detail: "bad-check-digit" })
    expect(await h.fail((s) => s.createCasilla(operador, { ...entity, receptorKind: "persona-natural", origin: "solicitud-voluntaria" }))).toMatchObject({ reason: "invalid-login-id" })
    expect(await h.fail((s) => s.createCasilla(operador, { ...entity, titular: undefined, origin: "solicitud-voluntaria" }))).toMatchObject({ reason: "invalid-field", detail: "titular" })
    const c = await h.run((s) => s.createCasilla(operador, { ...entity, origin: "solicitud-voluntaria" }))
    expect(c.titulares).toHaveLength(1)
    expect(await h.fail((s) => s.createCasilla(operador, { ...entity, origin: "solicitud-voluntaria" }))).toMatchObject({ reason: "casilla-exists" })
  })

  it("cambio de titular only for entity casillas, kept as history", async () => {
    const h = makeCasillaRuntime({})
    const e = await h.run((s) => s.createCasilla(operador, { ...entity, origin: "solicitud-voluntaria" }))
    const changed = await h.run((s) => s.changeTitular(operador, e.id, { dni: "44556677", name: "Titular Dos" }))
    expect(changed.titulares.map((t) => t.dni)).toEqual(["10117410", "44556677"])
    expect(await h.fail((s) => s.changeTitular(notificador, e.id, { dni: "44556677", name: "X" }))).toMatchObject({ reason: "not-allowed" })
    const p = await h.run((s) => s.createCasilla(auxiliar, { receptorKind: "persona-natural", loginId: "44556677", name: "Pedro", origin: "asignacion-obligatoria" }))
    expect(await h.fail((s) => s.changeTitular(auxiliar, p.id, { dni: "10117410", name: "X" }))).toMatchObject({ reason: "not-entity-casilla" })
  })

  it("the notificador finds a receptor's casilla by DNI/RUC; a receptor finds only their own", async () => {
    const h = makeCasillaRuntime({})
    const c = await h.run((s) => s.createCasilla(auxiliar, { receptorKind: "persona-natural", loginId: receptor.id, name: receptor.name, origin: "asignacion-obligatoria" }))
    expect((await h.run((s) => s.findCasilla(notificador, receptor.id))).id).toBe(c.id)
    expect((await h.run((s) => s.findCasilla(receptor, receptor.id))).id).toBe(c.id)
    const other = await h.run((s) => s.createCasilla(operador, { ...entity, origin: "solicitud-voluntaria" }))
    expect(await h.fail((s) => s.findCasilla(receptor, other.loginId))).toMatchObject({ reason: "casilla-not-found" })
  })
})

describe("deadlines (TUO Ley 27444: días hábiles from the next business day)", () => {
  it("skips weekends and Peruvian holidays, counted from the Lima date of the deposit", () => {
    // Friday 24 July 2026 in Lima; 28 and 29 July are Fiestas Patrias.
    expect(deadlineFrom("2026-07-24T22:00:00.000Z", 5)).toBe("2026-08-04")
    // 04:30 UTC on Saturday is still Friday evening in Lima.
    expect(deadlineFrom("2026-07-25T04:30:00.000Z", 1)).toBe("2026-07-27")
    // Semana Santa 2026: Jueves 2 and Viernes 3 April.
    expect(deadlineFrom("2026-04-01T15:00:00.000Z", 1)).toBe("2026-04-06")
    expect(isDiaHabil("2026-04-03")).toBe(false)
    // A non-working day decreed by the deployment.
    expect(deadlineFrom("2026-03-02T15:00:00.000Z", 1, extendBusinessCalendar(peruBusinessCalendar, ["2026-03-03"]))).toBe("2026-03-04")
  })
})

describe("casilla messages", () => {
  it("every reason has a Spanish and an English sentence, and they differ", () => {
    const reasons = CasillaError.fields.reason.literals
    for (const r of reasons) {
      const e = new CasillaError({ reason: r, documentName: "x.pdf", verdict: "invalid" })
      const es = casillaErrorMessage(e)
      const en = casillaErrorMessage(e, "en")
      expect(es, r).toBeTruthy()
      expect(en, r).toBeTruthy()
      expect(es).not.toBe(en)
    }
    expect(Object.keys(casillaMessages.en)).toEqual(Object.keys(casillaMessages["es-PE"]))
    expect(Object.keys(casillaMessages.en).length).toBe(reasons.length + 3 + AuthError.fields.reason.literals.length)
    expect(casillaErrorMessage({ _tag: "@ecasilla/core/casilla/AuthError", reason: "invalid-credentials" }, "en")).toBe("Wrong user or password.")
    expect(casillaErrorMessage(new Error("boom"))).toBeUndefined()
    // Registered in @ecasilla/core/i18n: the shared renderer knows them, and a deployment rewords one.
    expect(errorMessage(new CasillaError({ reason: "casilla-inactive" }), "en")).toBe("The receptor's casilla is not active: nothing can be deposited.")
    registerMessages("casilla", "en", { "CasillaError.casilla-inactive": "Casilla inactive." })
    expect(casillaErrorMessage(new CasillaError({ reason: "casilla-inactive" }), "en")).toBe("Casilla inactive.")
    registerMessages("casilla", "en", { "CasillaError.casilla-inactive": casillaMessages.en["CasillaError.casilla-inactive"] })
  })
})
