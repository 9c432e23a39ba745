// OCSP responses as revocation evidence (RFC 6960): each rule with a response that must not
// count and its honest twin that must, on PDFs signed by a throwaway PKI without any CRL.
import { beforeAll, describe, expect, it } from "vitest"
import { issue, makePki, makeResponder, ocspResponse, type OcspOptions, type TestIdentity, type TestPki } from "../../test/firma/pki.js"
import { TestPdf } from "../../test/firma/pdf.js"
import type { FirmaPolicy } from "./report.js"
import { verifyPdfAsync } from "./verify.js"

const HOUR = 3_600_000
const DAY = 24 * HOUR

let pki: TestPki
let stranger: TestIdentity
beforeAll(async () => {
  pki = await makePki("rsa")
  // Named exactly like the root, another key: a responder ID proves nothing.
  stranger = await issue(undefined, { subject: pki.root.cert.subject.typesAndValues.map((tv) => [tv.type, tv.value.valueBlock.value as string]), ca: true })
}, 60_000)

/** The signature of a PDF whose only revocation data is these OCSP responses, in Adobe's archive attribute. */
const judge = async (responses: ReadonlyArray<Uint8Array>, policy: FirmaPolicy = "strict", of: TestPki = pki) => {
  const pdf = await new TestPdf().sign(of, { crls: [], archivedOcsps: responses })
  return (await verifyPdfAsync(pdf.bytes, { trustAnchors: [of.rootPem], policy })).signatures[0]
}

const about = (options: OcspOptions = {}) => ocspResponse(pki.root, pki.signer.cert, options)

describe("OCSP responses answer revocation", () => {
  it("a good answer of the issuer passes under strict without any CRL (SHA-256 or SHA-1 CertID)", async () => {
    for (const certIdHash of ["SHA-256", "SHA-1"] as const) {
      const s = await judge([await about({ certIdHash })])
      expect(s, certIdHash).toMatchObject({ revocation: "good", indication: "TOTAL_PASSED", subIndication: null })
    }
    // Without it, the same signature is TRY_LATER.
    expect(await judge([])).toMatchObject({ revocation: "not-checked", subIndication: "TRY_LATER" })
  })

  it("a good answer in the document security store (/DSS /OCSPs) counts too", async () => {
    const pdf = await new TestPdf().sign(pki, { crls: [] })
    const der = await about()
    const n = pdf.nextNumber()
    pdf.update({
      [n]: `<< /Length ${der.length} >>\nstream\n${String.fromCharCode(...der)}\nendstream`,
      [n + 1]: `<< /OCSPs [${n} 0 R] >>`,
      1: `<< /Type /Catalog /Pages 2 0 R /AcroForm 5 0 R /DSS ${n + 1} 0 R >>`
    })
    const s = (await verifyPdfAsync(pdf.bytes, { trustAnchors: [pki.rootPem] })).signatures[0]
    expect(s).toMatchObject({ modification: "signatures-only", revocation: "good", indication: "TOTAL_PASSED" })
  })

  it("a revoked answer is REVOKED_NO_POE; of an intermediate CA, REVOKED_CA_NO_POE", async () => {
    const s = await judge([await about({ status: "revoked", revokedAt: new Date("2025-01-01T00:00:00Z") })])
    expect(s).toMatchObject({ revocation: "revoked", indication: "INDETERMINATE", subIndication: "REVOKED_NO_POE" })
    expect(s.problems).toContain("signer-revoked")
    // A revocation after the validation time proves nothing yet.
    const later = await judge([await about({ status: "revoked", revokedAt: new Date(Date.now() + 30 * DAY) })])
    expect(later.revocation).not.toBe("revoked")
    const deep = await makePki("rsa", { intermediates: [{}] })
    const [ca] = deep.intermediates
    const responses = [await ocspResponse(deep.root, ca.cert, { status: "revoked" }), await ocspResponse(ca, deep.signer.cert)]
    expect(await judge(responses, "strict", deep)).toMatchObject({ revocation: "revoked", subIndication: "REVOKED_CA_NO_POE" })
    const fine = [await ocspResponse(deep.root, ca.cert), await ocspResponse(ca, deep.signer.cert)]
    expect(await judge(fine, "strict", deep)).toMatchObject({ revocation: "good", indication: "TOTAL_PASSED" })
  })

  it("an unknown answer answers nothing", async () => {
    expect(await judge([await about({ status: "unknown" })])).toMatchObject({ revocation: "not-checked", subIndication: "TRY_LATER" })
  })

  it("a response signed by an unrelated key (named like the issuer) is ignored", async () => {
    const forged = await ocspResponse(pki.root, pki.signer.cert, { signedBy: stranger })
    expect(await judge([forged])).toMatchObject({ revocation: "not-checked", indication: "INDETERMINATE", subIndication: "TRY_LATER" })
    const forgedRevoked = await ocspResponse(pki.root, pki.signer.cert, { signedBy: stranger, status: "revoked" })
    expect((await judge([forgedRevoked])).revocation).toBe("not-checked")
    // Under pdf it is reported, not hidden.
    const relaxed = await judge([forged], "pdf")
    expect(relaxed).toMatchObject({ revocation: "not-checked", indication: "TOTAL_PASSED" })
    expect(relaxed.problems).toContain("signer-revocation-not-checked")
  })

  it("a delegated responder counts only with id-kp-OCSPSigning, issued by the certificate's issuer", async () => {
    const delegated = await makeResponder(pki.root)
    expect(await judge([await about({ signedBy: delegated })])).toMatchObject({ revocation: "good", indication: "TOTAL_PASSED" })
    for (const eku of [["1.3.6.1.5.5.7.3.2"], ["2.5.29.37.0"]]) {
      const unfit = await makeResponder(pki.root, { eku })
      expect(await judge([await about({ signedBy: unfit })]), eku[0]).toMatchObject({ revocation: "not-checked", subIndication: "TRY_LATER" })
    }
    const noEku = await issue(pki.root, { keyUsage: 0x80 })
    expect(await judge([await about({ signedBy: noEku })])).toMatchObject({ revocation: "not-checked", subIndication: "TRY_LATER" })
    // A responder with the right usage under another CA (named like ours) speaks for nobody here.
    const foreign = await makeResponder(stranger)
    expect(await judge([await about({ signedBy: foreign })])).toMatchObject({ revocation: "not-checked", subIndication: "TRY_LATER" })
  })

  it("a CertID that names another issuer (name or key hash) is ignored", async () => {
    for (const certIdFlip of ["issuerNameHash", "issuerKeyHash"] as const) {
      expect(await judge([await about({ certIdFlip })]), certIdFlip).toMatchObject({ revocation: "not-checked", subIndication: "TRY_LATER" })
      expect((await judge([await about({ certIdFlip, status: "revoked" })])).revocation, certIdFlip).toBe("not-checked")
    }
  })

  it("a CertID that names another serial is ignored", async () => {
    const other = Number(pki.signer.cert.serialNumber.valueBlock.valueDec) + 1
    expect(await judge([await about({ serial: other })])).toMatchObject({ revocation: "not-checked", subIndication: "TRY_LATER" })
    expect((await judge([await about({ serial: other, status: "revoked" })])).revocation).toBe("not-checked")
  })

  it("a stale good answer proves nothing about now: out of bounds, never good", async () => {
    const stale = await about({ thisUpdate: new Date("2025-01-01T00:00:00Z"), nextUpdate: new Date("2025-01-08T00:00:00Z") })
    const s = await judge([stale])
    expect(s).toMatchObject({ revocation: "unknown", indication: "INDETERMINATE", subIndication: "REVOCATION_OUT_OF_BOUNDS_NO_POE" })
    expect(s.problems).toContain("signer-revocation-out-of-date")
    // Without nextUpdate a good answer speaks for one day after thisUpdate.
    const recent = await about({ thisUpdate: new Date(Date.now() - HOUR), nextUpdate: null })
    expect(await judge([recent])).toMatchObject({ revocation: "good", indication: "TOTAL_PASSED" })
    const old = await about({ thisUpdate: new Date(Date.now() - 3 * DAY), nextUpdate: null })
    expect(await judge([old])).toMatchObject({ revocation: "unknown", subIndication: "REVOCATION_OUT_OF_BOUNDS_NO_POE" })
    // An answer dated after the validation time says nothing about it.
    const future = await about({ thisUpdate: new Date(Date.now() + 2 * DAY), nextUpdate: new Date(Date.now() + 9 * DAY) })
    expect(await judge([future])).toMatchObject({ revocation: "not-checked", subIndication: "TRY_LATER" })
  })

  it("a response whose status is not successful is ignored", async () => {
    expect(await judge([await about({ responseStatus: 3 })])).toMatchObject({ revocation: "not-checked", subIndication: "TRY_LATER" })
  })
})
