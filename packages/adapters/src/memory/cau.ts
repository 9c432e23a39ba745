import type { Actor } from "@ecasilla/core"
import {
  CauConfig,
  type CauConfigShape,
  defaultCauConfig,
  type Ticket,
  TicketEvents,
  ticketMailConsumer,
  TicketService,
  type TicketStore
} from "@ecasilla/core/cau"
import { Clock, type Directory, type HtmlSanitizer, Ids, Mailer } from "@ecasilla/core/ports"
import { Layer } from "effect"
import { layerMemoryDirectory } from "./directory.js"
import { layerMemoryTicketStore } from "./ticket-store.js"

/**
 * What {@link layerMemoryCau} can be given; everything but the sanitizer has a default.
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
  /** Default: the system clock. */
  readonly clock?: Layer.Layer<Clock>
  /** Default: deterministic `Ids.layerTest`. */
  readonly ids?: Layer.Layer<Ids>
  readonly config?: Partial<CauConfigShape>
  /** A store to use instead of a fresh memory one (the Dexie adapter passes its own). */
  readonly store?: Layer.Layer<TicketStore>
  readonly directory?: Layer.Layer<Directory>
}

/**
 * The whole CAU over memory adapters: TicketService plus the TicketStore, Directory and
 * e-mail consumer under it. One call for tests, demos and playgrounds.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerMemoryCau = (
  options: MemoryCauOptions
): Layer.Layer<TicketService | TicketStore | Directory | TicketEvents | Clock | Ids | HtmlSanitizer> => {
  const config = { ...defaultCauConfig, ...options.config }
  const ports = Layer.mergeAll(
    options.store ?? layerMemoryTicketStore(options.tickets ?? []),
    options.directory ?? layerMemoryDirectory(options.users ?? []),
    options.clock ?? Clock.layerSystem,
    options.ids ?? Ids.layerTest,
    options.sanitizer,
    TicketEvents.layer(ticketMailConsumer).pipe(Layer.provide(options.mailer ?? Mailer.layerNoop))
  )
  // The config is part of the output too: the elements read the catalog and limits from it.
  return TicketService.layer.pipe(Layer.provideMerge(ports), Layer.provideMerge(Layer.succeed(CauConfig, config)))
}
