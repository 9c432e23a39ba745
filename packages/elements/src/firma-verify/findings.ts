// What a verification report means to a reader, as keys the strings table words: the kinds of
// change made after a signature (from the verifier's English notes) and the trust and time
// findings behind its indication. Translation only: every judgement is the core's.
import type { FirmaReport, FirmaSignatureReport } from "@ecasilla/core/firma"

/**
 * A change made after a signature, as users name it.
 *
 * @since 0.2.0
 * @category firma-verify
 */
export type FirmaChangeKind = "page" | "annotation" | "form-field" | "signature-altered" | "removed" | "other"

/**
 * One finding about a signature's trust or time, worded by the element's strings.
 *
 * @since 0.2.0
 * @category firma-verify
 */
export type FirmaFinding =
  | "trusted"
  | "untrusted-issuer"
  | "no-signer-certificate"
  | "not-intact"
  | "bad-signature-value"
  | "bad-format"
  | "expired-no-time-proof"
  | "revoked"
  | "ca-revoked"
  | "weak-algorithm"
  | "unsupported-algorithm"
  | "bad-chain"
  | "no-time-proof"
  | "revocation-not-checked"
  | "not-whole-document"
  | "trust-not-established"

// Notes that only record further signatures and their bookkeeping: not a change to show.
const BENIGN = /signature field (added|signed)|^DSS|XMP metadata|document information|structure tree/

const kindOf = (note: string): FirmaChangeKind | undefined => {
  if (BENIGN.test(note)) return undefined
  if (/signature (dictionary|value)|signed field/.test(note)) return "signature-altered"
  if (/annotation|signature widget/.test(note)) return "annotation"
  if (/form field|widget added|appearance of|field \/|AcroForm|empty signature field/.test(note)) return "form-field"
  if (/^page |page tree|stream \d+ rewritten|shared stream/.test(note)) return "page"
  if (/deleted|removed|lost entries/.test(note)) return "removed"
  return "other"
}

/**
 * The kinds of change made after a signature, each with the revision that made it (in order,
 * without repeats). Further signatures are not changes.
 *
 * @since 0.2.0
 * @category firma-verify
 */
export const firmaChanges = (s: FirmaSignatureReport): Array<{ kind: FirmaChangeKind; revision: number | null }> => {
  const seen = new Set<string>()
  const out: Array<{ kind: FirmaChangeKind; revision: number | null }> = []
  for (const c of s.changes) {
    const m = /^revision (\d+): (.*)$/.exec(c)
    const kind = kindOf(m ? m[2] : c)
    const revision = m ? Number(m[1]) : null
    if (!kind || seen.has(`${kind}/${revision}`)) continue
    seen.add(`${kind}/${revision}`)
    out.push({ kind, revision })
  }
  // A document judged modified always names something, never only a code.
  if (out.length === 0 && (s.modification === "other" || s.modification === "annotations" || s.modification === "form-filling")) {
    out.push({ kind: s.modification === "annotations" ? "annotation" : s.modification === "form-filling" ? "form-field" : "other", revision: null })
  }
  return out
}

/**
 * The findings behind a signature's indication, most important first.
 *
 * @since 0.2.0
 * @category firma-verify
 */
export const firmaFindings = (s: FirmaSignatureReport): FirmaFinding[] => {
  const f: FirmaFinding[] = []
  switch (s.subIndication) {
    case "HASH_FAILURE":
      f.push("not-intact")
      break
    case "SIG_CRYPTO_FAILURE":
      f.push("bad-signature-value")
      break
    case "FORMAT_FAILURE":
      // A later change is shown as the changes themselves; otherwise the format is at fault.
      if (s.modification === "none" || s.modification === "signatures-only") f.push("bad-format")
      break
    case "NO_SIGNING_CERTIFICATE_FOUND":
      f.push("no-signer-certificate")
      break
    case "NO_CERTIFICATE_CHAIN_FOUND":
      f.push("untrusted-issuer")
      break
    case "OUT_OF_BOUNDS_NO_POE":
      f.push("expired-no-time-proof")
      break
    case "REVOKED_NO_POE":
      f.push("revoked")
      break
    case "REVOKED_CA_NO_POE":
      f.push("ca-revoked")
      break
    case "TRY_LATER":
    case "REVOCATION_OUT_OF_BOUNDS_NO_POE":
      f.push("revocation-not-checked")
      break
    case "CRYPTO_CONSTRAINTS_FAILURE_NO_POE":
      f.push("weak-algorithm")
      break
    case "CRYPTO_CONSTRAINTS_FAILURE":
      f.push("unsupported-algorithm")
      break
    case "CHAIN_CONSTRAINTS_FAILURE":
      f.push("bad-chain")
      break
    default:
      // A sub-indication without words of its own (the verifier may learn new ones, e.g. about
      // missing revocation data) still says something a reader understands.
      if (s.subIndication && s.indication === "INDETERMINATE") f.push("trust-not-established")
      else if (s.subIndication) f.push("bad-format")
  }
  if (s.indication === "TOTAL_PASSED") f.push("trusted")
  // A document timestamp over the signature (`proofOfTime`, when the verifier reports it) also proves the time.
  const proofOfTime = (s as { proofOfTime?: string | null }).proofOfTime
  if (s.intact && !s.timestamp && !proofOfTime) f.push("no-time-proof")
  if (s.intact && s.revocation === "not-checked" && s.chain.some((c) => c.trustAnchor) && !f.includes("revocation-not-checked")) f.push("revocation-not-checked")
  if (s.intact && !s.coversWholeDocument && s.modification === "none") f.push("not-whole-document")
  return f
}

/**
 * Whether the document was changed after a signature in a way the verdict counts against it.
 *
 * @since 0.2.0
 * @category firma-verify
 */
export const firmaEditedAfterSigning = (r: FirmaReport): boolean =>
  r.signatures.some((s) => s.indication === "TOTAL_FAILED" && s.modification !== "none" && s.modification !== "signatures-only")
