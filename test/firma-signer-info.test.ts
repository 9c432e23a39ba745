// Differential check of the verifier's own SignerInfo reader against pkijs: for every CMS of
// the conformance corpus and of generated cases (timestamps, archived revocation, RSA-PSS,
// ECDSA, two signer infos, no signed attributes), wherever pkijs reads the whole SignedData,
// each field the verifier uses is the same, byte for byte. Malformed signer infos are refused.
import * as asn1js from "asn1js"
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { resolve } from "node:path"
import * as pkijs from "pkijs"
import { describe, expect, it } from "vitest"
import { firmaRuntimeCrypto } from "../packages/core/src/firma/crypto.js"
import { checkCms } from "../packages/core/src/firma/internal/cms.js"
import { PdfDocument } from "../packages/core/src/firma/internal/pdf/document.js"
import { findSignatures } from "../packages/core/src/firma/internal/signatures.js"
import { oidText, parseSignedData, type SignerInfoView } from "../packages/core/src/firma/internal/signed-data.js"
import { signCms } from "../packages/core/test/firma/cms.js"
import { makePki } from "../packages/core/test/firma/pki.js"
import { corpusDir } from "./corpus.js"

const hasCorpus = existsSync(resolve(corpusDir, "MANIFEST.tsv"))
if (!hasCorpus) console.warn(`[firma-signer-info] corpus not found at ${corpusDir} (set ECASILLA_PDF_CORPUS): only generated CMS are compared`)

const ber = (n: { toBER(): ArrayBuffer } | undefined) => (n ? new Uint8Array(n.toBER()) : undefined)
const raw = (b: ArrayBuffer | Uint8Array) => new Uint8Array(b instanceof Uint8Array ? b : b)

/** The fields the verifier reads, from our view and from pkijs' SignerInfo. */
const fieldsOf = (si: SignerInfoView | pkijs.SignerInfo) => {
  const sid = si.sid as unknown
  const ours = sid as { kind?: string; issuer: Uint8Array; serial: Uint8Array; parsed: () => pkijs.IssuerAndSerialNumber | undefined }
  if (ours.kind === "issuerSerial") {
    // pkijs' reading on demand is the same as pkijs' reading of the whole.
    const parsed = ours.parsed()
    expect(parsed && raw(parsed.issuer.valueBeforeDecode)).toEqual(ours.issuer)
    expect(parsed && raw(parsed.serialNumber.valueBeforeDecodeView)).toEqual(ours.serial)
  }
  return {
    version: si.version,
    sid:
      ours.kind === "issuerSerial"
        ? { issuer: ours.issuer, serial: ours.serial }
        : sid instanceof pkijs.IssuerAndSerialNumber
          ? { issuer: raw(sid.issuer.valueBeforeDecode), serial: raw(sid.serialNumber.valueBeforeDecodeView) }
          : { ski: ber(sid as asn1js.AsnType) },
    digestAlgorithm: si.digestAlgorithm.algorithmId,
    digestParams: ber(si.digestAlgorithm.algorithmParams as asn1js.AsnType),
    signedAttrs: si.signedAttrs && {
      encodedValue: raw(si.signedAttrs.encodedValue),
      attributes: si.signedAttrs.attributes.map((a) => ({ type: a.type, values: a.values.map((v) => ber(v as asn1js.AsnType)) }))
    },
    signatureAlgorithm: si.signatureAlgorithm.algorithmId,
    signatureParams: ber(si.signatureAlgorithm.algorithmParams as asn1js.AsnType),
    signature: si.signature instanceof Uint8Array ? si.signature : raw(si.signature.valueBlock.valueHexView)
  }
}

/** pkijs' reading of the whole ContentInfo, or undefined where pkijs cannot read it. */
const pkijsSignerInfos = (der: Uint8Array): pkijs.SignerInfo[] | undefined => {
  try {
    const asn = asn1js.fromBER(der.slice())
    if (asn.offset === -1) return undefined
    const ci = new pkijs.ContentInfo({ schema: asn.result })
    return new pkijs.SignedData({ schema: ci.content }).signerInfos
  } catch {
    return undefined
  }
}

/** An INTEGER that is not minimally encoded (X.690 8.3.2) anywhere in the tree: pkijs reads it, the verifier refuses it. */
const nonMinimalInteger = (node: asn1js.AsnType, depth = 0): boolean => {
  const b = node as asn1js.BaseBlock & { valueBlock: { value?: asn1js.AsnType[]; valueHexView?: Uint8Array } }
  if (depth > 64) return false
  if (b.idBlock?.tagClass === 1 && b.idBlock.tagNumber === 2 && !b.idBlock.isConstructed) {
    const v = b.valueBlock.valueHexView
    if (v && v.length > 1 && ((v[0] === 0 && v[1] < 0x80) || (v[0] === 0xff && v[1] >= 0x80))) return true
  }
  return Array.isArray(b.valueBlock?.value) && b.valueBlock.value.some((k) => nonMinimalInteger(k, depth + 1))
}

/** Compares both readings of one CMS; "compared" when pkijs could read it. */
const compare = (der: Uint8Array, label: string): "compared" | "pkijs-cannot" | "refused" => {
  const theirs = pkijsSignerInfos(der)
  if (!theirs) return "pkijs-cannot"
  let ours: ReturnType<typeof parseSignedData>
  try {
    ours = parseSignedData(der)
  } catch (e) {
    // BER leniency has limits (see signed-data.ts): the only refusal of what pkijs reads.
    expect(nonMinimalInteger(asn1js.fromBER(der.slice()).result), `${label}: ${String(e)}`).toBe(true)
    return "refused"
  }
  expect(typeof ours, label).toBe("object")
  if (typeof ours !== "object") return "compared"
  expect(ours.signerInfos.length, label).toBe(Math.min(theirs.length, 16))
  ours.signerInfos.forEach((si, i) => expect(fieldsOf(si), `${label} signer info ${i}`).toEqual(fieldsOf(theirs[i])))
  return "compared"
}

describe("SignerInfo, read field by field, agrees with pkijs", () => {
  it.skipIf(!hasCorpus)("on every CMS of the conformance corpus", () => {
    let compared = 0
    const refused: string[] = []
    const unreadable: string[] = []
    for (const file of readdirSync(corpusDir).filter((f) => f.endsWith(".pdf")).sort()) {
      let doc: PdfDocument
      try {
        doc = new PdfDocument(new Uint8Array(readFileSync(resolve(corpusDir, file))))
      } catch {
        continue
      }
      for (const sig of findSignatures(doc)) {
        const contents = sig.dict.map.get("Contents")
        if (!contents || typeof contents !== "object" || contents.kind !== "string") continue
        const r = compare(contents.bytes, `${file} «${sig.field}»`)
        if (r === "compared") compared++
        else if (r === "refused") refused.push(file)
        else unreadable.push(file)
      }
    }
    console.info(
      `[firma-signer-info] ${compared} corpus CMS compared; refused for a non-minimal INTEGER: ${refused.join(", ") || "none"}; pkijs cannot read: ${unreadable.join(", ") || "none"}`
    )
    expect(refused).toEqual(["dss__BadEncodedCMS.pdf"])
    expect(compared).toBeGreaterThan(50)
  })

  it("on generated CMS: timestamps, archived revocation, RSA-PSS, ECDSA, two signers, no signed attributes", async () => {
    const content = new TextEncoder().encode("contenido firmado")
    const rsa = await makePki()
    const cases: Array<[string, Uint8Array]> = [
      ["rsa", await signCms(rsa, content)],
      ["no signed attributes", await signCms(rsa, content, { signedAttributes: false })],
      ["archived CRLs", await signCms(rsa, content, { archivedCrls: rsa.crls, crls: [] })],
      ["timestamp", await signCms(rsa, content, { timestamp: { tsa: rsa.signer, genTime: new Date("2026-11-27T12:00:00Z") } })],
      ["two signer infos", await signCms(rsa, content, { alsoSignedBy: await makePki("ecdsa") })],
      ["rsa-pss", await signCms(await makePki("rsa-pss"), content)],
      ["hash downgrade", await signCms(rsa, content, { hashDowngrade: true })]
    ]
    for (const [label, der] of cases) expect(compare(der, label), label).toBe("compared")
  })
})

describe("SignerInfo reader refuses what RFC 5652 does not allow", () => {
  /** The DER of the first SignerInfo in a CMS, and where it starts. */
  const cmsWith = async () => {
    const der = await signCms(await makePki(), new TextEncoder().encode("x"))
    return der
  }
  /** `der` with the last occurrence of `from` replaced by `to` (same length). */
  const replaceLast = (der: Uint8Array, from: Uint8Array, to: Uint8Array): Uint8Array => {
    const i = Buffer.from(der).lastIndexOf(Buffer.from(from))
    expect(i).toBeGreaterThanOrEqual(0)
    const out = der.slice()
    out.set(to, i)
    return out
  }

  it("a signed attribute holding a non-minimal INTEGER makes the CMS undecodable, as before", async () => {
    const der = await cmsWith()
    // The messageDigest OCTET STRING (tag 04, 32 bytes) becomes an INTEGER padded with 00 00.
    const at = Buffer.from(der).indexOf(Buffer.from([0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x04, 0x31, 0x22, 0x04, 0x20]))
    expect(at).toBeGreaterThan(0)
    const bad = der.slice()
    bad[at + 13] = 0x02
    bad[at + 14] = 0x20
    bad[at + 15] = 0x00
    bad[at + 16] = 0x00
    expect(() => {
      const r = parseSignedData(bad)
      if (typeof r === "object") void r.signerInfos
    }).toThrow()
    expect(pkijsSignerInfos(der)).toBeDefined()
  })

  it("a version that is not an INTEGER, or a missing signature, is refused", async () => {
    const der = await cmsWith()
    const si = parseSignedData(der)
    expect(typeof si).toBe("object")
    // SignerInfo starts SEQUENCE … 02 01 01 (version 1) 30 (sid): make the version a BOOLEAN.
    const bad = replaceLast(der, Uint8Array.of(0x02, 0x01, 0x01, 0x30), Uint8Array.of(0x01, 0x01, 0x01, 0x30))
    expect(() => parseSignedData(bad)).toThrow("SignerInfo version")
    // The signature OCTET STRING (the last element, 256 bytes for RSA-2048) relabelled as [1]
    // (unsigned attributes): the SignerInfo has no signature left.
    const sig = replaceLast(der, Uint8Array.of(0x04, 0x82, 0x01, 0x00), Uint8Array.of(0xa1, 0x82, 0x01, 0x00))
    expect(() => parseSignedData(sig)).toThrow()
  })

  it("reads object identifiers as X.690 encodes them, and refuses padded ones", () => {
    const oid = (...b: number[]) => oidText(Uint8Array.from(b))
    expect(oid(0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02)).toBe("1.2.840.113549.1.7.2")
    expect(oid(0x55, 0x1d, 0x0e)).toBe("2.5.29.14")
    expect(oid(0x00)).toBe("0.0")
    expect(oid(0x88, 0x37, 0x03)).toBe("2.999.3")
    expect(oid(0x2a, 0x80, 0x01)).toBeUndefined()
    expect(oid(0x2a, 0x86)).toBeUndefined()
    expect(oid()).toBeUndefined()
  })
})

describe("the signer's certificate, found by its sid", () => {
  const content = new TextEncoder().encode("contenido firmado")
  /** `der` with the last occurrence of `from` (the sid comes after the certificates) replaced by `to`. */
  const relabelSid = (der: Uint8Array, from: string, to: string): Uint8Array => {
    const at = Buffer.from(der).lastIndexOf(Buffer.from(from, "utf8"))
    expect(at).toBeGreaterThan(0)
    const out = der.slice()
    out.set(Buffer.from(to, "utf8"), at)
    return out
  }

  it("by the certificate's own bytes, or by pkijs' name comparison when the sid encodes the name otherwise", async () => {
    const pki = await makePki()
    const der = await signCms(pki, content)
    const found = await checkCms(der, [content], "ETSI.CAdES.detached", firmaRuntimeCrypto)
    expect(found.signer).toBeDefined()
    expect(found.signatureOk).toBe(true)
    // The issuer's name in another case: the same name to RFC 5280 §7.1, other bytes. The sid is
    // outside what the signature covers.
    const recased = relabelSid(der, "de prueba ecasilla", "DE PRUEBA ECASILLA")
    const viaPkijs = await checkCms(recased, [content], "ETSI.CAdES.detached", firmaRuntimeCrypto)
    expect(viaPkijs.signer).toBeDefined()
    expect(viaPkijs.signatureOk).toBe(true)
    // Another name altogether: no certificate is the signer's.
    const other = relabelSid(der, "de prueba ecasilla", "de prueba ecasillo")
    const none = await checkCms(other, [content], "ETSI.CAdES.detached", firmaRuntimeCrypto)
    expect(none.signer).toBeUndefined()
    expect(none.problems).toContain("signer-certificate-missing")
  })
})

describe("the SignerInfo reader, as an attacker would feed it", () => {
  it("any mutation of a CMS is checked without throwing, and a good signature means the signed bytes are the signer's", async () => {
    const fc = (await import("fast-check")).default
    const content = new TextEncoder().encode("contenido firmado")
    const pki = await makePki()
    const der = await signCms(pki, content)
    const original = parseSignedData(der)
    if (typeof original !== "object") throw new Error("fixture")
    const signed = original.signerInfos[0]
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ at: fc.nat(der.length - 1), byte: fc.nat(255), kind: fc.constantFrom("set", "cut", "insert") }), { minLength: 1, maxLength: 3 }),
        async (edits) => {
          let b = der.slice()
          for (const e of edits) {
            const at = Math.min(e.at, b.length - 1)
            if (e.kind === "set") b[at] = e.byte
            else if (e.kind === "cut") b = b.subarray(0, Math.max(1, at))
            else b = Uint8Array.of(...b.subarray(0, at), e.byte, ...b.subarray(at))
          }
          const r = await checkCms(b, [content], "ETSI.CAdES.detached", firmaRuntimeCrypto)
          if (r.hashOk === true && r.signatureOk === true) {
            const parsed = parseSignedData(b)
            if (typeof parsed !== "object") throw new Error("a good signature from an unreadable CMS")
            expect(parsed.signerInfos[0].signedAttrs?.encodedValue).toEqual(signed.signedAttrs?.encodedValue)
            expect(parsed.signerInfos[0].signature).toEqual(signed.signature)
          }
        }
      ),
      { numRuns: 300 }
    )
  }, 120_000)
})
