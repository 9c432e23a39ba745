import { Directory, foldForSearch, matchesCollaboratorQuery, orderCollaborators } from "@ecasilla/core/ports"
import type { Actor, Collaborator } from "@ecasilla/core/roles"
import { Effect, Layer, Option } from "effect"

/**
 * A Directory over a fixed list of users and of collaborators (SARI's colleague records:
 * DNI, cargo, unit).
 *
 * @since 0.1.0
 * @category layers
 */
export const makeMemoryDirectory = (users: ReadonlyArray<Actor>, collaborators: ReadonlyArray<Collaborator> = []): Directory["Service"] => {
  const byId = new Map(users.map((u) => [u.id, u]))
  return Directory.of({
    findUser: (id) => Effect.sync(() => Option.fromNullishOr(byId.get(id))),
    searchUsers: (query, limit = 20) =>
      Effect.sync(() => {
        const q = foldForSearch(query)
        if (!q) return users.slice(0, limit)
        return users.filter((u) => foldForSearch(`${u.id} ${u.name} ${u.email ?? ""}`).includes(q)).slice(0, limit)
      }),
    findCollaborators: (query) =>
      Effect.sync(() => orderCollaborators(collaborators.filter((c) => matchesCollaboratorQuery(c, query)), query.limit))
  })
}

/**
 * {@link makeMemoryDirectory} as a Layer.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerMemoryDirectory = (users: ReadonlyArray<Actor>, collaborators: ReadonlyArray<Collaborator> = []): Layer.Layer<Directory> =>
  Layer.succeed(Directory, makeMemoryDirectory(users, collaborators))
