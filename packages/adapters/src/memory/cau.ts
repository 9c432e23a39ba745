import type { Actor } from "@ecasilla/core"
import { CauConfig, type CauConfigShape, defaultCauConfig, type Ticket, ticketMailConsumer, TicketService, TicketStore } from "@ecasilla/core/cau"
import { type Directory, type EventConsumer, type EventOutbox, EventRelay, type HtmlSanitizer, Ids, Mailer } from "@ecasilla/core/ports"
import { Effect, Layer } from "effect"
import { layerMemoryDirectory } from "./directory.js"
import { layerMemoryTicketStore } from "./ticket-store.js"

/**
 * What {@link layerMemoryCau} can be given; everything but the sanitizer has a default.
 * Time comes from effect's Clock: merge `TestClock.layer()` (from `effect/testing`) into the
 * runtime to drive it in tests.
 *
 * @since 0.1.0
 * @category models
 */
export interface MemoryCauOptions {
  /** The HTML sanitizer: `layerBrowserHtmlSanitizer` (`@ecasilla/adapters/browser`) in a page, `layerNodeHtmlSanitizer` (`@ecasilla/adapters/node`) in Node. */
  readonly sanitizer: Layer.Layer<HtmlSanitizer>
  readonly users?: ReadonlyArray<Actor>
  readonly tickets?: ReadonlyArray<Ticket>
  /** Default: no mail is sent (`Mailer.layerNoop`). */
  readonly mailer?: Layer.Layer<Mailer>
  /** Default: deterministic `Ids.layerTest`. */
  readonly ids?: Layer.Layer<Ids>
  readonly config?: Partial<CauConfigShape>
  /** A store and the outbox its commits write to, instead of fresh memory ones (the Dexie adapter passes its own). */
  readonly store?: Layer.Layer<TicketStore | EventOutbox>
  readonly directory?: Layer.Layer<Directory>
  /** What the relay delivers events to. Default: `[ticketMailConsumer]`. */
  readonly consumers?: ReadonlyArray<EventConsumer<Mailer>>
  /**
   * `"after-commit"` (default): every commit runs the relay right after it, so e-mails go out
   * with the command (a failure only leaves the event pending). `"manual"`: only
   * `EventRelay.run` delivers (a timer, a retry button, a test).
   */
  readonly relay?: "after-commit" | "manual"
}

/**
 * Makes every commit of a TicketStore run the relay right after it, and runs it once when the
 * layer starts, in the background: events an earlier session left pending (the mail server
 * was down, the tab closed mid-relay) go out when the page opens again, not only with its
 * next command. A relay failure never fails a command: the events stay in the outbox for the
 * next run.
 *
 * @since 0.2.0
 * @category layers
 */
export const relayAfterCommit: Layer.Layer<TicketStore, never, TicketStore | EventRelay> = Layer.effect(
  TicketStore,
  Effect.gen(function*() {
    const store = yield* TicketStore
    const relay = yield* EventRelay
    // Interrupted with the layer's scope (the runtime disposed) if still running.
    yield* Effect.forkScoped(relay.run.pipe(Effect.catchCause((cause) => Effect.logWarning("Event relay failed at start; events stay pending", cause))))
    return TicketStore.of({
      ...store,
      commit: (commit) =>
        Effect.tap(store.commit(commit), () =>
          relay.run.pipe(Effect.catchCause((cause) => Effect.logWarning("Event relay failed after a commit; events stay pending", cause))))
    })
  })
)

/**
 * The whole CAU over memory adapters: TicketService plus the TicketStore, its EventOutbox
 * and EventRelay (e-mail consumer), the Directory and Ids under it. One call for tests,
 * demos and playgrounds.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerMemoryCau = (
  options: MemoryCauOptions
): Layer.Layer<TicketService | TicketStore | EventOutbox | EventRelay | Directory | Ids | HtmlSanitizer> => {
  const config = { ...defaultCauConfig, ...options.config }
  const configLayer = Layer.succeed(CauConfig, config)
  const storage = options.store ?? layerMemoryTicketStore(options.tickets ?? [])
  const relay = EventRelay.layer(options.consumers ?? [ticketMailConsumer]).pipe(
    Layer.provide(options.mailer ?? Mailer.layerNoop),
    Layer.provide(configLayer)
  )
  const withRelay = Layer.provideMerge(relay, storage)
  const store = options.relay === "manual" ? withRelay : Layer.provideMerge(relayAfterCommit, withRelay)
  const ports = Layer.mergeAll(
    store,
    options.directory ?? layerMemoryDirectory(options.users ?? []),
    options.ids ?? Ids.layerTest,
    options.sanitizer
  )
  // The config is part of the output too: the elements read the catalog and limits from it.
  return TicketService.layer.pipe(Layer.provideMerge(ports), Layer.provideMerge(configLayer))
}
