// SignedData read element by element. asn1js and pkijs parse only what the verifier checks:
// signer infos without their unsigned attributes, the signer's certificate (found by raw issuer
// and serial), issuers on demand, CRLs on demand. Timestamp tokens and revocation data make a
// CMS large, and parsing all of it through pkijs's schema matching dominated bulk verification.
import * as asn1js from "asn1js"
import * as pkijs from "pkijs"
import { ByBytes } from "./by-bytes.js"
import { readCrl, type CrlView } from "./crl.js"
import { elements, isUniversal, malformed, minimalInteger, oidText, parseElement, readAlgorithm, tlv, wellFormedBer, type Tlv } from "./der.js"
import { basicOf } from "./ocsp.js"

const equal = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i])

export const OID_SIGNED_DATA = "1.2.840.113549.1.7.2"

export { oidText } from "./der.js"

/** Certificates as they were encoded in the CMS: the signing-certificate hash is over these bytes. */
export const originalDer = new WeakMap<pkijs.Certificate, Uint8Array>()

interface LazyCertificates {
  readonly all: () => pkijs.Certificate[]
  readonly byIssuerSerial: (sid: IssuerSerial) => pkijs.Certificate[]
  readonly issuersOf: (cert: pkijs.Certificate) => pkijs.Certificate[]
}

export interface ParsedSignedData {
  readonly certs: LazyCertificates
  readonly crls: () => CrlView[]
  readonly crlCount: number
  /** OCSP responses among the revocation info (RFC 5940 id-ri-ocsp-response), successful ones only, parsed on demand. */
  readonly ocsps: () => pkijs.BasicOCSPResponse[]
  readonly ocspCount: number
  readonly signerInfos: SignerInfoView[]
  /** Per signer info, the DER of each RFC 3161 signature timestamp token (unsigned attribute), unparsed. */
  readonly timestampTokens: ReadonlyArray<ReadonlyArray<Uint8Array>>
  readonly encapContentInfo: pkijs.EncapsulatedContentInfo
}

/**
 * A SignerInfo (RFC 5652 §5.3) read field by field. Only its small parts go through asn1js (the
 * sid, the algorithm parameters, each attribute value when first asked for); the signed
 * attributes are checked for well-formed BER as a whole first, as asn1js would check them.
 */
export interface SignerInfoView {
  readonly version: number
  /** IssuerAndSerialNumber as raw bytes, or the [0] subjectKeyIdentifier node as pkijs gives it. */
  readonly sid: IssuerSerial | asn1js.AsnType
  readonly digestAlgorithm: pkijs.AlgorithmIdentifier
  readonly signedAttrs?: SignedAttributesView
  readonly signatureAlgorithm: pkijs.AlgorithmIdentifier
  readonly signature: Uint8Array
}

/**
 * IssuerAndSerialNumber ::= SEQUENCE { issuer Name, serialNumber CertificateSerialNumber }, as
 * the DER of each part (compared with a certificate's own bytes first) and, for the rare signer
 * whose certificate encodes the name otherwise, pkijs' reading on demand.
 */
export interface IssuerSerial {
  readonly kind: "issuerSerial"
  /** DER of the issuer Name. */
  readonly issuer: Uint8Array
  /** DER of the serial number INTEGER (tag and length included). */
  readonly serial: Uint8Array
  /** pkijs' reading, undefined when pkijs cannot read it. */
  readonly parsed: () => pkijs.IssuerAndSerialNumber | undefined
}

export interface SignedAttributesView {
  readonly attributes: ReadonlyArray<AttributeView>
  /** The attributes' encoding with the SET OF tag (0x31): what the signature covers (RFC 5652 §5.4). */
  readonly encodedValue: Uint8Array
}

export interface AttributeView {
  readonly type: string
  /** The values, parsed on first use; empty when asn1js cannot read them. */
  readonly values: ReadonlyArray<asn1js.AsnType>
  /** The DER of each value, unparsed (revocation archives hold CRLs too large for asn1js). */
  readonly raw: ReadonlyArray<Uint8Array>
}

/**
 * SignedData read element by element: asn1js and pkijs only for what is checked (signer infos
 * without their unsigned attributes, certificates; CRLs only when present). Timestamp tokens
 * and revocation data can make a CMS large, and parsing all of it costs tens of milliseconds.
 */
export const parseSignedData = (der: Uint8Array): ParsedSignedData | "not-signed-data" | "malformed" => {
  const outer = tlv(der, 0, der.length)
  const [type, explicit] = elements(der, outer)
  if (!type || type.tag !== 6) return "malformed"
  if (type.tagClass !== 0 || type.constructed) return "malformed"
  const oid = oidText(der.subarray(type.value, type.end))
  if (oid === undefined) return "malformed"
  if (oid !== OID_SIGNED_DATA) return "not-signed-data"
  if (!explicit || explicit.tagClass !== 2 || explicit.tag !== 0) return "malformed"
  const sdSeq = elements(der, explicit)[0]
  const fields = elements(der, sdSeq)
  if (fields.length < 4 || fields[0].tag !== 2) return "malformed"
  let i = 2
  const encapContentInfo = readEncapContentInfo(der, fields[i++])
  let certElements: Tlv[] = []
  if (fields[i] && fields[i].tagClass === 2 && fields[i].tag === 0) {
    certElements = elements(der, fields[i++]).filter((c) => c.tagClass === 0 && c.tag === 16).slice(0, 256)
  }
  const certs = lazyCertificates(der, certElements)
  let crlElements: Tlv[] = []
  let otherElements: Tlv[] = []
  if (fields[i] && fields[i].tagClass === 2 && fields[i].tag === 1) {
    const choices = elements(der, fields[i++])
    crlElements = choices.filter((c) => c.tagClass === 0 && c.tag === 16)
    // other [1] IMPLICIT OtherRevocationInfoFormat { otherRevInfoFormat OID, otherRevInfo ANY }
    otherElements = choices.filter((c) => c.tagClass === 2 && c.tag === 1 && c.constructed).slice(0, 32)
  }
  const ocspElements = otherElements.flatMap((c) => {
    const [format, info] = elements(der, c)
    return format && info && format.tag === 6 && equal(der.subarray(format.value, format.end), OCSP_RESPONSE_FORMAT) ? [info] : []
  })
  let parsedOcsps: pkijs.BasicOCSPResponse[] | undefined
  const ocsps = () =>
    (parsedOcsps ??= ocspElements.flatMap((c) => {
      try {
        const basic = basicOf(parseElement(der, c))
        return basic ? [basic] : []
      } catch {
        return [] // an unreadable response is simply not used
      }
    }))
  let parsedCrls: CrlView[] | undefined
  const crls = () =>
    (parsedCrls ??= crlElements.flatMap((c) => {
      try {
        return [readCrl(der.subarray(c.start, c.end))]
      } catch {
        return [] // an unreadable CRL is simply not used
      }
    }))
  const set = fields[i]
  if (!set || set.tag !== 17) return "malformed"
  const timestampTokens: Uint8Array[][] = []
  const signerInfos = elements(der, set).slice(0, 16).map((t) => {
    // Every field but the unsigned attributes [1] (timestamp tokens, revocation values).
    const all = elements(der, t)
    timestampTokens.push(all.filter((f) => f.tagClass === 2 && f.tag === 1).flatMap((f) => tokensOf(der, f)))
    return readSignerInfo(der, t, all)
  })
  return { certs, crls, crlCount: crlElements.length, ocsps, ocspCount: ocspElements.length, signerInfos, timestampTokens, encapContentInfo }
}

/** EncapsulatedContentInfo ::= SEQUENCE { eContentType OID, eContent [0] EXPLICIT OCTET STRING OPTIONAL }. */
const readEncapContentInfo = (b: Uint8Array, t: Tlv): pkijs.EncapsulatedContentInfo => {
  const [type, content, ...rest] = elements(b, t)
  // With content (a timestamp token's TSTInfo, adbe.pkcs7.sha1's digest): pkijs reads it, as ever.
  if (content || rest.length) return new pkijs.EncapsulatedContentInfo({ schema: parseElement(b, t) })
  if (!isUniversal(t, 16, true) || !type || !isUniversal(type, 6, false)) malformed("EncapsulatedContentInfo")
  return new pkijs.EncapsulatedContentInfo({ eContentType: oidText(b.subarray(type.value, type.end)) ?? malformed("OID") })
}

/**
 * SignerInfo ::= SEQUENCE { version INTEGER, sid SignerIdentifier, digestAlgorithm, signedAttrs [0]
 * IMPLICIT SET OF Attribute OPTIONAL, signatureAlgorithm, signature OCTET STRING, unsignedAttrs [1]
 * OPTIONAL }, with `all` its fields.
 */
const readSignerInfo = (b: Uint8Array, t: Tlv, all: Tlv[]): SignerInfoView => {
  if (!isUniversal(t, 16, true)) malformed("SignerInfo")
  const f = all.filter((x) => !(x.tagClass === 2 && x.tag === 1 && x === all[all.length - 1]))
  if (f.length !== all.length && f.length !== all.length - 1) malformed("SignerInfo")
  const [version, sid, digest] = f
  if (!version || !isUniversal(version, 2, false) || !minimalInteger(b, version) || version.end - version.value > 4) malformed("SignerInfo version")
  let v = 0
  for (let k = version.value; k < version.end; k++) v = v * 256 + b[k]
  if (!sid || !digest) malformed("SignerInfo")
  let sidValue: IssuerSerial | asn1js.AsnType
  if (isUniversal(sid, 16, true)) sidValue = readIssuerSerial(b, sid)
  else if (sid.tagClass === 2 && sid.tag === 0) sidValue = parseElement(b, sid)
  else return malformed("SignerInfo sid")
  let k = 3
  let signedAttrs: SignedAttributesView | undefined
  if (f[k] && f[k].tagClass === 2 && f[k].tag === 0) signedAttrs = readSignedAttributes(b, f[k++])
  const signatureAlgorithm = f[k] ?? malformed("SignerInfo")
  const signature = f[k + 1] ?? malformed("SignerInfo")
  if (f.length !== k + 2 || signature.tagClass !== 0 || signature.tag !== 4) malformed("SignerInfo")
  return {
    version: v,
    sid: sidValue,
    digestAlgorithm: readAlgorithm(b, digest),
    ...(signedAttrs ? { signedAttrs } : {}),
    signatureAlgorithm: readAlgorithm(b, signatureAlgorithm),
    signature: signature.constructed ? (parseElement(b, signature) as asn1js.OctetString).valueBlock.valueHexView : b.subarray(signature.value, signature.end)
  }
}

const readIssuerSerial = (b: Uint8Array, t: Tlv): IssuerSerial => {
  const [issuer, serial, ...rest] = elements(b, t)
  if (!issuer || !serial || rest.length || !isUniversal(issuer, 16, true) || !isUniversal(serial, 2, false) || !wellFormedBer(b, t, 0)) malformed("IssuerAndSerialNumber")
  let parsed: pkijs.IssuerAndSerialNumber | null | undefined
  return {
    kind: "issuerSerial",
    issuer: b.subarray(issuer.start, issuer.end),
    serial: b.subarray(serial.start, serial.end),
    parsed: () => {
      if (parsed === undefined) {
        try {
          parsed = new pkijs.IssuerAndSerialNumber({ schema: parseElement(b, t) })
        } catch {
          parsed = null
        }
      }
      return parsed ?? undefined
    }
  }
}

/** SignedAttributes ::= SET SIZE (1..MAX) OF Attribute; Attribute ::= SEQUENCE { attrType OID, attrValues SET OF ANY }. */
const readSignedAttributes = (b: Uint8Array, t: Tlv): SignedAttributesView => {
  if (!t.constructed || !wellFormedBer(b, t, 0)) malformed("signedAttrs")
  const attributes = elements(b, t).map((a): AttributeView => {
    const [type, set, ...rest] = isUniversal(a, 16, true) ? elements(b, a) : []
    if (!type || !set || rest.length || !isUniversal(type, 6, false) || !isUniversal(set, 17, true)) malformed("Attribute")
    const oid = oidText(b.subarray(type.value, type.end)) ?? malformed("OID")
    let values: asn1js.AsnType[] | undefined
    return {
      type: oid,
      raw: elements(b, set).map((x) => b.subarray(x.start, x.end)),
      get values() {
        if (!values) {
          try {
            values = elements(b, set).map((x) => parseElement(b, x))
          } catch {
            values = []
          }
        }
        return values
      }
    }
  })
  if (attributes.length === 0) malformed("signedAttrs")
  const encodedValue = b.slice(t.start, t.end)
  encodedValue[0] = 0x31
  return { attributes, encodedValue }
}

/** id-ri-ocsp-response (RFC 5940), DER of the OID's content bytes. */
const OCSP_RESPONSE_FORMAT = Uint8Array.of(0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x10, 0x02)

/** id-aa-signatureTimeStampToken, DER of the OID's content bytes. */
const TIMESTAMP_TOKEN_OID = Uint8Array.of(0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x10, 0x02, 0x0e)

/** The timestamp tokens among unsigned attributes: Attribute ::= SEQUENCE { type OID, values SET OF ContentInfo }. */
const tokensOf = (der: Uint8Array, unsigned: Tlv): Uint8Array[] => {
  const out: Uint8Array[] = []
  for (const attr of elements(der, unsigned).slice(0, 64)) {
    const [type, values] = elements(der, attr)
    if (!type || type.tag !== 6 || !values || values.tag !== 17) continue
    if (!equal(der.subarray(type.value, type.end), TIMESTAMP_TOKEN_OID)) continue
    for (const v of elements(der, values).slice(0, 4)) out.push(der.subarray(v.start, v.end))
  }
  return out
}

const bytesOfBuffer = (b: ArrayBuffer | Uint8Array | undefined): Uint8Array => (b instanceof Uint8Array ? b : new Uint8Array(b ?? new ArrayBuffer(0)))

/**
 * Certificates already parsed, by their exact bytes: a batch of documents signed by the same few
 * people under the same CA chain parses each of them once (CRLs: crl.ts).
 */
const certificateCache = new ByBytes<pkijs.Certificate>(512, 8 << 20)

/**
 * Certificates of the CMS, parsed one by one when needed: the signer's is found by comparing
 * the raw issuer and serial, issuers by comparing raw names (pkijs parsing is the costly part
 * of verifying a signature in bulk).
 */
const lazyCertificates = (der: Uint8Array, list: Tlv[]): LazyCertificates => {
  const parsed = new Map<number, pkijs.Certificate | null>()
  const get = (i: number): pkijs.Certificate | undefined => {
    if (!parsed.has(i)) {
      const bytes = der.subarray(list[i].start, list[i].end)
      const cached = certificateCache.get(bytes)
      if (cached) parsed.set(i, cached)
      else {
        try {
          const node = parseElement(der, list[i])
          const cert = new pkijs.Certificate({ schema: node })
          originalDer.set(cert, (node as asn1js.BaseBlock).valueBeforeDecodeView)
          certificateCache.set(bytes, cert)
          parsed.set(i, cert)
        } catch {
          parsed.set(i, null)
        }
      }
    }
    return parsed.get(i) ?? undefined
  }
  // issuer, serial and subject of each certificate as raw bytes, from its TBS fields
  const raw = list.map((t) => {
    try {
      const tbs = elements(der, elements(der, t)[0])
      const k = tbs[0].tagClass === 2 && tbs[0].tag === 0 ? 1 : 0
      const slice = (x: Tlv) => der.subarray(x.start, x.end)
      return { serial: slice(tbs[k]), issuer: slice(tbs[k + 2]), subject: slice(tbs[k + 4]) }
    } catch {
      return undefined
    }
  })
  const pick = (pred: (r: NonNullable<(typeof raw)[number]>) => boolean) =>
    raw.flatMap((r, i) => (r && pred(r) ? [get(i)].filter((c): c is pkijs.Certificate => !!c) : []))
  return {
    all: () => list.map((_, i) => get(i)).filter((c): c is pkijs.Certificate => !!c),
    byIssuerSerial: (sid) => {
      const hits = pick((r) => equal(r.issuer, sid.issuer) && equal(r.serial, sid.serial))
      // Names re-encoded by pkijs or odd encodings: fall back to parsing everything.
      return hits.length ? hits : list.map((_, i) => get(i)).filter((c): c is pkijs.Certificate => !!c)
    },
    issuersOf: (cert) => {
      const issuer = bytesOfBuffer(cert.issuer.valueBeforeDecode)
      return pick((r) => equal(r.subject, issuer))
    }
  }
}

