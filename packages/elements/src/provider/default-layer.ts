import * as Layer from "effect/Layer"

/**
 * Any Layer that needs nothing: what `<ecasilla-provider>` builds its runtime
 * from. (A Layer is contravariant in what it provides, so `never` here accepts
 * every Layer.)
 *
 * @since 0.1.0
 * @category provider
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ProvidedLayer = Layer.Layer<never, any, never>

/**
 * The Layer `<ecasilla-provider>` builds its runtime from when none is given.
 * Until `@ecasilla/adapters/memory` exposes its memory Layers this is the empty
 * Layer: effects that need no port (identity checks) run, effects that need a
 * port fail with "service not found" until a Layer is set.
 *
 * @since 0.1.0
 * @category provider
 */
export const defaultLayer: ProvidedLayer = Layer.empty
