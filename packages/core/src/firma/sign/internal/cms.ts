// The CMS of a PAdES baseline B-B signature (what Firma Perú produces): detached SignedData
// with contentType, signingTime, messageDigest and the ESS signing-certificate-v2 binding
// (which the adbe.pkcs7 signers of @signpdf leave out), RSA PKCS#1 v1.5 with SHA-256 through
// WebCrypto: native hashing and signing in Node and in browsers.
import * as asn1js from "asn1js"
import * as pkijs from "pkijs"
import { readCrl } from "../../internal/crl.js"
import { elements, tlv } from "../../internal/der.js"
import { addSignatureTimestamp, type FirmaTimestampAuthority } from "./tsa.js"

export interface CmsKey {
  readonly key: CryptoKey
  readonly signer: pkijs.Certificate
  readonly certificates: ReadonlyArray<pkijs.Certificate>
  readonly signerDer: Uint8Array
}

const subtle = (): SubtleCrypto => globalThis.crypto.subtle

export const parseCertificate = (der: Uint8Array): pkijs.Certificate => pkijs.Certificate.fromBER(der as Uint8Array<ArrayBuffer>)

export const importCmsKey = async (pkcs8: Uint8Array, certificates: ReadonlyArray<Uint8Array>, ec?: EcKeyImportParams): Promise<CmsKey> => {
  // ECDSA signs with SHA-256 like RSA: the messageDigest attribute and the SignerInfo's
  // digestAlgorithm stay one hash (RFC 5652 §5.4), whatever the curve.
  const key = await subtle().importKey("pkcs8", pkcs8 as Uint8Array<ArrayBuffer>, ec ?? { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, false, ["sign"])
  const certs = certificates.map(parseCertificate)
  return { key, signer: certs[0], certificates: certs, signerDer: certificates[0] }
}

/**
 * A CRL, DER or PEM ("X509 CRL"), as the DER to embed. Throws when it is neither. Read by the
 * verifier's own CRL reader: a CA's CRL of tens of thousands of entries is more than pkijs reads.
 */
export const parseCrl = (input: Uint8Array): Uint8Array => {
  let der = input
  const head = new TextDecoder("latin1").decode(input.subarray(0, 64))
  if (head.includes("-----BEGIN")) {
    const text = new TextDecoder("latin1").decode(input)
    const m = /-----BEGIN X509 CRL-----([\s\S]*?)-----END X509 CRL-----/.exec(text)
    if (!m) throw new Error("no X509 CRL block")
    der = Uint8Array.from(atob(m[1].replace(/\s+/g, "")), (c) => c.charCodeAt(0))
  }
  const outer = tlv(der, 0, der.length)
  readCrl(der.subarray(0, outer.end))
  return der.slice(0, outer.end)
}

/** DER of one element, by hand (lengths up to 4 GB). */
const derElement = (tag: number, ...content: ReadonlyArray<Uint8Array>): Uint8Array => {
  const length = content.reduce((a, c) => a + c.length, 0)
  const len: number[] = []
  if (length < 0x80) len.push(length)
  else {
    for (let v = length; v > 0; v = Math.floor(v / 256)) len.unshift(v & 255)
    len.unshift(0x80 | len.length)
  }
  const out = new Uint8Array(1 + len.length + length)
  out[0] = tag
  out.set(len, 1)
  let at = 1 + len.length
  for (const c of content) out.set(c, at), (at += c.length)
  return out
}

/**
 * The ContentInfo `ci` with `crls` as the SignedData's crls [1] field, before its signerInfos.
 * Outside what the signature covers (RFC 5652 §5.4: the signed attributes), so added afterwards,
 * as raw DER: pkijs would parse each CRL again to write it.
 */
const withCrls = (ci: Uint8Array, crls: ReadonlyArray<Uint8Array>): Uint8Array => {
  const outer = tlv(ci, 0, ci.length)
  const [type, explicit] = elements(ci, outer)
  const sd = elements(ci, explicit)[0]
  const fields = elements(ci, sd)
  const last = fields[fields.length - 1]
  if (fields.some((f) => f.tagClass === 2 && f.tag === 1)) throw new Error("SignedData already has crls")
  const part = (t: { start: number; end: number }) => ci.subarray(t.start, t.end)
  const signedData = derElement(0x30, ...fields.slice(0, -1).map(part), derElement(0xa1, ...crls), part(last))
  return derElement(0x30, part(type), derElement(0xa0, signedData))
}

export const signDetached = async (
  k: CmsKey,
  content: Uint8Array,
  signingTime: Date,
  crls: ReadonlyArray<Uint8Array> = [],
  tsa?: FirmaTimestampAuthority
): Promise<Uint8Array> => {
  const digest = new Uint8Array(await subtle().digest("SHA-256", content as Uint8Array<ArrayBuffer>))
  const certHash = new Uint8Array(await subtle().digest("SHA-256", k.signerDer as Uint8Array<ArrayBuffer>))
  const issuerSerial = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({ value: [new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 4 }, value: [k.signer.issuer.toSchema()] })] }),
      new asn1js.Integer({ valueHex: k.signer.serialNumber.valueBlock.valueHexView })
    ]
  })
  const attributes = [
    new pkijs.Attribute({ type: "1.2.840.113549.1.9.3", values: [new asn1js.ObjectIdentifier({ value: "1.2.840.113549.1.7.1" })] }),
    new pkijs.Attribute({ type: "1.2.840.113549.1.9.5", values: [new asn1js.UTCTime({ valueDate: signingTime })] }),
    new pkijs.Attribute({ type: "1.2.840.113549.1.9.4", values: [new asn1js.OctetString({ valueHex: digest })] }),
    // SigningCertificateV2 { certs: [ ESSCertIDv2 { hashAlgorithm default SHA-256, certHash, issuerSerial } ] }
    new pkijs.Attribute({
      type: "1.2.840.113549.1.9.16.2.47",
      values: [new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: certHash }), issuerSerial] })] })] })]
    })
  ]
  const sd = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: "1.2.840.113549.1.7.1" }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: k.signer.issuer, serialNumber: k.signer.serialNumber }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes })
      })
    ],
    certificates: [...k.certificates]
  })
  await sd.sign(k.key, 0, "SHA-256")
  // B-T: the TSA stamps the signature value (RFC 3161, ETSI EN 319 142-1 signature timestamp).
  if (tsa) await addSignatureTimestamp(sd.signerInfos[0], tsa)
  const ci = new Uint8Array(new pkijs.ContentInfo({ contentType: "1.2.840.113549.1.7.2", content: sd.toSchema(true) }).toSchema().toBER())
  // Revocation data travels inside the signature (as Firma Perú's signatures carry it), so a
  // verifier that requires it needs nothing from the network.
  return crls.length ? withCrls(ci, crls) : ci
}
