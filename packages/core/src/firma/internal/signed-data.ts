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
  readonly byIssuerSerial: (sid: pkijs.IssuerAndSerialNumber) => pkijs.Certificate[]
  readonly issuersOf: (cert: pkijs.Certificate) => pkijs.Certificate[]
}

export interface ParsedSignedData {
  readonly certs: LazyCertificates
  readonly crls: () => pkijs.CertificateRevocationList[]
  readonly crlCount: number
  /** OCSP responses among the revocation info (RFC 5940 id-ri-ocsp-response), successful ones only, parsed on demand. */
  readonly ocsps: () => pkijs.BasicOCSPResponse[]
  readonly ocspCount: number
  readonly signerInfos: pkijs.SignerInfo[]
  /** Per signer info, the DER of each RFC 3161 signature timestamp token (unsigned attribute), unparsed. */
  readonly timestampTokens: ReadonlyArray<ReadonlyArray<Uint8Array>>
  readonly encapContentInfo: pkijs.EncapsulatedContentInfo
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
  const oid = parseElement(der, type)
  if (!(oid instanceof asn1js.ObjectIdentifier)) return "malformed"
  if (oid.valueBlock.toString() !== OID_SIGNED_DATA) return "not-signed-data"
  if (!explicit || explicit.tagClass !== 2 || explicit.tag !== 0) return "malformed"
  const sdSeq = elements(der, explicit)[0]
  const fields = elements(der, sdSeq)
  if (fields.length < 4 || fields[0].tag !== 2) return "malformed"
  let i = 2
  const encapContentInfo = new pkijs.EncapsulatedContentInfo({ schema: parseElement(der, fields[i++]) })
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
    // Keep every field but the unsigned attributes [1] (timestamp tokens, revocation values).
    const all = elements(der, t)
    const parts = all.filter((f) => !(f.tagClass === 2 && f.tag === 1))
    timestampTokens.push(all.filter((f) => f.tagClass === 2 && f.tag === 1).flatMap((f) => tokensOf(der, f)))
    if (parts.length === all.length) return new pkijs.SignerInfo({ schema: parseElement(der, t) })
    return new pkijs.SignerInfo({ schema: new asn1js.Sequence({ value: parts.map((f) => parseElement(der, f)) }) })
  })
  return { certs, crls, crlCount: crlElements.length, ocsps, ocspCount: ocspElements.length, signerInfos, timestampTokens, encapContentInfo }
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
      const issuer = bytesOfBuffer(sid.issuer.valueBeforeDecode)
      const serial = bytesOfBuffer(sid.serialNumber.valueBeforeDecodeView)
      const hits = pick((r) => equal(r.issuer, issuer) && equal(r.serial, serial))
      // Names re-encoded by pkijs or odd encodings: fall back to parsing everything.
      return hits.length ? hits : list.map((_, i) => get(i)).filter((c): c is pkijs.Certificate => !!c)
    },
    issuersOf: (cert) => {
      const issuer = bytesOfBuffer(cert.issuer.valueBeforeDecode)
      return pick((r) => equal(r.subject, issuer))
    }
  }
}

