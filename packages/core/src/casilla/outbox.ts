import { Effect, Layer } from "effect"
import { EventOutbox, EventOutboxError } from "../ports/domain-events.js"
import { CasillaStore } from "./store.js"

const toOutboxError = (e: { readonly detail?: string | undefined; readonly reason: string }) =>
  new EventOutboxError({ reason: "unavailable", detail: e.detail ?? e.reason })

/**
 * The shared EventOutbox read from the CasillaStore, so `relayEvents` delivers the casilla's
 * events (NotificationDeposited…) to mail, audit or the server sync.
 *
 * @since 0.2.0
 * @category layers
 */
export const layerCasillaEventOutbox: Layer.Layer<EventOutbox, never, CasillaStore> = Layer.effect(
  EventOutbox,
  Effect.map(CasillaStore, (store) =>
    EventOutbox.of({
      pending: (limit) => Effect.mapError(store.pendingEvents(limit), toOutboxError),
      markDelivered: (ids) => Effect.mapError(store.markDelivered(ids), toOutboxError)
    }))
)
