// Builds the playground into docs/site (or another folder): the browser bundle
// (esbuild, from the TypeScript sources through the "source" export condition),
// one HTML file per page of docs/src/pages.ts, the custom-elements manifest and
// the typedoc API reference. Everything is local: the site works offline.
//
//   node docs/scripts/build.mjs [outDir] [--no-api]
import { cp, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises"
import { existsSync, readFileSync } from "node:fs"
import { dirname, join, relative, resolve } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import * as esbuild from "esbuild"
import MarkdownIt from "markdown-it"
import { pageHtml, siteLocales } from "./html.mjs"

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..")
const docs = join(root, "docs")

// Dexie's ESM entry wraps a UMD file: bundle its real ES module.
const dexieEsm = {
  name: "dexie-esm",
  setup(build) {
    build.onResolve({ filter: /^dexie$/ }, () => ({ path: join(root, "node_modules/dexie/dist/dexie.mjs") }))
  }
}

/** Bundles docs/src/main.ts for the browser. */
async function bundle(outDir) {
  await esbuild.build({
    absWorkingDir: root,
    // <firma-verify> starts its verifier as a module Worker next to the bundle.
    entryPoints: { main: join(docs, "src/main.ts"), "verify-worker": join(root, "packages/elements/src/firma-verify/verify-worker.ts") },
    outdir: join(outDir, "assets"),
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    conditions: ["source", "browser"],
    tsconfig: join(root, "tsconfig.json"),
    plugins: [dexieEsm],
    minify: true,
    sourcemap: true,
    legalComments: "none",
    logLevel: "warning"
  })
}

const markdown = new MarkdownIt({ html: false, linkify: false })

/**
 * The changelog page's body: each package's CHANGELOG.md (written by `changeset version`
 * at a release) and the changesets still pending for the next one.
 */
async function changelogBody(locale) {
  const en = locale === "en"
  const parts = []
  const pendingDir = join(root, ".changeset")
  const pending = []
  for (const file of (await readdir(pendingDir)).filter((f) => f.endsWith(".md") && f !== "README.md").sort()) {
    const text = await readFile(join(pendingDir, file), "utf8")
    const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text)
    if (!match) continue
    const bumps = [...match[1].matchAll(/"([^"]+)":\s*(major|minor|patch)/g)].map(([, name, type]) => `${name} (${type})`)
    pending.push(`<li>${markdown.renderInline(match[2].trim())}<br><small>${bumps.join(", ")}</small></li>`)
  }
  parts.push(`<h2>${en ? "Pending for the next release" : "Pendientes para la próxima versión"}</h2>`)
  parts.push(pending.length ? `<ul class="changes">${pending.join("\n")}</ul>` : `<p>${en ? "None." : "Ninguno."}</p>`)
  for (const name of ["core", "elements", "adapters"]) {
    const file = join(root, "packages", name, "CHANGELOG.md")
    if (!existsSync(file)) continue
    parts.push(markdown.render((await readFile(file, "utf8")).replace(/^# /m, "## ")))
  }
  return parts.join("\n")
}

/** The size page's body: the table test/size/size-budget.test.ts writes to docs/size.md. */
async function sizesBody(locale) {
  const file = join(docs, "size.md")
  if (!existsSync(file)) return `<p>${locale === "en" ? "Run npm test to measure the sizes." : "Ejecute npm test para medir los tamaños."}</p>`
  let table = (await readFile(file, "utf8")).split("\n").filter((line) => line.startsWith("|")).join("\n")
  if (locale !== "en") {
    table = table
      .replace("| entry | own code (gzip) | budget |", "| entrada | código propio (gzip) | límite |")
      .replace("shared Lit + Effect + core chunk", "bloque compartido de Lit, Effect y core")
      .replace("`isValidRuc` alone", "`isValidRuc` sola")
  }
  // Scrolls sideways on a phone, like the API tables.
  const caption = locale === "en" ? "Size of each entry point" : "Tamaño de cada punto de entrada"
  return `<div class="table-wrap api" tabindex="0" role="region" aria-label="${caption}">${markdown.render(table).replace("<table>", `<table><caption>${caption}</caption>`)}</div>`
}

/** Loads the page registry (pure data) in Node. */
async function loadPages(tmpDir) {
  // One file per build: `npm start` and the site test may build at the same time.
  const out = join(tmpDir, `pages-${process.pid}-${Date.now()}.mjs`)
  await esbuild.build({ entryPoints: [join(docs, "src/pages.ts")], outfile: out, bundle: true, format: "esm", platform: "node", logLevel: "warning" })
  try {
    return (await import(pathToFileURL(out).href)).pages
  } finally {
    await rm(out, { force: true })
  }
}

/**
 * The sample PDFs of the <firma-verify> page, signed at build time by our signer with a
 * throwaway PKI (docs/scripts/firma-samples.ts, bundled for Node from the sources).
 */
async function firmaSamples(outDir, tmpDir) {
  const out = join(tmpDir, `firma-samples-${process.pid}-${Date.now()}.mjs`)
  const ours = { name: "ours-only", setup: (b) => b.onResolve({ filter: /^[^./]/ }, (a) => (a.path.startsWith("@ecasilla/") ? undefined : { path: a.path, external: true })) }
  await esbuild.build({ entryPoints: [join(docs, "scripts/firma-samples.ts")], outfile: out, bundle: true, format: "esm", platform: "node", conditions: ["source"], plugins: [ours], logLevel: "warning" })
  try {
    const { files } = await (await import(pathToFileURL(out).href)).makeFirmaSamples()
    await mkdir(join(outDir, "assets/firma"), { recursive: true })
    for (const [name, body] of Object.entries(files)) await writeFile(join(outDir, "assets/firma", name), body)
  } finally {
    await rm(out, { force: true })
  }
}

/**
 * The OpenAPI document of the backend's HTTP contract (docs/scripts/openapi.ts), generated
 * from the core's `CauApi` at build time and served at /assets/openapi.json.
 */
async function openApi(outDir, tmpDir) {
  const out = join(tmpDir, `openapi-${process.pid}-${Date.now()}.mjs`)
  const ours = { name: "ours-only", setup: (b) => b.onResolve({ filter: /^[^./]/ }, (a) => (a.path.startsWith("@ecasilla/") ? undefined : { path: a.path, external: true })) }
  await esbuild.build({ entryPoints: [join(docs, "scripts/openapi.ts")], outfile: out, bundle: true, format: "esm", platform: "node", conditions: ["source"], plugins: [ours], logLevel: "warning" })
  try {
    const { openApiDocument } = await import(pathToFileURL(out).href)
    await mkdir(join(outDir, "assets"), { recursive: true })
    await writeFile(join(outDir, "assets/openapi.json"), openApiDocument())
  } finally {
    await rm(out, { force: true })
  }
}

/** The custom-elements manifest of @ecasilla/elements (see custom-elements-manifest.config.mjs). */
async function manifest() {
  const { cli } = await import("@custom-elements-manifest/analyzer/cli.js")
  return cli({ argv: ["analyze", "--quiet"], cwd: root, noWrite: true })
}

/**
 * The entry points of every package, with the specifier people import them by:
 * the non-wildcard "source" entries of its exports map.
 */
export function apiEntryPoints() {
  const entries = []
  for (const name of ["core", "adapters", "elements"]) {
    const dir = join(root, "packages", name)
    const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"))
    for (const [key, entry] of Object.entries(pkg.exports ?? {})) {
      const source = typeof entry === "object" ? entry.source : undefined
      if (!source || source.includes("*") || !existsSync(join(dir, source))) continue
      entries.push({ file: join(dir, source), specifier: key === "." ? pkg.name : `${pkg.name}/${key.replace(/^\.\//, "")}` })
    }
  }
  return entries
}

// typedoc names modules after their paths ("core/src/identity"): name them as imported.
const typedocName = (file) => relative(join(root, "packages"), file).replace(/\\/g, "/").replace(/(\/index)?\.ts$/, "")

/** The typedoc API reference, into outDir/api. */
async function apiReference(outDir) {
  const { Application } = await import("typedoc")
  const entries = apiEntryPoints()
  const app = await Application.bootstrapWithPlugins({
    options: join(root, "typedoc.json"),
    entryPoints: entries.map((e) => e.file),
    out: join(outDir, "api"),
    tsconfig: join(root, "tsconfig.json")
  })
  const project = await app.convert()
  if (!project) throw new Error("typedoc could not convert the packages")
  const names = new Map(entries.map((e) => [typedocName(e.file), e.specifier]))
  for (const child of project.children ?? []) child.name = names.get(child.name) ?? child.name
  await app.generateDocs(project, join(outDir, "api"))
}

/**
 * Builds the site into `outDir`. `api: false` skips the typedoc reference (the
 * slow part, ~15 s).
 */
export async function buildSite({ outDir = join(docs, "site"), api = true, log = console.log } = {}) {
  const started = Date.now()
  outDir = resolve(outDir)
  await rm(outDir, { recursive: true, force: true })
  await mkdir(join(outDir, "assets"), { recursive: true })
  const tmp = join(root, ".cache/docs")
  await mkdir(tmp, { recursive: true })
  // esbuild works in its own process: let typedoc run meanwhile.
  const [pages, elements] = await Promise.all([loadPages(tmp), manifest(), bundle(outDir), api ? apiReference(outDir) : undefined, firmaSamples(outDir, tmp), openApi(outDir, tmp)])
  await cp(join(docs, "static"), join(outDir, "assets"), { recursive: true })
  await writeFile(join(outDir, "custom-elements.json"), JSON.stringify(elements, null, 2))
  for (const locale of siteLocales) {
    const generated = { changelog: await changelogBody(locale), sizes: await sizesBody(locale) }
    for (const page of pages) {
      const dir = join(outDir, locale === "en" ? "en" : "", page.path)
      const body = page.generated ? generated[page.generated] : undefined
      const withBody = body === undefined ? page : locale === "en" ? { ...page, en: { ...page.en, body } } : { ...page, body }
      await mkdir(dir, { recursive: true })
      await writeFile(join(dir, "index.html"), pageHtml(withBody, pages, elements, locale))
    }
  }
  log(`docs: built ${pages.length} pages in ${siteLocales.length} languages${api ? " and the API reference" : ""} into ${relative(root, outDir) || "."} in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  return { outDir, pages }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2)
  const outDir = args.find((a) => !a.startsWith("--"))
  buildSite({ outDir, api: !args.includes("--no-api") }).catch((error) => {
    console.error(error)
    process.exitCode = 1
  })
}
