// CMS for the tests: a detached SignedData (CAdES-style signed attributes) by the throwaway
// PKI, optionally with a second SignerInfo, an RFC 3161 signature timestamp token, or a
// signature value made over another hash than the one it is labelled with; and RFC 3161
// timestamp tokens (also used as PDF document timestamps).
import * as asn1js from "asn1js"
import * as pkijs from "pkijs"
import { withHash, type TestIdentity, type TestPki } from "./pki.js"

const subtle = globalThis.crypto.subtle
const OID = {
  data: "1.2.840.113549.1.7.1",
  signedData: "1.2.840.113549.1.7.2",
  contentType: "1.2.840.113549.1.9.3",
  signingTime: "1.2.840.113549.1.9.5",
  messageDigest: "1.2.840.113549.1.9.4",
  signingCertificateV2: "1.2.840.113549.1.9.16.2.47",
  adbeRevocation: "1.2.840.113583.1.1.8",
  tstInfo: "1.2.840.113549.1.9.16.1.4",
  timestampToken: "1.2.840.113549.1.9.16.2.14",
  sha256: "2.16.840.1.101.3.4.2.1",
  sha1WithRsa: "1.2.840.113549.1.1.5"
}

const der = (c: pkijs.Certificate) => new Uint8Array(c.toSchema().toBER())

const signingCertificateV2 = async (cert: pkijs.Certificate) =>
  new pkijs.Attribute({
    type: OID.signingCertificateV2,
    values: [
      new asn1js.Sequence({
        value: [new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: new Uint8Array(await subtle.digest("SHA-256", der(cert))) })] })] })]
      })
    ]
  })

export interface CmsOptions {
  signingTime?: Date
  signedAttributes?: boolean
  /** CRLs in the SignedData; the PKI's fresh empty CRLs by default, [] for none. */
  crls?: ReadonlyArray<pkijs.CertificateRevocationList>
  /** CRLs in Adobe's revocationInfoArchival signed attribute. */
  archivedCrls?: ReadonlyArray<pkijs.CertificateRevocationList>
  /** OCSPResponses (DER, see `ocspResponse` in pki.ts) in Adobe's revocationInfoArchival signed attribute. */
  archivedOcsps?: ReadonlyArray<Uint8Array>
  /** An RFC 3161 token over the signature value, by this TSA at this time, in the unsigned attributes. */
  timestamp?: { tsa: TestIdentity; genTime: Date; crls?: ReadonlyArray<pkijs.CertificateRevocationList>; chain?: ReadonlyArray<pkijs.Certificate>; imprintOf?: Uint8Array; token?: Uint8Array; hash?: "SHA-256" | "SHA-1" }
  /** Sign the signed attributes with SHA-1 while the SignerInfo says SHA-256 (a hash downgrade). */
  hashDowngrade?: boolean
  /** A second SignerInfo over the same content, by this PKI's signer. */
  alsoSignedBy?: TestPki
}

const signerInfoFor = async (pki: TestPki, content: Uint8Array, options: CmsOptions) => {
  const { signer } = pki
  const digest = new Uint8Array(await subtle.digest(signer.hash, content as Uint8Array<ArrayBuffer>))
  const attrs = [
    new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
    new pkijs.Attribute({ type: OID.signingTime, values: [new asn1js.UTCTime({ valueDate: options.signingTime ?? new Date("2026-11-27T12:00:00Z") })] }),
    new pkijs.Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: digest })] }),
    await signingCertificateV2(signer.cert)
  ]
  if (options.archivedCrls || options.archivedOcsps) {
    const lists: asn1js.Constructed[] = []
    if (options.archivedCrls) lists.push(new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [new asn1js.Sequence({ value: options.archivedCrls.map((c) => c.toSchema()) })] }))
    if (options.archivedOcsps) {
      const responses = options.archivedOcsps.map((d) => asn1js.fromBER(d.slice().buffer).result)
      lists.push(new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 1 }, value: [new asn1js.Sequence({ value: responses })] }))
    }
    attrs.push(new pkijs.Attribute({ type: OID.adbeRevocation, values: [new asn1js.Sequence({ value: lists })] }))
  }
  return new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: signer.cert.issuer, serialNumber: signer.cert.serialNumber }),
    ...(options.signedAttributes === false ? {} : { signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: attrs }) })
  })
}

const chainOf = (pki: TestPki) => [pki.signer.cert, ...pki.intermediates.map((i) => i.cert), pki.root.cert]

/** A detached CMS SignedData over `content`. */
export const signCms = async (pki: TestPki, content: Uint8Array, options: CmsOptions = {}): Promise<Uint8Array> => {
  const pkis = [pki, ...(options.alsoSignedBy ? [options.alsoSignedBy] : [])]
  const crls = options.crls ?? pki.crls
  const sd = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    signerInfos: await Promise.all(pkis.map((p) => signerInfoFor(p, content, options))),
    certificates: pkis.flatMap(chainOf),
    ...(crls.length ? { crls: [...crls] } : {})
  })
  const detached = options.signedAttributes === false ? (content as Uint8Array<ArrayBuffer>).slice().buffer : undefined
  for (const [i, p] of pkis.entries()) await sd.sign(await withHash(p.signer.privateKey, p.signer.hash), i, p.signer.hash, detached)
  const si = sd.signerInfos[0]
  if (options.hashDowngrade) {
    // Same key, same signed attributes, SHA-1 inside the signature; the SignerInfo still says SHA-256.
    const key = await withHash(pki.signer.privateKey, "SHA-1")
    const attrs = new asn1js.Set({ value: si.signedAttrs!.attributes.map((x) => x.toSchema()) }).toBER()
    const value = await subtle.sign("RSASSA-PKCS1-v1_5", key, attrs)
    si.signature = new asn1js.OctetString({ valueHex: value })
    si.signatureAlgorithm = new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha1WithRsa, algorithmParams: new asn1js.Null() })
  }
  if (options.timestamp) {
    const token = options.timestamp.token ?? await timestampToken(options.timestamp.tsa, options.timestamp.imprintOf ?? si.signature.valueBlock.valueHexView, options.timestamp.genTime, {
      chain: options.timestamp.chain ?? [pki.root.cert],
      crls: options.timestamp.crls ?? [],
      hash: options.timestamp.hash ?? "SHA-256"
    })
    si.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({
      type: 1,
      attributes: [new pkijs.Attribute({ type: OID.timestampToken, values: [asn1js.fromBER(token).result] })]
    })
  }
  const ci = new pkijs.ContentInfo({ contentType: OID.signedData, content: sd.toSchema(true) })
  return new Uint8Array(ci.toSchema().toBER())
}

/** An RFC 3161 timestamp token (ContentInfo) by `tsa` imprinting SHA-256 of `data` at `genTime`. */
export const timestampToken = async (
  tsa: TestIdentity,
  data: Uint8Array,
  genTime: Date,
  options: {
    chain?: ReadonlyArray<pkijs.Certificate>
    crls?: ReadonlyArray<pkijs.CertificateRevocationList>
    hash?: "SHA-256" | "SHA-1"
    /** The SHA-256 to stamp as given (a TSA gets only the digest), instead of hashing `data`. */
    imprint?: Uint8Array
    /** The request's nonce, echoed in the TSTInfo. */
    nonce?: asn1js.Integer
  } = {}
): Promise<Uint8Array> => {
  const imprint = options.imprint ?? new Uint8Array(await subtle.digest("SHA-256", data as Uint8Array<ArrayBuffer>))
  const tst = new pkijs.TSTInfo({
    version: 1,
    policy: "1.3.6.1.4.1.99999.1",
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
      hashedMessage: new asn1js.OctetString({ valueHex: imprint })
    }),
    serialNumber: new asn1js.Integer({ value: Math.floor(Math.random() * 1e9) }),
    genTime,
    ...(options.nonce ? { nonce: options.nonce } : {})
  })
  const tstDer = new Uint8Array(tst.toSchema().toBER())
  const sd = new pkijs.SignedData({
    version: 3,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.tstInfo, eContent: new asn1js.OctetString({ valueHex: tstDer }) }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: tsa.cert.issuer, serialNumber: tsa.cert.serialNumber }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({
          type: 0,
          attributes: [
            new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.tstInfo })] }),
            new pkijs.Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: new Uint8Array(await subtle.digest(options.hash ?? "SHA-256", tstDer)) })] }),
            await signingCertificateV2(tsa.cert)
          ]
        })
      })
    ],
    certificates: [tsa.cert, ...(options.chain ?? [])],
    ...(options.crls?.length ? { crls: [...options.crls] } : {})
  })
  await sd.sign(await withHash(tsa.privateKey, options.hash ?? "SHA-256"), 0, options.hash ?? "SHA-256")
  return new Uint8Array(new pkijs.ContentInfo({ contentType: OID.signedData, content: sd.toSchema(true) }).toSchema().toBER())
}
