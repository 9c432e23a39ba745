import type { Actor } from "@ecasilla/core"
import { Directory, foldForSearch } from "@ecasilla/core/ports"
import { Effect, Layer, Option } from "effect"
import type { EcasillaDb } from "./db.js"

/**
 * A Directory over the `users` table (filled by `seedCauDemo` or by the page).
 *
 * @since 0.1.0
 * @category layers
 */
export const layerDexieDirectory = (db: EcasillaDb): Layer.Layer<Directory> =>
  Layer.succeed(Directory, Directory.of({
    findUser: (id) => Effect.promise(async () => Option.fromNullishOr(await db.users.get(id))),
    searchUsers: (query, limit = 20) =>
      Effect.promise(async () => {
        const q = foldForSearch(query)
        const all: ReadonlyArray<Actor> = await db.users.orderBy("name").toArray()
        return (q ? all.filter((u) => foldForSearch(`${u.id} ${u.name} ${u.email ?? ""}`).includes(q)) : all).slice(0, limit)
      })
  }))
