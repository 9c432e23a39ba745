import { Context, type Effect } from "effect"

/**
 * The prefix of the numbers a ticket filed offline shows until the backend gives it its
 * own: `PROV-2026-000001`. The backend never numbers with it (`numberPrefix` is the
 * deployment's, `CAU` by default), so a page can tell a provisional number by its prefix.
 *
 * @since 0.2.0
 * @category sync
 */
export const PROVISIONAL_TICKET_PREFIX = "PROV"

/**
 * Whether a ticket number is a provisional one, given offline, that the backend will
 * replace when the ticket syncs.
 *
 * @since 0.2.0
 * @category sync
 */
export const isProvisionalTicketNumber = (number: string): boolean => number.startsWith(`${PROVISIONAL_TICKET_PREFIX}-`)

/**
 * The TicketService commands an offline page can queue; replayed in the order they were
 * made.
 *
 * @since 0.2.0
 * @category sync
 */
export type TicketSyncOp =
  | "createTicket"
  | "editTicket"
  | "assignTicket"
  | "addNote"
  | "resolveTicket"
  | "rejectResolution"
  | "acceptResolution"
  | "submitSurvey"

/**
 * A queued command the backend refused when it was replayed (the ticket was assigned
 * meanwhile, a rule changed): kept until the person dismisses it, with the backend's
 * error as the core's tagged error in plain form (`_tag`, `reason`, …), which
 * `ticketErrorMessage` renders.
 *
 * @since 0.2.0
 * @category sync
 */
export interface TicketSyncFailure {
  readonly seq: number
  readonly op: TicketSyncOp
  /** The ticket it was made on, as the page knew it (a provisional one for a create). */
  readonly ticketId: string
  readonly ticketNumber: string
  readonly titulo: string
  readonly error: { readonly _tag: string; readonly reason?: string } & Record<string, unknown>
  /** When the command was made, ISO 8601. */
  readonly at: string
}

/**
 * Where an offline page stands: whether the backend answered last time, how many
 * commands wait, whether a replay runs, and the refused ones.
 *
 * @since 0.2.0
 * @category sync
 */
export interface TicketSyncStatus {
  readonly online: boolean
  readonly pending: number
  readonly syncing: boolean
  readonly failures: ReadonlyArray<TicketSyncFailure>
}

/**
 * The sync of an offline TicketService (`layerOfflineCau` in `@ecasilla/adapters/offline`):
 * commands made without a network wait in a queue next to the local change, and replay in
 * order, each exactly once, when the backend answers again.
 *
 * @since 0.2.0
 * @category sync
 */
export class TicketSync extends Context.Service<TicketSync, {
  readonly status: Effect.Effect<TicketSyncStatus>
  /** Replays what waits, oldest first; stops at the first command the network does not carry. */
  readonly sync: Effect.Effect<TicketSyncStatus>
  /** Forgets a refused command (its local change was already replaced by the backend's ticket). */
  readonly dismiss: (seq: number) => Effect.Effect<void>
  /** Calls `listener` with every new status; the returned function stops it. */
  readonly watch: (listener: (status: TicketSyncStatus) => void) => Effect.Effect<() => void>
}>()("@ecasilla/core/cau/TicketSync") {}
