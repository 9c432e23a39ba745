import { Context, Layer } from "effect"
import type { WindowLike } from "dompurify"
import { makePurifier, richTextPolicy as policy } from "./internal/purify.js"

/**
 * Turns untrusted rich text (a ticket's descripción) into HTML that is safe to show:
 * formatting, lists, tables and http(s)/mailto/tel links stay; scripts, event handlers,
 * `javascript:` links, frames, forms and styles that hide content go.
 *
 * @since 0.1.0
 * @category ports
 */
export class HtmlSanitizer extends Context.Service<HtmlSanitizer, {
  readonly sanitize: (html: string) => string
}>()("@ecasilla/core/ports/HtmlSanitizer") {
  /**
   * DOMPurify over the page's own `window`. Built lazily: importing this module in Node is
   * fine, building the layer without a DOM is a defect (use the Node adapter there).
   *
   * @since 0.1.0
   * @category layers
   */
  static readonly layerBrowser: Layer.Layer<HtmlSanitizer> = Layer.sync(HtmlSanitizer, () => {
    const w = (globalThis as { window?: WindowLike }).window
    if (!w) throw new Error("HtmlSanitizer.layerBrowser needs a DOM window; in Node use @ecasilla/adapters/node")
    return HtmlSanitizer.of({ sanitize: makePurifier(w) })
  })

  /**
   * DOMPurify over a given window, e.g. a jsdom window in Node.
   *
   * @since 0.1.0
   * @category layers
   */
  static readonly layerWindow = (
    window: WindowLike,
    options: {
      /**
       * Runs before DOMPurify, e.g. to drop early what the policy drops anyway; DOMPurify
       * still sanitizes its output, so it cannot widen what passes.
       */
      readonly prepare?: (html: string) => string
    } = {}
  ): Layer.Layer<HtmlSanitizer> =>
    Layer.sync(HtmlSanitizer, () => {
      const purify = makePurifier(window)
      const prepare = options.prepare
      return HtmlSanitizer.of({ sanitize: prepare ? (html) => purify(prepare(html)) : purify })
    })

  /**
   * No DOM at all: every tag is dropped and the text escaped, line breaks kept.
   * Safe anywhere, loses formatting.
   *
   * @since 0.1.0
   * @category layers
   */
  static readonly layerPlainText: Layer.Layer<HtmlSanitizer> = Layer.succeed(
    HtmlSanitizer,
    HtmlSanitizer.of({ sanitize: (html) => plainTextToHtml(htmlToPlainText(html)) })
  )
}

/**
 * The rich-text policy every HtmlSanitizer layer enforces through DOMPurify: allowed tags
 * and attributes, and the style filter.
 *
 * @since 0.2.0
 * @category constants
 */
export const richTextPolicy: {
  readonly allowedTags: ReadonlyArray<string>
  readonly allowedAttributes: ReadonlyArray<string>
  readonly filterStyle: (style: string) => string
} = policy

/**
 * Escapes a text for HTML content or attribute values.
 *
 * @since 0.1.0
 * @category utils
 */
export const escapeHtml = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;")

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: "\"", apos: "'", nbsp: " ", "#39": "'" }

/**
 * The text of an HTML fragment without a DOM: blocks become line breaks, tags go,
 * scripts and styles go with their content, common entities are decoded. Good for
 * plain-text e-mails and "is it empty?" checks; never use it to make HTML safe.
 *
 * @since 0.1.0
 * @category utils
 */
export const htmlToPlainText = (html: string): string =>
  html
    .replace(/<(script|style|template)\b[\s\S]*?<\/\1\s*>/gi, "")
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(p|div|li|h[1-6]|tr|blockquote|pre)\s*>/gi, "\n")
    .replace(/<li\b[^>]*>/gi, "• ")
    .replace(/<[^>]*>/g, "")
    .replace(/&(#\d+|#x[0-9a-f]+|\w+);/gi, (m, e: string) => {
      if (e[0] === "#") {
        const code = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)
        return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : ""
      }
      return ENTITIES[e.toLowerCase()] ?? m
    })
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim()

/**
 * A plain text as HTML paragraphs, escaped.
 *
 * @since 0.1.0
 * @category utils
 */
export const plainTextToHtml = (text: string): string =>
  text
    .split(/\n{2,}/)
    .filter((p) => p.trim() !== "")
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, "<br>")}</p>`)
    .join("")
