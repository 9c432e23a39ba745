// firma.verify.30MB: verifying a realistic 30 MB Firma Perú document (object streams, the
// titular's signature then the notification's as incremental updates, three revisions, a chain
// through an intermediate CA with CRLs) WITH its trust anchor, in a warm process, against
// SHA-256 of the same bytes in the same process (node:crypto; WebCrypto alongside); target
// ratio ≤ 1.5; .firstSight: the same with the verifier's caches emptied before each run (a warm
// process that has seen none of the document's certificates, CRLs or anchors). firma.verify.30MB.cold: the same in a fresh Node process per sample (module
// loading included), against SHA-256 in a fresh process. firma.verify.corpus.bulk: one
// `ecasilla verify --json` process over the whole conformance corpus, against running
// poppler's pdfsig once per file (the baseline). firma.crl.read.50k: a 50,000-entry CRL read and looked
// up as revocation does, against SHA-256 of its bytes (and against pkijs, which it replaced).
import { spawnSync } from "node:child_process"
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import { firmaClearCaches, verifyPdfAsync } from "../../packages/core/dist/firma/index.js"
import * as asn1js from "asn1js"
import * as pkijs from "pkijs"
import { readCrl } from "../../packages/core/dist/firma/internal/crl.js"
import { makeFirmaPeruPdf, makeLargeCrl } from "../firma-fixture.mjs"
import { row } from "../harness.mjs"

const here = dirname(fileURLToPath(import.meta.url))
const repo = resolve(here, "../..")
const corpus = resolve(repo, "../shared/corpus/pdf")

export default async function firma() {
  const rows = []
  const { pdf, pki } = await makeFirmaPeruPdf(30 * 1024 * 1024)
  const options = { trustAnchors: [pki.rootPem] }
  const check = await verifyPdfAsync(pdf, options)
  const expected = (r) => r.verdict === "valid" && r.revisions === 3 && r.signatures.length === 2 && r.signatures.every((s) => s.indication === "TOTAL_PASSED" && s.revocation === "good")
  if (!expected(check)) throw new Error(`bench fixture does not verify as valid: ${JSON.stringify(check)}`)
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
  const first = []
  for (let r = 0; r < 25; r++) {
    await time(node, () => createHash("sha256").update(pdf).digest())
    await time(ver, () => verifyPdfAsync(pdf, options))
    // The same in a process that has seen none of its certificates, CRLs or anchors before.
    firmaClearCaches()
    await time(first, () => verifyPdfAsync(pdf, options))
  }
  // WebCrypto copies its input (30 MB of garbage per call): measured apart, so its collection
  // does not land in the other figures.
  for (let r = 0; r < 12; r++) await time(web, () => globalThis.crypto.subtle.digest("SHA-256", pdf))
  const median = (xs) => xs.slice(2).sort((a, b) => a - b)[(xs.length - 2) >> 1]

  // Baseline: the fastest SHA-256 this process has over the same bytes (node:crypto); the
  // WebCrypto digest of the same bytes is reported alongside.
  rows.push(row("firma.verify.30MB", median(ver), "ms", median(node)))
  rows.push(row("firma.verify.30MB.firstSight", median(first), "ms", median(node)))
  rows.push(row("firma.verify.30MB.vs-webcrypto-sha256", median(ver), "ms", median(web)))

  // Cold: a fresh process per sample, interleaved with fresh SHA-256 processes.
  const dir = mkdtempSync(join(tmpdir(), "ecasilla-bench-"))
  try {
    const file = join(dir, "notificacion.pdf")
    const anchor = join(dir, "raiz.pem")
    writeFileSync(file, pdf)
    writeFileSync(anchor, pki.rootPem)
    const cold = resolve(repo, "bench/firma-cold.mjs")
    const sample = (mode) => {
      const r = spawnSync(process.execPath, [cold, mode, file, anchor], { encoding: "utf8" })
      if (r.status !== 0) throw new Error(`cold ${mode} sample failed: ${r.stderr}`)
      return JSON.parse(r.stdout)
    }
    const coldVer = []
    const coldSha = []
    for (let r = 0; r < 9; r++) {
      const v = sample("verify")
      if (v.check !== "valid/3/good,good") throw new Error(`cold verification gave ${v.check}`)
      coldVer.push(v.ms)
      coldSha.push(sample("sha256").ms)
    }
    const med = (xs) => xs.slice().sort((a, b) => a - b)[xs.length >> 1]
    rows.push(row("firma.verify.30MB.cold", med(coldVer), "ms", med(coldSha)))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }

  // A national CA's CRL (50,000 entries, 2.4 MB): read and looked up as revocation does, each
  // round on other bytes (one signature byte changed, so no cache answers), against SHA-256 of
  // the same bytes: a single pass over them.
  {
    const crl = await makeLargeCrl(50_000)
    const variants = Array.from({ length: 9 }, (_, i) => {
      const v = crl.slice()
      v[v.length - 1 - i] ^= 0x5a
      return v
    })
    const absent = Uint8Array.of(0x02, 0x01, 0x07)
    const read = []
    const sha = []
    for (const v of variants) {
      await time(read, () => readCrl(v).revokedAt(absent))
      await time(sha, () => createHash("sha256").update(v).digest())
    }
    const med = (xs) => xs.slice(1).sort((a, b) => a - b)[(xs.length - 1) >> 1]
    rows.push(row("firma.crl.read.50k", med(read), "ms", med(sha)))
    // What it replaced: pkijs over asn1js with the node limit raised (asn1js refuses it otherwise).
    const t = performance.now()
    const asn = asn1js.fromBER(crl.slice(), { maxNodes: crl.length, maxContentLength: crl.length })
    new pkijs.CertificateRevocationList({ schema: asn.result })
    rows.push(row("firma.crl.read.50k.vs-pkijs", med(read), "ms", performance.now() - t))
  }

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
