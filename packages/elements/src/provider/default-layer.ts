import * as Effect from "effect/Effect"
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
 * The Layer `<ecasilla-provider>` builds its runtime from when none is given:
 * the memory adapters of `@ecasilla/adapters/memory` (the whole CAU over a
 * memory TicketStore and Directory, DOMPurify as HTML sanitizer, no e-mail).
 *
 * They are imported when the runtime first runs an effect, so a page that only
 * uses elements without ports (`<ecasilla-id-input>`) never loads them.
 *
 * @since 0.1.0
 * @category provider
 */
export const defaultLayer: ProvidedLayer = Layer.unwrap(
  Effect.promise(async () => {
    const [{ layerMemoryCau }, { HtmlSanitizer }] = await Promise.all([
      import("@ecasilla/adapters/memory"),
      import("@ecasilla/core/ports")
    ])
    return layerMemoryCau({ sanitizer: HtmlSanitizer.layerBrowser })
  })
)
