// Casilla accounts: creation by asignación obligatoria or solicitud voluntaria, activation,
// cambio de titular.
import { Effect, Option } from "effect"
import { checkDni, checkRuc } from "../../identity/rules.js"
import type { Ids } from "../../ports/ids.js"
import type { Role } from "../../roles/actor.js"
import { CasillaError } from "../errors.js"
import { CasillaEventTag } from "../events.js"
import type { Casilla, CasillaOrigin } from "../model.js"
import type { NewCasillaInput } from "../service.js"
import type { CasillaStore } from "../store.js"
import { canSeeCasilla, loadCasilla, makeEvent, nowIso, partyOf } from "./common.js"
import { holdsRole, principalId, type Principal } from "./patterns.js"

/** Who creates and activates a casilla of each origin (DOMAIN.md §1). */
export const casillaOriginRole: Readonly<Record<CasillaOrigin, Role>> = {
  "asignacion-obligatoria": "auxiliar-casilla",
  "solicitud-voluntaria": "operador-casilla"
}

const cleanText = (s: string | undefined, max: number): string | undefined => {
  const t = (s ?? "").replace(/\s+/g, " ").trim()
  // eslint-disable-next-line no-control-regex
  return t.length === 0 || t.length > max || /[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/.test(t) ? undefined : t
}

export const makeAccounts = (store: CasillaStore["Service"], ids: Ids["Service"]) => {
  const createCasilla = (actor: Principal, input: NewCasillaInput) =>
    Effect.gen(function*() {
      if (!holdsRole(actor, casillaOriginRole[input.origin])) return yield* Effect.fail(new CasillaError({ reason: "not-allowed", action: "create-casilla" }))
      const check = input.receptorKind === "persona-natural" ? checkDni(input.loginId) : checkRuc(input.loginId)
      if (!check.ok) return yield* Effect.fail(new CasillaError({ reason: "invalid-login-id", detail: check.reason }))
      const name = cleanText(input.name, 200)
      if (name === undefined) return yield* Effect.fail(new CasillaError({ reason: "invalid-field", detail: "name" }))
      const email = input.email === undefined ? undefined : cleanText(input.email, 200)
      if (input.email !== undefined && (email === undefined || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))) {
        return yield* Effect.fail(new CasillaError({ reason: "invalid-field", detail: "email" }))
      }
      const at = yield* nowIso
      let titulares: Casilla["titulares"] = []
      if (input.receptorKind === "entidad") {
        const t = input.titular
        const dni = t ? checkDni(t.dni) : undefined
        const tName = cleanText(t?.name, 200)
        if (!dni?.ok || tName === undefined) return yield* Effect.fail(new CasillaError({ reason: "invalid-field", detail: "titular" }))
        titulares = [{ dni: dni.value, name: tName, since: at }]
      }
      if (Option.isSome(yield* store.getCasillaByLogin(check.value))) return yield* Effect.fail(new CasillaError({ reason: "casilla-exists" }))
      const id = yield* ids.next("cas")
      const casilla: Casilla = {
        id,
        receptorKind: input.receptorKind,
        loginId: check.value,
        name,
        ...(email ? { email } : {}),
        origin: input.origin,
        state: "Pendiente",
        createdBy: partyOf(actor),
        createdAt: at,
        titulares,
        version: 1
      }
      const event = yield* makeEvent(ids, CasillaEventTag.CasillaCreated, id, at, { casillaId: id, loginId: casilla.loginId, origin: casilla.origin, by: principalId(actor) })
      yield* store.commit({ casillas: [casilla], events: [event] })
      return casilla
    })

  const activateCasilla = (actor: Principal, casillaId: string) =>
    Effect.gen(function*() {
      const c = yield* loadCasilla(store, actor, casillaId)
      if (!holdsRole(actor, casillaOriginRole[c.origin])) return yield* Effect.fail(new CasillaError({ reason: "not-allowed", action: "activate-casilla", casillaId }))
      if (c.state !== "Pendiente") return yield* Effect.fail(new CasillaError({ reason: "wrong-state", action: "activate-casilla", casillaId, state: c.state }))
      const at = yield* nowIso
      const next: Casilla = { ...c, state: "Activa", activatedAt: at, activatedBy: partyOf(actor), version: c.version + 1 }
      const event = yield* makeEvent(ids, CasillaEventTag.CasillaActivated, casillaId, at, { casillaId, by: principalId(actor) })
      yield* store.commit({ casillas: [next], events: [event] })
      return next
    })

  const changeTitular = (actor: Principal, casillaId: string, titular: { readonly dni: string; readonly name: string }) =>
    Effect.gen(function*() {
      const c = yield* loadCasilla(store, actor, casillaId)
      if (!holdsRole(actor, "auxiliar-casilla") && !holdsRole(actor, "operador-casilla")) {
        return yield* Effect.fail(new CasillaError({ reason: "not-allowed", action: "change-titular", casillaId }))
      }
      if (c.receptorKind !== "entidad") return yield* Effect.fail(new CasillaError({ reason: "not-entity-casilla", casillaId }))
      const dni = checkDni(titular.dni)
      const name = cleanText(titular.name, 200)
      if (!dni.ok || name === undefined) return yield* Effect.fail(new CasillaError({ reason: "invalid-field", detail: "titular" }))
      const at = yield* nowIso
      const next: Casilla = { ...c, titulares: [...c.titulares, { dni: dni.value, name, since: at }], version: c.version + 1 }
      const event = yield* makeEvent(ids, CasillaEventTag.CasillaTitularChanged, casillaId, at, { casillaId, dni: dni.value, by: principalId(actor) })
      yield* store.commit({ casillas: [next], events: [event] })
      return next
    })

  const findCasilla = (actor: Principal, loginId: string) =>
    Effect.gen(function*() {
      const key = loginId.trim()
      const found = yield* store.getCasillaByLogin(key)
      if (Option.isNone(found) || !canSeeCasilla(found.value, actor)) return yield* Effect.fail(new CasillaError({ reason: "casilla-not-found" }))
      return found.value
    })

  return { createCasilla, activateCasilla, changeTitular, findCasilla, getCasilla: (actor: Principal, id: string) => loadCasilla(store, actor, id) }
}
