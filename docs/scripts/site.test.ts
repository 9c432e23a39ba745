// Builds the playground into a temporary folder, serves it on a random loopback
// port and checks what a reader gets: every page of the registry, the bundle,
// the element manifest and the typedoc API reference.
import { mkdtemp, readFile, rm, stat } from "node:fs/promises"
import type { Server } from "node:http"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
// @ts-expect-error plain ESM scripts, no declarations
import { buildSite } from "./build.mjs"
// @ts-expect-error plain ESM scripts, no declarations
import { serveSite } from "./serve.mjs"

interface Page {
  readonly path: string
  readonly title: string
  readonly tag?: string
  readonly demo?: string
}

let outDir: string
let pages: ReadonlyArray<Page>
let server: Server
let base: string

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), "ecasilla-site-"))
  ;({ pages } = await buildSite({ outDir, log: () => {} }))
  ;({ server, url: base } = await serveSite(outDir, { port: 0, host: "127.0.0.1" }))
  base = base.replace("localhost", "127.0.0.1")
}, 180_000)

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve))
  if (outDir) await rm(outDir, { recursive: true, force: true })
})

const get = async (path: string) => {
  const response = await fetch(new URL(path, base), { redirect: "manual" })
  return { status: response.status, type: response.headers.get("content-type") ?? "", text: await response.text() }
}

describe("docs playground", () => {
  it("serves the <firma-verify> samples signed at build time: valid, modified, two signatures, and their root", async () => {
    for (const name of ["valido.pdf", "modificado.pdf", "dos-firmas.pdf"]) {
      const { status, text } = await get(`/assets/firma/${name}`)
      expect(status, name).toBe(200)
      expect(text.startsWith("%PDF-"), name).toBe(true)
    }
    expect((await get("/assets/firma/raiz.pem")).text).toContain("BEGIN CERTIFICATE")
  })

  it("has an overview and a page per registered element, with a live demo and its snippet", async () => {
    expect(pages.some((p) => p.path === "")).toBe(true)
    expect(pages.some((p) => p.tag === "ecasilla-id-input")).toBe(true)
    for (const page of pages) {
      const { status, type, text } = await get(page.path === "" ? "/" : `/${page.path}/`)
      expect(status, page.path).toBe(200)
      expect(type).toContain("text/html")
      expect(text).toContain('<html lang="es-PE">')
      expect(text).toContain('<script type="module" src="/assets/main.js">')
      if (page.demo !== undefined) {
        expect(text).toContain('id="demo-stage"')
        expect(text).toContain('<textarea id="snippet"')
      }
      if (page.tag !== undefined) expect(text).toContain(`<h2 id="api-title">API de &lt;${page.tag}&gt;</h2>`)
    }
  })

  it("serves the bundle, the styles and the element manifest, all local (no CDN)", async () => {
    const js = await get("/assets/main.js")
    expect(js.status).toBe(200)
    expect(js.type).toContain("javascript")
    expect(js.text).toContain("ecasilla-id-input")
    expect((await get("/assets/styles.css")).status).toBe(200)
    const manifest = JSON.parse((await get("/custom-elements.json")).text)
    const tags = manifest.modules.flatMap((m: { declarations?: Array<{ tagName?: string }> }) => (m.declarations ?? []).map((d) => d.tagName))
    expect(tags).toContain("ecasilla-id-input")
    expect(tags).toContain("ecasilla-provider")
    const idInput = await get("/elementos/ecasilla-id-input/")
    expect(idInput.text).toContain("<caption>Atributos</caption>")
    expect(idInput.text).toContain("<code>kinds</code>")
    expect(idInput.text).toContain("<code>user-invalid</code>")
    for (const page of pages) {
      const html = await readFile(join(outDir, page.path, "index.html"), "utf8")
      expect(html).not.toMatch(/(src|href)="(https?:)?\/\//)
    }
  })

  it("has the typedoc API reference of the three packages", async () => {
    const index = await get("/api/")
    expect(index.status).toBe(200)
    for (const name of ["@ecasilla/core", "@ecasilla/elements", "@ecasilla/adapters"]) expect(index.text).toContain(name)
    expect((await stat(join(outDir, "api/modules/_ecasilla_elements.html"))).isFile()).toBe(true)
  })

  it("answers 404 for unknown paths and never serves files outside the site", async () => {
    expect((await get("/no-existe/")).status).toBe(404)
    expect((await get("/%2e%2e/%2e%2e/package.json")).status).toBe(404)
    expect((await get("/elementos/ecasilla-id-input")).status).toBe(301)
  })
})
