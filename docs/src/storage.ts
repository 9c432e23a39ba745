import type { Actor } from "@ecasilla/core"
import type { RoleDirectory } from "@ecasilla/core/roles"
import type { ProvidedLayer } from "@ecasilla/elements"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"

/** The IndexedDB database of the playground. */
export const PLAYGROUND_DB = "ecasilla-playground"

/**
 * The playground's storage once open: the Layers for the page's provider and a
 * label for the header.
 */
export interface PlaygroundStorage {
  readonly layer: ProvidedLayer
  readonly label: string
  readonly labelEn: string
}

/**
 * The playground's storage as one Layer the provider can take at once: it opens
 * (and seeds) the storage when the runtime is first built, so the page's elements
 * never run without a layer. `label` resolves with the header's text (es, en).
 */
export const playgroundLayer = (): { readonly layer: ProvidedLayer; readonly label: Promise<{ readonly es: string; readonly en: string }> } => {
  const storage = openPlaygroundStorage()
  return {
    layer: Layer.unwrap(Effect.promise(() => storage.then((s) => s.layer))),
    label: storage.then((s) => ({ es: s.label, en: s.labelEn }))
  }
}

/**
 * Opens the playground's default storage: IndexedDB through the Dexie adapter,
 * seeded with the CAU demo on first visit (no server). Falls back to the memory
 * adapters when IndexedDB is not available (some private windows).
 */
export const openPlaygroundStorage = (): Promise<PlaygroundStorage> => {
  opening = openStorage()
  return opening
}

/** The storage being opened last: the actor list waits for its seeds (roles come from them). */
let opening: Promise<PlaygroundStorage> | undefined

/**
 * Whether the page is served with a backend (`ECASILLA_BACKEND=… npm start` marks its pages
 * with `<meta name="ecasilla-backend">`) and the backend answers the contract's health check.
 * A page without the mark asks nothing of the network.
 */
export const backendAvailable = async (): Promise<boolean> => {
  if (!document.querySelector('meta[name="ecasilla-backend"]')) return false
  try {
    const res = await fetch("/api/health", { cache: "no-store" })
    return res.ok && ((await res.json()) as { ok?: unknown }).ok === true
  } catch {
    return false
  }
}

/**
 * The playground on the example backend: the CAU offline-capable over HTTP (a copy and a
 * queue in IndexedDB), SARI, the casilla and sign-in over HTTP, all on the page's origin.
 */
const openBackendStorage = async (): Promise<PlaygroundStorage> => {
  const [{ layerHttpAuth, layerHttpCasilla, layerHttpSari }, { layerOfflineCau }, { openEcasillaDb }] = await Promise.all([
    import("@ecasilla/adapters/http"),
    import("@ecasilla/adapters/offline"),
    import("@ecasilla/adapters/dexie")
  ])
  const baseUrl = location.origin
  return {
    layer: Layer.mergeAll(
      layerOfflineCau({ baseUrl, db: openEcasillaDb(`${PLAYGROUND_DB}-backend`) }),
      layerHttpSari({ baseUrl }),
      layerHttpCasilla({ baseUrl }),
      layerHttpAuth({ baseUrl })
    ),
    label: "Servidor de ejemplo (examples/server)",
    labelEn: "Example server (examples/server)"
  }
}

const openStorage = async (): Promise<PlaygroundStorage> => {
  if (await backendAvailable()) return openBackendStorage()
  try {
    const { layerDexieCau, layerDexieSari, openEcasillaDb, sariDemoConfig, seedCauDemo, seedSariDemo } = await import("@ecasilla/adapters/dexie")
    const { Layer } = await import("effect")
    const db = openEcasillaDb(PLAYGROUND_DB)
    const seeded = await seedCauDemo(db)
    // SARI shares the database (and its outbox): its demo units, operators and approvers.
    await seedSariDemo(db)
    // The casilla reads who holds which casilla role from SARI's RoleDirectory, over the
    // same database: a SARI approval or revocation made in the playground counts at once.
    const sari = layerDexieSari({ config: sariDemoConfig, db })
    return {
      layer: Layer.mergeAll(layerDexieCau({ db }), sari, await playgroundCasillaLayer(sari)),
      label: seeded ? "IndexedDB: datos de demostración cargados" : "IndexedDB: datos de demostración",
      labelEn: seeded ? "IndexedDB: demo data loaded" : "IndexedDB: demo data"
    }
  } catch (cause) {
    console.warn("playground: IndexedDB is not available, using memory", cause)
    const [{ layerMemoryCau, cauDemoUsers }, { layerBrowserHtmlSanitizer }] = await Promise.all([
      import("@ecasilla/adapters/memory"),
      import("@ecasilla/adapters/browser")
    ])
    return {
      layer: layerMemoryCau({ sanitizer: layerBrowserHtmlSanitizer, users: cauDemoUsers }),
      label: "Datos en memoria (IndexedDB no disponible)",
      labelEn: "Data in memory (IndexedDB not available)"
    }
  }
}

/**
 * The casilla scope of the playground. A deployment scopes the receptor's casilla database
 * by the signed-in receptor; with no server, the playground's notificador deposits into the
 * same browser, so every demo actor shares this one scope (María's casilla is seeded there).
 */
export const PLAYGROUND_CASILLA_SCOPE = "playground"

/** Password of every casilla demo account on the <casilla-login> page. */
export const CASILLA_DEMO_PASSWORD = "Demo-2026"

let lastDemoResetToken: () => string | undefined = () => undefined

/**
 * The token of the last password-reset link the playground's demo gateway issued: what the
 * e-mail would carry (the playground sends none).
 */
export const demoResetToken = (): string | undefined => lastDemoResetToken()

/**
 * The casilla service over the Dexie casilla store (seeded with the demo on first visit),
 * verifying deposited PDFs with the site's demo root and reading roles from SARI's
 * RoleDirectory, plus a memory sign-in gateway with the casilla demo accounts.
 */
const playgroundCasillaLayer = async (sari: Layer.Layer<RoleDirectory>): Promise<ProvidedLayer> => {
  const [{ casillaDemoUsers, layerDexieCasillaStore, openCasillaDb, seedCasillaDemo }, { makeMemoryAuthGateway }, { casillaConfigLayer, CasillaService, firmaDocumentVerifier }, { Ids }] =
    await Promise.all([import("@ecasilla/adapters/dexie"), import("@ecasilla/adapters/memory"), import("@ecasilla/core/casilla"), import("@ecasilla/core/ports")])
  const cdb = openCasillaDb(PLAYGROUND_CASILLA_SCOPE)
  const trustAnchors = await demoTrustAnchors()
  const auth = await makeMemoryAuthGateway(casillaDemoUsers.map((actor) => ({ actor, password: CASILLA_DEMO_PASSWORD })))
  lastDemoResetToken = auth.lastResetToken
  const deps = Layer.mergeAll(layerDexieCasillaStore(cdb), Ids.layerRandom, casillaConfigLayer({ trustAnchors, verifier: firmaDocumentVerifier }))
  const service = CasillaService.layer.pipe(Layer.provideMerge(deps), Layer.provide(sari))
  // The demo history is deposited through the service, so each verdict is the verifier's.
  const documents = await demoSignedDocuments()
  await Effect.runPromise(seedCasillaDemo(documents).pipe(Effect.provide(service))).catch((e: unknown) => {
    console.warn("ecasilla playground: the casilla demo could not be seeded", e)
  })
  return Layer.mergeAll(service, auth.layer)
}

/** The signed sample PDFs of the site (see docs/scripts/firma-samples.ts); none when absent. */
const demoSignedDocuments = async (): Promise<ReadonlyArray<{ name: string; bytes: Uint8Array }>> => {
  const out: Array<{ name: string; bytes: Uint8Array }> = []
  for (const name of ["valido.pdf", "dos-firmas.pdf"]) {
    try {
      const response = await fetch(`/assets/firma/${name}`)
      if (response.ok) out.push({ name, bytes: new Uint8Array(await response.arrayBuffer()) })
    } catch {
      // offline first visit without the samples: the casillas are seeded empty
    }
  }
  return out
}

/** The root of the site's signed samples (built with the site); none when it is absent. */
export const demoTrustAnchors = async (): Promise<ReadonlyArray<Uint8Array>> => {
  try {
    const response = await fetch("/assets/firma/raiz.pem")
    return response.ok ? [new Uint8Array(await response.arrayBuffer())] : []
  } catch {
    return []
  }
}

/** Deletes the playground's databases; the next visit seeds them again. */
export const resetPlaygroundStorage = async (): Promise<void> => {
  const { clearCasillaScope, openEcasillaDb } = await import("@ecasilla/adapters/dexie")
  await openEcasillaDb(PLAYGROUND_DB).delete()
  await clearCasillaScope(PLAYGROUND_CASILLA_SCOPE)
}

/**
 * The people the visitor can act as: the CAU demo users, then the SARI demo operators,
 * approvers and colleagues, then the casilla's, each with the roles SARI gives them now.
 */
export const demoActors = async (): Promise<ReadonlyArray<Actor>> => {
  const { casillaDemoUsers, cauDemoUsers, sariDemoUsers } = await import("@ecasilla/adapters/dexie")
  const all: Array<Actor> = []
  for (const u of [...cauDemoUsers, ...sariDemoUsers, ...casillaDemoUsers]) if (!all.some((a) => a.id === u.id)) all.push(u)
  return rolesNow(all)
}

/**
 * The demo people with the roles SARI's RoleDirectory gives them now (what the casilla
 * service checks; the SARI-managed roles come only from the role assignments); as listed
 * when the playground database is not available.
 */
const rolesNow = async (people: ReadonlyArray<Actor>): Promise<ReadonlyArray<Actor>> => {
  if (await backendAvailable()) return rolesOnBackend(people)
  try {
    const [{ layerDexieSari, openEcasillaDb, sariDemoConfig }, { RoleDirectory }] = await Promise.all([import("@ecasilla/adapters/dexie"), import("@ecasilla/core/roles")])
    // The seeds first: the role assignments are written there.
    await (opening ?? openPlaygroundStorage())
    const db = openEcasillaDb(PLAYGROUND_DB)
    const current = Effect.flatMap(Effect.service(RoleDirectory), (d) => Effect.forEach(people, (p) => d.refresh(p)))
    return await Effect.runPromise(current.pipe(Effect.provide(layerDexieSari({ config: sariDemoConfig, db }))))
  } catch (cause) {
    console.warn("playground: the casilla roles could not be read from SARI", cause)
    return people
  }
}

/** Each person as the backend's directory has them now (its roles include what SARI granted there). */
const rolesOnBackend = (people: ReadonlyArray<Actor>): Promise<ReadonlyArray<Actor>> =>
  Promise.all(people.map(async (person) => {
    try {
      const res = await fetch(`/api/users?q=${encodeURIComponent(person.id)}&limit=5`, { headers: { "x-ecasilla-user": person.id } })
      const found = res.ok ? ((await res.json()) as ReadonlyArray<{ readonly id: string; readonly roles: ReadonlyArray<string> }>).find((u) => u.id === person.id) : undefined
      return found ? new (person.constructor as typeof Actor)({ ...person, roles: [...found.roles] as Actor["roles"] }) : person
    } catch {
      return person
    }
  }))
