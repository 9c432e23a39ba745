// size.* figures: what each public entry point costs a browser page, minified and gzipped,
// bundled from the built packages with everything it imports up front (lit, effect, dexie,
// pkijs…); what an entry loads later through import() is not counted.
// Baselines, bundled in the same run: a bare Lit element for the elements' define modules,
// a minimal effect Schema decode for the core and adapter entries.
import { readdirSync } from "node:fs"
import { gzipSync } from "node:zlib"
import { rollup } from "rollup"
import { nodeResolve } from "@rollup/plugin-node-resolve"
import commonjs from "@rollup/plugin-commonjs"
import { minify } from "rollup-plugin-esbuild"
import { row } from "../harness.mjs"

async function gzipBytes(code) {
  const bundle = await rollup({
    input: "entry",
    plugins: [
      { name: "entry", resolveId: (id) => (id === "entry" ? id : null), load: (id) => (id === "entry" ? code : null) },
      nodeResolve({ browser: true, exportConditions: ["browser", "import", "default"] }),
      // pdf-lib's standard fonts (behind lazy imports) import their metrics as JSON.
      { name: "json", transform: (src, id) => (id.endsWith(".json") ? { code: `export default ${src}`, map: null } : null) },
      commonjs(),
      minify()
    ],
    onwarn: () => {}
  })
  const { output } = await bundle.generate({ format: "es" })
  await bundle.close()
  // What the page loads up front: the entry chunk and its static imports. Chunks behind a
  // dynamic import() (the detail's action forms, the sanitizer, the lazy parts) load later.
  const chunks = new Map(output.filter((c) => c.type === "chunk").map((c) => [c.fileName, c]))
  const initial = new Set()
  const visit = (name) => {
    if (initial.has(name) || !chunks.has(name)) return
    initial.add(name)
    for (const dep of chunks.get(name).imports) visit(dep)
  }
  for (const c of chunks.values()) if (c.isEntry) visit(c.fileName)
  return gzipSync([...initial].map((n) => chunks.get(n).code).join("\n"), { level: 9 }).length
}

// Everything an entry exports, kept alive so nothing is shaken away.
const wholeEntry = (specifier) => `import * as m from "${specifier}"; globalThis.__keep = m`

export default async function size() {
  const litBaseline = await gzipBytes(
    `import { LitElement, html } from "lit"; customElements.define("x-a", class extends LitElement { render() { return html\`<p>a</p>\` } })`
  )
  const schemaBaseline = await gzipBytes(`import { Schema } from "effect"; globalThis.__keep = Schema.decodeUnknownSync(Schema.String)`)
  const rows = []
  const defines = readdirSync(new URL("../../packages/elements/dist/define/", import.meta.url)).filter((f) => f.endsWith(".js"))
  for (const file of defines.sort()) {
    const spec = `@ecasilla/elements/define/${file}`
    rows.push(row(`size.elements/define/${file.replace(/\.js$/, "")}`, await gzipBytes(`import "${spec}"`), "bytes", litBaseline))
  }
  for (const entry of ["i18n", "calendar", "identity", "roles", "ports", "cau", "sari", "firma"]) {
    rows.push(row(`size.core/${entry}`, await gzipBytes(wholeEntry(`@ecasilla/core/${entry}`)), "bytes", schemaBaseline))
  }
  for (const entry of ["memory", "dexie", "browser"]) {
    rows.push(row(`size.adapters/${entry}`, await gzipBytes(wholeEntry(`@ecasilla/adapters/${entry}`)), "bytes", schemaBaseline))
  }
  return rows
}
