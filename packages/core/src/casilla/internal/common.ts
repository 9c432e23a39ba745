// What the account and notification commands share: time, ids, events and loading with
// authorization.
import { Clock, Effect, Option } from "effect"
import type { Ids } from "../../ports/ids.js"
import { CasillaError, CasillaStoreError } from "../errors.js"
import type { Casilla } from "../model.js"
import type { CasillaStore } from "../store.js"
import { type DomainEvent, holdsRole, isSystemPrincipal, principalId, type Principal } from "./patterns.js"

/** The current instant from effect's Clock, as stored. */
export const nowIso: Effect.Effect<string> = Effect.map(Clock.currentTimeMillis, (ms) => new Date(ms).toISOString())

export const partyOf = (actor: Principal) => ({ id: principalId(actor), name: actor.name })

export const makeEvent = (ids: Ids["Service"], tag: string, aggregateId: string, at: string, data: unknown): Effect.Effect<DomainEvent> =>
  Effect.map(ids.next("evt"), (id) => ({ id, tag, aggregateId, at, data }))

/** Staff of the casilla system see every casilla; a receptor sees the one they log in to. */
export const canSeeCasilla = (c: Casilla, actor: Principal): boolean =>
  isSystemPrincipal(actor) ||
  holdsRole(actor, "auxiliar-casilla") ||
  holdsRole(actor, "operador-casilla") ||
  holdsRole(actor, "notificador") ||
  (holdsRole(actor, "receptor") && principalId(actor) === c.loginId)

export const loadCasilla = (store: CasillaStore["Service"], actor: Principal, casillaId: string) =>
  Effect.flatMap(store.getCasilla(casillaId), (o) =>
    Option.isSome(o) && canSeeCasilla(o.value, actor)
      ? Effect.succeed(o.value)
      : Effect.fail(new CasillaError({ reason: "casilla-not-found", casillaId })))

export const missingBlob = (key: string) => new CasillaStoreError({ reason: "unavailable", id: key, detail: "missing blob" })
