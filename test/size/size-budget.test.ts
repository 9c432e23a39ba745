// Size budgets of what a page downloads, failing CI when exceeded: each element's own
// code ≤ 12 kB gzip (its define module and every chunk it loads up front, minus the
// shared Lit + Effect + core chunk, reported apart), and `isValidRuc` alone < 1 kB.
// Bundled from the sources once (one rollup build for every define module, one for
// isValidRuc), minified like bench/suites/size.mjs; writes docs/size.md.
import { readdirSync, writeFileSync } from "node:fs"
import { gzipSync } from "node:zlib"
import commonjs from "@rollup/plugin-commonjs"
import { nodeResolve } from "@rollup/plugin-node-resolve"
import { rollup, type OutputChunk, type Plugin } from "rollup"
import esbuild from "rollup-plugin-esbuild"
// @ts-expect-error plain ESM script, no declarations
import { productionMode } from "../../packages/elements/scripts/dev-mode-plugin.mjs"
import { beforeAll, describe, expect, it } from "vitest"

const ELEMENT_BUDGET = 12 * 1024
const RUC_BUDGET = 1024
const root = new URL("../../", import.meta.url)
const defineDir = new URL("packages/elements/src/define/", root)
const defines = readdirSync(defineDir).filter((f) => f.endsWith(".ts")).map((f) => f.replace(/\.ts$/, "")).sort()

const virtual = (entries: Record<string, string>): Plugin => ({
  name: "virtual-entries",
  resolveId: (id) => (id in entries ? id : null),
  load: (id) => entries[id] ?? null
})

const plugins = (entries: Record<string, string>) => [
  // What ships by default: the production build, without the development warnings.
  productionMode(),
  virtual(entries),
  nodeResolve({ browser: true, exportConditions: ["source", "browser", "import", "default"], extensions: [".ts", ".js", ".mjs"] }),
  // pdf-lib's standard fonts (behind the casilla constancia's lazy import) import their metrics as JSON.
  { name: "json", transform: (src: string, id: string) => (id.endsWith(".json") ? { code: `export default ${src}`, map: null } : null) },
  commonjs(),
  // Lit's decorators need the base tsconfig (experimentalDecorators, no define semantics).
  esbuild({ target: "es2022", minify: true, tsconfig: new URL("tsconfig.base.json", root).pathname })
]

const gzip = (code: string) => gzipSync(code, { level: 9 }).length

// The libraries and the core every element shares: one chunk, measured apart.
// The firma verifier is not in it: elements load it with import() (the casilla deposit check,
// CAU attachments), so it stays a lazy chunk of its own instead of being forced up front.
const SHARED = /node_modules\/(lit|lit-html|lit-element|@lit|@lit-labs|effect)\/|packages\/core\/src\/(?!firma\/)/

interface Row {
  readonly entry: string
  readonly own: number
  readonly modules: ReadonlyArray<string>
}

let rows: ReadonlyArray<Row> = []
let shared = 0
let ruc = 0
// Signing (`@ecasilla/core/firma/sign`, loaded with import() where something signs): its own
// code (ecasilla's signing modules) against the element budget; the libraries it carries
// (pdf-lib, node-forge, pkijs…) and the PDF reading it shares with the verifier, apart.
let signOwn = 0
let signLibraries = 0
let signShared = 0
// Every module any chunk of a verify-only page holds, lazy ones included.
let verifyPageModules: ReadonlyArray<string> = []

beforeAll(async () => {
  const entries = Object.fromEntries(defines.map((d) => [`define/${d}`, `import "@ecasilla/elements/define/${d}.js"`]))
  const bundle = await rollup({ input: Object.fromEntries(Object.keys(entries).map((k) => [k, k])), plugins: plugins(entries), onwarn: () => {} })
  // Everything Lit, Effect and the core in one chunk, as a page that uses several elements loads it.
  const { output } = await bundle.generate({ format: "es", manualChunks: (id) => (SHARED.test(id) ? "shared" : undefined) })
  await bundle.close()
  const chunks = new Map(output.filter((c): c is OutputChunk => c.type === "chunk").map((c) => [c.fileName, c]))
  const sharedChunk = [...chunks.values()].find((c) => c.name === "shared")
  shared = sharedChunk ? gzip(sharedChunk.code) : 0
  rows = [...chunks.values()].filter((c) => c.isEntry).map((entry) => {
    // What the page loads up front for this element: the entry and its static imports.
    const upFront = new Set<string>()
    const visit = (name: string) => {
      if (upFront.has(name) || !chunks.has(name)) return
      upFront.add(name)
      for (const dep of chunks.get(name)!.imports) visit(dep)
    }
    visit(entry.fileName)
    const own = [...upFront].filter((n) => n !== sharedChunk?.fileName).map((n) => chunks.get(n)!)
    const all = [...upFront].map((n) => chunks.get(n)!)
    if (process.env.SIZE_DEBUG) {
      const mods = own.flatMap((c) => Object.entries(c.modules)).map(([id, m]) => [m.renderedLength, id.replace(/.*\/(node_modules|packages)\//, "")] as const)
      console.log(entry.name, mods.sort((a, b) => b[0] - a[0]).slice(0, 25))
    }
    return {
      entry: entry.name,
      own: gzip(own.map((c) => c.code).join("\n")),
      modules: all.flatMap((c) => Object.keys(c.modules))
    }
  })

  const rucEntry = { ruc: `import { isValidRuc } from "@ecasilla/core/identity"; globalThis.__keep = isValidRuc` }
  const rucBundle = await rollup({ input: "ruc", plugins: plugins(rucEntry), onwarn: () => {} })
  const rucOut = await rucBundle.generate({ format: "es" })
  await rucBundle.close()
  ruc = gzip(rucOut.output.filter((c): c is OutputChunk => c.type === "chunk").map((c) => c.code).join("\n"))

  const signEntry = { sign: `export const sign = () => import("@ecasilla/core/firma/sign")` }
  const signBundle = await rollup({ input: "sign", plugins: plugins(signEntry), onwarn: () => {} })
  const signOut = await signBundle.generate({
    format: "es",
    manualChunks: (id) => (/node_modules\//.test(id) ? "libraries" : /packages\/core\/src\/firma\/sign\//.test(id) ? "signing" : "shared")
  })
  await signBundle.close()
  const signChunks = signOut.output.filter((c): c is OutputChunk => c.type === "chunk")
  const sizeOf = (name: string) => gzip(signChunks.filter((c) => c.name === name).map((c) => c.code).join("\n"))
  signOwn = sizeOf("signing")
  signLibraries = sizeOf("libraries")
  signShared = sizeOf("shared")

  const verifyEntry = { verify: `import "@ecasilla/elements/define/firma-verify.js"` }
  const verifyBundle = await rollup({ input: "verify", plugins: plugins(verifyEntry), onwarn: () => {} })
  const verifyOut = await verifyBundle.generate({ format: "es" })
  await verifyBundle.close()
  verifyPageModules = verifyOut.output.filter((c): c is OutputChunk => c.type === "chunk").flatMap((c) => Object.keys(c.modules))

  const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`
  const table = [
    "| entry | own code (gzip) | budget |",
    "|---|---:|---:|",
    ...rows.map((r) => `| \`@ecasilla/elements/${r.entry}\` | ${kb(r.own)} | ${kb(ELEMENT_BUDGET)} |`),
    `| shared Lit + Effect + core chunk | ${kb(shared)} | — |`,
    `| \`@ecasilla/core/firma/sign\` (lazy): ecasilla's signing code | ${kb(signOwn)} | ${kb(ELEMENT_BUDGET)} |`,
    `| its libraries (pdf-lib, node-forge, pkijs, pako…) | ${kb(signLibraries)} | — |`,
    `| its PDF reading and i18n, shared with the verifier | ${kb(signShared)} | — |`,
    `| \`isValidRuc\` alone | ${ruc} B | < ${RUC_BUDGET} B |`
  ].join("\n")
  console.log(`\n${table}\n`)
  writeFileSync(new URL("docs/size.md", root), `# Bundle sizes

Generated by \`test/size/size-budget.test.ts\` (part of \`npm test\`): every define module bundled
from the sources with rollup and minified, gzip level 9. "Own code" is what an element adds up
front on top of the shared chunk (Lit, Effect and \`@ecasilla/core\`, loaded once per page);
code behind \`import()\` loads later and is not counted. The test fails above the budgets.

${table}
`)
}, 120_000)

describe("size budgets", () => {
  it("measures every define module", () => {
    expect(rows.map((r) => r.entry).sort()).toEqual(defines.map((d) => `define/${d}`))
    expect(shared).toBeGreaterThan(0)
  })

  it.each(defines)("define/%s: its own code is at most 12 kB gzip", (name) => {
    const row = rows.find((r) => r.entry === `define/${name}`)!
    expect(row.own, `${name}: ${row.own} B`).toBeLessThanOrEqual(ELEMENT_BUDGET)
  })

  it("the signing entry's own code is at most 12 kB gzip (its libraries reported apart)", () => {
    expect(signLibraries).toBeGreaterThan(100 * 1024)
    expect(signOwn, `${signOwn} B`).toBeGreaterThan(1024)
    expect(signOwn, `${signOwn} B`).toBeLessThanOrEqual(ELEMENT_BUDGET)
  })

  it("a page that only verifies (<firma-verify>) never loads signing, pdf-lib or node-forge, not even lazily", () => {
    expect(verifyPageModules.some((m) => /packages\/core\/src\/firma\/(outcome|internal\/verify)/.test(m))).toBe(true)
    expect(verifyPageModules.filter((m) => /firma\/sign\/|node_modules\/(pdf-lib|node-forge|@signpdf)\//.test(m))).toEqual([])
  })

  it("isValidRuc alone is under 1 kB gzip", () => {
    expect(ruc).toBeLessThan(RUC_BUDGET)
  })

  it("no element loads DOMPurify, jsdom, dexie or the adapters up front", () => {
    for (const row of rows) {
      expect(row.modules.filter((m) => /dompurify|jsdom|dexie|packages\/adapters\//.test(m)), row.entry).toEqual([])
    }
  })
})
