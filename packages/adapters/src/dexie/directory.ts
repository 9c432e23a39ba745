import type { Actor } from "@ecasilla/core"
import { Directory, foldForSearch, matchesCollaboratorQuery, orderCollaborators } from "@ecasilla/core/ports"
import { Collaborator } from "@ecasilla/core/roles"
import { Schema } from "effect"
import { Effect, Layer, Option } from "effect"
import type { EcasillaDb } from "./db.js"

/**
 * A Directory over the `users` and `collaborators` tables (filled by the demo seeds or by the page).
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
      }),
    findCollaborators: (query) =>
      Effect.promise(async () => {
        // Narrow by the best index first, then apply the shared matcher.
        const text = query.text?.trim() ?? ""
        const rows = query.id !== undefined
          ? await db.collaborators.where("id").equals(query.id).toArray()
          : /^\d{8}$/.test(text)
            ? await db.collaborators.where("dni").equals(text).toArray()
            : query.unitId !== undefined
              ? await db.collaborators.where("unit").equals(query.unitId).toArray()
              : await db.collaborators.toArray()
        return orderCollaborators(rows.map((r) => decodeCollaborator(r)).filter((c) => matchesCollaboratorQuery(c, query)), query.limit)
      })
  }))

const decodeCollaborator = Schema.decodeUnknownSync(Collaborator)
