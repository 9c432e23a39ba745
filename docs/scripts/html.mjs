// HTML of the playground pages, written at build time from docs/src/pages.ts and
// the custom-elements manifest (so every page reads well before its script runs).

/** Escapes text for HTML content and attribute values. */
export const escapeHtml = (text) =>
  String(text ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c])

const href = (page) => (page.path === "" ? "/" : `/${page.path}/`)

function nav(pages, current) {
  const sections = []
  for (const page of pages) {
    let section = sections.find((s) => s.name === page.section)
    if (!section) sections.push((section = { name: page.section, pages: [] }))
    section.pages.push(page)
  }
  const links = (list) =>
    list
      .map((p) => `<li><a href="${href(p)}"${p === current ? ' aria-current="page"' : ""}>${escapeHtml(p.title)}</a></li>`)
      .join("")
  return `<nav class="site-nav" aria-label="Páginas">
${sections.map((s) => `<h2>${escapeHtml(s.name)}</h2><ul>${links(s.pages)}</ul>`).join("\n")}
<h2>Referencia</h2><ul><li><a href="/api/">API (typedoc)</a></li><li><a href="/custom-elements.json">Manifiesto de elementos</a></li></ul>
</nav>`
}

/** The declaration of a custom element in the manifest, or undefined. */
export function findElement(manifest, tag) {
  for (const mod of manifest?.modules ?? []) {
    for (const decl of mod.declarations ?? []) if (decl.customElement && decl.tagName === tag) return decl
  }
  return undefined
}

function table(caption, headers, rows) {
  if (rows.length === 0) return ""
  return `<table><caption>${escapeHtml(caption)}</caption>
<thead><tr>${headers.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join("")}</tr></thead>
<tbody>${rows.map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row"><code>${escapeHtml(c)}</code></th>` : `<td>${escapeHtml(c)}</td>`)).join("")}</tr>`).join("\n")}</tbody>
</table>`
}

/** The API tables of one element: attributes, properties, events, slots, parts, CSS properties and states. */
export function apiTables(decl) {
  if (!decl) return `<p>Este elemento aún no figura en el manifiesto.</p>`
  const publicMembers = (decl.members ?? []).filter(
    (m) => m.kind === "field" && m.privacy !== "private" && m.privacy !== "protected" && !m.static && !m.name.startsWith("_")
  )
  return [
    table("Atributos", ["Atributo", "Propiedad", "Tipo", "Por defecto", "Descripción"], (decl.attributes ?? []).map((a) => [a.name, a.fieldName ?? "", a.type?.text ?? "", a.default ?? "", a.description ?? ""])),
    table("Propiedades", ["Propiedad", "Tipo", "Descripción"], publicMembers.map((m) => [m.name, m.type?.text ?? "", m.description ?? ""])),
    table("Eventos", ["Evento", "Clase", "Descripción"], (decl.events ?? []).map((e) => [e.name, e.type?.text ?? "", e.description ?? ""])),
    table("Slots", ["Slot", "Descripción"], (decl.slots ?? []).map((s) => [s.name || "(por defecto)", s.description ?? ""])),
    table("Partes CSS (::part)", ["Parte", "Descripción"], (decl.cssParts ?? []).map((p) => [p.name, p.description ?? ""])),
    table("Propiedades CSS", ["Propiedad", "Descripción"], (decl.cssProperties ?? []).map((p) => [p.name, p.description ?? ""])),
    table("Estados CSS (:state)", ["Estado", "Descripción"], (decl.cssStates ?? []).map((s) => [s.name, s.description ?? ""]))
  ].join("\n")
}

function demoSection(page, decl) {
  const events = (decl?.events ?? []).map((e) => e.name).join(" ")
  return `<section class="demo" aria-labelledby="demo-title">
<h2 id="demo-title">Ejemplo en vivo</h2>
<div class="demo-grid">
  <div class="demo-stage" id="demo-stage">${page.demo}</div>
  <div class="demo-code">
    <label for="snippet">Código HTML (edítelo: el ejemplo se actualiza)</label>
    <textarea id="snippet" spellcheck="false" rows="10">${escapeHtml(page.demo)}</textarea>
    <button type="button" id="snippet-reset">Restablecer el ejemplo</button>
  </div>
</div>
<div class="demo-events" id="demo-events" data-events="${escapeHtml(events)}">
  <h3>Eventos</h3>
  <ol id="event-log" aria-live="polite"></ol>
</div>
</section>`
}

/** The whole HTML document of one page. */
export function pageHtml(page, pages, manifest) {
  const decl = page.tag ? findElement(manifest, page.tag) : undefined
  const title = page.path === "" ? "ecasilla · playground" : `${page.title} · ecasilla`
  return `<!doctype html>
<html lang="es-PE">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/styles.css">
<script type="module" src="/assets/main.js"></script>
</head>
<body data-page="${escapeHtml(page.path)}">
<a class="skip" href="#contenido">Saltar al contenido</a>
<header class="site-header">
  <a class="brand" href="/">ecasilla <span>playground</span></a>
  <div class="toolbar">
    <label>Idioma <select id="locale"><option value="es-PE">Español (Perú)</option><option value="en">English</option></select></label>
    <label>Actuar como <select id="actor"></select></label>
    <span id="storage-status">Cargando…</span>
    <button type="button" id="storage-reset">Borrar datos</button>
  </div>
</header>
<div class="layout">
${nav(pages, page)}
<ecasilla-provider id="playground">
<main id="contenido">
<h1>${escapeHtml(page.title)}</h1>
<p class="summary">${escapeHtml(page.summary)}</p>
${page.body ?? ""}
${page.demo !== undefined ? demoSection(page, decl) : ""}
${page.tag ? `<section class="api" aria-labelledby="api-title"><h2 id="api-title">API de &lt;${escapeHtml(page.tag)}&gt;</h2>\n${decl?.summary ? `<p>${escapeHtml(decl.summary)}</p>` : ""}\n${apiTables(decl)}</section>` : ""}
</main>
</ecasilla-provider>
</div>
</body>
</html>
`
}
