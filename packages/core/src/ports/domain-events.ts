import { Cause, Context, Effect, Exit, Layer, Schema, Semaphore } from "effect"
import { portErrorMessage } from "./messages.js"
import { copyStored } from "./stored-copy.js"

/**
 * A domain event as the outbox keeps it, the same shape for every domain. `tag` is fully
 * qualified (`"@ecasilla/core/cau/TicketCreated"`), `aggregateId` names what changed (a
 * ticket id, a SARI request id), `at` is ISO 8601 UTC and `data` is the domain's payload.
 * `id` is unique: consumers dedupe by it, since delivery is at least once.
 *
 * @since 0.2.0
 * @category events
 */
export const DomainEvent = Schema.Struct({
  id: Schema.String,
  tag: Schema.String,
  aggregateId: Schema.String,
  at: Schema.String,
  data: Schema.Unknown
})
/** @since 0.2.0 @category events */
export type DomainEvent = typeof DomainEvent.Type

/**
 * The outbox could not be read or updated.
 *
 * @since 0.2.0
 * @category errors
 */
export class EventOutboxError extends Schema.TaggedError<EventOutboxError>()("@ecasilla/core/ports/EventOutboxError", {
  reason: Schema.Literal("unavailable"),
  detail: Schema.optional(Schema.String)
}) {
  override get message(): string {
    return portErrorMessage(this)
  }
}

/**
 * The reading side of the event outbox. Domain stores append events inside their own
 * `commit` transaction (so an event exists exactly when its change does); the relay reads
 * them from here and marks them delivered.
 *
 * @since 0.2.0
 * @category ports
 */
export class EventOutbox extends Context.Service<EventOutbox, {
  /** Up to `limit` undelivered events, oldest first (commit order). */
  readonly pending: (limit: number) => Effect.Effect<ReadonlyArray<DomainEvent>, EventOutboxError>
  /** Marks events delivered; unknown or already delivered ids are ignored. */
  readonly markDelivered: (ids: ReadonlyArray<string>) => Effect.Effect<void, EventOutboxError>
}>()("@ecasilla/core/ports/EventOutbox") {}

/**
 * Something that reacts to domain events (e-mail, audit, a push to a page). It may see an
 * event more than once (delivery is at least once), so it must be idempotent by
 * `event.id`; it ignores tags it does not know. A failure leaves the event pending.
 *
 * @since 0.2.0
 * @category events
 */
export type EventConsumer<R = never> = (event: DomainEvent) => Effect.Effect<void, unknown, R>

/**
 * What one relay run did: the ids delivered and the ids left pending because a consumer
 * failed (or an earlier event of the same aggregate did).
 *
 * @since 0.2.0
 * @category events
 */
export interface RelayReport {
  readonly delivered: ReadonlyArray<string>
  readonly failed: ReadonlyArray<string>
}

/**
 * Delivers the pending events of the {@link EventOutbox} to every consumer, at least once
 * and in commit order. An event is marked delivered only after every consumer succeeded
 * with it; when one fails, the event stays pending (and is retried on the next run), and
 * later events of the same aggregate wait behind it so no consumer sees them out of order.
 * Other aggregates go on. Failures are logged, never raised: only the outbox itself failing
 * fails the run.
 *
 * @since 0.2.0
 * @category events
 */
export const relayEvents = <R = never>(
  consumers: ReadonlyArray<EventConsumer<R>>,
  options: { readonly batchSize?: number } = {}
): Effect.Effect<RelayReport, EventOutboxError, EventOutbox | R> =>
  Effect.gen(function*() {
    const outbox = yield* EventOutbox
    const batchSize = Math.max(1, options.batchSize ?? 100)
    const delivered: Array<string> = []
    const failed: Array<string> = []
    const held = new Set<string>()
    const seen = new Set<string>()
    while (true) {
      const page = yield* outbox.pending(batchSize)
      const fresh = page.filter((e) => !seen.has(e.id))
      if (fresh.length === 0) break
      for (const event of fresh) {
        seen.add(event.id)
        if (held.has(event.aggregateId)) {
          failed.push(event.id)
          continue
        }
        const exit = yield* Effect.exit(Effect.forEach(consumers, (consume) => Effect.suspend(() => consume(event)), { discard: true }))
        if (Exit.isSuccess(exit)) {
          yield* outbox.markDelivered([event.id])
          delivered.push(event.id)
        } else {
          if (Cause.hasInterruptsOnly(exit.cause)) return yield* Effect.interrupt
          held.add(event.aggregateId)
          failed.push(event.id)
          yield* Effect.logWarning(`Event ${event.tag} (${event.id}) left pending: a consumer failed`, exit.cause)
        }
      }
      if (page.length < batchSize) break
    }
    return { delivered, failed }
  })

/**
 * Runs {@link relayEvents} on demand (after a commit, on a timer, from a "retry" button),
 * one run at a time per layer so two runs never deliver the same event concurrently.
 *
 * @since 0.2.0
 * @category services
 */
export class EventRelay extends Context.Service<EventRelay, {
  readonly run: Effect.Effect<RelayReport, EventOutboxError>
}>()("@ecasilla/core/ports/EventRelay") {
  /**
   * A relay over the given consumers; their requirements (a Mailer…) become the layer's.
   *
   * @since 0.2.0
   * @category layers
   */
  static readonly layer = <R = never>(
    consumers: ReadonlyArray<EventConsumer<R>>,
    options: { readonly batchSize?: number } = {}
  ): Layer.Layer<EventRelay, never, EventOutbox | R> =>
    Layer.effect(
      EventRelay,
      Effect.gen(function*() {
        const context = yield* Effect.context<EventOutbox | R>()
        const lock = yield* Semaphore.make(1)
        return EventRelay.of({ run: lock.withPermit(relayEvents(consumers, options).pipe(Effect.provideContext(context))) })
      })
    )
}

/**
 * An in-memory outbox. Memory stores of every domain share one and append to it inside
 * their commit; `append` is all-or-nothing (a duplicate id appends nothing).
 *
 * @since 0.2.0
 * @category models
 */
export interface MemoryEventOutbox {
  readonly outbox: EventOutbox["Service"]
  readonly layer: Layer.Layer<EventOutbox>
  /** The id already in the outbox, if any of `events` repeats one (then `append` would fail). */
  readonly duplicateOf: (events: ReadonlyArray<DomainEvent>) => string | undefined
  /** Appends events in order; throws, appending nothing, when an id repeats. */
  readonly append: (events: ReadonlyArray<DomainEvent>) => void
  /** Every event with its delivery flag, in commit order (for tests). */
  readonly entries: () => ReadonlyArray<{ readonly event: DomainEvent; readonly delivered: boolean }>
}

/**
 * Makes a {@link MemoryEventOutbox}. Events are copied in and out, like a real store.
 *
 * @since 0.2.0
 * @category constructors
 */
export const makeMemoryEventOutbox = (): MemoryEventOutbox => {
  const rows: Array<{ event: DomainEvent; delivered: boolean }> = []
  const byId = new Map<string, { event: DomainEvent; delivered: boolean }>()
  const duplicateOf = (events: ReadonlyArray<DomainEvent>): string | undefined => {
    const ids = new Set<string>()
    for (const e of events) {
      if (byId.has(e.id) || ids.has(e.id)) return e.id
      ids.add(e.id)
    }
    return undefined
  }
  const outbox = EventOutbox.of({
    pending: (limit) => Effect.sync(() => rows.filter((r) => !r.delivered).slice(0, Math.max(0, limit)).map((r) => copyStored(r.event))),
    markDelivered: (ids) =>
      Effect.sync(() => {
        for (const id of ids) {
          const row = byId.get(id)
          if (row) row.delivered = true
        }
      })
  })
  return {
    outbox,
    layer: Layer.succeed(EventOutbox, outbox),
    duplicateOf,
    append: (events) => {
      const dup = duplicateOf(events)
      if (dup !== undefined) throw new Error(`Duplicate event id ${dup}`)
      // Every event is copied before any is kept: one that cannot be stored appends none.
      const added = events.map((e) => ({ event: copyStored(e), delivered: false }))
      for (const row of added) {
        rows.push(row)
        byId.set(row.event.id, row)
      }
    },
    entries: () => rows.map((r) => ({ event: copyStored(r.event), delivered: r.delivered }))
  }
}
