import type { Actor } from "@ecasilla/core"
import { defaultLayer, type ProvidedLayer } from "@ecasilla/elements"

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
 * Opens the playground's default storage: IndexedDB through the Dexie adapter,
 * seeded with the CAU demo on first visit (no server). Falls back to the memory
 * adapters when IndexedDB is not available (some private windows).
 */
export const openPlaygroundStorage = async (): Promise<PlaygroundStorage> => {
  try {
    const { layerDexieCau, layerDexieSari, openEcasillaDb, sariDemoConfig, seedCauDemo, seedSariDemo } = await import("@ecasilla/adapters/dexie")
    const { Layer } = await import("effect")
    const db = openEcasillaDb(PLAYGROUND_DB)
    const seeded = await seedCauDemo(db)
    // SARI shares the database (and its outbox): its demo units, operators and approvers.
    await seedSariDemo(db)
    return {
      layer: Layer.merge(layerDexieCau({ db }), layerDexieSari({ config: sariDemoConfig, db })),
      label: seeded ? "IndexedDB: datos de demostración cargados" : "IndexedDB: datos de demostración",
      labelEn: seeded ? "IndexedDB: demo data loaded" : "IndexedDB: demo data"
    }
  } catch (cause) {
    console.warn("playground: IndexedDB is not available, using memory", cause)
    return { layer: defaultLayer, label: "Datos en memoria (IndexedDB no disponible)", labelEn: "Data in memory (IndexedDB not available)" }
  }
}

/** Deletes the playground's database; the next visit seeds it again. */
export const resetPlaygroundStorage = async (): Promise<void> => {
  const { openEcasillaDb } = await import("@ecasilla/adapters/dexie")
  await openEcasillaDb(PLAYGROUND_DB).delete()
}

/** The people the visitor can act as: the CAU demo users, then the SARI demo operators, approvers and colleagues. */
export const demoActors = async (): Promise<ReadonlyArray<Actor>> => {
  const { cauDemoUsers, sariDemoUsers } = await import("@ecasilla/adapters/dexie")
  return [...cauDemoUsers, ...sariDemoUsers.filter((u) => !cauDemoUsers.some((c) => c.id === u.id))]
}
