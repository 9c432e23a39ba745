// Signing in a real Chromium: the signing entry bundled for browsers (esbuild, from the sources;
// @signpdf and node-forge are CommonJS, Buffer comes from the `buffer` package only when signing),
// a titular signature, a notification as an incremental update, a wrong passphrase; every PDF
// signed in the page is then verified in the same page. Skipped, visibly, without Chromium.
import { existsSync } from "node:fs"
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { fileURLToPath } from "node:url"
import * as esbuild from "esbuild"
import { PDFDocument } from "pdf-lib"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeSigningIdentity } from "../packages/core/test/firma/p12.js"
import { makeCrl } from "../packages/core/test/firma/pki.js"

const chrome = [process.env.CHROME_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].find((p) => p && existsSync(p))
if (!chrome) console.warn("[firma-sign.chromium] no Chromium found: signing in the browser is not tested here")

const root = fileURLToPath(new URL("..", import.meta.url))
let server: Server
let browser: import("puppeteer-core").Browser
let page: import("puppeteer-core").Page

interface PageResult {
  readonly hadBuffer: boolean
  readonly first: { verdict: string; fields: string[] }
  readonly second: { verdict: string; modifications: string[]; prefix: boolean }
  readonly wrong: string
}

describe.skipIf(!chrome)("signing in Chromium", () => {
  beforeAll(async () => {
    const built = await esbuild.build({
      stdin: {
        contents: `import { signFirmaPdf } from "@ecasilla/core/firma/sign"
          import { verifyPdfOutcome } from "@ecasilla/core/firma/outcome"
          window.firma = { signFirmaPdf, verifyPdfOutcome }`,
        resolveDir: root,
        loader: "ts"
      },
      bundle: true,
      write: false,
      format: "esm",
      platform: "browser",
      target: "es2022",
      conditions: ["source", "browser"],
      tsconfig: `${root}tsconfig.json`,
      logLevel: "silent"
    })
    const js = built.outputFiles[0].text
    const id = await makeSigningIdentity({ passphrase: "clave" })
    const doc = await PDFDocument.create()
    doc.addPage([595, 842])
    const files = new Map<string, [string, string | Uint8Array]>([
      ["/", ["text/html", `<!doctype html><meta charset="utf-8"><title>firma</title><script type="module" src="/firma.js"></script>`]],
      ["/firma.js", ["text/javascript", js]],
      ["/id.p12", ["application/octet-stream", id.p12]],
      ["/root.pem", ["application/x-pem-file", id.pki.rootPem]],
      ["/root.crl", ["application/pkix-crl", new Uint8Array((await makeCrl(id.pki, [])).toSchema().toBER())]],
      ["/doc.pdf", ["application/pdf", await doc.save()]]
    ])
    server = createServer((req, res) => {
      const f = files.get(new URL(req.url ?? "/", "http://x").pathname)
      if (!f) return void res.writeHead(404).end()
      res.writeHead(200, { "content-type": f[0] }).end(f[1])
    })
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r))
    const { default: puppeteer } = await import("puppeteer-core")
    browser = await puppeteer.launch({
      executablePath: chrome,
      headless: true,
      args: ["--no-sandbox", "--headless=new", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
    })
    page = await browser.newPage()
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`)
    await page.waitForFunction(() => "firma" in window)
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await new Promise((r) => server?.close(r))
  })

  it("signs as titular and then as notificacion, and the page verifies both as valid", async () => {
    const r = (await page.evaluate(async () => {
      type Firma = {
        signFirmaPdf: (pdf: Uint8Array, o: object) => Promise<Uint8Array>
        verifyPdfOutcome: (pdf: Uint8Array, o: object) => Promise<{ _tag: string; report: { verdict: string; signatures: Array<{ field: string; modification: string }> } }>
      }
      const { signFirmaPdf, verifyPdfOutcome } = (window as unknown as { firma: Firma }).firma
      const get = async (p: string) => new Uint8Array(await (await fetch(p)).arrayBuffer())
      const [p12, root, pdf, crl] = await Promise.all([get("/id.p12"), get("/root.pem"), get("/doc.pdf"), get("/root.crl")])
      const hadBuffer = "Buffer" in globalThis
      const one = await signFirmaPdf(pdf, { p12, passphrase: "clave", as: "titular", crls: [crl] })
      const v1 = await verifyPdfOutcome(one, { trustAnchors: [root] })
      const two = await signFirmaPdf(one, { p12, passphrase: "clave", as: "notificacion", crls: [crl] })
      const v2 = await verifyPdfOutcome(two, { trustAnchors: [root] })
      let wrong = "none"
      try {
        await signFirmaPdf(pdf, { p12, passphrase: "otra", as: "titular" })
      } catch (e) {
        wrong = (e as { reason?: string }).reason ?? String(e)
      }
      return {
        hadBuffer,
        first: { verdict: v1.report.verdict, fields: v1.report.signatures.map((s) => s.field) },
        second: { verdict: v2.report.verdict, modifications: v2.report.signatures.map((s) => s.modification), prefix: one.every((b, i) => two[i] === b) },
        wrong
      }
    })) as PageResult
    // A page that never signed has no global Buffer: the signing code brings it.
    expect(r.hadBuffer).toBe(false)
    expect(r.first).toEqual({ verdict: "valid", fields: ["FirmaTitular"] })
    expect(r.second).toEqual({ verdict: "valid", modifications: ["signatures-only", "none"], prefix: true })
    expect(r.wrong).toBe("bad-passphrase")
  }, 120_000)
})
