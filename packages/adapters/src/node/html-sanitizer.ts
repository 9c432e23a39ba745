import { HtmlSanitizer } from "@ecasilla/core/ports"
import type { WindowLike } from "dompurify"
import { Effect, Layer } from "effect"
import { JSDOM } from "jsdom"

/**
 * The HtmlSanitizer for Node: the core's DOMPurify rules over a jsdom window, so a
 * backend sanitizes exactly like the browser does. The window is made when the layer is
 * built.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerNodeHtmlSanitizer: Layer.Layer<HtmlSanitizer> = Layer.unwrap(
  Effect.sync(() => HtmlSanitizer.layerWindow(new JSDOM("").window as unknown as WindowLike))
)
