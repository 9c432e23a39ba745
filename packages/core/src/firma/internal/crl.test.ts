// CRLs read as raw DER: large ones (a national CA lists tens of thousands of certificates),
// exactly what the revocation check needs, and nothing that is not a CertificateList.
import * as asn1js from "asn1js"
import { beforeAll, describe, expect, it } from "vitest"
import { crlOf, largeCrlDer, makePki, type TestPki } from "../../../test/firma/pki.js"
import { firmaRuntimeCrypto } from "../crypto.js"
import { firmaClearCaches } from "../outcome.js"
import { readCrl } from "./crl.js"
import { signedBy } from "./path.js"

let pki: TestPki
let big: Uint8Array
const serialOf = (pkiCert: { serialNumber: asn1js.Integer }) => new Uint8Array(pkiCert.serialNumber.toBER())

beforeAll(async () => {
  pki = await makePki("rsa", { intermediates: [{}] })
  big = await largeCrlDer(pki.root, 30_000, [pki.intermediates[0].cert], { revokedAt: new Date("2025-03-04T05:06:07Z") })
})

describe("readCrl", () => {
  it("reads a CRL of 30,000 entries that asn1js refuses at its default limits", () => {
    expect(big.length).toBeGreaterThan(1_000_000)
    expect(asn1js.fromBER(big.slice()).offset).toBe(-1)
    const crl = readCrl(big)
    expect(crl.entryCount).toBe(30_001)
    expect(crl.revokedAt(serialOf(pki.intermediates[0].cert))).toEqual(new Date("2025-03-04T05:06:07Z"))
    expect(crl.revokedAt(serialOf(pki.signer.cert))).toBeUndefined()
    expect(crl.extensionIds).toEqual(["2.5.29.20"])
    expect(crl.issuer.isEqual(pki.root.cert.subject)).toBe(true)
    expect(crl.nextUpdate!.getTime()).toBeGreaterThan(crl.thisUpdate.getTime())
  })

  it("tells when an entry carries a critical extension (RFC 5280 §5.3: then it cannot say 'not revoked')", async () => {
    expect(readCrl(big).criticalEntryExtensions).toBe(false)
    const indirect = await largeCrlDer(pki.root, 100, [], { criticalEntryExtension: true })
    expect(readCrl(indirect).criticalEntryExtensions).toBe(true)
  })

  it("gives what its CA signed: the signature checks with the CA's key, and not with another's", async () => {
    const crl = readCrl(big)
    expect(await signedBy(crl, pki.root.cert, firmaRuntimeCrypto)).toBe(true)
    expect(await signedBy(crl, pki.intermediates[0].cert, firmaRuntimeCrypto)).toBe(false)
    const tampered = big.slice()
    tampered[Math.floor(tampered.length / 2)] ^= 1
    expect(await signedBy(readCrl(tampered), pki.root.cert, firmaRuntimeCrypto)).toBe(false)
  })

  it("reads a CRL as pkijs writes it (v2, no entries, or a few) the same way pkijs does", async () => {
    for (const revoked of [[], [pki.signer.cert, pki.intermediates[0].cert]]) {
      const theirs = await crlOf(pki.root, revoked)
      const ours = readCrl(new Uint8Array(theirs.toSchema().toBER()))
      expect(ours.entryCount).toBe(theirs.revokedCertificates?.length ?? 0)
      expect(ours.thisUpdate).toEqual(theirs.thisUpdate.value)
      expect(ours.nextUpdate).toEqual(theirs.nextUpdate?.value)
      expect(ours.tbsView).toEqual(new Uint8Array(theirs.tbsView))
      expect(ours.signatureAlgorithm.algorithmId).toBe(theirs.signatureAlgorithm.algorithmId)
      expect(ours.signatureValue.valueBlock.valueHexView).toEqual(new Uint8Array(theirs.signatureValue.valueBlock.valueHexView))
      for (const c of revoked) expect(ours.revokedAt(serialOf(c))).toEqual(theirs.revokedCertificates!.find((r) => r.userCertificate.isEqual(c.serialNumber))!.revocationDate.value)
    }
  })

  it("matches a serial number however its INTEGER is padded", () => {
    const crl = readCrl(big)
    const der = serialOf(pki.intermediates[0].cert)
    const value = der.subarray(2)
    expect(value[0] & 0x80).toBe(0) // a positive number's DER value never starts with a set top bit
    // One more 0x00 in front is the same positive number, however non-minimal.
    const padded = Uint8Array.of(0x02, value.length + 1, 0x00, ...value)
    expect(crl.revokedAt(padded)).toEqual(new Date("2025-03-04T05:06:07Z"))
  })

  it("refuses what is not a CertificateList: truncated, a bad version, a bad time, another algorithm inside", async () => {
    expect(() => readCrl(big.subarray(0, big.length - 10))).toThrow()
    expect(() => readCrl(Uint8Array.of(0x30, 0x00))).toThrow()
    expect(() => readCrl(new TextEncoder().encode("not a crl"))).toThrow()
    const small = new Uint8Array((await crlOf(pki.root, [], { thisUpdate: new Date("2026-01-02T03:04:05Z"), nextUpdate: new Date("2036-01-02T03:04:05Z") })).toSchema().toBER())
    expect(readCrl(small).thisUpdate).toEqual(new Date("2026-01-02T03:04:05Z"))
    const at = (needle: number[]) => {
      const i = Buffer.from(small).indexOf(Buffer.from(needle))
      expect(i).toBeGreaterThan(0)
      return i
    }
    const badVersion = small.slice()
    badVersion[at([0x02, 0x01, 0x01]) + 2] = 0x02
    expect(() => readCrl(badVersion)).toThrow("CRL version")
    const badTime = small.slice()
    badTime[at([0x18, 0x0f, 0x32, 0x30, 0x32, 0x36]) + 2 + 4] = 0x39 // GeneralizedTime, month 9x
    expect(() => readCrl(badTime)).toThrow("thisUpdate")
    // sha256WithRSAEncryption inside what was signed made sha384WithRSAEncryption (…01 01 0b → 0c).
    const algorithm = small.slice()
    algorithm[at([0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b]) + 8] = 0x0c
    expect(() => readCrl(algorithm)).toThrow("CRL algorithm")
  })
})

describe("firmaClearCaches", () => {
  it("empties the caches: the same bytes are read again, to the same result", () => {
    const first = readCrl(big)
    expect(readCrl(big)).toBe(first)
    firmaClearCaches()
    const again = readCrl(big)
    expect(again).not.toBe(first)
    expect(again.entryCount).toBe(first.entryCount)
  })
})

describe("readCrl, as an attacker would feed it", () => {
  it("any mutation of a CRL is read or refused with an Error: no crash, no hang, lookups that answer", async () => {
    const fc = (await import("fast-check")).default
    const base = await largeCrlDer(pki.root, 40, [pki.signer.cert], { criticalEntryExtension: true })
    const probe = serialOf(pki.signer.cert)
    fc.assert(
      fc.property(
        fc.array(fc.record({ at: fc.nat(base.length - 1), byte: fc.nat(255), kind: fc.constantFrom("set", "cut", "insert") }), { minLength: 1, maxLength: 4 }),
        (edits) => {
          let b = base.slice()
          for (const e of edits) {
            const at = Math.min(e.at, b.length - 1)
            if (e.kind === "set") b[at] = e.byte
            else if (e.kind === "cut") b = b.subarray(0, at)
            else b = Uint8Array.of(...b.subarray(0, at), e.byte, ...b.subarray(at))
            if (b.length === 0) b = Uint8Array.of(0)
          }
          let crl
          try {
            crl = readCrl(b)
          } catch (e) {
            expect(e).toBeInstanceOf(Error)
            return
          }
          // What was read answers without throwing.
          const at = crl.revokedAt(probe)
          expect(at === undefined || at instanceof Date).toBe(true)
          expect(crl.entryCount).toBeGreaterThanOrEqual(0)
        }
      ),
      { numRuns: 400 }
    )
  })
})
