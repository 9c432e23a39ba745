import { HtmlSanitizer } from "@ecasilla/core/ports"
import type { WindowLike } from "dompurify"
import { Effect, Layer } from "effect"

/**
 * The HtmlSanitizer of a page: DOMPurify, with the CAU's rules, over the page's own
 * `window`. DOMPurify is loaded when the layer is built, so a page that never
 * sanitizes never downloads it; building it without a DOM is a defect (use
 * `layerNodeHtmlSanitizer` from `@ecasilla/adapters/node` there).
 *
 * @since 0.2.0
 * @category layers
 */
export const layerBrowserHtmlSanitizer: Layer.Layer<HtmlSanitizer> = Layer.effect(HtmlSanitizer)(
  Effect.suspend(() => {
    const w = (globalThis as { window?: WindowLike }).window
    if (!w) return Effect.die(new Error("layerBrowserHtmlSanitizer needs a DOM window; in Node use layerNodeHtmlSanitizer from @ecasilla/adapters/node"))
    return layerWindowSanitizer(w)
  })
)

/**
 * DOMPurify, with the CAU's rules, over a given window (a page's, an iframe's, a
 * jsdom window).
 *
 * @since 0.2.0
 * @category layers
 */
export const layerWindowHtmlSanitizer = (window: WindowLike): Layer.Layer<HtmlSanitizer> =>
  Layer.effect(HtmlSanitizer)(layerWindowSanitizer(window))

const layerWindowSanitizer = (window: WindowLike) =>
  Effect.map(
    Effect.promise(() => import("../internal/purify.js")),
    ({ makePurifier }) => HtmlSanitizer.of({ sanitize: makePurifier(window) })
  )
