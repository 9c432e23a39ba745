// One cold sample, run in a fresh Node process by bench/suites/firma.mjs: the time from before
// the verifier is loaded to its report (`verify`), or from before node:crypto is loaded to the
// SHA-256 of the same bytes (`sha256`). Reading the file and starting Node are outside both.
import { readFileSync } from "node:fs"

const [mode, file, anchor] = process.argv.slice(2)
const bytes = readFileSync(file)
const trust = anchor ? [readFileSync(anchor)] : []
const t0 = performance.now()
let check = ""
if (mode === "verify") {
  // The module `ecasilla verify` loads: the Effect-free entry of the firma verifier.
  const { verifyPdfOutcome } = await import(new URL("../packages/core/dist/firma/outcome.js", import.meta.url).href)
  const o = await verifyPdfOutcome(bytes, { trustAnchors: trust })
  check = o._tag === "Report" ? `${o.report.verdict}/${o.report.revisions}/${o.report.signatures.map((s) => s.revocation).join(",")}` : o.reason
} else {
  const { createHash } = await import("node:crypto")
  check = createHash("sha256").update(bytes).digest("hex").slice(0, 8)
}
const ms = performance.now() - t0
process.stdout.write(JSON.stringify({ ms, check }))
