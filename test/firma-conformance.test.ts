// Conformance of the PDF signature verifier against 59 real signed PDFs from pyHanko, EU DSS,
// iText, node-signpdf and RUB-NDS, with the verdicts those projects assert (MANIFEST.tsv).
// The corpus lives outside the repository (../shared/corpus/pdf) and is never copied in.
import { existsSync, readFileSync } from "node:fs"
import { dirname, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, describe, expect, it } from "vitest"
import { firmaWebCrypto, verifyPdfAsync, type FirmaPolicy, type FirmaVerdict } from "@ecasilla/core/firma"

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..")
const corpus = resolve(root, "../shared/corpus/pdf")
const present = existsSync(resolve(corpus, "MANIFEST.tsv"))
if (!present) console.warn(`[firma-conformance] corpus not found at ${corpus}: conformance suite skipped`)

interface Row {
  readonly file: string
  readonly expected: string
  readonly signatures: number
}

const rows: Row[] = present
  ? readFileSync(resolve(corpus, "MANIFEST.tsv"), "utf8")
      .trim()
      .split("\n")
      .slice(1)
      .map((l) => l.split("\t"))
      .map((c) => ({ file: c[0], expected: c[4], signatures: Number(c[5]) }))
  : []

/**
 * Under strict (the Firma Perú rule) only further signatures may follow a signature. Of the
 * "valid-then-allowed-changes" files these two carry form filling or annotations; the others
 * only add signatures (into existing empty fields, with their own appearance), DSS data or
 * document timestamps, which strict allows.
 */
const STRICT_INVALID = new Set(["dss__pades-signed-annot-added.pdf", "dss__pades-signed-filled-form.pdf"])

/** Files whose verdict we knowingly do not match, with the reason. Empty: every file matches. */
const EXPECTED_FAILURES: Record<string, string> = {}

const expectedVerdict = (row: Row, policy: FirmaPolicy): FirmaVerdict => {
  switch (row.expected) {
    case "unsigned":
      return "unsigned"
    case "valid":
      // Intact, but the source projects' test PKIs are not trust anchors here.
      return "indeterminate"
    case "valid-then-allowed-changes":
      return policy === "strict" && STRICT_INVALID.has(row.file) ? "invalid" : "indeterminate"
    default:
      // modified-after-signing, invalid-*, malformed, attack-*
      return "invalid"
  }
}

const scores = new Map<string, Map<string, { ok: number; total: number }>>()
const score = (policy: string, category: string, ok: boolean) => {
  const byPolicy = scores.get(policy) ?? new Map()
  scores.set(policy, byPolicy)
  const s = byPolicy.get(category) ?? { ok: 0, total: 0 }
  s.total++
  if (ok) s.ok++
  byPolicy.set(category, s)
}

describe.skipIf(!present)("firma conformance corpus", () => {
  afterAll(() => {
    for (const [policy, byCategory] of scores) {
      let ok = 0
      let total = 0
      const lines = [...byCategory]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([category, s]) => {
          ok += s.ok
          total += s.total
          return `  ${category.padEnd(32)} ${s.ok}/${s.total}`
        })
      console.log(`[firma-conformance] policy ${policy}: ${ok}/${total}\n${lines.join("\n")}`)
    }
  })

  for (const policy of ["pdf", "strict"] as const) {
    describe(`policy ${policy}`, () => {
      for (const row of rows) {
        const known = EXPECTED_FAILURES[row.file]
        const test = known ? it.fails : it
        test(`${row.file} (${row.expected})${known ? ` — known failure: ${known}` : ""}`, async () => {
          const bytes = readFileSync(resolve(corpus, row.file))
          const report = await verifyPdfAsync(bytes, { policy })
          const want = expectedVerdict(row, policy)
          score(policy, row.expected, report.verdict === want)
          expect(report.verdict, JSON.stringify(report.signatures.map((s) => [s.field, s.indication, s.subIndication, s.modification, s.problems]))).toBe(want)
          if (row.expected !== "unsigned") expect(report.signatures.length).toBeGreaterThan(0)
          if (row.expected === "valid") {
            // Intact and untouched: every signature intact, none failed, and none passes without anchors.
            expect(report.signatures.every((s) => s.intact && s.indication === "INDETERMINATE")).toBe(true)
          }
        })
      }
    })
  }

  it("the algorithms the corpus exercises are recognised from the certificate key", async () => {
    const cases: Array<[string, string, string]> = [
      ["itext__sample-pss-sha3_256.pdf", "RSASSA-PSS", "SHA3-256"],
      ["itext__sample-ed25519-sha512.pdf", "Ed25519", "SHA-512"],
      ["itext__sample-brainpoolP384r1-sha384.pdf", "ECDSA", "SHA-384"],
      ["pyhanko__ed448-shake256-nolen.pdf", "Ed448", "SHAKE256"],
      ["dss__dss-PLAIN-ECDSA_TeleSec_PKS_eIDAS_QES_CA_1-baseline-b.pdf", "ECDSA (plain)", "SHA-256"]
    ]
    for (const [file, sig, digest] of cases) {
      const r = await verifyPdfAsync(readFileSync(resolve(corpus, file)))
      expect([file, r.signatures[0].signatureAlgorithm, r.signatures[0].digestAlgorithm, r.signatures[0].intact]).toEqual([file, sig, digest, true])
    }
  })

  it("with WebCrypto alone (a browser), brainpool, Ed448 and SHA-3 are INDETERMINATE, never valid or invalid", async () => {
    for (const file of ["itext__sample-brainpoolP384r1-sha384.pdf", "pyhanko__ed448-shake256-nolen.pdf", "itext__sample-pss-sha3_256.pdf"]) {
      const r = await verifyPdfAsync(readFileSync(resolve(corpus, file)), { crypto: firmaWebCrypto })
      expect([file, r.verdict, r.signatures[0].subIndication]).toEqual([file, "indeterminate", "CRYPTO_CONSTRAINTS_FAILURE"])
    }
  })
})
