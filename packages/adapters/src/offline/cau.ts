// The CAU of an offline page: the backend when it answers, IndexedDB when it does not.
//
// Every command first goes to the backend (through @ecasilla/adapters/http). When the
// network does not carry it, the same command runs on the core's TicketService over a local
// copy in IndexedDB, and the local change and the queued command commit in one IndexedDB
// transaction (QueuedMutation). `TicketSync.sync` replays the queue in order; each command
// carries the Idempotency-Key it was queued with, which the backend commits with the change,
// so a replay that is repeated (a lost answer, a killed server, two tabs) applies once.
import type { Actor } from "@ecasilla/core"
import {
  type CauConfigShape,
  isProvisionalTicketNumber,
  PROVISIONAL_TICKET_PREFIX,
  type Ticket,
  TicketStoreError,
  TicketService,
  TicketSync,
  type TicketSyncFailure,
  type TicketSyncOp,
  type TicketSyncStatus
} from "@ecasilla/core/cau"
import { Directory, type HtmlSanitizer } from "@ecasilla/core/ports"
import { isSystemPrincipal, type Principal } from "@ecasilla/core/roles"
import { Cause, Context, Duration, Effect, Exit, Layer, Option, Schedule, Semaphore } from "effect"
import { layerBrowserHtmlSanitizer } from "../browser/html-sanitizer.js"
import { type EcasillaDb, type MutationRow, openEcasillaDb } from "../dexie/db.js"
import { layerDexieDirectory } from "../dexie/directory.js"
import { layerDexieIds } from "../dexie/ids.js"
import { layerDexieTicketStore, QueuedMutation, toRow } from "../dexie/ticket-store.js"
import { type HttpCauOptions, IdempotencyKey, layerHttpCau } from "../http/cau.js"
import { layerMemoryCau } from "../memory/cau.js"

/**
 * What {@link layerOfflineCau} can be given.
 *
 * @since 0.2.0
 * @category models
 */
export interface OfflineCauOptions extends HttpCauOptions {
  /** The IndexedDB database of the local copy and the queue (default: `openEcasillaDb()`). */
  readonly db?: EcasillaDb
  /** The sanitizer of the local copy's rich text (default: DOMPurify over the page's window). */
  readonly sanitizer?: Layer.Layer<HtmlSanitizer>
  /** The backend's CAU configuration (catalog, limits), so offline checks are the backend's checks. */
  readonly config?: Partial<CauConfigShape>
  /**
   * How often to try the backend again while commands wait (default 15 s; 0 turns the timer
   * off). The browser's `online` event also starts a replay.
   */
  readonly retryEvery?: Duration.Input
}

type Service = TicketService["Service"]
type Failure = TicketSyncFailure["error"]

/** The core's error in plain form, as IndexedDB keeps it and `ticketErrorMessage` reads it. */
const plainError = (e: unknown): Failure => {
  if (typeof e === "object" && e !== null && typeof (e as { _tag?: unknown })._tag === "string") {
    return JSON.parse(JSON.stringify({ ...e, _tag: (e as { _tag: string })._tag })) as Failure
  }
  return { _tag: "@ecasilla/core/cau/TicketStoreError", reason: "unavailable", detail: String(e).slice(0, 300) }
}
const failureOf = (exit: Exit.Exit<unknown, unknown>): unknown => (Exit.isFailure(exit) ? Cause.squash(exit.cause) : undefined)
/** The network did not carry the call (no answer, a timeout, a 5xx, a body that is not the contract's). */
const isUnreachable = (e: unknown): boolean => e instanceof TicketStoreError && e.reason === "unavailable"

/**
 * The CAU for pages that must keep working without a network: TicketService and Directory
 * over the backend when it answers, over a copy in IndexedDB when it does not, and
 * {@link TicketSync} for the queue.
 *
 * - A command the network does not carry runs on the local copy with the core's own rules
 *   and waits in the queue, written in the same IndexedDB transaction as the local change.
 * - A ticket filed offline gets a provisional number (`PROV-2026-000001`,
 *   `isProvisionalTicketNumber`) until the backend numbers it.
 * - The queue replays in order (on the `online` event, on a timer, after each new command,
 *   or on `TicketSync.sync`), each command with its Idempotency-Key: never twice. Only the
 *   commands of the person acting now (the last actor of a call) are replayed or shown, so
 *   on a shared device nobody's commands go out under someone else's session.
 * - A command the backend refuses on replay (the ticket was assigned meanwhile) is kept as
 *   a failure for the person to see; the local copy takes the backend's ticket.
 * - Reads come from the backend and refresh the copy; offline, from the copy.
 *
 * @since 0.2.0
 * @category layers
 */
export const layerOfflineCau = (options: OfflineCauOptions): Layer.Layer<TicketService | Directory | TicketSync> =>
  Layer.effectContext(Effect.gen(function*() {
    const db = options.db ?? openEcasillaDb()
    const remoteContext = yield* Layer.build(layerHttpCau(options))
    const remote = Context.get(remoteContext, TicketService)
    const remoteDirectory = Context.get(remoteContext, Directory)
    const localContext = yield* Layer.build(layerMemoryCau({
      sanitizer: options.sanitizer ?? layerBrowserHtmlSanitizer,
      store: layerDexieTicketStore(db, { events: false }),
      directory: layerDexieDirectory(db),
      ids: layerDexieIds(db),
      relay: "manual",
      config: { ...options.config, numberPrefix: PROVISIONAL_TICKET_PREFIX }
    }))
    const local = Context.get(localContext, TicketService)
    const localDirectory = Context.get(localContext, Directory)

    // --- whose queue --------------------------------------------------------------------------
    // A device can be shared: only the commands of the person acting now are replayed (under
    // their session) or shown; another person's wait until they come back.
    let actorNow: string | undefined
    const seen = (actor: Principal) => {
      if (!isSystemPrincipal(actor)) actorNow = (actor as Actor).id
    }
    const mine = (status: MutationRow["status"]) => db.mutations.where("status").equals(status).filter((m) => actorNow !== undefined && m.actor.id === actorNow)

    // --- status ---------------------------------------------------------------------------
    let online = true
    let syncing = false
    const listeners = new Set<(s: TicketSyncStatus) => void>()
    const readStatus = Effect.promise(async (): Promise<TicketSyncStatus> => {
      const [pending, failed] = await Promise.all([mine("pending").count(), mine("failed").sortBy("seq")])
      const failures = failed.map((m): TicketSyncFailure => ({
        seq: m.seq!,
        op: m.op,
        ticketId: m.ticketId,
        ticketNumber: m.ticketNumber,
        titulo: m.titulo,
        error: m.error ?? plainError(undefined),
        at: m.at
      }))
      return { online, pending, syncing, failures }
    })
    const notify = Effect.flatMap(readStatus, (s) =>
      Effect.sync(() => {
        for (const f of listeners) {
          try {
            f(s)
          } catch {
            // A listener's own failure is its business.
          }
        }
        return s
      }))

    // --- the local copy ---------------------------------------------------------------------
    const pendingFor = (ids: ReadonlyArray<string>) => db.mutations.where("ticketId").anyOf([...ids]).and((m) => m.status === "pending").count()
    /** Keeps the backend's ticket, unless queued commands on it still wait (the local one shows them). */
    const cache = (tickets: ReadonlyArray<Ticket>) =>
      Effect.promise(() =>
        db.transaction("rw", [db.tickets, db.mutations], async () => {
          for (const t of tickets) if ((await pendingFor([t.id])) === 0) await db.tickets.put(toRow(t))
        })
      )
    /** The backend's id of a ticket filed offline, once it has one. */
    const serverIdOf = (id: string) => Effect.promise(async () => (await db.syncedIds.get(id))?.serverId ?? id)
    const isLocalOnly = (id: string) => Effect.promise(async () => isProvisionalTicketNumber((await db.tickets.get(id))?.number ?? ""))

    // --- commands -----------------------------------------------------------------------------
    const queued = (op: TicketSyncOp, actor: Principal, key: string, args: ReadonlyArray<unknown>, at: string) =>
    (ticket: Ticket): MutationRow => ({
      key,
      op,
      actor: actor as Actor,
      ticketId: ticket.id,
      ticketNumber: ticket.number,
      titulo: ticket.titulo,
      args,
      status: "pending",
      at
    })
    const onLocal = (op: TicketSyncOp, actor: Principal, key: string, ticketId: string | undefined, args: ReadonlyArray<unknown>) =>
      Effect.gen(function*() {
        const at = new Date().toISOString()
        const f = local[op] as (...a: Array<unknown>) => Effect.Effect<Ticket, unknown>
        const ticket = yield* (ticketId === undefined ? f(actor, ...args) : f(actor, ticketId, ...args)).pipe(
          Effect.provideService(QueuedMutation, queued(op, actor, key, args, at))
        )
        yield* notify
        return ticket
      })

    /**
     * A command: to the backend while nothing waits before it, else (or when the network
     * does not carry it) to the local copy and the queue, with the same key.
     */
    const runCommand = (op: TicketSyncOp, actor: Principal, ticketId: string | undefined, args: ReadonlyArray<unknown>): Effect.Effect<Ticket, any> =>
      Effect.gen(function*() {
        const f = remote[op] as (...a: Array<unknown>) => Effect.Effect<Ticket, unknown>
        if (isSystemPrincipal(actor)) return yield* (ticketId === undefined ? f(actor, ...args) : f(actor, ticketId, ...args))
        seen(actor)
        const key = globalThis.crypto.randomUUID()
        const waiting = yield* Effect.promise(() => mine("pending").count())
        const localOnly = ticketId !== undefined && (yield* isLocalOnly(ticketId))
        if (waiting === 0 && !localOnly) {
          const serverId = ticketId === undefined ? undefined : yield* serverIdOf(ticketId)
          const exit = yield* Effect.exit((serverId === undefined ? f(actor, ...args) : f(actor, serverId, ...args)).pipe(Effect.provideService(IdempotencyKey, key)))
          if (Exit.isSuccess(exit)) {
            online = true
            yield* cache([exit.value])
            return exit.value
          }
          const error = failureOf(exit)
          if (!isUnreachable(error)) return yield* Effect.fail(error)
          online = false
          // The backend may have applied it and lost the answer: the replay carries the same
          // key, so it is applied once either way. A ticket never seen here cannot be changed offline.
          const queuedExit = yield* Effect.exit(onLocal(op, actor, key, serverId, args))
          if (Exit.isSuccess(queuedExit)) return queuedExit.value
          const localError = failureOf(queuedExit)
          return yield* Effect.fail(localError instanceof TicketStoreError && localError.reason === "not-found" ? error : localError)
        }
        const ticket = yield* onLocal(op, actor, key, ticketId, args)
        yield* Effect.forkDetach(syncQuietly)
        return ticket
      })

    // --- replay ---------------------------------------------------------------------------------
    const replayOne = (m: MutationRow) =>
      Effect.gen(function*() {
        const f = remote[m.op] as (...a: Array<unknown>) => Effect.Effect<Ticket, unknown>
        const serverId = m.op === "createTicket" ? undefined : yield* serverIdOf(m.ticketId)
        const exit = yield* Effect.exit(
          (serverId === undefined ? f(m.actor, ...m.args) : f(m.actor, serverId, ...m.args)).pipe(Effect.provideService(IdempotencyKey, m.key))
        )
        if (Exit.isSuccess(exit)) {
          const ticket = exit.value
          yield* Effect.promise(() =>
            db.transaction("rw", [db.tickets, db.attachments, db.mutations, db.syncedIds], async () => {
              await db.mutations.delete(m.seq!)
              if (m.op === "createTicket") await db.syncedIds.put({ localId: m.ticketId, localNumber: m.ticketNumber, serverId: ticket.id, number: ticket.number })
              // The backend's ticket replaces the local one once nothing else waits on it.
              if ((await pendingFor([m.ticketId, ticket.id])) === 0) {
                if (m.ticketId !== ticket.id) {
                  await db.tickets.delete(m.ticketId)
                  await db.attachments.where("[ticketId+attachmentId]").between([m.ticketId, ""], [m.ticketId, "\uffff"]).delete()
                }
                await db.tickets.put(toRow(ticket))
              }
            })
          )
          return "done" as const
        }
        const error = failureOf(exit)
        if (isUnreachable(error)) return "unreachable" as const
        // Refused: kept for the person to see; the local copy takes the backend's ticket.
        const current = serverId === undefined ? Option.none<Ticket>() : Option.getSuccess(yield* Effect.result(remote.getTicket(m.actor, serverId)))
        yield* Effect.promise(() =>
          db.transaction("rw", [db.tickets, db.mutations], async () => {
            await db.mutations.update(m.seq!, { status: "failed", error: plainError(error) })
            if (Option.isSome(current) && (await pendingFor([m.ticketId, current.value.id])) === 0) await db.tickets.put(toRow(current.value))
            if (m.op === "createTicket" && (await pendingFor([m.ticketId])) === 0) await db.tickets.delete(m.ticketId)
          })
        )
        return "refused" as const
      })

    const semaphore = yield* Semaphore.make(1)
    const sync: Effect.Effect<TicketSyncStatus> = semaphore.withPermits(1)(
      Effect.gen(function*() {
        syncing = true
        yield* notify
        while (true) {
          const next = yield* Effect.promise(() => mine("pending").first())
          if (!next) {
            online = true
            break
          }
          const outcome = yield* replayOne(next)
          if (outcome === "unreachable") {
            online = false
            break
          }
          online = true
          yield* notify
        }
      }).pipe(Effect.ensuring(Effect.sync(() => {
        syncing = false
      })), Effect.andThen(notify))
    )
    const syncQuietly = Effect.asVoid(sync)

    const service: Service = TicketService.of({
      createTicket: (actor, input) => runCommand("createTicket", actor, undefined, [input]),
      editTicket: (actor, id, patch) => runCommand("editTicket", actor, id, [patch]),
      assignTicket: (actor, id, input) => runCommand("assignTicket", actor, id, [input]),
      addNote: (actor, id, input) => runCommand("addNote", actor, id, [input]),
      resolveTicket: (actor, id, input) => runCommand("resolveTicket", actor, id, [input]),
      rejectResolution: (actor, id, input) => runCommand("rejectResolution", actor, id, [input]),
      acceptResolution: (actor, id) => runCommand("acceptResolution", actor, id, []),
      submitSurvey: (actor, id, input) => runCommand("submitSurvey", actor, id, [input]),
      autoCloseResolved: (actor) => remote.autoCloseResolved(actor),
      getTicket: (actor, id) =>
        Effect.gen(function*() {
          seen(actor)
          const serverId = yield* serverIdOf(id)
          if ((yield* isLocalOnly(serverId)) || (yield* Effect.promise(() => pendingFor([id, serverId]))) > 0) {
            return yield* local.getTicket(actor, (yield* Effect.promise(() => db.tickets.get(id))) ? id : serverId)
          }
          const exit = yield* Effect.exit(remote.getTicket(actor, serverId))
          if (Exit.isSuccess(exit)) {
            yield* cache([exit.value])
            return exit.value
          }
          const error = failureOf(exit)
          if (!isUnreachable(error)) return yield* Effect.fail(error as TicketStoreError)
          online = false
          return yield* local.getTicket(actor, serverId).pipe(Effect.mapError((e) => (e instanceof TicketStoreError && e.reason === "not-found" ? (error as TicketStoreError) : e)))
        }),
      getTicketByNumber: (actor, number) =>
        Effect.suspend(() => {
          seen(actor)
          return Effect.void
        }).pipe(Effect.andThen(isProvisionalTicketNumber(number)
          ? Effect.gen(function*() {
            // Filed offline: here until it syncs, then under the backend's number.
            const synced = yield* Effect.promise(() => db.syncedIds.where("localNumber").equals(number).first())
            return yield* (synced && !(yield* Effect.promise(() => db.tickets.get(synced.localId)))
              ? service.getTicket(actor, synced.serverId)
              : local.getTicketByNumber(actor, number))
          })
          : remote.getTicketByNumber(actor, number).pipe(
            Effect.tap((t) => cache([t])),
            Effect.catch((e) => (isUnreachable(e) ? local.getTicketByNumber(actor, number).pipe(Effect.mapError((l) => (l instanceof TicketStoreError && l.reason === "not-found" ? e : l))) : Effect.fail(e)))
          ))),
      listTickets: (actor, query) =>
        Effect.gen(function*() {
          seen(actor)
          const exit = yield* Effect.exit(remote.listTickets(actor, query))
          if (Exit.isFailure(exit)) {
            const error = failureOf(exit)
            if (!isUnreachable(error)) return yield* Effect.fail(error as TicketStoreError)
            online = false
            return yield* local.listTickets(actor, query)
          }
          yield* cache(exit.value)
          // What the page changed offline shows as it is here, and tickets filed offline are listed too.
          const mine = yield* local.listTickets(actor, query)
          const waiting = new Set((yield* Effect.promise(() => db.mutations.where("status").equals("pending").toArray())).map((m) => m.ticketId))
          const byId = new Map(exit.value.map((t) => [t.id, t]))
          for (const t of mine) if (waiting.has(t.id) || isProvisionalTicketNumber(t.number)) byId.set(t.id, t)
          const all = [...byId.values()].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
          return query?.limit !== undefined ? all.slice(0, query.limit) : all
        }),
      getAttachment: (actor, id, attachmentId) =>
        Effect.gen(function*() {
          seen(actor)
          const serverId = yield* serverIdOf(id)
          if (yield* isLocalOnly(serverId)) return yield* local.getAttachment(actor, serverId, attachmentId)
          return yield* remote.getAttachment(actor, serverId, attachmentId).pipe(
            Effect.catch((e) => (isUnreachable(e) ? local.getAttachment(actor, serverId, attachmentId).pipe(Effect.mapError(() => e)) : Effect.fail(e)))
          )
        })
    })

    // People found on the backend are kept, so "en nombre de" still works offline.
    const directory = Directory.of({
      findUser: (userId) =>
        remoteDirectory.findUser(userId).pipe(
          Effect.tap((u) => (Option.isSome(u) ? Effect.promise(() => db.users.put({ ...u.value })) : Effect.void)),
          Effect.flatMap((u) => (Option.isSome(u) ? Effect.succeed(u) : localDirectory.findUser(userId)))
        ),
      searchUsers: (q, limit) =>
        remoteDirectory.searchUsers(q, limit).pipe(
          Effect.tap((users) => Effect.promise(() => db.users.bulkPut(users.map((u) => ({ ...u }))))),
          Effect.flatMap((users) => (users.length > 0 ? Effect.succeed(users) : localDirectory.searchUsers(q, limit)))
        ),
      findCollaborators: (query) => localDirectory.findCollaborators(query)
    })

    const ticketSync = TicketSync.of({
      status: readStatus,
      sync,
      dismiss: (seq) =>
        Effect.promise(() => db.mutations.where("seq").equals(seq).and((m) => m.status === "failed" && m.actor.id === actorNow).delete()).pipe(Effect.andThen(notify), Effect.asVoid),
      watch: (listener) =>
        Effect.sync(() => {
          listeners.add(listener)
          return () => void listeners.delete(listener)
        })
    })

    // Try again when the browser says the network is back, and on a timer while commands wait.
    const target = globalThis as { addEventListener?: (t: string, f: () => void) => void; removeEventListener?: (t: string, f: () => void) => void }
    if (typeof target.addEventListener === "function") {
      const services = yield* Effect.context<never>()
      const onOnline = () => void Effect.runForkWith(services)(syncQuietly)
      yield* Effect.acquireRelease(Effect.sync(() => target.addEventListener!("online", onOnline)), () => Effect.sync(() => target.removeEventListener?.("online", onOnline)))
    }
    const every = Duration.fromInputUnsafe(options.retryEvery ?? Duration.seconds(15))
    if (Duration.toMillis(every) > 0) {
      yield* Effect.forkScoped(
        Effect.repeat(
          Effect.flatMap(Effect.promise(() => mine("pending").count()), (n) => (n > 0 ? syncQuietly : Effect.void)),
          Schedule.spaced(every)
        )
      )
    }
    // What waited from an earlier visit goes out now.
    yield* Effect.forkScoped(syncQuietly)

    return Context.make(TicketService, service).pipe(Context.add(Directory, directory), Context.add(TicketSync, ticketSync))
  }))
