// The generated React wrappers (@ecasilla/elements/react) in a real React 19 page in
// Chromium: properties reach the elements, events reach the `on…` props. The page is
// bundled with esbuild (React ships CommonJS), served on loopback and driven by
// puppeteer-core over Debian's Chromium; the test skips, saying so, without a Chromium.
import { existsSync } from "node:fs"
import { mkdtemp, rm, writeFile } from "node:fs/promises"
import type { Server } from "node:http"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import * as esbuild from "esbuild"
import puppeteer, { type Browser } from "puppeteer-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
// @ts-expect-error plain ESM script, no declarations
import { serveSite } from "../../../docs/scripts/serve.mjs"

const root = resolve(import.meta.dirname, "../../..")
const chrome = [process.env.CHROME_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].find((p) => p && existsSync(p))
if (!chrome) console.warn("react.test.ts: skipped, no Chrome or Chromium found (set CHROME_PATH)")

let dir: string
let server: Server
let base: string
let browser: Browser

beforeAll(async () => {
  if (!chrome) return
  dir = await mkdtemp(join(tmpdir(), "ecasilla-react-"))
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: [join(root, "packages/elements/test/react-page.tsx")],
    outfile: join(dir, "page.js"),
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    jsx: "automatic",
    conditions: ["source", "browser"],
    tsconfig: join(root, "tsconfig.json"),
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "warning"
  })
  await writeFile(join(dir, "index.html"), '<!doctype html><html lang="es-PE"><title>React</title><div id="app"></div><script type="module" src="page.js"></script>')
  ;({ server, url: base } = await serveSite(dir, { port: 0, host: "127.0.0.1" }))
  browser = await puppeteer.launch({
    executablePath: chrome,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
  })
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await new Promise((done) => (server ? server.close(done) : done(undefined)))
  if (dir) await rm(dir, { recursive: true, force: true })
})

describe.skipIf(!chrome)("@ecasilla/elements/react", () => {
  it("sets properties on the elements and calls the on… props on their events", async () => {
    const page = await browser.newPage()
    const errors: Array<string> = []
    page.on("pageerror", (e) => errors.push(String(e)))
    await page.goto(new URL("/index.html", base).href)
    await page.waitForFunction(() => customElements.get("cau-ticket-form") && document.querySelector("cau-ticket-form")?.shadowRoot?.querySelector("#titulo"))

    // Properties, not attributes: the provider got the Layer object and the actor.
    expect(await page.evaluate(() => {
      const p = document.querySelector("ecasilla-provider") as HTMLElement & { actor?: { id: string }; runtime?: unknown }
      return { actor: p.actor?.id, runtime: p.runtime !== undefined }
    })).toEqual({ actor: "E40125", runtime: true })

    // A change event of <ecasilla-id-input> reaches onChange, and React re-renders with it.
    await page.focus("ecasilla-id-input")
    await page.keyboard.type("20131378972")
    await page.keyboard.press("Tab")
    await page.waitForFunction(() => document.querySelector("#documento")?.textContent === "20131378972")
    expect(await page.evaluate(() => window.ecasillaReact.changes)).toEqual(["20131378972"])

    // A ticket filed through the wrapped form reaches onTicketCreated.
    const fill = async (selector: string, text: string) => {
      await page.evaluate((s) => (document.querySelector("cau-ticket-form")!.shadowRoot!.querySelector(s) as HTMLElement).focus(), selector)
      await page.keyboard.type(text)
    }
    await fill("#titulo", "No recibo notificaciones en mi casilla")
    await fill("#descripcion", "Desde el lunes no aparecen notificaciones nuevas.")
    await page.evaluate(() => (document.querySelector("cau-ticket-form")!.shadowRoot!.querySelector('input[name="tipo"][value="Incidencia"]') as HTMLElement).click())
    await fill("#categoria", "problemas notificacion")
    await page.keyboard.press("ArrowDown")
    await page.keyboard.press("Enter")
    await fill("#telefono", "984123456")
    await page.evaluate(() => (document.querySelector("cau-ticket-form")!.shadowRoot!.querySelector('button[type="submit"]') as HTMLElement).click())
    await page.waitForFunction(() => window.ecasillaReact.created.length === 1, { timeout: 10_000 })
    expect((await page.evaluate(() => window.ecasillaReact.created))[0]).toMatch(/^CAU-\d{4}-\d{6}$/)
    expect(errors).toEqual([])
  }, 60_000)
})
