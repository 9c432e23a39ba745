import { Ids } from "@ecasilla/core/ports"
import { Effect, Layer } from "effect"
import type { EcasillaDb } from "./db.js"

const randomHex = (): string => {
  const bytes = new Uint8Array(16)
  globalThis.crypto.getRandomValues(bytes)
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")
}

/**
 * Ids whose sequences persist in IndexedDB, so ticket numbers keep counting across page
 * loads (and tabs: each increment is one transaction). Ids are random.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerDexieIds = (db: EcasillaDb): Layer.Layer<Ids> =>
  Layer.succeed(Ids, Ids.of({
    next: (prefix) => Effect.sync(() => `${prefix}_${randomHex()}`),
    sequence: (name) =>
      Effect.promise(() =>
        db.transaction("rw", db.counters, async () => {
          const value = ((await db.counters.get(name))?.value ?? 0) + 1
          await db.counters.put({ name, value })
          return value
        })
      )
  }))
