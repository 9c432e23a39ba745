import { Context, type Effect, type Option } from "effect"
import type { Actor } from "../roles/actor.js"

/**
 * The registered users: who a ticket can be filed for ("Notificar en nombre de"),
 * who the analysts are, where to send e-mails.
 *
 * @since 0.1.0
 * @category ports
 */
export class Directory extends Context.Service<Directory, {
  /** The user with this id (user code, DNI or RUC), if registered. */
  readonly findUser: (id: string) => Effect.Effect<Option.Option<Actor>>
  /** Users whose id, name or e-mail contains `query` (accent- and case-insensitive), at most `limit`. */
  readonly searchUsers: (query: string, limit?: number) => Effect.Effect<ReadonlyArray<Actor>>
}>()("@ecasilla/core/ports/Directory") {}

/**
 * Folds a text for searching: lower case, without accents, single spaces.
 *
 * @since 0.1.0
 * @category utils
 */
export const foldForSearch = (text: string): string =>
  text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim()
