import { HtmlSanitizer } from "@ecasilla/core/ports"
import type { WindowLike } from "dompurify"
import { Effect, Layer } from "effect"

/**
 * The HtmlSanitizer for Node: the same DOMPurify rules as the browser, over a jsdom
 * window, so a backend sanitizes exactly like a page does. `jsdom` is an optional
 * peer dependency of `@ecasilla/adapters`: install it where this layer is used. It
 * is imported when the layer is built; without it the build dies saying so.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerNodeHtmlSanitizer: Layer.Layer<HtmlSanitizer> = Layer.effect(HtmlSanitizer)(
  Effect.gen(function*() {
    const [{ JSDOM }, { makePurifier }] = yield* Effect.tryPromise({
      try: () => Promise.all([import("jsdom"), import("../internal/purify.js")]),
      catch: (cause) => new Error("layerNodeHtmlSanitizer needs the optional peer dependency jsdom: npm install jsdom", { cause })
    }).pipe(Effect.orDie)
    return HtmlSanitizer.of({ sanitize: makePurifier(new JSDOM("").window as unknown as WindowLike) })
  })
)
