// CMS SignedData checks of one PDF signature, on pkijs/asn1js for the parsing and the crypto
// port for every digest and signature check.
import * as asn1js from "asn1js"
import * as pkijs from "pkijs"
import type { FirmaDigestName, FirmaCrypto } from "../crypto.js"
import { candidateChecks, digestOfOid, hashOfSignatureOid, keyOf } from "./algorithms.js"

const OID = {
  signedData: "1.2.840.113549.1.7.2",
  data: "1.2.840.113549.1.7.1",
  messageDigest: "1.2.840.113549.1.9.4",
  signingTime: "1.2.840.113549.1.9.5",
  signingCertificate: "1.2.840.113549.1.9.16.2.12",
  signingCertificateV2: "1.2.840.113549.1.9.16.2.47",
  adbeRevocation: "1.2.840.113623.1.1.8",
  subjectKeyIdentifier: "2.5.29.14"
} as const

/** Signature algorithm OIDs accepted for each key family: labels may be loose, not absurd. */
const ACCEPTED: Record<string, RegExp> = {
  rsa: /^(1\.2\.840\.113549\.1\.1\.(1|4|5|10|11|12|13|14|15|16)|2\.16\.840\.1\.101\.3\.4\.3\.(13|14|15|16)|1\.3\.14\.3\.2\.29)$/,
  ec: /^(1\.2\.840\.10045\.(2\.1|4\.1|4\.3\.[1-4])|2\.16\.840\.1\.101\.3\.4\.3\.(9|10|11|12)|0\.4\.0\.127\.0\.7\.1\.1\.4\.1\.[1-5])$/,
  ed25519: /^1\.3\.101\.112$/,
  ed448: /^1\.3\.101\.113$/
}

export type CmsProblem =
  | "cms-undecodable"
  | "cms-not-signed-data"
  | "no-signer-info"
  | "signer-certificate-missing"
  | "unknown-digest-algorithm"
  | "message-digest-missing"
  | "message-digest-mismatch"
  | "content-digest-mismatch"
  | "econtent-in-detached"
  | "signature-algorithm-mismatch"
  | "signature-invalid"
  | "signing-certificate-mismatch"
  | "unsupported-key"
  | "digest-unavailable"
  | "signature-unchecked"

export interface CmsCheck {
  readonly problems: CmsProblem[]
  /** The messageDigest or content digest matches the covered bytes. */
  readonly hashOk?: boolean | undefined
  /** The signature value verifies; undefined when it could not be checked. */
  readonly signatureOk?: boolean | undefined
  readonly signingCertBound?: boolean | undefined
  readonly signer?: pkijs.Certificate
  /** The CMS certificates that could have issued `cert` (same subject as its issuer), parsed on demand. */
  readonly issuersOf: (cert: pkijs.Certificate) => ReadonlyArray<pkijs.Certificate>
  /** Embedded CRLs, parsed on first use (only a trusted chain needs them). */
  readonly crls: () => ReadonlyArray<pkijs.CertificateRevocationList>
  readonly digestAlgorithm?: FirmaDigestName
  readonly signatureAlgorithm?: string
  readonly keyBits?: number
  readonly signingTime?: Date
  readonly signedAttributes: boolean
  readonly embeddedRevocation: boolean
}

const bytesOf = (b: ArrayBuffer | ArrayBufferView): Uint8Array =>
  b instanceof Uint8Array ? b : ArrayBuffer.isView(b) ? new Uint8Array(b.buffer, b.byteOffset, b.byteLength) : new Uint8Array(b)

const equal = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i])

const attribute = (si: pkijs.SignerInfo, oid: string): pkijs.Attribute | undefined =>
  si.signedAttrs?.attributes.find((a) => a.type === oid)

/** Does certificate `c` match the SignerInfo's sid (issuer+serial, or subject key id)? */
const matchesSid = (si: pkijs.SignerInfo, c: pkijs.Certificate, crypto: FirmaCrypto): Promise<boolean> | boolean => {
  const sid = si.sid as unknown
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    return c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber)
  }
  const ski = sid as asn1js.Constructed
  const inner = ski?.valueBlock?.value?.[0]
  const want = inner instanceof asn1js.OctetString ? inner.valueBlock.valueHexView : ski?.valueBlock && "valueHexView" in ski.valueBlock ? (ski.valueBlock as unknown as { valueHexView: Uint8Array }).valueHexView : undefined
  if (!want) return false
  const ext = c.extensions?.find((e) => e.extnID === OID.subjectKeyIdentifier)
  if (ext) {
    const v = asn1js.fromBER(ext.extnValue.valueBlock.valueHexView)
    if (v.offset !== -1 && v.result instanceof asn1js.OctetString && equal(v.result.valueBlock.valueHexView, want)) return true
  }
  // RFC 5280 method 1: SHA-1 of the subjectPublicKey bits.
  return crypto.digest("SHA-1", [c.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView]).then((d) => !!d && equal(d, want))
}

/** The signing-certificate(-v2) attribute: does it name this certificate? undefined when absent. */
const checkSigningCertificate = async (si: pkijs.SignerInfo, cert: pkijs.Certificate, crypto: FirmaCrypto): Promise<boolean | undefined> => {
  const v2 = attribute(si, OID.signingCertificateV2)
  const v1 = attribute(si, OID.signingCertificate)
  const attr = v2 ?? v1
  if (!attr) return undefined
  try {
    const seq = attr.values[0] as asn1js.Sequence
    const certs = seq.valueBlock.value[0] as asn1js.Sequence
    const first = certs.valueBlock.value[0] as asn1js.Sequence
    const parts = first.valueBlock.value
    let hash: FirmaDigestName | undefined = v2 ? "SHA-256" : "SHA-1"
    let i = 0
    if (v2 && parts[0] instanceof asn1js.Sequence) {
      hash = digestOfOid((parts[0].valueBlock.value[0] as asn1js.ObjectIdentifier).valueBlock.toString())
      i = 1
    }
    const certHash = (parts[i] as asn1js.OctetString).valueBlock.valueHexView
    if (!hash) return false
    const der = originalDer.get(cert) ?? bytesOf(cert.toSchema().toBER())
    const d = await crypto.digest(hash, [der])
    if (!d) return undefined
    if (!equal(d, certHash)) return false
    const issuerSerial = parts[i + 1]
    if (issuerSerial instanceof asn1js.Sequence) {
      const serial = issuerSerial.valueBlock.value[1]
      if (serial instanceof asn1js.Integer && !serial.isEqual(cert.serialNumber)) return false
    }
    return true
  } catch {
    return false
  }
}

/**
 * Checks the CMS of a PDF signature against the bytes it covers.
 * `content` is what the signature protects: the covered ranges, or (adbe.pkcs7.sha1) nothing,
 * in which case the encapsulated SHA-1 digest is checked against `coveredSha1`.
 */
export const checkCms = async (
  der: Uint8Array,
  covered: ReadonlyArray<Uint8Array>,
  subFilter: string | undefined,
  crypto: FirmaCrypto
): Promise<CmsCheck> => {
  const problems: CmsProblem[] = []
  const empty = { problems, issuersOf: () => [], crls: () => [], signedAttributes: false, embeddedRevocation: false }
  let sd: ParsedSignedData
  try {
    const parsed = parseSignedData(der)
    if (parsed === "not-signed-data") return (problems.push("cms-not-signed-data"), empty)
    if (parsed === "malformed") return (problems.push("cms-undecodable"), empty)
    sd = parsed
  } catch {
    return (problems.push("cms-undecodable"), empty)
  }
  const { certs, crls } = sd
  const issuersOf = certs.issuersOf
  const si = sd.signerInfos[0]
  if (!si) return (problems.push("no-signer-info"), { ...empty, issuersOf, crls })
  const signedAttributes = !!si.signedAttrs && si.signedAttrs.attributes.length > 0
  const embeddedRevocation = sd.crlCount > 0 || !!attribute(si, OID.adbeRevocation)
  const base = { problems, issuersOf, crls, signedAttributes, embeddedRevocation }

  let signer: pkijs.Certificate | undefined
  // Issuer and serial compare as bytes first, so only the signer's certificate is parsed.
  const sid = si.sid as unknown
  const byIssuerSerial = sid instanceof pkijs.IssuerAndSerialNumber ? certs.byIssuerSerial(sid) : undefined
  for (const c of byIssuerSerial ?? certs.all()) {
    if (await matchesSid(si, c, crypto)) {
      signer = c
      break
    }
  }
  let signingTime: Date | undefined
  const st = attribute(si, OID.signingTime)?.values[0]
  if (st instanceof asn1js.UTCTime || st instanceof asn1js.GeneralizedTime) signingTime = st.toDate()

  const digestOid = si.digestAlgorithm.algorithmId
  const digestAlgorithm = digestOfOid(digestOid) ?? hashOfSignatureOid(si.signatureAlgorithm.algorithmId)
  const eContent = sd.encapContentInfo?.eContent
  const eBytes = eContent ? octets(eContent) : undefined
  const sha1Style = subFilter === "adbe.pkcs7.sha1"
  const timestamp = subFilter === "ETSI.RFC3161"
  if (eContent && !sha1Style && !timestamp) problems.push("econtent-in-detached")

  // What the signer's digest covers: the PDF bytes, or for adbe.pkcs7.sha1 the encapsulated SHA-1 of them.
  let content: ReadonlyArray<Uint8Array> = covered
  let hashOk: boolean | undefined
  if (sha1Style) {
    const sha1 = await crypto.digest("SHA-1", covered)
    if (!eBytes || !sha1 || !equal(sha1, eBytes)) {
      hashOk = false
      problems.push("content-digest-mismatch")
    }
    content = eBytes ? [eBytes] : []
  } else if (timestamp) {
    // A document timestamp: the token's messageImprint is the digest of the covered bytes.
    hashOk = await checkImprint(eBytes, covered, crypto)
    if (!hashOk) problems.push("content-digest-mismatch")
    content = eBytes ? [eBytes] : []
  }
  if (!digestAlgorithm) {
    problems.push("unknown-digest-algorithm")
    return { ...base, signingTime, ...(signer ? { signer } : {}), hashOk: false, signatureOk: false }
  }
  let data: Uint8Array
  if (signedAttributes) {
    const md = attribute(si, OID.messageDigest)?.values[0]
    const digest = await crypto.digest(digestAlgorithm, content)
    if (!(md instanceof asn1js.OctetString)) {
      problems.push("message-digest-missing")
      hashOk = false
    } else if (!digest) {
      problems.push("digest-unavailable")
    } else if (!equal(digest, md.valueBlock.valueHexView)) {
      problems.push("message-digest-mismatch")
      hashOk = false
    } else if (hashOk === undefined) hashOk = true
    data = bytesOf(si.signedAttrs!.encodedValue)
  } else {
    // The signature is over the content itself; its digest is checked by the signature.
    data = content.length === 1 ? content[0] : concatAll(content)
  }

  if (!signer) {
    problems.push("signer-certificate-missing")
    return { ...base, signingTime, digestAlgorithm, hashOk, signatureOk: undefined }
  }
  const key = keyOf(signer.subjectPublicKeyInfo)
  const keyBits = key && (key.kind.type === "rsa" || key.kind.type === "ec") ? key.kind.bits : undefined
  const common = { ...base, signer, signingTime, digestAlgorithm, ...(keyBits ? { keyBits } : {}) }
  if (!key) {
    problems.push("unsupported-key")
    return { ...common, hashOk, signatureOk: undefined }
  }
  const sigOid = si.signatureAlgorithm.algorithmId
  const accepted = ACCEPTED[key.kind.type]
  if (!accepted.test(sigOid)) {
    problems.push("signature-algorithm-mismatch")
    return { ...common, hashOk, signatureOk: false }
  }
  const { checks, scheme } = candidateChecks({
    key,
    signatureOid: sigOid,
    signatureParams: si.signatureAlgorithm.algorithmParams,
    digest: digestAlgorithm,
    signature: si.signature.valueBlock.valueHexView,
    data
  })
  let signatureOk: boolean | undefined = checks.length ? false : undefined
  for (const c of checks) {
    const r = await crypto.verify(c)
    if (r === true) {
      signatureOk = true
      break
    }
    if (r === undefined) signatureOk = undefined
  }
  if (signatureOk === false) problems.push("signature-invalid")
  if (signatureOk === undefined) problems.push("signature-unchecked")
  if (!signedAttributes && signatureOk !== undefined) hashOk = signatureOk && hashOk !== false
  const signingCertBound = await checkSigningCertificate(si, signer, crypto)
  if (signingCertBound === false) problems.push("signing-certificate-mismatch")
  return { ...common, signatureAlgorithm: scheme, hashOk, signatureOk, signingCertBound }
}

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
const originalDer = new WeakMap<pkijs.Certificate, Uint8Array>()

interface LazyCertificates {
  readonly all: () => pkijs.Certificate[]
  readonly byIssuerSerial: (sid: pkijs.IssuerAndSerialNumber) => pkijs.Certificate[]
  readonly issuersOf: (cert: pkijs.Certificate) => pkijs.Certificate[]
}

interface ParsedSignedData {
  readonly certs: LazyCertificates
  readonly crls: () => pkijs.CertificateRevocationList[]
  readonly crlCount: number
  readonly signerInfos: pkijs.SignerInfo[]
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
const parseSignedData = (der: Uint8Array): ParsedSignedData | "not-signed-data" | "malformed" => {
  const outer = tlv(der, 0, der.length)
  const [type, explicit] = elements(der, outer)
  if (!type || type.tag !== 6) return "malformed"
  const oid = parseElement(der, type)
  if (!(oid instanceof asn1js.ObjectIdentifier)) return "malformed"
  if (oid.valueBlock.toString() !== OID.signedData) return "not-signed-data"
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
  if (fields[i] && fields[i].tagClass === 2 && fields[i].tag === 1) {
    crlElements = elements(der, fields[i++]).filter((c) => c.tagClass === 0 && c.tag === 16)
  }
  let parsedCrls: pkijs.CertificateRevocationList[] | undefined
  const crls = () =>
    (parsedCrls ??= crlElements.flatMap((c) => {
      try {
        return [new pkijs.CertificateRevocationList({ schema: parseElement(der, c) })]
      } catch {
        return [] // an unreadable CRL is simply not used
      }
    }))
  const set = fields[i]
  if (!set || set.tag !== 17) return "malformed"
  const signerInfos = elements(der, set).map((t) => {
    // Keep every field but the unsigned attributes [1] (timestamp tokens, revocation values).
    const all = elements(der, t)
    const parts = all.filter((f) => !(f.tagClass === 2 && f.tag === 1))
    if (parts.length === all.length) return new pkijs.SignerInfo({ schema: parseElement(der, t) })
    return new pkijs.SignerInfo({ schema: new asn1js.Sequence({ value: parts.map((f) => parseElement(der, f)) }) })
  })
  return { certs, crls, crlCount: crlElements.length, signerInfos, encapContentInfo }
}

const bytesOfBuffer = (b: ArrayBuffer | Uint8Array | undefined): Uint8Array => (b instanceof Uint8Array ? b : new Uint8Array(b ?? new ArrayBuffer(0)))

/**
 * Certificates of the CMS, parsed one by one when needed: the signer's is found by comparing
 * the raw issuer and serial, issuers by comparing raw names (pkijs parsing is the costly part
 * of verifying a signature in bulk).
 */
const lazyCertificates = (der: Uint8Array, list: Tlv[]): LazyCertificates => {
  const parsed = new Map<number, pkijs.Certificate | null>()
  const get = (i: number): pkijs.Certificate | undefined => {
    if (!parsed.has(i)) {
      try {
        const node = parseElement(der, list[i])
        const cert = new pkijs.Certificate({ schema: node })
        originalDer.set(cert, (node as asn1js.BaseBlock).valueBeforeDecodeView)
        parsed.set(i, cert)
      } catch {
        parsed.set(i, null)
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

/** The bytes of an OCTET STRING, primitive or constructed (BER chunks). */
const octets = (o: asn1js.OctetString): Uint8Array => {
  if (!o.valueBlock.isConstructed) return o.valueBlock.valueHexView
  return concatAll((o.valueBlock.value as asn1js.OctetString[]).map((c) => octets(c)))
}

const checkImprint = async (e: Uint8Array | undefined, covered: ReadonlyArray<Uint8Array>, crypto: FirmaCrypto): Promise<boolean> => {
  if (!e) return false
  try {
    const asn = asn1js.fromBER(e)
    const tst = new pkijs.TSTInfo({ schema: asn.result })
    const alg = digestOfOid(tst.messageImprint.hashAlgorithm.algorithmId)
    const d = alg && (await crypto.digest(alg, covered))
    return !!d && equal(d, tst.messageImprint.hashedMessage.valueBlock.valueHexView)
  } catch {
    return false
  }
}

const concatAll = (parts: ReadonlyArray<Uint8Array>): Uint8Array => {
  let n = 0
  for (const p of parts) n += p.length
  const out = new Uint8Array(n)
  let o = 0
  for (const p of parts) (out.set(p, o), (o += p.length))
  return out
}
