// The CMS of a PAdES baseline B-B signature (what Firma Perú produces): detached SignedData
// with contentType, signingTime, messageDigest and the ESS signing-certificate-v2 binding
// (which the adbe.pkcs7 signers of @signpdf leave out), RSA PKCS#1 v1.5 with SHA-256 through
// WebCrypto: native hashing and signing in Node and in browsers.
import * as asn1js from "asn1js"
import * as pkijs from "pkijs"
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

/** A CRL, DER or PEM ("X509 CRL"). Throws when it is neither. */
export const parseCrl = (input: Uint8Array): pkijs.CertificateRevocationList => {
  let der = input
  const head = new TextDecoder("latin1").decode(input.subarray(0, 64))
  if (head.includes("-----BEGIN")) {
    const text = new TextDecoder("latin1").decode(input)
    const m = /-----BEGIN X509 CRL-----([\s\S]*?)-----END X509 CRL-----/.exec(text)
    if (!m) throw new Error("no X509 CRL block")
    der = Uint8Array.from(atob(m[1].replace(/\s+/g, "")), (c) => c.charCodeAt(0))
  }
  return pkijs.CertificateRevocationList.fromBER(der as Uint8Array<ArrayBuffer>)
}

export const signDetached = async (
  k: CmsKey,
  content: Uint8Array,
  signingTime: Date,
  crls: ReadonlyArray<pkijs.CertificateRevocationList> = [],
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
    certificates: [...k.certificates],
    // Revocation data travels inside the signature (as Firma Perú's signatures carry it), so a
    // verifier that requires it needs nothing from the network.
    ...(crls.length ? { crls: [...crls] } : {})
  })
  await sd.sign(k.key, 0, "SHA-256")
  // B-T: the TSA stamps the signature value (RFC 3161, ETSI EN 319 142-1 signature timestamp).
  if (tsa) await addSignatureTimestamp(sd.signerInfos[0], tsa)
  const ci = new pkijs.ContentInfo({ contentType: "1.2.840.113549.1.7.2", content: sd.toSchema(true) })
  return new Uint8Array(ci.toSchema().toBER())
}
