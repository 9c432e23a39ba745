// Trust and time, as an attacker would try them: each rule with a case that must not pass and
// its honest twin that must, on PDFs signed by a throwaway PKI bent for the purpose.
import * as asn1js from "asn1js"
import * as pkijs from "pkijs"
import { beforeAll, describe, expect, it } from "vitest"
import { crlOf, issue, makePki, makeTsa, OFFICIAL, type TestIdentity, type TestPki } from "../../test/firma/pki.js"
import { TestPdf } from "../../test/firma/pdf.js"
import type { FirmaPolicy } from "./report.js"
import { verifyPdfAsync } from "./verify.js"

const verify = (pdf: TestPdf, pki: TestPki, options: { policy?: FirmaPolicy; at?: Date } = {}) =>
  verifyPdfAsync(pdf.bytes, { trustAnchors: [pki.rootPem], ...options })

const first = async (pdf: TestPdf, pki: TestPki, options: { policy?: FirmaPolicy; at?: Date } = {}) => (await verify(pdf, pki, options)).signatures[0]

const CA_KU = 0x06
const SERVER_AUTH = "1.3.6.1.5.5.7.3.1"
const EMAIL = "1.3.6.1.5.5.7.3.4"
const CLIENT_AUTH = "1.3.6.1.5.5.7.3.2"

let good: TestPki
beforeAll(async () => {
  good = await makePki("rsa", { intermediates: [{}] })
}, 60_000)

describe("RFC 5280 path validation", () => {
  it("a chain through a real intermediate CA passes, with revocation checked for every certificate", async () => {
    const s = await first(await new TestPdf().sign(good), good)
    expect(s).toMatchObject({ indication: "TOTAL_PASSED", revocation: "good" })
    expect(s.chain.map((c) => c.trustAnchor)).toEqual([false, false, true])
  })

  it("an end-entity certificate that issues a certificate named like a CGR official never passes", async () => {
    for (const bent of [{ ca: false, keyUsage: 0x80 }, { noBasicConstraints: true, keyUsage: 0x80 }, { noBasicConstraints: true, keyUsage: null }]) {
      const pki = await makePki("rsa", { intermediates: [bent] })
      expect(pki.signer.cert.subject.typesAndValues.length).toBe(OFFICIAL.length)
      for (const policy of ["strict", "pdf"] as const) {
        const r = await verify(await new TestPdf().sign(pki), pki, { policy })
        expect(r.verdict, JSON.stringify(bent)).toBe("indeterminate")
        expect(r.signatures[0]).toMatchObject({ indication: "INDETERMINATE", subIndication: "CHAIN_CONSTRAINTS_FAILURE" })
        expect(r.signatures[0].problems).toContain("issuer-not-a-ca")
      }
    }
  })

  it("an issuer without keyCertSign in its keyUsage cannot issue", async () => {
    const pki = await makePki("rsa", { intermediates: [{ ca: true, keyUsage: 0x02 | 0x80 }] })
    const s = await first(await new TestPdf().sign(pki), pki)
    expect(s).toMatchObject({ subIndication: "CHAIN_CONSTRAINTS_FAILURE" })
    expect(s.problems).toContain("issuer-not-a-ca")
    const fit = await makePki("rsa", { intermediates: [{ ca: true, keyUsage: CA_KU }] })
    expect((await first(await new TestPdf().sign(fit), fit)).indication).toBe("TOTAL_PASSED")
  })

  it("pathLenConstraint: exceeded fails (on the anchor or an intermediate), respected passes", async () => {
    for (const [options, ok] of [
      [{ root: { ca: true, pathLen: 0 }, intermediates: [{}] }, false],
      [{ intermediates: [{ ca: true, pathLen: 0 }, {}] }, false],
      [{ root: { ca: true, pathLen: 1 }, intermediates: [{}] }, true],
      [{ intermediates: [{ ca: true, pathLen: 1 }, {}] }, true],
      [{ intermediates: [{ ca: true, pathLen: 0 }] }, true]
    ] as const) {
      const pki = await makePki("rsa", options)
      const s = await first(await new TestPdf().sign(pki), pki)
      if (ok) expect(s.indication, JSON.stringify(options)).toBe("TOTAL_PASSED")
      else {
        expect(s.subIndication, JSON.stringify(options)).toBe("CHAIN_CONSTRAINTS_FAILURE")
        expect(s.problems).toContain("path-length-exceeded")
      }
    }
  })

  it("an unknown critical extension on the signer or an intermediate fails the path; known critical ones do not", async () => {
    for (const options of [{ signer: { unknownCritical: "1.3.6.1.4.1.99999.7" } }, { intermediates: [{ ca: true, unknownCritical: "1.3.6.1.4.1.99999.7" }] }]) {
      const pki = await makePki("rsa", options)
      const s = await first(await new TestPdf().sign(pki), pki)
      expect(s.subIndication).toBe("CHAIN_CONSTRAINTS_FAILURE")
      expect(s.problems).toContain("unknown-critical-extension")
    }
    // keyUsage and extendedKeyUsage marked critical are understood.
    const known = await makePki("rsa", { signer: { keyUsage: 0x40, eku: [EMAIL], ekuCritical: true } })
    expect((await first(await new TestPdf().sign(known), known)).indication).toBe("TOTAL_PASSED")
  })

  it("every trust anchor of the issuer's name is tried (renewed roots share a name)", async () => {
    const namesakes = await Promise.all(Array.from({ length: 10 }, () => makePki("rsa")))
    const pki = await makePki("rsa")
    const r = await verifyPdfAsync((await new TestPdf().sign(pki)).bytes, { trustAnchors: [...namesakes.map((p) => p.rootPem), pki.rootPem] })
    expect(r.signatures[0].indication).toBe("TOTAL_PASSED")
  }, 60_000)

  it("name chaining: a certificate that names another issuer than the key that signed it has no chain", async () => {
    const pki = await makePki("rsa", { signer: { issuerName: [["2.5.4.3", "Otra raíz"]] } })
    const s = await first(await new TestPdf().sign(pki), pki)
    expect(s.subIndication).toBe("NO_CERTIFICATE_CHAIN_FOUND")
  })

  it("an expired path is still checked for structure: a forged path never reads as merely expired", async () => {
    const pki = await makePki("rsa", { intermediates: [{ ca: false }], notAfter: new Date("2025-06-01T00:00:00Z") })
    const s = await first(await new TestPdf().sign(pki), pki)
    expect(s.subIndication).toBe("CHAIN_CONSTRAINTS_FAILURE")
    expect(s.problems).toEqual(expect.arrayContaining(["certificate-expired", "issuer-not-a-ca"]))
  })
})

describe("the signer's certificate must be fit to sign", () => {
  it("keyUsage: digitalSignature or nonRepudiation pass, keyCertSign alone fails", async () => {
    for (const [ku, ok] of [
      [0x80, true],
      [0x40, true],
      [0x04, false],
      [0x20, false]
    ] as const) {
      const pki = await makePki("rsa", { signer: { keyUsage: ku } })
      const s = await first(await new TestPdf().sign(pki), pki)
      if (ok) expect(s.indication, String(ku)).toBe("TOTAL_PASSED")
      else {
        expect(s.subIndication, String(ku)).toBe("CHAIN_CONSTRAINTS_FAILURE")
        expect(s.problems).toContain("signer-key-usage")
      }
    }
  })

  it("extendedKeyUsage: serverAuth only fails; e-mail protection or client authentication pass", async () => {
    const server = await makePki("rsa", { signer: { eku: [SERVER_AUTH] } })
    const s = await first(await new TestPdf().sign(server), server, { policy: "pdf" })
    expect(s.subIndication).toBe("CHAIN_CONSTRAINTS_FAILURE")
    expect(s.problems).toContain("signer-extended-key-usage")
    const card = await makePki("rsa", { signer: { eku: [CLIENT_AUTH, EMAIL] } })
    expect((await first(await new TestPdf().sign(card), card)).indication).toBe("TOTAL_PASSED")
  })
})

describe("algorithms", () => {
  it("a SHA-1 signature value under a SHA-256 label is SIG_CRYPTO_FAILURE, not retried with SHA-1", async () => {
    const s = await first(await new TestPdf().sign(good, { hashDowngrade: true }), good)
    expect(s).toMatchObject({ indication: "TOTAL_FAILED", subIndication: "SIG_CRYPTO_FAILURE", digestAlgorithm: "SHA-256" })
    expect((await first(await new TestPdf().sign(good), good)).indication).toBe("TOTAL_PASSED")
  })

  it("SHA-1 in the path is CRYPTO_CONSTRAINTS_FAILURE under strict, weak under pdf; an anchor's own SHA-1 self-signature is not", async () => {
    const pki = await makePki("rsa", { intermediates: [{}], signer: { certHash: "SHA-1" } })
    const pdf = await new TestPdf().sign(pki)
    expect(await first(pdf, pki)).toMatchObject({ indication: "INDETERMINATE", subIndication: "CRYPTO_CONSTRAINTS_FAILURE" })
    const lax = await first(pdf, pki, { policy: "pdf" })
    expect(lax).toMatchObject({ subIndication: "CRYPTO_CONSTRAINTS_FAILURE_NO_POE" })
    expect(lax.weak).toContain("SHA-1 (certificate)")
    const oldRoot = await makePki("rsa", { root: { ca: true, certHash: "SHA-1" } })
    expect((await first(await new TestPdf().sign(oldRoot), oldRoot)).indication).toBe("TOTAL_PASSED")
  })
})

describe("time: a claimed signing time is not proof", () => {
  const expiry = new Date("2025-06-01T00:00:00Z")
  const claimed = new Date("2025-01-01T00:00:00Z")
  let expired: TestPki
  let tsa: TestIdentity
  beforeAll(async () => {
    expired = await makePki("rsa", { notAfter: expiry })
    tsa = await makeTsa(expired)
  }, 30_000)

  it("an expired signer with a back-dated signingTime is OUT_OF_BOUNDS_NO_POE under both policies", async () => {
    const pdf = await new TestPdf().sign(expired, { signingTime: claimed })
    for (const policy of ["strict", "pdf"] as const) {
      const s = await first(pdf, expired, { policy })
      expect(s).toMatchObject({ indication: "INDETERMINATE", subIndication: "OUT_OF_BOUNDS_NO_POE", signingTime: claimed.toISOString(), proofOfTime: null })
    }
  })

  it("a valid signature timestamp before expiry is proof of time: it passes", async () => {
    const pdf = await new TestPdf().sign(expired, { signingTime: claimed, timestamp: { tsa, genTime: claimed } })
    const s = await first(pdf, expired)
    expect(s).toMatchObject({ indication: "TOTAL_PASSED", proofOfTime: claimed.toISOString() })
  })

  it("a timestamp that imprints other bytes, comes from an untrusted TSA or one without timeStamping usage proves nothing", async () => {
    const stranger = await makePki("rsa")
    const cases: Array<[string, () => Promise<TestPdf>]> = [
      ["timestamp-imprint-mismatch", () => new TestPdf().sign(expired, { timestamp: { tsa, genTime: claimed, imprintOf: new Uint8Array([1, 2, 3]) } })],
      ["timestamp-not-trusted", async () => new TestPdf().sign(expired, { timestamp: { tsa: await makeTsa(stranger), genTime: claimed, chain: [stranger.root.cert] } })],
      ["timestamp-not-trusted", async () => new TestPdf().sign(expired, { timestamp: { tsa: await makeTsa(expired, { eku: [EMAIL] }), genTime: claimed } })]
    ]
    for (const [problem, make] of cases) {
      const s = await first(await make(), expired)
      expect(s.subIndication, problem).toBe("OUT_OF_BOUNDS_NO_POE")
      expect(s.problems).toContain(problem)
    }
  })

  it("a SHA-1 timestamp token is no proof under strict; under pdf it is", async () => {
    const pdf = await new TestPdf().sign(expired, { timestamp: { tsa, genTime: claimed, hash: "SHA-1" } })
    const strict = await first(pdf, expired)
    expect(strict.subIndication).toBe("OUT_OF_BOUNDS_NO_POE")
    expect(strict.problems).toContain("timestamp-sha1")
    expect(await first(pdf, expired, { policy: "pdf" })).toMatchObject({ indication: "TOTAL_PASSED", proofOfTime: claimed.toISOString() })
  })

  it("an unreadable timestamp token is reported and proves nothing; the document stays readable", async () => {
    const garbage = Uint8Array.of(0x30, 0x0f, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02, 0xa0, 0x02, 0x30, 0x00)
    const s = await first(await new TestPdf().sign(expired, { timestamp: { tsa, genTime: claimed, token: garbage } }), expired)
    expect(s.subIndication).toBe("OUT_OF_BOUNDS_NO_POE")
    expect(s.problems).toContain("timestamp-unreadable")
  })

  it("a revoked signer: REVOKED_NO_POE with a back-dated claim; a timestamp before the revocation saves it, one after does not", async () => {
    const revokedAt = new Date("2025-03-01T00:00:00Z")
    const pki = await makePki("rsa")
    const crls = [await crlOf(pki.root, [pki.signer.cert], { revokedAt })]
    const ptsa = await makeTsa(pki)
    const backDated = await first(await new TestPdf().sign(pki, { crls, signingTime: claimed }), pki)
    expect(backDated).toMatchObject({ revocation: "revoked", indication: "INDETERMINATE", subIndication: "REVOKED_NO_POE" })
    const before = await first(await new TestPdf().sign(pki, { crls, timestamp: { tsa: ptsa, genTime: claimed } }), pki)
    expect(before).toMatchObject({ indication: "TOTAL_PASSED" })
    expect(before.problems).toContain("signer-revoked-after-proof-of-time")
    const after = await first(await new TestPdf().sign(pki, { crls, timestamp: { tsa: ptsa, genTime: new Date("2025-04-01T00:00:00Z") } }), pki)
    expect(after).toMatchObject({ subIndication: "REVOKED_NO_POE" })
  })

  it("a later document timestamp that holds is proof of time for the signature it covers", async () => {
    const bare = await new TestPdf().sign(expired, { signingTime: claimed })
    expect((await first(bare, expired)).subIndication).toBe("OUT_OF_BOUNDS_NO_POE")
    const stamped = await (await new TestPdf().sign(expired, { signingTime: claimed })).sign(expired, { documentTimestamp: { tsa, genTime: claimed } })
    const r = await verify(stamped, expired)
    expect(r.signatures.map((s) => [s.timestamp, s.indication, s.proofOfTime])).toEqual([
      [false, "TOTAL_PASSED", claimed.toISOString()],
      [true, "TOTAL_PASSED", null]
    ])
    expect(r.verdict).toBe("valid")
    // A document timestamp by a non-TSA certificate is no proof.
    const fake = await (await new TestPdf().sign(expired, { signingTime: claimed })).sign(expired, { documentTimestamp: { tsa: expired.root, genTime: claimed } })
    const f = await verify(fake, expired)
    expect(f.signatures[0].subIndication).toBe("OUT_OF_BOUNDS_NO_POE")
    expect(f.signatures[1].subIndication).toBe("CHAIN_CONSTRAINTS_FAILURE")
  })

  it("`at`: an archive asks about a past date; a bad date is a typed error", async () => {
    const pdf = await new TestPdf().sign(expired, { signingTime: claimed })
    const then = await verify(pdf, expired, { at: new Date("2025-02-01T00:00:00Z") })
    expect(then.signatures[0]).toMatchObject({ indication: "TOTAL_PASSED", validationTime: "2025-02-01T00:00:00.000Z" })
    expect((await verify(pdf, expired)).signatures[0].subIndication).toBe("OUT_OF_BOUNDS_NO_POE")
    // A timestamp from after the validation time proves nothing about it.
    const late = await new TestPdf().sign(expired, { timestamp: { tsa, genTime: claimed } })
    const early = await verify(late, expired, { at: new Date("2024-06-01T00:00:00Z") })
    expect(early.signatures[0].problems).toContain("timestamp-after-validation-time")
    await expect(verify(pdf, expired, { at: new Date("no es fecha") })).rejects.toMatchObject({ reason: "bad-validation-time" })
  })
})

describe("revocation of the whole path", () => {
  it("a revoked intermediate is REVOKED_CA_NO_POE; the same path with a clean CRL passes", async () => {
    const pki = await makePki("rsa", { intermediates: [{}] })
    const [, intermediateCrl] = pki.crls
    const revoked = [await crlOf(pki.root, [pki.intermediates[0].cert]), intermediateCrl]
    const s = await first(await new TestPdf().sign(pki, { crls: revoked }), pki)
    expect(s).toMatchObject({ revocation: "revoked", indication: "INDETERMINATE", subIndication: "REVOKED_CA_NO_POE" })
    expect(s.problems).toContain("ca-revoked")
    expect((await first(await new TestPdf().sign(pki), pki)).indication).toBe("TOTAL_PASSED")
  })

  it("revocation not checked for one certificate: TRY_LATER under strict, reported but passing under pdf", async () => {
    const pki = await makePki("rsa", { intermediates: [{}] })
    const pdf = await new TestPdf().sign(pki, { crls: [pki.crls[0]] }) // the root's CRL only: the signer is unchecked
    expect(await first(pdf, pki)).toMatchObject({ revocation: "not-checked", subIndication: "TRY_LATER" })
    const lax = await first(pdf, pki, { policy: "pdf" })
    expect(lax).toMatchObject({ revocation: "not-checked", indication: "TOTAL_PASSED" })
    expect(lax.problems).toContain("signer-revocation-not-checked")
  })

  it("a partitioned CRL (issuing distribution point) can prove a revocation but never that a certificate is good", async () => {
    const pki = await makePki("rsa")
    const idp = new pkijs.IssuingDistributionPoint({ onlyContainsCACerts: true })
    const extensions = [new pkijs.Extension({ extnID: "2.5.29.28", critical: true, extnValue: idp.toSchema().toBER(false) })]
    const partition = await first(await new TestPdf().sign(pki, { crls: [await crlOf(pki.root, [], { extensions })] }), pki)
    expect(partition).toMatchObject({ revocation: "not-checked", subIndication: "TRY_LATER" })
    const listed = await first(await new TestPdf().sign(pki, { crls: [await crlOf(pki.root, [pki.signer.cert], { extensions })] }), pki)
    expect(listed).toMatchObject({ revocation: "revoked", subIndication: "REVOKED_NO_POE" })
    const numbered = [new pkijs.Extension({ extnID: "2.5.29.20", extnValue: new asn1js.Integer({ value: 7 }).toBER(false) })]
    expect(await first(await new TestPdf().sign(pki, { crls: [await crlOf(pki.root, [], { extensions: numbered })] }), pki)).toMatchObject({ revocation: "good", indication: "TOTAL_PASSED" })
  })

  it("only a stale CRL: REVOCATION_OUT_OF_BOUNDS_NO_POE under strict, `unknown` under pdf", async () => {
    const pki = await makePki("rsa")
    const stale = [await crlOf(pki.root, [], { thisUpdate: new Date("2024-01-01T00:00:00Z"), nextUpdate: new Date("2024-02-01T00:00:00Z") })]
    const pdf = await new TestPdf().sign(pki, { crls: stale })
    expect(await first(pdf, pki)).toMatchObject({ revocation: "unknown", subIndication: "REVOCATION_OUT_OF_BOUNDS_NO_POE" })
    expect(await first(pdf, pki, { policy: "pdf" })).toMatchObject({ revocation: "unknown", indication: "TOTAL_PASSED" })
  })
})

describe("several SignerInfos in one CMS", () => {
  it("each is judged: the signature is as good as the worst", async () => {
    const other = await makePki("rsa")
    const both = await first(await new TestPdf().sign(good, { alsoSignedBy: await issueTwin(good) }), good)
    expect(both.indication).toBe("TOTAL_PASSED")
    const mixed = await first(await new TestPdf().sign(good, { alsoSignedBy: other, crls: [...good.crls, ...other.crls] }), good)
    expect(mixed).toMatchObject({ indication: "INDETERMINATE", subIndication: "NO_CERTIFICATE_CHAIN_FOUND" })
    expect(mixed.signer?.commonName).toBe("PEREZ ROJAS Juan FAU 20131378972 soft")
    const forged = await first(await new TestPdf().sign(good, { alsoSignedBy: { ...other, signer: { ...other.signer, privateKey: good.signer.privateKey } } }), good)
    expect(forged).toMatchObject({ indication: "TOTAL_FAILED", subIndication: "SIG_CRYPTO_FAILURE" })
  })
})

/** A second signer under the same CAs as `pki`. */
const issueTwin = async (pki: TestPki): Promise<TestPki> => ({
  ...pki,
  signer: await issue(pki.intermediates.at(-1) ?? pki.root, { subject: [["2.5.4.3", "Segundo firmante"]] })
})
