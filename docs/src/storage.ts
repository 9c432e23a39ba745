import * as Layer from "effect/Layer"
import type { ProvidedLayer } from "@ecasilla/elements"

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
 * The playground's storage. The default of the playground is IndexedDB through
 * the Dexie adapter, seeded with demo data; until `@ecasilla/adapters/dexie`
 * exists it is the empty Layer (the identity elements need no port).
 */
export const playgroundStorage: PlaygroundStorage = {
  label: "Sin almacenamiento (pendiente: adaptador Dexie)",
  layer: async () => Layer.empty
}
