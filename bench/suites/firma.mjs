// firma.verify.30MB: verifying a 30 MB signed PDF in Node, against SHA-256 of the same bytes
// in the same process (node:crypto, the fastest one; WebCrypto alongside); target ratio ≤ 1.5.
// firma.verify.corpus.bulk: one `ecasilla verify --json` process over the whole conformance
// corpus, against running poppler's pdfsig once per file (the baseline).
import { spawnSync } from "node:child_process"
import { existsSync, readdirSync } from "node:fs"
import { dirname, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import { verifyPdfAsync } from "../../packages/core/dist/firma/index.js"
import { makeSignedPdf } from "../firma-fixture.mjs"
import { row } from "../harness.mjs"

const here = dirname(fileURLToPath(import.meta.url))
const repo = resolve(here, "../..")
const corpus = resolve(repo, "../shared/corpus/pdf")

export default async function firma() {
  const rows = []
  const pdf = await makeSignedPdf(30 * 1024 * 1024)
  const check = await verifyPdfAsync(pdf)
  if (check.signatures[0]?.intact !== true) throw new Error(`bench fixture does not verify: ${JSON.stringify(check)}`)
  // Interleaved rounds, so load from other processes hits both figures alike.
  const { createHash } = await import("node:crypto")
  const web = []
  const node = []
  const ver = []
  const time = async (list, fn) => {
    const t = performance.now()
    await fn()
    list.push(performance.now() - t)
  }
  for (let r = 0; r < 25; r++) {
    await time(node, () => createHash("sha256").update(pdf).digest())
    await time(ver, () => verifyPdfAsync(pdf))
  }
  // WebCrypto copies its input (30 MB of garbage per call): measured apart, so its collection
  // does not land in the other figures.
  for (let r = 0; r < 12; r++) await time(web, () => globalThis.crypto.subtle.digest("SHA-256", pdf))
  const median = (xs) => xs.slice(2).sort((a, b) => a - b)[(xs.length - 2) >> 1]

  // Baseline: the fastest SHA-256 this process has over the same bytes (node:crypto); the
  // WebCrypto digest of the same bytes is reported alongside.
  rows.push(row("firma.verify.30MB", median(ver), "ms", median(node)))
  rows.push(row("firma.verify.30MB.vs-webcrypto-sha256", median(ver), "ms", median(web)))

  if (existsSync(corpus)) {
    const files = readdirSync(corpus)
      .filter((f) => f.endsWith(".pdf"))
      .sort()
      .map((f) => resolve(corpus, f))
    const cli = resolve(repo, "packages/core/bin/ecasilla.js")
    const bulkOnce = () => {
      const r = spawnSync(process.execPath, [cli, "verify", "--json", "--policy", "pdf", ...files], { encoding: "utf8", maxBuffer: 64 << 20 })
      if (r.stdout.trim().split("\n").length !== files.length) throw new Error(`ecasilla verify printed ${r.stdout.split("\n").length} lines for ${files.length} files: ${r.stderr}`)
    }
    const hasPdfsig = spawnSync("pdfsig", ["-v"]).status === 0
    // The loop runs in one shell, as a script would run it (spawning each pdfsig from Node costs more).
    const loopOnce = () => {
      spawnSync("sh", ["-c", 'for f in "$@"; do pdfsig "$f" >/dev/null 2>&1; done', "sh", ...files])
    }
    // Interleaved, so both see the same machine load.
    const bulk = []
    const loop = []
    bulkOnce()
    for (let r = 0; r < 5; r++) {
      await time(bulk, bulkOnce)
      if (hasPdfsig) await time(loop, loopOnce)
    }
    const med = (xs) => xs.slice().sort((a, b) => a - b)[xs.length >> 1]
    rows.push(row("firma.verify.corpus.bulk", med(bulk), "ms", hasPdfsig ? med(loop) : undefined))
  }
  return rows
}
