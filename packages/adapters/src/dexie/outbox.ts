import { EventOutbox, EventOutboxError } from "@ecasilla/core/ports"
import { Dexie } from "dexie"
import { Effect, Layer } from "effect"
import type { EcasillaDb } from "./db.js"

const unavailable = (cause: unknown) => new EventOutboxError({ reason: "unavailable", detail: cause instanceof Error ? cause.message : String(cause) })

/**
 * The EventOutbox over the `outbox` table the Dexie stores' commits append to.
 *
 * @since 0.2.0
 * @category constructors
 */
export const makeDexieEventOutbox = (db: EcasillaDb): EventOutbox["Service"] =>
  EventOutbox.of({
    pending: (limit) =>
      Effect.tryPromise({
        try: async () => {
          const rows = await db.outbox.where("[delivered+seq]").between([0, Dexie.minKey], [0, Dexie.maxKey]).limit(Math.max(0, limit)).toArray()
          return rows.map(({ id, tag, aggregateId, at, data }) => ({ id, tag, aggregateId, at, data }))
        },
        catch: unavailable
      }),
    markDelivered: (ids) =>
      Effect.tryPromise({
        try: () => db.transaction("rw", db.outbox, () => db.outbox.where("id").anyOf([...ids]).modify({ delivered: 1 })).then(() => undefined),
        catch: unavailable
      })
  })

/**
 * {@link makeDexieEventOutbox} as a Layer.
 *
 * @since 0.2.0
 * @category layers
 */
export const layerDexieEventOutbox = (db: EcasillaDb): Layer.Layer<EventOutbox> => Layer.sync(EventOutbox, () => makeDexieEventOutbox(db))
