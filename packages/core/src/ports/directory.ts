import { Context, type Effect, type Option } from "effect"
import type { Actor } from "../roles/actor.js"
import type { Collaborator } from "../roles/assignments.js"

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
  /**
   * Colleagues with their DNI, cargo and unit (SARI's "buscar colaborador"): by exact `id`,
   * by `text` (a DNI matches exactly, anything else the name or user code, folded) and/or
   * within `unitId`; at most `limit` (default 20), by name.
   */
  readonly findCollaborators: (query: CollaboratorQuery) => Effect.Effect<ReadonlyArray<Collaborator>>
}>()("@ecasilla/core/ports/Directory") {}

/**
 * Folds a text for searching: lower case, without accents, single spaces.
 *
 * @since 0.1.0
 * @category utils
 */
export const foldForSearch = (text: string): string =>
  text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim()

/**
 * What {@link Directory.findCollaborators} looks for; every given field must match.
 *
 * @since 0.2.0
 * @category models
 */
export interface CollaboratorQuery {
  readonly id?: string
  /** A DNI (8 digits, matched exactly) or part of a name or user code. */
  readonly text?: string
  readonly unitId?: string
  readonly limit?: number
}

/**
 * True when `c` matches `query` (adapters that filter in memory share this).
 *
 * @since 0.2.0
 * @category utils
 */
export const matchesCollaboratorQuery = (c: Collaborator, query: CollaboratorQuery): boolean => {
  if (query.id !== undefined && c.id !== query.id) return false
  if (query.unitId !== undefined && c.unit !== query.unitId) return false
  const text = query.text?.trim() ?? ""
  if (text === "") return true
  if (/^\d{8}$/.test(text)) return c.dni === text
  const q = foldForSearch(text)
  return foldForSearch(`${c.id} ${c.name}`).includes(q)
}

/**
 * By name (Spanish collation), then the limit: the order every adapter returns.
 *
 * @since 0.2.0
 * @category utils
 */
export const orderCollaborators = (cs: ReadonlyArray<Collaborator>, limit = 20): ReadonlyArray<Collaborator> =>
  [...cs].sort((a, b) => a.name.localeCompare(b.name, "es") || (a.id < b.id ? -1 : 1)).slice(0, Math.max(0, limit))
