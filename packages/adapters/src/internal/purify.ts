import DOMPurify, { type Config, type WindowLike } from "dompurify"
import { ALLOWED_ATTR, ALLOWED_TAGS, ALLOWED_URI_REGEXP, filterStyle, LINK_ATTRIBUTES } from "./rich-text-policy.js"

const config: Config = {
  ALLOWED_TAGS,
  ALLOWED_ATTR,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOWED_URI_REGEXP,
  KEEP_CONTENT: true,
  FORBID_TAGS: ["style", "script", "template", "noscript"],
  RETURN_TRUSTED_TYPE: false
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
      node.setAttribute("target", LINK_ATTRIBUTES.target)
      node.setAttribute("rel", LINK_ATTRIBUTES.rel)
    }
  })
  // Set once: a config passed to every `sanitize` call is parsed again on every call.
  purify.setConfig({ ...config, ADD_ATTR: ["target", "rel"] })
  return (html) => purify.sanitize(html) as unknown as string
}
