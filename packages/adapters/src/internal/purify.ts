import DOMPurify, { type Config, type WindowLike } from "dompurify"

// Rich text of a help-desk ticket: formatting, lists, tables, quotes and links.
// No images, forms, media, frames, <style>, classes or ids (DOM clobbering).
// `body` is the walk root DOMPurify starts from (never serialized: only its content is
// returned). Leaving it out makes DOMPurify treat the root as disallowed and hoist a deep
// clone of the whole input, which with jsdom re-parses every style attribute.
const ALLOWED_TAGS = [
  "body", "p", "br", "div", "span", "b", "strong", "i", "em", "u", "s", "strike", "del", "ins", "sub", "sup", "small",
  "mark", "ul", "ol", "li", "a", "blockquote", "pre", "code", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
  "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption"
]
const ALLOWED_ATTR = ["href", "title", "style", "colspan", "rowspan", "start", "type", "dir", "lang"]

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

/** Keeps only the whitelisted declarations of a style attribute; "" when none is left. */
export const filterStyle = (style: string): string =>
  style
    .split(";")
    .map((decl) => {
      const i = decl.indexOf(":")
      if (i < 0) return undefined
      const prop = decl.slice(0, i).trim().toLowerCase()
      const value = decl.slice(i + 1).trim().replace(/\s*!important$/i, "")
      const rule = STYLE_RULES[prop]
      return rule && !/url\(|expression|\\|\/\*/i.test(value) && rule(value) ? `${prop}: ${value}` : undefined
    })
    .filter((d): d is string => d !== undefined)
    .join("; ")

const config: Config = {
  ALLOWED_TAGS,
  ALLOWED_ATTR,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  // Links: http(s), mailto and tel only; relative links are allowed, scheme-less.
  ALLOWED_URI_REGEXP: /^(?:(?:https?|mailto|tel):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i,
  KEEP_CONTENT: true,
  FORBID_TAGS: ["style", "script", "template", "noscript"],
  RETURN_TRUSTED_TYPE: false
}

/**
 * The rich-text policy DOMPurify enforces, for pre-filters that drop early what it would drop
 * anyway (the Node adapter's, where every attribute costs a jsdom CSS parse).
 */
export const richTextPolicy = {
  allowedTags: ALLOWED_TAGS as ReadonlyArray<string>,
  allowedAttributes: ALLOWED_ATTR as ReadonlyArray<string>,
  filterStyle
}

/** A sanitize function over DOMPurify bound to `window` (a browser window or a jsdom window). */
export const makePurifier = (window: WindowLike): ((html: string) => string) => {
  const purify = DOMPurify(window)
  if (!purify.isSupported) throw new Error("DOMPurify is not supported by this window")
  purify.addHook("uponSanitizeAttribute", (_node, data) => {
    if (data.attrName === "style") {
      const kept = filterStyle(data.attrValue)
      if (kept) data.attrValue = kept
      else data.keepAttr = false
    }
  })
  purify.addHook("afterSanitizeAttributes", (node) => {
    // Links open outside the ticket view and never hand it the opener.
    if (node.nodeName === "A" && node.getAttribute("href")) {
      node.setAttribute("target", "_blank")
      node.setAttribute("rel", "noopener noreferrer nofollow")
    }
  })
  // Set once: a config passed to every `sanitize` call is parsed again on every call.
  purify.setConfig({ ...config, ADD_ATTR: ["target", "rel"] })
  return (html) => purify.sanitize(html) as unknown as string
}
