import type { Actor, Collaborator, RoleAssignment, RoleDirectory } from "@ecasilla/core/roles"
import { layerSariRoleDirectory, SariConfig, type SariConfigShape, type SariRequest, SariService, type SariStore } from "@ecasilla/core/sari"
import { type Directory, type EventOutbox, Ids, type MemoryEventOutbox } from "@ecasilla/core/ports"
import { Layer } from "effect"
import { layerMemoryDirectory } from "./directory.js"
import { layerMemorySariStore } from "./sari-store.js"

/**
 * What {@link layerMemorySari} can be given.
 *
 * @since 0.2.0
 * @category models
 */
export interface MemorySariOptions {
  readonly config: SariConfigShape
  readonly users?: ReadonlyArray<Actor>
  readonly collaborators?: ReadonlyArray<Collaborator>
  readonly assignments?: ReadonlyArray<RoleAssignment>
  readonly requests?: ReadonlyArray<SariRequest>
  /** Share one outbox with other memory stores. */
  readonly outbox?: MemoryEventOutbox
  /** Default: deterministic `Ids.layerTest`. */
  readonly ids?: Layer.Layer<Ids>
  /** A store (and its outbox) to use instead of a fresh memory one (the Dexie adapter passes its own). */
  readonly store?: Layer.Layer<SariStore | EventOutbox>
  readonly directory?: Layer.Layer<Directory>
}

/**
 * The whole of SARI over memory adapters: SariService, the SariStore and its EventOutbox,
 * the Directory, the RoleDirectory other services read roles from, and the settings.
 * Time is effect's Clock. Relay the outbox with `relayEvents([sariMailConsumer])`.
 *
 * @since 0.2.0
 * @category layers
 */
export const layerMemorySari = (
  options: MemorySariOptions
): Layer.Layer<SariService | SariStore | EventOutbox | Directory | RoleDirectory | Ids> => {
  const ports = Layer.mergeAll(
    options.store ?? layerMemorySariStore({
      ...(options.assignments ? { assignments: options.assignments } : {}),
      ...(options.requests ? { requests: options.requests } : {}),
      ...(options.outbox ? { outbox: options.outbox } : {})
    }),
    options.directory ?? layerMemoryDirectory(options.users ?? [], options.collaborators ?? []),
    options.ids ?? Ids.layerTest
  )
  const services = Layer.merge(SariService.layer, layerSariRoleDirectory)
  return services.pipe(Layer.provideMerge(ports), Layer.provide(Layer.succeed(SariConfig, options.config)))
}
