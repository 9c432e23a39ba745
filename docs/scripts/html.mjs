// HTML of the playground pages, written at build time from docs/src/pages.ts and
// the custom-elements manifest (so every page reads well before its script runs).
// Two sites from one registry: Spanish at /, English at /en/; the language switch
// moves between the same page of each. Code blocks are highlighted here (highlight.js)
// and get a copy button in the browser.
import hljs from "highlight.js/lib/core"
import bash from "highlight.js/lib/languages/bash"
import typescript from "highlight.js/lib/languages/typescript"
import xml from "highlight.js/lib/languages/xml"
import { apiDescription } from "./api-es.mjs"

hljs.registerLanguage("xml", xml)
hljs.registerLanguage("html", xml)
hljs.registerLanguage("typescript", typescript)
hljs.registerLanguage("ts", typescript)
hljs.registerLanguage("bash", bash)
hljs.registerLanguage("sh", bash)

/** Escapes text for HTML content and attribute values. */
export const escapeHtml = (text) =>
  String(text ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c])

const unescapeHtml = (text) =>
  text.replace(/&(amp|lt|gt|quot|#39);/g, (_, e) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" })[e])

/** The locales of the site: Spanish (Peru) at the root, English under /en/. */
export const siteLocales = ["es-PE", "en"]

const prefix = (locale) => (locale === "en" ? "/en" : "")

/** The URL of a page in a locale. */
export const pageUrl = (page, locale = "es-PE") => `${prefix(locale)}${page.path === "" ? "/" : `/${page.path}/`}`

/** The site's own words, per locale. */
export const chrome = {
  "es-PE": {
    skip: "Saltar al contenido",
    language: "Idioma",
    actAs: "Actuar como",
    loading: "Cargando…",
    reset: "Borrar datos",
    menu: "Menú",
    pages: "Páginas",
    reference: "Referencia",
    api: "API (typedoc)",
    manifest: "Manifiesto de elementos",
    liveDemo: "Ejemplo en vivo",
    snippet: "Código HTML (edítelo: el ejemplo se actualiza)",
    resetDemo: "Restablecer el ejemplo",
    events: "Eventos",
    apiOf: "API de",
    keyboard: "Teclado",
    keyboardTable: "Interacciones de teclado",
    keys: "Teclas",
    action: "Acción",
    notInManifest: "Este elemento aún no figura en el manifiesto.",
    attributes: "Atributos",
    attribute: "Atributo",
    property: "Propiedad",
    properties: "Propiedades",
    type: "Tipo",
    default: "Por defecto",
    description: "Descripción",
    event: "Evento",
    eventClass: "Clase",
    slots: "Slots",
    slot: "Slot",
    defaultSlot: "(por defecto)",
    parts: "Partes CSS (::part)",
    part: "Parte",
    cssProperties: "Propiedades CSS",
    states: "Estados CSS (:state)",
    state: "Estado",
    copy: "Copiar",
    title: "playground"
  },
  en: {
    skip: "Skip to content",
    language: "Language",
    actAs: "Act as",
    loading: "Loading…",
    reset: "Clear data",
    menu: "Menu",
    pages: "Pages",
    reference: "Reference",
    api: "API (typedoc)",
    manifest: "Element manifest",
    liveDemo: "Live example",
    snippet: "HTML code (edit it: the example updates)",
    resetDemo: "Reset the example",
    events: "Events",
    apiOf: "API of",
    keyboard: "Keyboard",
    keyboardTable: "Keyboard interactions",
    keys: "Keys",
    action: "Action",
    notInManifest: "This element is not in the manifest yet.",
    attributes: "Attributes",
    attribute: "Attribute",
    property: "Property",
    properties: "Properties",
    type: "Type",
    default: "Default",
    description: "Description",
    event: "Event",
    eventClass: "Class",
    slots: "Slots",
    slot: "Slot",
    defaultSlot: "(default)",
    parts: "CSS parts (::part)",
    part: "Part",
    cssProperties: "CSS custom properties",
    states: "CSS states (:state)",
    state: "State",
    copy: "Copy",
    title: "playground"
  }
}

/** A page's texts in a locale (English falls back to Spanish where a page has none). */
export const localized = (page, locale) => {
  const en = locale === "en" ? page.en ?? {} : {}
  return {
    title: en.title ?? page.title,
    section: en.section ?? page.section,
    summary: en.summary ?? page.summary,
    body: en.body ?? page.body
  }
}

/**
 * Highlights every `<pre><code>` block of trusted HTML (the language from its
 * `language-…` class, else guessed among HTML, TypeScript and shell).
 */
export function highlightCode(htmlText) {
  return htmlText.replace(/<pre><code(?: class="language-([\w-]+)")?>([\s\S]*?)<\/code><\/pre>/g, (_, lang, code) => {
    const source = unescapeHtml(code)
    const result = lang && hljs.getLanguage(lang) ? hljs.highlight(source, { language: lang }) : hljs.highlightAuto(source, ["xml", "typescript", "bash"])
    return `<pre class="code" tabindex="0"><code class="hljs language-${result.language ?? "plaintext"}">${result.value}</code></pre>`
  })
}

function nav(pages, current, locale, t) {
  const sections = []
  for (const page of pages) {
    const name = localized(page, locale).section
    let section = sections.find((s) => s.name === name)
    if (!section) sections.push((section = { name, pages: [] }))
    section.pages.push(page)
  }
  const links = (list) =>
    list
      .map((p) => `<li><a href="${pageUrl(p, locale)}"${p === current ? ' aria-current="page"' : ""}>${escapeHtml(localized(p, locale).title)}</a></li>`)
      .join("")
  return `<nav class="site-nav" id="site-nav" aria-label="${t.pages}">
${sections.map((s) => `<h2>${escapeHtml(s.name)}</h2><ul>${links(s.pages)}</ul>`).join("\n")}
<h2>${t.reference}</h2><ul><li><a href="/api/">${t.api}</a></li><li><a href="/custom-elements.json">${t.manifest}</a></li></ul>
</nav>`
}

/** The declaration of a custom element in the manifest, or undefined. */
export function findElement(manifest, tag) {
  for (const mod of manifest?.modules ?? []) {
    for (const decl of mod.declarations ?? []) if (decl.customElement && decl.tagName === tag) return decl
  }
  return undefined
}

// A cell is [text] or [text, lang] (a description kept in the source's English on the Spanish site).
function table(caption, headers, rows) {
  if (rows.length === 0) return ""
  const cell = (c, i) => {
    const [text, lang] = Array.isArray(c) ? c : [c]
    if (i === 0) return `<th scope="row"><code>${escapeHtml(text)}</code></th>`
    return `<td${lang ? ` lang="${lang}"` : ""}>${escapeHtml(text)}</td>`
  }
  return `<div class="table-wrap" tabindex="0" role="region" aria-label="${escapeHtml(caption)}"><table><caption>${escapeHtml(caption)}</caption>
<thead><tr>${headers.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join("")}</tr></thead>
<tbody>${rows.map((r) => `<tr>${r.map(cell).join("")}</tr>`).join("\n")}</tbody>
</table></div>`
}

/** The public fields of an element declaration, as its API table lists them. */
export const publicMembersOf = (decl) =>
  (decl?.members ?? []).filter((m) => m.kind === "field" && m.privacy !== "private" && m.privacy !== "protected" && !m.static && !m.name.startsWith("_"))

/** The API tables of one element: attributes, properties, events, slots, parts, CSS properties and states. */
export function apiTables(decl, locale = "es-PE") {
  const t = chrome[locale]
  if (!decl) return `<p>${t.notInManifest}</p>`
  // Descriptions come from the source's JSDoc (English); the Spanish site uses docs/scripts/api-es.mjs.
  const describe = (text) => {
    if (!text) return ""
    if (locale === "en") return text
    const es = apiDescription(text)
    return es ?? [text, "en"]
  }
  return [
    table(t.attributes, [t.attribute, t.property, t.type, t.default, t.description], (decl.attributes ?? []).map((a) => [a.name, a.fieldName ?? "", a.type?.text ?? "", a.default ?? "", describe(a.description)])),
    table(t.properties, [t.property, t.type, t.description], publicMembersOf(decl).map((m) => [m.name, m.type?.text ?? "", describe(m.description)])),
    table(t.events, [t.event, t.eventClass, t.description], (decl.events ?? []).map((e) => [e.name, e.type?.text ?? "", describe(e.description)])),
    table(t.slots, [t.slot, t.description], (decl.slots ?? []).map((s) => [s.name || t.defaultSlot, describe(s.description)])),
    table(t.parts, [t.part, t.description], (decl.cssParts ?? []).map((p) => [p.name, describe(p.description)])),
    table(t.cssProperties, [t.property, t.description], (decl.cssProperties ?? []).map((p) => [p.name, describe(p.description)])),
    table(t.states, [t.state, t.description], (decl.cssStates ?? []).map((s) => [s.name, describe(s.description)]))
  ].join("\n")
}

function keyboardSection(page, locale, t) {
  if (!page.keyboard?.length) return ""
  return `<section class="keyboard" aria-labelledby="keyboard-title"><h2 id="keyboard-title">${t.keyboard}</h2>
${table(t.keyboardTable, [t.keys, t.action], page.keyboard.map(([keys, es, en]) => [keys, locale === "en" ? en : es]))}</section>`
}

function demoSection(page, decl, t) {
  const events = (decl?.events ?? []).map((e) => e.name).join(" ")
  return `<section class="demo" aria-labelledby="demo-title">
<h2 id="demo-title">${t.liveDemo}</h2>
<div class="demo-grid">
  <div class="demo-stage" id="demo-stage">${page.demo}</div>
  <div class="demo-code">
    <label for="snippet">${t.snippet}</label>
    <textarea id="snippet" spellcheck="false" rows="10">${escapeHtml(page.demo)}</textarea>
    <p id="snippet-status" class="snippet-status" role="status"></p>
    <button type="button" id="snippet-reset">${t.resetDemo}</button>
  </div>
</div>
<div class="demo-events" id="demo-events" data-events="${escapeHtml(events)}">
  <h3>${t.events}</h3>
  <ol id="event-log" aria-live="polite"></ol>
</div>
</section>`
}

/** The whole HTML document of one page, in one locale. */
export function pageHtml(page, pages, manifest, locale = "es-PE") {
  const t = chrome[locale]
  const text = localized(page, locale)
  const decl = page.tag ? findElement(manifest, page.tag) : undefined
  const title = page.path === "" ? `ecasilla · ${t.title}` : `${text.title} · ecasilla`
  const other = locale === "en" ? "es-PE" : "en"
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
<link rel="alternate" hreflang="${other}" href="${pageUrl(page, other)}">
<link rel="stylesheet" href="/assets/styles.css">
<script type="module" src="/assets/main.js"></script>
</head>
<body data-page="${escapeHtml(page.path)}" data-locale="${locale}">
<a class="skip" href="#contenido">${t.skip}</a>
<header class="site-header">
  <a class="brand" href="${pageUrl(pages[0], locale)}">ecasilla <span>${t.title}</span></a>
  <button type="button" class="menu-toggle" id="menu-toggle" aria-expanded="false" aria-controls="site-nav">${t.menu}</button>
  <div class="toolbar">
    <label>${t.language} <select id="locale" data-other="${pageUrl(page, other)}"><option value="es-PE"${locale === "es-PE" ? " selected" : ""}>Español (Perú)</option><option value="en"${locale === "en" ? " selected" : ""}>English</option></select></label>
    <label>${t.actAs} <select id="actor"></select></label>
    <span id="storage-status">${t.loading}</span>
    <button type="button" id="storage-reset">${t.reset}</button>
  </div>
</header>
<div class="layout">
${nav(pages, page, locale, t)}
<ecasilla-provider id="playground" locale="${locale}">
<main id="contenido">
<h1>${escapeHtml(text.title)}</h1>
<p class="summary">${escapeHtml(text.summary)}</p>
${highlightCode(text.body ?? "")}
${page.demo !== undefined ? demoSection(page, decl, t) : ""}
${keyboardSection(page, locale, t)}
${page.tag ? `<section class="api" aria-labelledby="api-title"><h2 id="api-title">${t.apiOf} &lt;${escapeHtml(page.tag)}&gt;</h2>\n${apiTables(decl, locale)}</section>` : ""}
</main>
</ecasilla-provider>
</div>
</body>
</html>
`
}
