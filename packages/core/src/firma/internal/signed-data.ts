// SignedData read element by element. asn1js and pkijs parse only what the verifier checks:
// signer infos without their unsigned attributes, the signer's certificate (found by raw issuer
// and serial), issuers on demand, CRLs on demand. Timestamp tokens and revocation data make a
// CMS large, and parsing all of it through pkijs's schema matching dominated bulk verification.
import * as asn1js from "asn1js"
import * as pkijs from "pkijs"
import { ByBytes } from "./by-bytes.js"
import { basicOf } from "./ocsp.js"

const equal = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i])

export const OID_SIGNED_DATA = "1.2.840.113549.1.7.2"

/**
 * BER leniency has limits: an INTEGER must be minimally encoded in BER too (X.690 8.3.2).
 * pkijs accepts such a CMS; other verifiers reject it, and so do we.
 */
const wellFormed = (node: asn1js.AsnType, depth: number): boolean => {
  if (depth > 64) return false
  const b = node as asn1js.BaseBlock & { valueBlock: { value?: asn1js.AsnType[]; valueHexView?: Uint8Array } }
  if (b.idBlock?.tagClass === 1 && b.idBlock.tagNumber === 2 && !b.idBlock.isConstructed) {
    const v = b.valueBlock.valueHexView
    if (v && v.length > 1 && ((v[0] === 0 && v[1] < 0x80) || (v[0] === 0xff && v[1] >= 0x80))) return false
  }
  const kids = b.valueBlock?.value
  return !Array.isArray(kids) || kids.every((k) => wellFormed(k, depth + 1))
}

/** Certificates as they were encoded in the CMS: the signing-certificate hash is over these bytes. */
export const originalDer = new WeakMap<pkijs.Certificate, Uint8Array>()

interface LazyCertificates {
  readonly all: () => pkijs.Certificate[]
  readonly byIssuerSerial: (sid: IssuerSerial) => pkijs.Certificate[]
  readonly issuersOf: (cert: pkijs.Certificate) => pkijs.Certificate[]
}

export interface ParsedSignedData {
  readonly certs: LazyCertificates
  readonly crls: () => pkijs.CertificateRevocationList[]
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
}

interface Tlv {
  readonly start: number
  readonly tagClass: number
  readonly constructed: boolean
  readonly tag: number
  /** Offset of the value and of the end of the whole element. */
  readonly value: number
  readonly end: number
  readonly indefinite: boolean
}

/** Reads one BER element's header and finds its end (indefinite lengths by walking to the EOC). */
const tlv = (b: Uint8Array, at: number, limit: number, depth = 0): Tlv => {
  if (depth > 64 || at + 2 > limit) throw new Error("BER truncated")
  const id = b[at]
  let p = at + 1
  let tag = id & 0x1f
  if (tag === 0x1f) {
    tag = 0
    for (let k = 0; ; k++) {
      if (k > 4 || p >= limit) throw new Error("BER tag")
      const c = b[p++]
      tag = tag * 128 + (c & 0x7f)
      if (!(c & 0x80)) break
    }
  }
  const first = b[p++]
  const constructed = (id & 0x20) !== 0
  if (first === 0x80) {
    if (!constructed) throw new Error("BER indefinite primitive")
    let q = p
    for (;;) {
      if (q + 2 > limit) throw new Error("BER no end-of-contents")
      if (b[q] === 0 && b[q + 1] === 0) return { start: at, tagClass: id >> 6, constructed, tag, value: p, end: q + 2, indefinite: true }
      q = tlv(b, q, limit, depth + 1).end
    }
  }
  let len = first
  if (first & 0x80) {
    const n = first & 0x7f
    if (n > 4) throw new Error("BER length")
    len = 0
    for (let k = 0; k < n; k++) len = len * 256 + b[p++]
  }
  if (p + len > limit) throw new Error("BER length beyond data")
  return { start: at, tagClass: id >> 6, constructed, tag, value: p, end: p + len, indefinite: false }
}

const elements = (b: Uint8Array, t: Tlv): Tlv[] => {
  const out: Tlv[] = []
  const stop = t.indefinite ? t.end - 2 : t.end
  for (let p = t.value; p < stop && out.length < 10_000; ) {
    const c = tlv(b, p, stop)
    out.push(c)
    p = c.end
  }
  return out
}

/** asn1js over one element only, with the BER rules checked. */
const parseElement = (b: Uint8Array, t: Tlv): asn1js.AsnType => {
  // A copy of exactly this element: asn1js and pkijs copy the whole underlying buffer in places.
  const r = asn1js.fromBER(b.slice(t.start, t.end))
  if (r.offset === -1 || !wellFormed(r.result, 0)) throw new Error("BER element")
  return r.result
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
  let parsedCrls: pkijs.CertificateRevocationList[] | undefined
  const crls = () =>
    (parsedCrls ??= crlElements.flatMap((c) => {
      try {
        return [crlCache.getOrMake(der.subarray(c.start, c.end), () => new pkijs.CertificateRevocationList({ schema: parseElement(der, c) }))]
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

/** Thrown for a SignerInfo or EncapsulatedContentInfo that is not what RFC 5652 says: the CMS is undecodable. */
const malformed = (what: string): never => {
  throw new Error(`BER ${what}`)
}

/** Dotted text of an OBJECT IDENTIFIER's content bytes; undefined when it is not a minimal encoding. */
export const oidText = (b: Uint8Array): string | undefined => {
  if (b.length === 0 || b.length > 128 || b[b.length - 1] & 0x80) return undefined
  const arcs: number[] = []
  let v = 0
  let fresh = true
  for (const c of b) {
    if (fresh && c === 0x80) return undefined // a leading 0x80 pads a subidentifier (X.690 8.19.2)
    v = v * 128 + (c & 0x7f)
    if (v > Number.MAX_SAFE_INTEGER / 128) return undefined
    fresh = !(c & 0x80)
    if (fresh) {
      arcs.push(v)
      v = 0
    }
  }
  const first = arcs[0] < 40 ? 0 : arcs[0] < 80 ? 1 : 2
  return [first, arcs[0] - 40 * first, ...arcs.slice(1)].join(".")
}

const isUniversal = (t: Tlv, tag: number, constructed: boolean): boolean => t.tagClass === 0 && t.tag === tag && t.constructed === constructed

/** An INTEGER in its minimal encoding (X.690 8.3.2), as `wellFormed` requires of asn1js' trees. */
const minimalInteger = (b: Uint8Array, t: Tlv): boolean => {
  const n = t.end - t.value
  if (n < 1) return false
  return n === 1 || !((b[t.value] === 0 && b[t.value + 1] < 0x80) || (b[t.value] === 0xff && b[t.value + 1] >= 0x80))
}

/** The checks asn1js and `wellFormed` make of a tree, on the raw TLVs: lengths, nesting, minimal INTEGERs. */
const wellFormedBer = (b: Uint8Array, t: Tlv, depth: number): boolean => {
  if (depth > 64) return false
  if (t.tagClass === 0 && t.tag === 2 && !t.constructed) return minimalInteger(b, t)
  if (!t.constructed) return true
  return elements(b, t).every((c) => wellFormedBer(b, c, depth + 1))
}

/** AlgorithmIdentifier ::= SEQUENCE { algorithm OID, parameters ANY OPTIONAL }. */
const readAlgorithm = (b: Uint8Array, t: Tlv): pkijs.AlgorithmIdentifier => {
  if (!isUniversal(t, 16, true)) malformed("AlgorithmIdentifier")
  const [oid, params, ...rest] = elements(b, t)
  if (!oid || !isUniversal(oid, 6, false) || rest.length) malformed("AlgorithmIdentifier")
  const algorithmId = oidText(b.subarray(oid.value, oid.end)) ?? malformed("OID")
  return params
    ? new pkijs.AlgorithmIdentifier({ algorithmId, algorithmParams: parseElement(b, params) })
    : new pkijs.AlgorithmIdentifier({ algorithmId })
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
 * Certificates and CRLs already parsed, by their exact bytes: a batch of documents signed by the
 * same few people under the same CA chain, with the same CRLs, parses each of them once.
 */
const certificateCache = new ByBytes<pkijs.Certificate>(512, 8 << 20)
const crlCache = new ByBytes<pkijs.CertificateRevocationList>(64, 32 << 20)

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

