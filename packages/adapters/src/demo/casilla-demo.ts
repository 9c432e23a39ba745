import { Actor } from "@ecasilla/core"
import { CasillaConfig, CasillaError, CasillaService } from "@ecasilla/core/casilla"
import { Clock, Effect } from "effect"

/**
 * The people of the casilla demo: an Auxiliar, a Notificador, an Emisor, a receptor persona
 * natural (DNI) and an entity (RUC). Playgrounds let the visitor act as any of them. The
 * staff's casilla roles here are what SARI's demo assigns them (`sariDemoAssignments`); where
 * the casilla runs with SARI's RoleDirectory, those assignments decide, not this list.
 *
 * @since 0.2.0
 * @category demo
 */
export const casillaDemoUsers: ReadonlyArray<Actor> = [
  new Actor({ id: "U18342", name: "Jorge Salas Ríos", roles: ["auxiliar-casilla"], unit: "SCM" }),
  new Actor({ id: "E40125", name: "Rosa Quispe Mamani", roles: ["notificador"], unit: "SCM" }),
  new Actor({ id: "U20011", name: "Ana Torres Villanueva", roles: ["emisor"], unit: "GCSPB" }),
  new Actor({ id: "10117410", name: "María Huanca Flores", roles: ["receptor"] }),
  new Actor({ id: "20131378972", name: "Municipalidad Distrital de Ejemplo", roles: ["receptor"] })
]

const [jorge, rosa, ana, maria, entidad] = casillaDemoUsers
// The second emisor of the history; not offered as a playground identity.
const luis = new Actor({ id: "U20019", name: "Luis Paredes Cano", roles: ["emisor"], unit: "SCM" })

const asuntos = [
  "Comunicación de inicio del servicio de control",
  "Requerimiento de información y documentación",
  "Pliego de hechos: presente sus comentarios",
  "Notificación del Informe de Control Específico",
  "Comunicación de desplazamiento de la comisión de control"
]

const DAY = 86_400_000
const HOUR = 3_600_000

/**
 * A clock the seed moves by hand, so the history it writes through the service carries past
 * dates. Only the service's timestamps read it: the signature verification of each deposit
 * runs on the real time, with the real trust anchors.
 */
const scriptedClock = (real: Clock.Clock) => {
  let now = real.currentTimeMillisUnsafe()
  const clock: Clock.Clock = {
    ...real,
    currentTimeMillisUnsafe: () => now,
    currentTimeMillis: Effect.sync(() => now),
    currentTimeNanosUnsafe: () => BigInt(now) * 1_000_000n,
    currentTimeNanos: Effect.sync(() => BigInt(now) * 1_000_000n)
  }
  return { clock, set: (ms: number) => void (now = ms) }
}

/**
 * Seeds the casilla demo through `CasillaService`, the path a real deployment takes: the
 * Auxiliar creates and activates María's casilla and the entity's; for each of `count`
 * notifications the Notificador prepares it with one of `documents` (signed PDFs), the Emisor
 * signs it and the Notificador deposits it, so the deposit verifies the signature against the
 * configured trust anchors and records the real verdict and SHA-256; every third one María
 * opens. Newest first, 7 hours apart. Returns false, changing nothing, when María's casilla is
 * already there. A document the configured verifier does not find valid (e.g. not chaining to
 * the configured anchors) fails the seed with `document-not-valid` before anything is written.
 *
 * @since 0.2.0
 * @category demo
 */
export const seedCasillaDemo = (
  documents: ReadonlyArray<{ readonly name: string; readonly bytes: Uint8Array }>,
  options: { readonly now?: Date; readonly count?: number } = {}
) =>
  Effect.gen(function*() {
    const service = yield* CasillaService
    const exists = yield* service.findCasilla(jorge, maria.id).pipe(
      Effect.as(true),
      Effect.catchTag("@ecasilla/core/casilla/CasillaError", (e) => (e.reason === "casilla-not-found" ? Effect.succeed(false) : Effect.fail(e)))
    )
    if (exists) return false
    // A document that would not deposit fails the seed before it writes anything.
    const config = yield* CasillaConfig
    for (const d of documents) {
      const v = yield* config.verifier(d.bytes, { trustAnchors: config.trustAnchors, locale: config.locale })
      if (v.verdict !== "valid") {
        return yield* Effect.fail(new CasillaError({ reason: "document-not-valid", action: "deposit", documentName: d.name, verdict: v.verdict, ...(v.detail ? { detail: v.detail } : {}) }))
      }
    }
    const now = options.now?.getTime() ?? (yield* Clock.currentTimeMillis)
    const { clock, set } = scriptedClock(yield* Clock.Clock)
    const count = documents.length === 0 ? 0 : options.count ?? 24
    yield* Effect.gen(function*() {
      set(now - 90 * DAY)
      const mine = yield* service.createCasilla(jorge, { receptorKind: "persona-natural", loginId: maria.id, name: maria.name, origin: "asignacion-obligatoria" })
      yield* service.activateCasilla(jorge, mine.id)
      const theirs = yield* service.createCasilla(jorge, {
        receptorKind: "entidad",
        loginId: entidad.id,
        name: entidad.name,
        origin: "asignacion-obligatoria",
        titular: { dni: "44556677", name: "Pedro Alcalde Ramos" }
      })
      yield* service.activateCasilla(jorge, theirs.id)
      // Oldest first, so the store's order of deposit is the order of the dates.
      for (let i = count - 1; i >= 0; i--) {
        const deposited = now - i * 7 * HOUR - HOUR
        const emisor = i % 2 ? ana : luis
        const doc = documents[i % documents.length]
        set(deposited - 2 * HOUR)
        const draft = yield* service.prepareNotification(rosa, {
          casillaId: mine.id,
          emisor: { id: emisor.id, name: emisor.name },
          cedula: { numero: `CED-2026-${String(500 + i).padStart(6, "0")}`, asunto: asuntos[i % asuntos.length], expediente: `EXP-2026-${1000 + i}`, plazoDiasHabiles: i % 2 ? 5 : 10 },
          documents: [{ name: `oficio-${500 + i}.pdf`, bytes: doc.bytes }]
        })
        set(deposited - HOUR)
        yield* service.signNotification(emisor, draft.id)
        set(deposited)
        yield* service.depositNotification(rosa, draft.id)
        if (i % 3 === 2) {
          set(deposited + HOUR / 2)
          yield* service.openNotification(maria, draft.id)
        }
      }
    }).pipe(Effect.provideService(Clock.Clock, clock))
    return true
  })
