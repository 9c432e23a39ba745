import { Ids, randomId } from "@ecasilla/core/ports"
import { Effect, Layer } from "effect"
import type { EcasillaDb } from "./db.js"

/**
 * Ids whose sequences persist in IndexedDB, so ticket numbers keep counting across page
 * loads (and tabs: each increment is one transaction). Ids are random.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerDexieIds = (db: EcasillaDb): Layer.Layer<Ids> =>
  Layer.succeed(Ids, Ids.of({
    next: (prefix) => Effect.sync(() => randomId(prefix)),
    sequence: (name) =>
      Effect.promise(() =>
        db.transaction("rw", db.counters, async () => {
          const value = ((await db.counters.get(name))?.value ?? 0) + 1
          await db.counters.put({ name, value })
          return value
        })
      )
  }))
