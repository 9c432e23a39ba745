// Builds the playground into a temporary folder, serves it on a random loopback
// port and checks what a reader gets: every page of the registry, the bundle,
// the element manifest and the typedoc API reference.
import { existsSync } from "node:fs"
import { mkdtemp, readFile, rm, stat } from "node:fs/promises"
import type { Server } from "node:http"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import puppeteer, { type Browser, type Page } from "puppeteer-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
// @ts-expect-error plain ESM script, no declarations
import { apiDescription } from "./api-es.mjs"
// @ts-expect-error plain ESM scripts, no declarations
import { buildSite } from "./build.mjs"
// @ts-expect-error plain ESM scripts, no declarations
import { serveSite } from "./serve.mjs"

interface SitePage {
  readonly path: string
  readonly title: string
  readonly tag?: string
  readonly demo?: string
}

let outDir: string
let pages: ReadonlyArray<SitePage>
let server: Server
let base: string

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), "ecasilla-site-"))
  ;({ pages } = await buildSite({ outDir, log: () => {} }))
  ;({ server, url: base } = await serveSite(outDir, { port: 0, host: "127.0.0.1" }))
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

  it("publishes the OpenAPI document generated from the core's HTTP contract", async () => {
    const { status, text } = await get("/assets/openapi.json")
    expect(status).toBe(200)
    const spec = JSON.parse(text) as { openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown> }>> }
    expect(spec.openapi).toMatch(/^3\.1/)
    expect(Object.keys(spec.paths)).toContain("/api/tickets/{id}/survey")
    expect(Object.keys(spec.paths["/api/tickets"].post.responses)).toEqual(expect.arrayContaining(["201", "403", "404", "409", "422"]))
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
      const en = await get(page.path === "" ? "/en/" : `/en/${page.path}/`)
      expect(en.status, `en/${page.path}`).toBe(200)
      expect(en.text).toContain('<html lang="en">')
      if (page.tag !== undefined) expect(en.text).toContain(`<h2 id="api-title">API of &lt;${page.tag}&gt;</h2>`)
    }
  })

  it("writes the Spanish site's API tables in Spanish (every description of every element has its Spanish)", async () => {
    const manifest = JSON.parse((await get("/custom-elements.json")).text)
    const missing: Array<string> = []
    for (const mod of manifest.modules) {
      for (const d of mod.declarations ?? []) {
        if (!d.customElement) continue
        const described = [...(d.attributes ?? []), ...(d.members ?? []).filter((m: { kind: string; privacy?: string; static?: boolean }) => m.kind === "field" && !m.privacy && !m.static), ...(d.events ?? []), ...(d.slots ?? []), ...(d.cssParts ?? []), ...(d.cssProperties ?? []), ...(d.cssStates ?? [])]
        for (const item of described) if (item.description && apiDescription(item.description) === undefined) missing.push(`<${d.tagName}> ${item.name}: ${item.description}`)
      }
    }
    expect(missing, "add these to docs/scripts/api-es.mjs").toEqual([])
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

  it("has a changelog page listing the pending changesets", async () => {
    const { status, text } = await get("/cambios/")
    expect(status).toBe(200)
    expect(text).toContain("Pendientes para la próxima versión")
    expect(text).toMatch(/@ecasilla\/(core|elements|adapters) \((major|minor|patch)\)/)
  })

  it("answers 404 for unknown paths and never serves files outside the site", async () => {
    expect((await get("/no-existe/")).status).toBe(404)
    expect((await get("/%2e%2e/%2e%2e/package.json")).status).toBe(404)
    expect((await get("/elementos/ecasilla-id-input")).status).toBe(301)
  })
})

// The site as a reader sees it, in Chromium: every page of both languages on a 390 px
// phone, with no console error, every demo upgraded, no axe violation, nothing wider
// than the screen. Skips (saying so) where no Chrome or Chromium is found.
const chrome = [process.env.CHROME_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].find((p) => p && existsSync(p))
if (!chrome) console.warn("site.test.ts: the Chromium checks are skipped, no Chrome or Chromium found (set CHROME_PATH)")

describe.skipIf(!chrome)("docs playground in Chromium", () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await puppeteer.launch({
      executablePath: chrome,
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
    })
  }, 60_000)
  afterAll(async () => browser?.close())

  const visit = async (path: string, width = 390) => {
    const page = await browser.newPage()
    await page.setViewport({ width, height: 844 })
    const errors: Array<string> = []
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text())
    })
    page.on("pageerror", (e) => errors.push(String(e)))
    await page.goto(new URL(path, base).href, { waitUntil: "load" })
    await page.waitForFunction(() => !/Cargando|Loading/.test(document.getElementById("storage-status")?.textContent ?? ""), { timeout: 20_000 })
    return { page, errors }
  }

  const axe = async (page: Page) => {
    await page.addScriptTag({ path: resolve(import.meta.dirname, "../../node_modules/axe-core/axe.min.js") })
    return page.evaluate(async () => {
      const result = await (window as unknown as { axe: { run: (c: Document, o: object) => Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown }> }> }> } }).axe.run(document, { resultTypes: ["violations"] })
      return result.violations.map((v) => `${v.id} ${JSON.stringify(v.nodes.map((n) => n.target))}`)
    })
  }

  it("every page in both languages: loads with no console error, demos render, axe passes, fits a 390 px phone", async () => {
    for (const prefix of ["", "/en"]) {
      for (const p of pages) {
        const path = `${prefix}${p.path === "" ? "/" : `/${p.path}/`}`
        const { page, errors } = await visit(path)
        if (p.demo !== undefined) {
          await page.waitForFunction(() => [...document.querySelectorAll("#demo-stage *")].filter((e) => e.localName.includes("-")).every((e) => customElements.get(e.localName) && e.shadowRoot), { timeout: 10_000 })
        }
        expect(await axe(page), path).toEqual([])
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
        expect(overflow, `${path} is ${overflow}px wider than the phone`).toBeLessThanOrEqual(0)
        expect(errors, path).toEqual([])
        await page.close()
      }
    }
  }, 240_000)

  it("the casilla demo is deposited through the service: María's notifications carry the verifier's verdict and the documents' real SHA-256", async () => {
    const { page, errors } = await visit("/casilla/casilla-inbox/", 1200)
    const warnings: Array<string> = []
    page.on("console", (m) => {
      if (m.type() === "warning") warnings.push(m.text())
    })
    await page.waitForFunction(() => (document.querySelector("casilla-inbox") as unknown as { notifications: ReadonlyArray<unknown> } | null)?.notifications.length === 24, { timeout: 60_000 })
    const docs = await page.evaluate(() =>
      (document.querySelector("casilla-inbox") as unknown as { notifications: ReadonlyArray<{ documents: ReadonlyArray<{ name: string; sha256?: string; verification?: { verdict: string } }> }> }).notifications.flatMap((n) => n.documents)
    )
    const valido = new Uint8Array(await (await fetch(new URL("/assets/firma/valido.pdf", base))).arrayBuffer())
    const dos = new Uint8Array(await (await fetch(new URL("/assets/firma/dos-firmas.pdf", base))).arrayBuffer())
    const { createHash } = await import("node:crypto")
    const digests = [valido, dos].map((b) => createHash("sha256").update(b).digest("hex"))
    expect(docs).toHaveLength(24)
    for (const d of docs) {
      expect(d.verification?.verdict, d.name).toBe("valid")
      expect(digests, d.name).toContain(d.sha256)
    }
    expect(errors).toEqual([])
    expect(warnings.filter((w) => w.includes("seeded"))).toEqual([])
    await page.close()
  }, 90_000)

  it("the English site shows no Spanish interface text once its scripts ran (demo data and code aside)", async () => {
    // Words of the site's own interface in Spanish; domain terms (cédula, casilla) and the
    // demo's data stay Spanish on purpose.
    const spanish = /\b(Actuar como|Cargando|datos de demostración|Borrar los datos|Idioma|Menú|Guardar|Buscar|Acciones|Ejemplo editable|Registro de eventos|Teclado|Resumen|Copiar|Volver|Siguiente|Anterior|Página|Elementos)\b/
    const offenders: Array<string> = []
    for (const p of pages) {
      const path = `/en${p.path === "" ? "/" : `/${p.path}/`}`
      const { page } = await visit(path, 1200)
      const text = await page.evaluate(() => {
        const clone = document.body.cloneNode(true) as HTMLElement
        for (const el of clone.querySelectorAll("pre, code, #demo-stage, option, .api-table td:first-child")) el.remove()
        return clone.innerText
      })
      const m = spanish.exec(text)
      if (m) offenders.push(`${path}: «${m[0]}» in …${text.slice(Math.max(0, m.index - 40), m.index + 40).replace(/\s+/g, " ")}…`)
      await page.close()
    }
    expect(offenders).toEqual([])
  }, 240_000)

  it("folds the navigation behind a menu button on a phone, and the language switch keeps the page", async () => {
    const { page } = await visit("/elementos/ecasilla-id-input/")
    expect(await page.$eval("#site-nav", (n) => getComputedStyle(n).display)).toBe("none")
    await page.click("#menu-toggle")
    expect(await page.$eval("#site-nav", (n) => getComputedStyle(n).display)).toBe("block")
    await Promise.all([page.waitForNavigation(), page.select("#locale", "en")])
    expect(new URL(page.url()).pathname).toBe("/en/elementos/ecasilla-id-input/")
    expect(await page.$eval("h2#api-title", (h) => h.textContent)).toBe("API of <ecasilla-id-input>")
    await page.close()
  }, 60_000)

  it("shows the address it is served on, copy buttons on code, and says when a snippet cannot render", async () => {
    const home = await visit("/", 1200)
    expect(await home.page.$eval("a.served-at", (a) => a.textContent)).toBe(new URL(base).origin + "/")
    expect(await home.page.$$eval(".code-block button.copy", (b) => b.length)).toBeGreaterThan(0)
    // People are shown with their roles' names, never role ids such as cau-lider-grupo.
    await home.page.waitForFunction(() => (document.getElementById("actor") as HTMLSelectElement).options.length > 0)
    const people = await home.page.$$eval("#actor option", (o) => o.map((x) => x.textContent ?? ""))
    expect(people.join(" | ")).not.toMatch(/\b(cau|sari)-[a-z-]+|operador-(oci|uo)|jefe-oci|supervisor-oci|auxiliar-casilla/)
    await home.page.close()
    const { page } = await visit("/elementos/ecasilla-id-input/", 1200)
    await page.$eval("#snippet", (t) => {
      const area = t as HTMLTextAreaElement
      area.value = "<ecasilla-id-imput></ecasilla-id-imput>"
      area.dispatchEvent(new Event("input"))
    })
    await page.waitForFunction(() => document.getElementById("snippet-status")?.textContent?.includes("<ecasilla-id-imput>"), { timeout: 5_000 })
    expect(await page.$eval("#snippet-status", (s) => s.textContent)).toContain("no es un elemento de esta página")
    await page.close()
  }, 60_000)
})
