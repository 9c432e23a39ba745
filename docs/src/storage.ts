import type { Actor } from "@ecasilla/core"
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
export const openPlaygroundStorage = async (): Promise<PlaygroundStorage> => {
  try {
    const { layerDexieCau, openEcasillaDb, seedCauDemo } = await import("@ecasilla/adapters/dexie")
    const db = openEcasillaDb(PLAYGROUND_DB)
    const seeded = await seedCauDemo(db)
    return {
      layer: layerDexieCau({ db }),
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

/** Deletes the playground's database; the next visit seeds it again. */
export const resetPlaygroundStorage = async (): Promise<void> => {
  const { openEcasillaDb } = await import("@ecasilla/adapters/dexie")
  await openEcasillaDb(PLAYGROUND_DB).delete()
}

/** The people the visitor can act as (the CAU demo users). */
export const demoActors = async (): Promise<ReadonlyArray<Actor>> => (await import("@ecasilla/adapters/dexie")).cauDemoUsers
