// sari.inbox.1000: a browser figure. <sari-approval-inbox> renders a bandeja of 1,000 sent
// requests (service query on the memory adapters included) and filters it by a search, in
// Chromium; goal ≤ 100 ms for both together, with the DOM bounded (windowed list).
// Baseline on the same page: Lit rendering the same 1,000 rows as plain list items and
// re-rendering the filtered ones. Chromium is driven through puppeteer-core with the flags
// of web-test-runner.config.mjs.
import { existsSync } from "node:fs"
import { fileURLToPath } from "node:url"
import * as esbuild from "esbuild"
import puppeteer from "puppeteer-core"
import { row } from "../harness.mjs"

const root = fileURLToPath(new URL("../../", import.meta.url))
const executablePath = [process.env.CHROME_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].filter(Boolean).find((p) => existsSync(p))

export default async function sari() {
  if (!executablePath) {
    console.warn("sari.inbox.1000 skipped: no Chromium (set CHROME_PATH)")
    return []
  }
  const built = await esbuild.build({
    entryPoints: [fileURLToPath(new URL("../sari-inbox-page.ts", import.meta.url))],
    bundle: true,
    write: false,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    conditions: ["source", "browser", "production"],
    define: { "process.env.NODE_ENV": '"production"' },
    tsconfig: `${root}tsconfig.base.json`,
    logLevel: "error"
  })
  const browser = await puppeteer.launch({
    executablePath,
    headless: true,
    args: ["--no-sandbox", "--headless=new", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
  })
  try {
    const page = await browser.newPage()
    await page.setViewport({ width: 1280, height: 900 })
    const errors = []
    page.on("pageerror", (e) => errors.push(String(e)))
    await page.setContent("<!doctype html><html lang=\"es-PE\"><body></body></html>")
    await page.addScriptTag({ content: built.outputFiles[0].text, type: "module" })
    await page.waitForFunction(() => typeof window.runBench === "function", { timeout: 20_000 })
    const r = await page.evaluate(() => window.runBench())
    if (errors.length) throw new Error(errors.join("\n"))
    console.log(`  sari.inbox.1000: render ${r.renderMs.toFixed(1)} ms + filter ${r.filterMs.toFixed(1)} ms (${r.expected} match); rows in the DOM ${r.rows} of 1000, ${r.filteredRows} after filtering; plain rows ${r.plainRenderMs.toFixed(1)} + ${r.plainFilterMs.toFixed(1)} ms`)
    return [
      row("sari.inbox.1000", r.totalMs, "ms", r.plainTotalMs),
      row("sari.inbox.1000.render", r.renderMs, "ms", r.plainRenderMs),
      row("sari.inbox.1000.filter", r.filterMs, "ms", r.plainFilterMs),
      row("sari.inbox.1000.dom-rows", r.rows, "rows", 1000)
    ]
  } finally {
    await browser.close()
  }
}
