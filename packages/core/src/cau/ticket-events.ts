import { Context, Effect, Layer } from "effect"
import type { TicketEvent } from "./events.js"
import type { Ticket } from "./ticket.js"

/**
 * Something that reacts to ticket events (e-mail, audit, a websocket push…). It receives
 * the event and the ticket as it is after the change. Its failures are logged and never
 * undo or fail the change.
 *
 * @since 0.1.0
 * @category events
 */
export type TicketEventConsumer<R = never> = (event: TicketEvent, ticket: Ticket) => Effect.Effect<void, unknown, R>

/**
 * Where services publish ticket events, after the change is stored.
 *
 * @since 0.1.0
 * @category services
 */
export class TicketEvents extends Context.Service<TicketEvents, {
  readonly publish: (events: ReadonlyArray<TicketEvent>, ticket: Ticket) => Effect.Effect<void>
}>()("@ecasilla/core/cau/TicketEvents") {
  /**
   * No consumer: events are only kept in the ticket's history.
   *
   * @since 0.1.0
   * @category layers
   */
  static readonly layerNone: Layer.Layer<TicketEvents> = Layer.succeed(TicketEvents, TicketEvents.of({ publish: () => Effect.void }))

  /**
   * Publishes every event to each consumer in order, one after another. The consumers'
   * requirements (a Mailer…) become the layer's.
   *
   * @since 0.1.0
   * @category layers
   */
  static readonly layer = <R = never>(...consumers: ReadonlyArray<TicketEventConsumer<R>>): Layer.Layer<TicketEvents, never, R> =>
    Layer.effect(
      TicketEvents,
      Effect.gen(function*() {
        const context = yield* Effect.context<R>()
        return TicketEvents.of({
          publish: (events, ticket) =>
            Effect.forEach(events, (event) =>
              Effect.forEach(consumers, (consume) =>
                consume(event, ticket).pipe(
                  Effect.provideContext(context),
                  Effect.catchCause((cause) => Effect.logWarning(`Ticket event consumer failed on ${event._tag}`, cause))
                ), { discard: true }), { discard: true })
        })
      })
    )
}
