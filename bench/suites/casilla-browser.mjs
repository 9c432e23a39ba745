// The casilla inbox in Chromium with 100,000 notifications of one receptor in IndexedDB:
// - casilla.inbox.first-page: mounting <casilla-inbox> (provider, runtime, Dexie store) to its
//   first rows on screen; goal ≤ 150 ms. Baseline: the raw IndexedDB cursor read of the same
//   50 rows in the same page.
// - casilla.inbox.filter-unread: choosing "No leídas" to the unread rows on screen; goal ≤ 50 ms.
//   Baseline: the raw IndexedDB read of the same 50 unread rows.
// The page is bundled from source (bench/pages/casilla-inbox.ts) with esbuild; Chromium is driven
// through puppeteer-core with the flags of web-test-runner.config.mjs; served on 127.0.0.1.
import { existsSync } from "node:fs"
import { createServer } from "node:http"
import { fileURLToPath } from "node:url"
import { build } from "esbuild"
import { row } from "../harness.mjs"

const CHROME_ARGS = ["--no-sandbox", "--headless=new", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
const chromePath = [process.env.CHROME_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].filter(Boolean).find((p) => existsSync(p))
const median = (xs) => xs.slice().sort((a, b) => a - b)[xs.length >> 1]

export default async function casillaBrowser() {
  if (!chromePath) {
    console.warn("[casilla-browser] no Chromium found (CHROME_PATH, /usr/bin/chromium): skipped")
    return []
  }
  const bundle = await build({
    entryPoints: [fileURLToPath(new URL("../pages/casilla-inbox.ts", import.meta.url))],
    bundle: true,
    write: false,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    conditions: ["source", "browser"],
    define: { "process.env.NODE_ENV": '"production"' },
    tsconfig: fileURLToPath(new URL("../../tsconfig.base.json", import.meta.url)),
    logLevel: "error"
  })
  const files = new Map([
    ["/", { type: "text/html", body: `<!doctype html><meta charset="utf-8"><title>loading</title><body style="margin:0"><script type="module" src="/entry.js"></script>` }],
    ["/entry.js", { type: "text/javascript", body: bundle.outputFiles[0].contents }]
  ])
  const server = createServer((req, res) => {
    const f = files.get(new URL(req.url, "http://x").pathname)
    if (!f) return res.writeHead(404).end()
    res.writeHead(200, { "content-type": f.type, "cache-control": "no-store" }).end(f.body)
  })
  await new Promise((r) => server.listen(0, "127.0.0.1", r))
  const { default: puppeteer } = await import("puppeteer-core")
  const browser = await puppeteer.launch({ executablePath: chromePath, headless: true, args: CHROME_ARGS })
  try {
    const page = await browser.newPage()
    await page.setViewport({ width: 1280, height: 900 })
    page.on("pageerror", (e) => console.error("[casilla-browser] page error:", e.message))
    await page.goto(`http://127.0.0.1:${server.address().port}/`)
    await page.waitForFunction(() => document.title === "ready")
    const seeded = await page.evaluate(() => window.bench.seed(100_000))
    if (seeded !== 100_000) throw new Error(`seeded ${seeded}`)
    if (process.env.CASILLA_PROBE) console.log(await page.evaluate(() => window.bench.probe()))
    const rounds = async (name, n = 7) => {
      await page.evaluate((f) => window.bench[f](), name) // warm-up (first mount compiles and opens the database)
      const xs = []
      for (let i = 0; i < n; i++) xs.push(await page.evaluate((f) => window.bench[f](), name))
      return median(xs)
    }
    const first = await rounds("firstPage")
    const rawFirst = await rounds("rawFirstPage")
    const unread = await rounds("filterUnread")
    const rawUnread = await rounds("rawFilterUnread")
    return [row("casilla.inbox.first-page", first, "ms", rawFirst), row("casilla.inbox.filter-unread", unread, "ms", rawUnread)]
  } finally {
    await browser.close()
    server.close()
  }
}
