import { HtmlSanitizer } from "@ecasilla/core/ports"
import { Layer } from "effect"
import sanitizeHtml from "sanitize-html"
import { ALLOWED_ATTR, ALLOWED_SCHEMES, ALLOWED_TAGS, ALLOWED_URI_REGEXP, filterStyle, FORBIDDEN_WITH_CONTENT, LINK_ATTRIBUTES } from "../internal/rich-text-policy.js"

/*
 * A backend sanitizes every ticket it accepts, so the Node path must be fast: DOMPurify over
 * jsdom paid jsdom's DOM and CSS engine for every element (about 40 ms for a 100 kB Word
 * paste). sanitize-html works on htmlparser2's stream, with no DOM, and enforces the same
 * policy module as the browser's DOMPurify (tags, attributes, link schemes, style filter, link
 * rel): the tests check that what it lets through is kept as is by DOMPurify.
 */

// The policy's attributes other than the two checked here; `target` and `rel` of links are
// the policy's own (LINK_ATTRIBUTES), never the author's.
const PLAIN_ATTRIBUTES = new Set(ALLOWED_ATTR.filter((name) => name !== "style" && name !== "href"))

const options: sanitizeHtml.IOptions = {
  // `body` is only DOMPurify's walk root.
  allowedTags: ALLOWED_TAGS.filter((t) => t !== "body"),
  allowedAttributes: { "*": ALLOWED_ATTR, a: [...ALLOWED_ATTR, "target", "rel"] },
  allowedSchemes: [...ALLOWED_SCHEMES],
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: true,
  // Unknown elements are unwrapped (their text stays), as DOMPurify's KEEP_CONTENT does;
  // these go with everything inside.
  disallowedTagsMode: "discard",
  nonTextTags: FORBIDDEN_WITH_CONTENT,
  // Styles are filtered by the shared policy below, not by sanitize-html's postcss pass.
  parseStyleAttributes: false,
  transformTags: {
    // Runs on every opening tag: only the policy's attributes are copied (a Word paste puts
    // class, lang, width, valign… on most of them), with no intermediate entry arrays.
    "*": (tagName, attribs) => {
      const out: sanitizeHtml.Attributes = {}
      for (const name of Object.keys(attribs)) {
        const value = attribs[name]
        if (name === "style") {
          const kept = filterStyle(value)
          if (kept) out.style = kept
        } else if (name === "href") {
          // The same link rule as DOMPurify's ALLOWED_URI_REGEXP, on the value without the
          // whitespace and control characters a browser ignores in a URL.
          if (ALLOWED_URI_REGEXP.test(value.replace(/[\u0000-\u0020\u007f-\u009f]/g, ""))) out.href = value
        } else if (PLAIN_ATTRIBUTES.has(name)) out[name] = value
      }
      if (tagName === "a" && out.href) Object.assign(out, LINK_ATTRIBUTES)
      return { tagName, attribs: out }
    }
  }
}

/**
 * Sanitizes rich text with the ticket policy (the same module the browser's DOMPurify uses),
 * synchronously and with no DOM.
 *
 * @since 0.2.0
 * @category utils
 */
export const sanitizeRichText = (html: string): string => sanitizeHtml(html, options)

/**
 * The HtmlSanitizer for Node: the rich-text policy of the browser's DOMPurify, enforced by
 * sanitize-html (htmlparser2, no DOM), so a backend keeps exactly what a page keeps.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerNodeHtmlSanitizer: Layer.Layer<HtmlSanitizer> = Layer.succeed(HtmlSanitizer)(HtmlSanitizer.of({ sanitize: sanitizeRichText }))
