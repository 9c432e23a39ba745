import { Actor } from "@ecasilla/core"
import { type Casilla, type CasillaStore, type Notification } from "@ecasilla/core/casilla"
import { Effect } from "effect"

/**
 * The people of the casilla demo: an Auxiliar, a Notificador, an Emisor, a receptor persona
 * natural (DNI) and an entity (RUC). Playgrounds let the visitor act as any of them.
 *
 * @since 0.2.0
 * @category demo
 */
export const casillaDemoUsers: ReadonlyArray<Actor> = [
  new Actor({ id: "U18342", name: "Jorge Salas Ríos", roles: ["auxiliar-casilla"], unit: "Subgerencia de Control de Municipalidades" }),
  new Actor({ id: "E40125", name: "Rosa Quispe Mamani", roles: ["notificador"], unit: "OCI Municipalidad Provincial del Cusco" }),
  new Actor({ id: "U20011", name: "Ana Torres Villanueva", roles: ["emisor"], unit: "Gerencia de Control de Servicios Públicos Básicos" }),
  new Actor({ id: "10117410", name: "María Huanca Flores", roles: ["receptor"] }),
  new Actor({ id: "20131378972", name: "Municipalidad Distrital de Ejemplo", roles: ["receptor"] })
]

const [jorge, rosa, ana, maria, entidad] = casillaDemoUsers

const asuntos = [
  "Comunicación de inicio del servicio de control",
  "Requerimiento de información y documentación",
  "Pliego de hechos: presente sus comentarios",
  "Notificación del Informe de Control Específico",
  "Comunicación de desplazamiento de la comisión de control"
]

// A one-page PDF the demo's documents point to (the demo does not claim real signatures: its
// stored verdicts are what a deposit would have recorded).
const demoPdf = new TextEncoder().encode(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)

/**
 * Writes the demo casillas (María's and the entity's, both active) and `count` deposited
 * notifications for María, newest first a week apart at most, every third one read, through
 * the store's commit. Returns false when the demo is already there.
 *
 * @since 0.2.0
 * @category demo
 */
export const seedCasillaDemo = (store: CasillaStore["Service"], options: { readonly now?: Date; readonly count?: number } = {}) =>
  Effect.gen(function*() {
    const existing = yield* store.getCasilla("cas_demo_maria")
    if (existing._tag === "Some") return false
    const now = (options.now ?? new Date()).getTime()
    const at = (ms: number) => new Date(ms).toISOString()
    const casilla = (id: string, who: Actor, kind: Casilla["receptorKind"]): Casilla => ({
      id,
      receptorKind: kind,
      loginId: who.id,
      name: who.name,
      origin: "asignacion-obligatoria",
      state: "Activa",
      createdBy: { id: jorge.id, name: jorge.name },
      createdAt: at(now - 90 * 86_400_000),
      activatedAt: at(now - 90 * 86_400_000),
      activatedBy: { id: jorge.id, name: jorge.name },
      titulares: kind === "entidad" ? [{ dni: "44556677", name: "Pedro Alcalde Ramos", since: at(now - 90 * 86_400_000) }] : [],
      version: 1
    })
    const notifications: Array<Notification> = []
    const count = options.count ?? 24
    for (let i = 0; i < count; i++) {
      const deposited = at(now - i * 7 * 3_600_000 - 3_600_000)
      const read = i % 3 === 2
      const id = `ntf_demo_${String(i + 1).padStart(3, "0")}`
      notifications.push({
        id,
        casillaId: "cas_demo_maria",
        receptorId: maria.id,
        receptorName: maria.name,
        emisor: i % 2 ? { id: ana.id, name: ana.name } : { id: "U20019", name: "Luis Paredes Cano (Jefe de OCI)" },
        notificador: { id: rosa.id, name: rosa.name },
        cedula: { numero: `CED-2026-${String(500 + i).padStart(6, "0")}`, asunto: asuntos[i % asuntos.length], expediente: `EXP-2026-${1000 + i}`, plazoDiasHabiles: i % 2 ? 5 : 10 },
        documents: [{ id: `doc_demo_${i + 1}`, name: `oficio-${500 + i}.pdf`, size: demoPdf.length, blobKey: `demo/${id}`, sha256: "0".repeat(64), verification: { verdict: "valid", at: deposited } }],
        state: read ? "Leída" : "Depositada",
        createdAt: deposited,
        signedAt: deposited,
        depositedAt: deposited,
        ...(read ? { readAt: at(Date.parse(deposited) + 1_800_000) } : {}),
        downloads: [],
        version: 1
      })
    }
    yield* store.commit({
      casillas: [casilla("cas_demo_maria", maria, "persona-natural"), casilla("cas_demo_entidad", entidad, "entidad")],
      notifications,
      blobs: notifications.map((n) => ({ key: n.documents[0].blobKey, bytes: demoPdf })),
      events: []
    })
    return true
  })
