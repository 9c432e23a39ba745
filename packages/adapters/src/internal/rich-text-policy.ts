// The rich-text policy of a help-desk ticket, in one place: the browser's DOMPurify
// (purify.ts) and the Node sanitizer (node/html-sanitizer.ts) both enforce exactly this.
// Rich text of a help-desk ticket: formatting, lists, tables, quotes and links.
// No images, forms, media, frames, <style>, classes or ids (DOM clobbering).
// `body` is the walk root DOMPurify starts from (never serialized: only its content is
// returned). Leaving it out makes DOMPurify treat the root as disallowed and hoist a deep
// clone of the whole input, which with jsdom re-parses every style attribute.
export const ALLOWED_TAGS = [
  "body", "p", "br", "div", "span", "b", "strong", "i", "em", "u", "s", "strike", "del", "ins", "sub", "sup", "small",
  "mark", "ul", "ol", "li", "a", "blockquote", "pre", "code", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
  "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption"
]
export const ALLOWED_ATTR = ["href", "title", "style", "colspan", "rowspan", "start", "type", "dir", "lang"]

// Style declarations kept, each with a value check; anything else (display, visibility,
// opacity, position, font-size, height, clip, transform…) can hide content and goes.
const SAFE_VALUE = /^[#(),.%\w\s-]{1,40}$/
const STYLE_RULES: Record<string, (v: string) => boolean> = {
  "color": (v) => SAFE_VALUE.test(v) && !/transparent|rgba|hsla/i.test(v),
  "background-color": (v) => SAFE_VALUE.test(v) && !/rgba|hsla/i.test(v),
  "text-align": (v) => /^(left|right|center|justify|start|end)$/i.test(v),
  "font-weight": (v) => /^(normal|bold|bolder|lighter|[1-9]00)$/i.test(v),
  "font-style": (v) => /^(normal|italic|oblique)$/i.test(v),
  "text-decoration": (v) => /^(none|underline|line-through|overline)( \w+)*$/i.test(v),
  "text-decoration-line": (v) => /^(none|underline|line-through|overline)$/i.test(v)
}

const RULES = new Map(Object.entries(STYLE_RULES))
const UNSAFE_VALUE = /url\(|expression|\\|\/\*/i
const IMPORTANT = /\s*!important$/i

/** Keeps only the whitelisted declarations of a style attribute; "" when none is left. */
export const filterStyle = (style: string): string => {
  // One pass with indexOf: a Word paste puts a dozen mso- declarations on every element, and
  // this runs on each of them on every ticket a backend accepts.
  let out = ""
  let start = 0
  while (start < style.length) {
    let end = style.indexOf(";", start)
    if (end < 0) end = style.length
    const colon = style.indexOf(":", start)
    if (colon > start && colon < end) {
      const prop = style.slice(start, colon).trim().toLowerCase()
      const rule = RULES.get(prop)
      if (rule) {
        const value = style.slice(colon + 1, end).trim().replace(IMPORTANT, "")
        if (!UNSAFE_VALUE.test(value) && rule(value)) out += `${out ? "; " : ""}${prop}: ${value}`
      }
    }
    start = end + 1
  }
  return out
}

/** Links: http(s), mailto and tel only; relative links are allowed, scheme-less. */
export const ALLOWED_URI_REGEXP = /^(?:(?:https?|mailto|tel):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i

/** The schemes a link may have (what ALLOWED_URI_REGEXP lets through, for scheme-list sanitizers). */
export const ALLOWED_SCHEMES = ["http", "https", "mailto", "tel"] as const

/** Elements removed with everything inside them, never unwrapped into the text. */
export const FORBIDDEN_WITH_CONTENT = ["script", "style", "template", "noscript", "svg", "math", "iframe", "noembed", "noframes", "plaintext", "xmp", "title", "head", "audio", "video", "textarea", "select", "option"]

/** What every link with an href gets: it opens outside the ticket view and never hands it the opener. */
export const LINK_ATTRIBUTES = { target: "_blank", rel: "noopener noreferrer nofollow" } as const
