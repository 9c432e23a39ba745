import { Context, Layer } from "effect"

/**
 * Turns untrusted rich text (a ticket's descripción) into HTML that is safe to show:
 * formatting, lists, tables and http(s)/mailto/tel links stay; scripts, event handlers,
 * `javascript:` links, frames, forms and styles that hide content go.
 *
 * The core holds only the port (and a DOM-free plain-text fallback): DOMPurify
 * implementations live in `@ecasilla/adapters/browser` (`layerBrowserHtmlSanitizer`)
 * and `@ecasilla/adapters/node` (`layerNodeHtmlSanitizer`).
 *
 * @since 0.1.0
 * @category ports
 */
export class HtmlSanitizer extends Context.Service<HtmlSanitizer, {
  readonly sanitize: (html: string) => string
}>()("@ecasilla/core/ports/HtmlSanitizer") {
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
