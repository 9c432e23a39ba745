// Firma in a browser and the signing path (against the built packages; `npm run build` first):
// - firma.verify.browser.30MB: verifying a 30 MB signed PDF in Chromium (verifyPdfOutcome, the
//   path <firma-verify> takes), against the WebCrypto SHA-256 of the same bytes in the same page;
//   goal ratio ≤ 2. Its longest main-thread task is reported too (responsiveness). The document
//   has two signatures, each covering the 30 MB: WebCrypto has no incremental hash and runs every
//   digest of a page (its workers too) on one thread, so two full digests, 2.0, is the floor
//   here. .oneSignature: the same document signed once (what the verifier adds to one digest).
// - firma.sign.1MB.node / .chromium: signing a 1 MB PDF as titular from the PKCS#12, against a
//   pdf-lib load+save of the same bytes (the rewrite every first signature pays), in the same
//   process / page; .node.openedKey: the same with the key opened once (openFirmaSigningKey).
// - firma.sign.chunk.gzipBytes: what `import("@ecasilla/core/firma/sign")` loads in a browser,
//   minified and gzipped, against the lazily loaded verifier (`@ecasilla/core/firma/outcome`).
// - firma.verify.element.gzipBytes: <firma-verify>'s own code (its define module without lit),
//   against the 12 kB budget.
// Chromium is driven through puppeteer-core (a dependency of @web/test-runner-chrome) with the
// flags of web-test-runner.config.mjs; the page and its files are served on 127.0.0.1.
import { existsSync } from "node:fs"
import { createServer } from "node:http"
import { gzipSync } from "node:zlib"
import commonjs from "@rollup/plugin-commonjs"
import { nodeResolve } from "@rollup/plugin-node-resolve"
import { rollup } from "rollup"
import { minify } from "rollup-plugin-esbuild"
import { makeFirmaPeruPdf } from "../firma-fixture.mjs"
import { makeP12, makeUnsignedPdf } from "../firma-sign-fixture.mjs"
import { row } from "../harness.mjs"

const CHROME_ARGS = ["--no-sandbox", "--headless=new", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
const chromePath = [process.env.CHROME_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].filter(Boolean).find((p) => existsSync(p))

async function build(code, { external = [], inline = false } = {}) {
  const bundle = await rollup({
    input: "entry",
    external,
    plugins: [
      { name: "entry", resolveId: (id) => (id === "entry" ? id : null), load: (id) => (id === "entry" ? code : null) },
      // The worker file is not a public export: reach it in the built package directly.
      { name: "worker", resolveId: (id) => (id === "@ecasilla/elements/firma-verify/verify-worker" ? new URL("../../packages/elements/dist/firma-verify/verify-worker.js", import.meta.url).pathname : null) },
      // pdf-lib's standard fonts import their metrics as JSON.
      { name: "json", transform: (src, id) => (id.endsWith(".json") ? { code: `export default ${src}`, map: null } : null) },
      nodeResolve({ browser: true, preferBuiltins: false, exportConditions: ["browser", "import", "default"] }),
      commonjs(),
      minify()
    ],
    onwarn: () => {}
  })
  const { output } = await bundle.generate({ format: "es", chunkFileNames: "[name]-[hash].js", inlineDynamicImports: inline })
  await bundle.close()
  const chunks = new Map(output.filter((c) => c.type === "chunk").map((c) => [c.fileName, c]))
  const initial = new Set()
  const visit = (name) => {
    if (initial.has(name) || !chunks.has(name)) return
    initial.add(name)
    for (const dep of chunks.get(name).imports) visit(dep)
  }
  for (const c of chunks.values()) if (c.isEntry) visit(c.fileName)
  const gz = (names) => gzipSync([...names].map((n) => chunks.get(n).code).join("\n"), { level: 9 }).length
  return { chunks, initialBytes: gz(initial), lazyBytes: gz([...chunks.keys()].filter((n) => !initial.has(n))) }
}

const median = (xs) => xs.slice().sort((a, b) => a - b)[xs.length >> 1]

async function timeNode(fn, rounds) {
  await fn()
  const times = []
  for (let r = 0; r < rounds; r++) {
    const t = performance.now()
    await fn()
    times.push(performance.now() - t)
  }
  return median(times)
}

export default async function firmaBrowser() {
  const rows = []
  // Sizes.
  const sign = await build(`export const load = () => import("@ecasilla/core/firma/sign")`)
  const verifier = await build(`export const load = () => import("@ecasilla/core/firma/outcome")`)
  rows.push(row("firma.sign.chunk.gzipBytes", sign.lazyBytes, "bytes", verifier.lazyBytes))
  const own = await build(`import "@ecasilla/elements/define/firma-verify.js"`, { external: (id) => /^(lit|lit-html|lit-element|@lit\/)/.test(id) })
  rows.push(row("firma.verify.element.gzipBytes", own.initialBytes, "bytes", 12 * 1024))

  // Node: signing 1 MB.
  const { p12, passphrase, rootPem } = await makeP12()
  const unsigned = makeUnsignedPdf(1024 * 1024)
  const { signFirmaPdf, openFirmaSigningKey } = await import("../../packages/core/dist/firma/sign/index.js")
  const { verifyPdfOutcome } = await import("../../packages/core/dist/firma/outcome.js")
  const { PDFDocument } = await import("pdf-lib")
  const signed = await signFirmaPdf(unsigned, { p12, passphrase, as: "titular" })
  const check = await verifyPdfOutcome(signed, { trustAnchors: [rootPem], policy: "pdf" })
  if (check._tag !== "Report" || check.report.verdict !== "valid") throw new Error(`signed bench PDF does not verify: ${JSON.stringify(check)}`)
  const signNode = await timeNode(() => signFirmaPdf(unsigned, { p12, passphrase, as: "titular" }), 9)
  const saveNode = await timeNode(async () => (await PDFDocument.load(unsigned)).save({ useObjectStreams: false }), 9)
  rows.push(row("firma.sign.1MB.node", signNode, "ms", saveNode))
  // With the PKCS#12 opened once (a batch of notifications): no PBKDF2 in JavaScript per document.
  const key = await openFirmaSigningKey(p12, passphrase)
  rows.push(row("firma.sign.1MB.node.openedKey", await timeNode(() => signFirmaPdf(unsigned, { key, as: "titular" }), 9), "ms", saveNode))

  if (!chromePath) {
    console.warn("[firma-browser] no Chromium found (CHROME_PATH, /usr/bin/chromium): browser figures skipped")
    return rows
  }
  // The page: the verifier up front, signing and pdf-lib behind import().
  const page = await build(
    `import { verifyPdfOutcome } from "@ecasilla/core/firma/outcome"
     window.bench = { verifyPdfOutcome, loadSign: () => import("@ecasilla/core/firma/sign"), loadPdfLib: () => import("pdf-lib") }`
  )
  // The same document as firma.verify.30MB: a scanned page, three revisions, two signatures.
  const { pdf: big, pki: bigPki } = await makeFirmaPeruPdf(30 * 1024 * 1024)
  const { pdf: once, pki: oncePki } = await makeFirmaPeruPdf(30 * 1024 * 1024, { signatures: 1 })
  const files = new Map([
    ["/", { type: "text/html", body: `<!doctype html><meta charset="utf-8"><title>bench</title><script type="module" src="/entry.js"></script>` }],
    ["/30mb.pdf", { type: "application/pdf", body: big }],
    ["/30mb-once.pdf", { type: "application/pdf", body: once }],
    ["/30mb-root.pem", { type: "application/x-pem-file", body: bigPki.rootPem }],
    ["/30mb-once-root.pem", { type: "application/x-pem-file", body: oncePki.rootPem }],
    ["/1mb.pdf", { type: "application/pdf", body: unsigned }],
    ["/id.p12", { type: "application/octet-stream", body: p12 }],
    ["/root.pem", { type: "application/x-pem-file", body: rootPem }]
  ])
  for (const [name, c] of page.chunks) files.set(`/${c.isEntry ? "entry.js" : name}`, { type: "text/javascript", body: c.code })
  // <firma-verify>'s worker module, as the built package ships it.
  const worker = await build(`import "@ecasilla/elements/firma-verify/verify-worker"`, { inline: true })
  files.set("/worker.js", { type: "text/javascript", body: [...worker.chunks.values()].find((c) => c.isEntry).code })
  const server = createServer((req, res) => {
    const f = files.get(new URL(req.url, "http://x").pathname)
    if (!f) return res.writeHead(404).end()
    res.writeHead(200, { "content-type": f.type, "cache-control": "no-store" }).end(f.body)
  })
  await new Promise((r) => server.listen(0, "127.0.0.1", r))
  const { default: puppeteer } = await import("puppeteer-core")
  const browser = await puppeteer.launch({ executablePath: chromePath, headless: true, args: CHROME_ARGS })
  try {
    const tab = await browser.newPage()
    tab.on("console", (m) => process.env.BENCH_DEBUG && console.log("[page]", m.text()))
    await tab.goto(`http://127.0.0.1:${server.address().port}/`)
    await tab.waitForFunction(() => window.bench !== undefined)
    const r = await tab.evaluate(async (passphrase) => {
      const get = async (p) => new Uint8Array(await (await fetch(p)).arrayBuffer())
      const med = (xs) => xs.slice().sort((a, b) => a - b)[xs.length >> 1]
      const { verifyPdfOutcome, loadSign, loadPdfLib } = window.bench
      const big = await get("/30mb.pdf")
      // With the trust anchor, as a page that judges trust passes it: the chain and its CRLs are checked.
      const anchored = { trustAnchors: [await get("/30mb-root.pem")] }
      const first = await verifyPdfOutcome(big, anchored)
      if (first._tag !== "Report" || first.report.verdict !== "valid" || first.report.signatures.length !== 2) throw new Error(`30 MB fixture does not verify in the page: ${JSON.stringify(first)}`)
      // Interleaved: the digest of the bytes, then their verification, nine times; medians.
      const against = async (bytes, options) => {
        const ver = []
        const dig = []
        for (let i = 0; i < 9; i++) {
          let t = performance.now()
          await crypto.subtle.digest("SHA-256", bytes)
          dig.push(performance.now() - t)
          await new Promise((r) => setTimeout(r, 0))
          t = performance.now()
          await verifyPdfOutcome(bytes, options)
          ver.push(performance.now() - t)
          await new Promise((r) => setTimeout(r, 0))
        }
        return { verify: med(ver), digest: med(dig) }
      }
      const tasks = []
      const observer = new PerformanceObserver((l) => l.getEntries().forEach((e) => tasks.push(e.duration)))
      observer.observe({ type: "longtask" })
      const two = await against(big, anchored)
      observer.disconnect()
      const single = await get("/30mb-once.pdf")
      const onceAnchored = { trustAnchors: [await get("/30mb-once-root.pem")] }
      const s0 = await verifyPdfOutcome(single, onceAnchored)
      if (s0._tag !== "Report" || s0.report.verdict !== "valid" || s0.report.signatures.length !== 1) throw new Error(`one-signature fixture does not verify in the page: ${JSON.stringify(s0)}`)
      const one = await against(single, onceAnchored)
      // Through <firma-verify>'s Worker: wall time, and the longest task left on the main thread
      // (the copy handed to the worker included).
      const wtasks = []
      const wobs = new PerformanceObserver((l) => l.getEntries().forEach((e) => wtasks.push(e.duration)))
      wobs.observe({ type: "longtask" })
      const worker = new Worker("/worker.js", { type: "module" })
      await new Promise((r) => (worker.onmessage = (e) => e.data.ready && r()))
      // The bytes go to the worker and come back by transfer, as the element hands them over.
      let held = big
      const viaWorker = () =>
        new Promise((resolve, reject) => {
          worker.onmessage = (e) => ((held = e.data.bytes), resolve(e.data.outcome))
          worker.onerror = (e) => reject(new Error(`worker: ${e.message}`))
          worker.postMessage({ bytes: held, options: anchored }, [held.buffer])
        })
      const w0 = await viaWorker()
      if (w0._tag !== "Report" || w0.report.verdict !== "valid") throw new Error(`worker verification failed: ${JSON.stringify(w0)}`)
      wtasks.length = 0
      const wtimes = []
      for (let i = 0; i < 7; i++) {
        const t = performance.now()
        await viaWorker()
        wtimes.push(performance.now() - t)
        await new Promise((r) => setTimeout(r, 0))
      }
      await new Promise((r) => setTimeout(r, 50))
      wobs.disconnect()
      worker.terminate()
      const { signFirmaPdf } = await loadSign()
      const { PDFDocument } = await loadPdfLib()
      const pdf = await get("/1mb.pdf")
      const p12 = await get("/id.p12")
      const root = await get("/root.pem")
      const out = await signFirmaPdf(pdf, { p12, passphrase, as: "titular" })
      const v = await verifyPdfOutcome(out, { trustAnchors: [root], policy: "pdf" })
      if (v._tag !== "Report" || v.report.verdict !== "valid") throw new Error(`PDF signed in the page does not verify: ${JSON.stringify(v)}`)
      const sign = []
      const save = []
      for (let i = 0; i < 7; i++) {
        let t = performance.now()
        await signFirmaPdf(pdf, { p12, passphrase, as: "titular" })
        sign.push(performance.now() - t)
        t = performance.now()
        await (await PDFDocument.load(pdf)).save({ useObjectStreams: false })
        save.push(performance.now() - t)
      }
      return { verify: two.verify, digest: two.digest, one: one.verify, oneDigest: one.digest, longest: Math.max(0, ...tasks), worker: med(wtimes), workerLongest: Math.max(0, ...wtasks), sign: med(sign), save: med(save) }
    }, passphrase)
    rows.push(row("firma.verify.browser.30MB", r.verify, "ms", r.digest))
    rows.push(row("firma.verify.browser.30MB.longestTask", r.longest, "ms", r.verify))
    rows.push(row("firma.verify.browser.30MB.oneSignature", r.one, "ms", r.oneDigest))
    rows.push(row("firma.verify.browser.30MB.worker", r.worker, "ms", r.digest))
    rows.push(row("firma.verify.browser.30MB.worker.longestTask", r.workerLongest, "ms", r.longest))
    rows.push(row("firma.sign.1MB.chromium", r.sign, "ms", r.save))
  } finally {
    await browser.close()
    await new Promise((r) => server.close(r))
  }
  return rows
}
