// How <firma-verify> words a report (pure functions, so tested in Node): the verifier's change
// notes become kinds of change a reader knows, and every indication says something in words.
import { describe, expect, it } from "vitest"
import type { FirmaSignatureReport } from "@ecasilla/core/firma"
import { firmaChanges, firmaFindings } from "../src/firma-verify/findings.js"

const base: FirmaSignatureReport = {
  field: "Firma1",
  intact: true,
  coversWholeDocument: false,
  modification: "other",
  indication: "TOTAL_FAILED",
  subIndication: "FORMAT_FAILURE",
  signer: null,
  signingTime: null,
  validationTime: "2026-12-03T12:00:00.000Z",
  proofOfTime: null,
  digestAlgorithm: "SHA-256",
  signatureAlgorithm: "RSASSA-PKCS1-v1_5",
  chain: [],
  subFilter: "ETSI.CAdES.detached",
  docMdp: null,
  timestamp: false,
  weak: [],
  revocation: "not-checked",
  problems: ["modified-after-signing:other"],
  changes: [],
  summary: ""
}

describe("firmaChanges", () => {
  it("names pages, annotations and form fields, by revision, without repeats, and skips further signatures", () => {
    const s = {
      ...base,
      changes: [
        "revision 2: signature field added",
        "revision 3: page /Contents changed",
        "revision 3: stream 12 rewritten",
        "revision 4: annotation FreeText added",
        "revision 4: form field Monto added",
        "revision 5: object 9 deleted",
        "revision 5: signature dictionary 7 redefined"
      ]
    }
    expect(firmaChanges(s)).toEqual([
      { kind: "page", revision: 3 },
      { kind: "annotation", revision: 4 },
      { kind: "form-field", revision: 4 },
      { kind: "removed", revision: 5 },
      { kind: "signature-altered", revision: 5 }
    ])
  })

  it("never leaves a modified document without a named change", () => {
    expect(firmaChanges({ ...base, changes: ["revision 2: signature field added"] })).toEqual([{ kind: "other", revision: null }])
    expect(firmaChanges({ ...base, modification: "signatures-only", changes: ["revision 2: signature field added"] })).toEqual([])
  })
})

describe("firmaFindings", () => {
  it("words every indication, including sub-indications it has no words of its own for", () => {
    expect(firmaFindings({ ...base, indication: "INDETERMINATE", subIndication: "NO_CERTIFICATE_CHAIN_FOUND", modification: "none" })).toContain("untrusted-issuer")
    const unknown = { ...base, indication: "INDETERMINATE", subIndication: "SOME_FUTURE_SUB_INDICATION", modification: "none" } as unknown as FirmaSignatureReport
    expect(firmaFindings(unknown)).toContain("trust-not-established")
    // The verifier's trust and time findings each have words of their own.
    const sub = (subIndication: string) => firmaFindings({ ...base, indication: "INDETERMINATE", subIndication, modification: "none" } as unknown as FirmaSignatureReport)
    expect(sub("TRY_LATER")).toContain("revocation-not-checked")
    expect(sub("REVOCATION_OUT_OF_BOUNDS_NO_POE")).toContain("revocation-not-checked")
    expect(sub("REVOKED_CA_NO_POE")).toContain("ca-revoked")
    expect(sub("OUT_OF_BOUNDS_NO_POE")).toContain("expired-no-time-proof")
    // A later change is shown as the change itself, not as a format failure.
    expect(firmaFindings(base)).not.toContain("bad-format")
    expect(firmaFindings({ ...base, modification: "none" })).toContain("bad-format")
  })

  it("asks for proof of the signing time unless a timestamp gives it", () => {
    const ok = { ...base, indication: "TOTAL_PASSED", subIndication: null, modification: "none", coversWholeDocument: true } as FirmaSignatureReport
    expect(firmaFindings(ok)).toEqual(["trusted", "no-time-proof"])
    expect(firmaFindings({ ...ok, timestamp: true })).toEqual(["trusted"])
    expect(firmaFindings({ ...ok, proofOfTime: "2026-11-27T12:00:00Z" } as FirmaSignatureReport)).toEqual(["trusted"])
  })
})
