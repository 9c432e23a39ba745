import { HtmlSanitizer } from "@ecasilla/core/ports"
import type { WindowLike } from "dompurify"
import { Effect, Layer } from "effect"
import { type DefaultTreeAdapterMap, parse, parseFragment, serialize } from "parse5"
import { makePurifier, richTextPolicy } from "../internal/purify.js"

/*
 * jsdom parses every style attribute with its CSS engine as the DOM is built, and a Word
 * paste carries long mso- styles on every element: measured, about 70% of the sanitizer's
 * time. So the policy's attribute allow-list is first applied on parse5's plain tree (no
 * CSS engine): attributes DOMPurify would drop go and styles are filtered; elements are
 * left to DOMPurify, whose hoisting rules are its own. DOMPurify then sanitizes the result
 * as always; this pass only drops, so it cannot let through what DOMPurify would refuse.
 */

const ALLOWED_ATTR = new Set(richTextPolicy.allowedAttributes)

interface P5Node {
  nodeName: string
  attrs?: Array<{ name: string; value: string }>
  childNodes?: Array<P5Node>
  content?: P5Node
}

type Body = DefaultTreeAdapterMap["element"]
let body: Body | undefined
const bodyContext = (): Body => {
  if (!body) {
    const html = (parse("<!DOCTYPE html><html><head></head><body></body></html>") as unknown as P5Node).childNodes!.find((n) => n.nodeName === "html")!
    body = html.childNodes!.find((n) => n.nodeName === "body") as unknown as Body
  }
  return body
}

const prune = (node: P5Node): void => {
  if (node.attrs) {
    const kept: Array<{ name: string; value: string }> = []
    for (const a of node.attrs) {
      if (!ALLOWED_ATTR.has(a.name)) continue
      if (a.name !== "style") kept.push(a)
      else {
        const style = richTextPolicy.filterStyle(a.value)
        if (style) kept.push({ name: "style", value: style })
      }
    }
    node.attrs = kept
  }
  if (node.childNodes) for (const c of node.childNodes) prune(c)
  if (node.content) prune(node.content)
}

/**
 * Drops, on a parse5 tree, the attributes the rich-text policy drops anyway and filters
 * styles; used before DOMPurify.
 *
 * @since 0.2.0
 * @category utils
 */
export const prefilterRichText = (html: string): string => {
  // Parsed as the content of <body> with scripting off, as DOMPurify parses it (DOMParser).
  const fragment = parseFragment(bodyContext(), html, { scriptingEnabled: false }) as unknown as P5Node
  prune(fragment)
  return serialize(fragment as never)
}

/**
 * The HtmlSanitizer for Node: the same DOMPurify rules as the browser, over a jsdom
 * window, after {@link prefilterRichText}, so a backend sanitizes exactly like a page
 * does. `jsdom` is an optional peer dependency of `@ecasilla/adapters`: install it where
 * this layer is used. It is imported, and the window made, once, when the layer is
 * built; without it the build dies saying so.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerNodeHtmlSanitizer: Layer.Layer<HtmlSanitizer> = Layer.effect(HtmlSanitizer)(
  Effect.gen(function*() {
    const { JSDOM } = yield* Effect.tryPromise({
      try: () => import("jsdom"),
      catch: (cause) => new Error("layerNodeHtmlSanitizer needs the optional peer dependency jsdom: npm install jsdom", { cause })
    }).pipe(Effect.orDie)
    const purify = makePurifier(new JSDOM("").window as unknown as WindowLike)
    return HtmlSanitizer.of({ sanitize: (html) => purify(prefilterRichText(html)) })
  })
)
