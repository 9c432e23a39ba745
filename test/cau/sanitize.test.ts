import { filterStyleForTest } from "./internal-access.js"
import { HtmlSanitizer, htmlToPlainText } from "@ecasilla/core/ports"
import { layerNodeHtmlSanitizer } from "@ecasilla/adapters/node"
import { layerBrowserHtmlSanitizer, layerWindowHtmlSanitizer } from "@ecasilla/adapters/browser"
import { Effect } from "effect"
import { JSDOM } from "jsdom"
import { beforeAll, describe, expect, it } from "vitest"

let sanitize: (html: string) => string
beforeAll(async () => {
  sanitize = (await Effect.runPromise(Effect.provide(HtmlSanitizer, layerNodeHtmlSanitizer))).sanitize
})

const payloads = [
  "<script>window.__xss = 1</script>",
  "<img src=x onerror=\"window.__xss=1\">",
  "<svg><script>window.__xss=1</script></svg>",
  "<svg onload=window.__xss=1>",
  "<a href=\"javascript:window.__xss=1\">clic</a>",
  "<a href=\"JaVaScRiPt&colon;window.__xss=1\">clic</a>",
  "<a href=\"  javascript:window.__xss=1\">clic</a>",
  "<a href=\"data:text/html,<script>window.__xss=1</script>\">clic</a>",
  "<a href=\"vbscript:msgbox(1)\">clic</a>",
  "<iframe src=\"javascript:window.__xss=1\"></iframe>",
  "<body onload=window.__xss=1>",
  "<details open ontoggle=window.__xss=1>",
  "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>",
  "<form><button formaction=javascript:window.__xss=1>x</button></form>",
  "<input autofocus onfocus=window.__xss=1>",
  "<p style=\"background:url(javascript:window.__xss=1)\">x</p>",
  "<object data=\"javascript:window.__xss=1\"></object>",
  "<embed src=\"javascript:window.__xss=1\">",
  "<meta http-equiv=\"refresh\" content=\"0;url=javascript:window.__xss=1\">",
  "<base href=\"javascript:/\">",
  "<noscript><p title=\"</noscript><img src=x onerror=window.__xss=1>\">",
  "<template><img src=x onerror=window.__xss=1></template>",
  "<div id=\"x\" class=\"y\" onclick=\"window.__xss=1\">z</div>",
  "\"><img src=x onerror=window.__xss=1>"
]

describe("HtmlSanitizer in Node (DOMPurify over jsdom)", () => {
  it.each(payloads)("neutralises %s", (payload) => {
    const out = sanitize(`<p>antes</p>${payload}<p>después</p>`)
    expect(out).not.toMatch(/<script|<iframe|<object|<embed|<svg|<math|<form|<input|<button|<meta|<base|<template|<img/i)
    expect(out).not.toMatch(/\son\w+\s*=/i)
    expect(out).not.toMatch(/javascript:|vbscript:|data:text/i)
    expect(out).toContain("<p>antes</p>")
    // Rendering the result in a DOM with scripts enabled runs nothing.
    const dom = new JSDOM(`<!doctype html><body>${out}</body>`, { runScripts: "dangerously" })
    expect((dom.window as unknown as { __xss?: number }).__xss).toBeUndefined()
    dom.window.close()
  })

  it("keeps formatting, lists, tables and safe links", () => {
    const html = "<p><b>negrita</b> <i>cursiva</i> <u>subrayado</u></p><ol><li>uno</li><li>dos</li></ol>" +
      "<table><tbody><tr><td>a</td></tr></tbody></table><a href=\"https://www.gob.pe/contraloria\">CGR</a> <a href=\"mailto:cau@cgr.gob.pe\">correo</a>"
    const out = sanitize(html)
    expect(out).toContain("<b>negrita</b>")
    expect(out).toContain("<ol><li>uno</li><li>dos</li></ol>")
    expect(out).toContain("<td>a</td>")
    expect(out).toContain("href=\"https://www.gob.pe/contraloria\"")
    expect(out).toContain("rel=\"noopener noreferrer nofollow\"")
    expect(out).toContain("href=\"mailto:cau@cgr.gob.pe\"")
  })

  it("strips styles that hide content and keeps harmless ones", () => {
    const out = sanitize(
      "<p style=\"display:none\">oculto1</p><span style=\"visibility: hidden\">oculto2</span>" +
        "<span style=\"font-size:0\">oculto3</span><span style=\"opacity:0; color: red\">rojo</span>" +
        "<span style=\"position:absolute;left:-9999px\">oculto4</span><p style=\"text-align:center\">centro</p><p hidden>oculto5</p>"
    )
    expect(out).not.toMatch(/display|visibility|font-size|opacity|position|hidden/)
    expect(out).toContain("style=\"color: red\"")
    expect(out).toContain("style=\"text-align: center\"")
    for (const t of ["oculto1", "oculto2", "oculto3", "oculto4", "oculto5"]) expect(out).toContain(t)
    expect(filterStyleForTest("color: transparent")).toBe("")
  })

  it("plain text of a sanitized description", () => {
    expect(htmlToPlainText(sanitize("<p>Hola<script>x()</script></p><ul><li>a</li></ul>"))).toBe("Hola\n• a")
  })

  it("the browser adapter refuses to build without a DOM; over a given window it applies the same rules", async () => {
    const exit = await Effect.runPromiseExit(Effect.provide(HtmlSanitizer, layerBrowserHtmlSanitizer))
    expect(exit._tag).toBe("Failure")
    const window = new JSDOM("").window as unknown as Parameters<typeof layerWindowHtmlSanitizer>[0]
    const s = await Effect.runPromise(Effect.provide(HtmlSanitizer, layerWindowHtmlSanitizer(window)))
    expect(s.sanitize("<p onclick=x()>Hola</p><script>x()</script>")).toBe(sanitize("<p onclick=x()>Hola</p><script>x()</script>"))
  })

  it("the core's ports module no longer carries DOMPurify", async () => {
    const { readFile } = await import("node:fs/promises")
    const port = await readFile(new URL("../../packages/core/src/ports/html-sanitizer.ts", import.meta.url), "utf8")
    expect(port).not.toMatch(/from "dompurify"|purify\.js"/)
  })
})
