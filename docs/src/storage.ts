import { defaultLayer, type ProvidedLayer } from "@ecasilla/elements"

/**
 * Where the playground keeps its data, and how to build the Layers for it.
 */
export interface PlaygroundStorage {
  /** Shown in the header (Spanish). */
  readonly label: string
  /** Builds (and seeds, when needed) the Layers given to the page's provider. */
  readonly layer: () => Promise<ProvidedLayer>
}

/**
 * The playground's storage. Its default is meant to be IndexedDB through the
 * Dexie adapter with seeded demo data; until `@ecasilla/adapters/dexie` is
 * exported it is the provider's default, the memory adapters.
 */
export const playgroundStorage: PlaygroundStorage = {
  label: "Datos en memoria (se pierden al recargar)",
  layer: async () => defaultLayer
}
