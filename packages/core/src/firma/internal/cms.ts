// CMS SignedData checks of one PDF signature, on pkijs/asn1js for the parsing and the crypto
// port for every digest and signature check.
import * as asn1js from "asn1js"
import * as pkijs from "pkijs"
import type { FirmaDigestName, FirmaCrypto } from "../crypto.js"
import { concatBytes } from "./bytes.js"
import { ACCEPTED, candidateChecks, digestOfOid, hashOfSignatureOid, keyOf } from "./algorithms.js"
import { readCrl, type CrlView } from "./crl.js"
import { elements, isUniversal, tlv } from "./der.js"
import { parseOcsp } from "./ocsp.js"
import { originalDer, parseSignedData, type AttributeView, type IssuerSerial, type ParsedSignedData, type SignerInfoView } from "./signed-data.js"

const OID = {
  signedData: "1.2.840.113549.1.7.2",
  data: "1.2.840.113549.1.7.1",
  messageDigest: "1.2.840.113549.1.9.4",
  signingTime: "1.2.840.113549.1.9.5",
  signingCertificate: "1.2.840.113549.1.9.16.2.12",
  signingCertificateV2: "1.2.840.113549.1.9.16.2.47",
  // Adobe's revocationInfoArchival (1.2.840.113583 is Adobe's arc).
  adbeRevocation: "1.2.840.113583.1.1.8",
  subjectKeyIdentifier: "2.5.29.14",
  tstInfo: "1.2.840.113549.1.9.16.1.4"
} as const

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
  readonly crls: () => ReadonlyArray<CrlView>
  /** Embedded successful OCSP responses (SignedData other revocation info, Adobe's archive), parsed on first use. */
  readonly ocsps: () => ReadonlyArray<pkijs.BasicOCSPResponse>
  readonly digestAlgorithm?: FirmaDigestName
  readonly signatureAlgorithm?: string
  readonly keyBits?: number
  readonly signingTime?: Date
  readonly signedAttributes: boolean
  readonly embeddedRevocation: boolean
  /** How many SignerInfos the SignedData holds (this check is of one of them). */
  readonly signerInfoCount: number
  /** The signature value of this SignerInfo: what a signature timestamp token's imprint covers. */
  readonly signatureValue?: Uint8Array
  /** DER of this SignerInfo's RFC 3161 signature timestamp tokens, unchecked. */
  readonly timestampTokens: ReadonlyArray<Uint8Array>
  /** For a timestamp token (ETSI.RFC3161): the time the TSA states, once its imprint matched. */
  readonly genTime?: Date
}

const parsedOnce = new WeakMap<Uint8Array, ReturnType<typeof parseSignedData>>()

/** Digests of the covered bytes by algorithm, shared by the SignerInfos of one CMS (hashed once each). */
export type DigestMemo = Map<FirmaDigestName, Promise<Uint8Array | undefined>>

const bytesOf = (b: ArrayBuffer | ArrayBufferView): Uint8Array =>
  b instanceof Uint8Array ? b : ArrayBuffer.isView(b) ? new Uint8Array(b.buffer, b.byteOffset, b.byteLength) : new Uint8Array(b)

const equal = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i])

const attribute = (si: SignerInfoView, oid: string): AttributeView | undefined =>
  si.signedAttrs?.attributes.find((a) => a.type === oid)

const isIssuerSerial = (sid: SignerInfoView["sid"]): sid is IssuerSerial => (sid as IssuerSerial).kind === "issuerSerial"

/** Does certificate `c` match the SignerInfo's sid (issuer+serial, or subject key id)? */
const matchesSid = (si: SignerInfoView, c: pkijs.Certificate, crypto: FirmaCrypto): Promise<boolean> | boolean => {
  const sid = si.sid
  if (isIssuerSerial(sid)) {
    // The certificate's own encoding of its issuer and serial first; then pkijs' comparison of names.
    if (equal(bytesOf(c.issuer.valueBeforeDecode), sid.issuer) && equal(c.serialNumber.valueBeforeDecodeView, sid.serial)) return true
    const parsed = sid.parsed()
    return !!parsed && c.issuer.isEqual(parsed.issuer) && c.serialNumber.isEqual(parsed.serialNumber)
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
const checkSigningCertificate = async (si: SignerInfoView, cert: pkijs.Certificate, crypto: FirmaCrypto): Promise<boolean | undefined> => {
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
  crypto: FirmaCrypto,
  signerIndex = 0,
  memo: DigestMemo = new Map()
): Promise<CmsCheck> => {
  const problems: CmsProblem[] = []
  const empty = { problems, issuersOf: () => [], crls: () => [], ocsps: () => [], signedAttributes: false, embeddedRevocation: false, signerInfoCount: 0, timestampTokens: [] }
  let sd: ParsedSignedData
  try {
    // The SignerInfos of one CMS are checked one by one: the SignedData is read once.
    let parsed = parsedOnce.get(der)
    if (!parsed) parsedOnce.set(der, (parsed = parseSignedData(der)))
    if (parsed === "not-signed-data") return (problems.push("cms-not-signed-data"), empty)
    if (parsed === "malformed") return (problems.push("cms-undecodable"), empty)
    sd = parsed
  } catch {
    return (problems.push("cms-undecodable"), empty)
  }
  const { certs } = sd
  // CRLs travel in the SignedData or, Adobe style, in a signed revocationInfoArchival attribute.
  let archived: CrlView[] | undefined
  const crls = () => [...sd.crls(), ...(archived ??= archivedRevocation(sd.signerInfos[signerIndex], 0, readCrl))]
  let archivedOcsps: pkijs.BasicOCSPResponse[] | undefined
  const ocsps = () => [...sd.ocsps(), ...(archivedOcsps ??= archivedRevocation(sd.signerInfos[signerIndex], 1, parseOcsp))]
  const issuersOf = certs.issuersOf
  const si = sd.signerInfos[signerIndex]
  if (!si) return (problems.push("no-signer-info"), { ...empty, issuersOf, crls, ocsps })
  const signedAttributes = !!si.signedAttrs && si.signedAttrs.attributes.length > 0
  const embeddedRevocation = sd.crlCount > 0 || sd.ocspCount > 0 || !!attribute(si, OID.adbeRevocation)
  const base = {
    problems,
    issuersOf,
    crls,
    ocsps,
    signedAttributes,
    embeddedRevocation,
    signerInfoCount: sd.signerInfos.length,
    signatureValue: si.signature,
    timestampTokens: sd.timestampTokens[signerIndex] ?? []
  }

  let signer: pkijs.Certificate | undefined
  // Issuer and serial compare as bytes first, so only the signer's certificate is parsed.
  const byIssuerSerial = isIssuerSerial(si.sid) ? certs.byIssuerSerial(si.sid) : undefined
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
  const digestOf = (alg: FirmaDigestName): Promise<Uint8Array | undefined> => {
    if (content !== covered) return crypto.digest(alg, content)
    let d = memo.get(alg)
    if (!d) memo.set(alg, (d = crypto.digest(alg, covered)))
    return d
  }
  let hashOk: boolean | undefined
  let genTime: Date | undefined
  if (sha1Style) {
    const sha1 = await digestOf("SHA-1")
    if (!eBytes || !sha1 || !equal(sha1, eBytes)) {
      hashOk = false
      problems.push("content-digest-mismatch")
    }
    content = eBytes ? [eBytes] : []
  } else if (timestamp) {
    // A document timestamp: the token's messageImprint is the digest of the covered bytes.
    genTime = await checkImprint(eBytes, covered, crypto, sd.encapContentInfo.eContentType)
    hashOk = genTime !== undefined
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
    const digest = await digestOf(digestAlgorithm)
    if (!(md instanceof asn1js.OctetString)) {
      problems.push("message-digest-missing")
      hashOk = false
    } else if (!digest) {
      problems.push("digest-unavailable")
    } else if (!equal(digest, md.valueBlock.valueHexView)) {
      problems.push("message-digest-mismatch")
      hashOk = false
    } else if (hashOk === undefined) hashOk = true
    data = si.signedAttrs!.encodedValue
  } else {
    // The signature is over the content itself; its digest is checked by the signature.
    data = concatBytes(content)
  }

  if (!signer) {
    problems.push("signer-certificate-missing")
    return { ...base, signingTime, digestAlgorithm, hashOk, signatureOk: undefined, ...(genTime ? { genTime } : {}) }
  }
  const key = keyOf(signer.subjectPublicKeyInfo)
  const keyBits = key && (key.kind.type === "rsa" || key.kind.type === "ec") ? key.kind.bits : undefined
  const common = { ...base, signer, signingTime, digestAlgorithm, ...(keyBits ? { keyBits } : {}), ...(genTime ? { genTime } : {}) }
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
    signature: si.signature,
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
 * One list of the adbe-revocationInfoArchival signed attribute, as the DER of each item: SEQUENCE
 * { crl [0] EXPLICIT SEQUENCE OF CRL OPTIONAL, ocsp [1] EXPLICIT SEQUENCE OF OCSPResponse
 * OPTIONAL, … }. Read as raw TLVs: a CA's CRL can hold more nodes than asn1js reads.
 */
const archivedRevocation = <T>(si: SignerInfoView | undefined, tag: 0 | 1, read: (der: Uint8Array) => T | undefined): T[] => {
  const value = si?.signedAttrs?.attributes.find((a) => a.type === OID.adbeRevocation)?.raw[0]
  const out: T[] = []
  if (!value) return out
  try {
    const archive = tlv(value, 0, value.length)
    if (!isUniversal(archive, 16, true)) return out
    for (const part of elements(value, archive)) {
      if (part.tagClass !== 2 || part.tag !== tag || !part.constructed) continue
      const [list] = elements(value, part)
      if (!list || !isUniversal(list, 16, true)) continue
      for (const item of elements(value, list).slice(0, 32)) {
        try {
          const r = read(value.subarray(item.start, item.end))
          if (r) out.push(r)
        } catch {
          // an unreadable entry is simply not used: revocation may stay unchecked
        }
      }
    }
  } catch {
    // an unreadable archive is simply not used
  }
  return out
}

/** The bytes of an OCTET STRING, primitive or constructed (BER chunks). */
const octets = (o: asn1js.OctetString): Uint8Array => {
  if (!o.valueBlock.isConstructed) return o.valueBlock.valueHexView
  return concatBytes((o.valueBlock.value as asn1js.OctetString[]).map((c) => octets(c)))
}

/** RFC 3161: the token's TSTInfo imprints the digest of `covered`; its genTime when it does. */
const checkImprint = async (
  e: Uint8Array | undefined,
  covered: ReadonlyArray<Uint8Array>,
  crypto: FirmaCrypto,
  contentType: string
): Promise<Date | undefined> => {
  if (!e || contentType !== OID.tstInfo) return undefined
  try {
    const asn = asn1js.fromBER(e)
    const tst = new pkijs.TSTInfo({ schema: asn.result })
    const alg = digestOfOid(tst.messageImprint.hashAlgorithm.algorithmId)
    const d = alg && (await crypto.digest(alg, covered))
    return d && equal(d, tst.messageImprint.hashedMessage.valueBlock.valueHexView) ? tst.genTime : undefined
  } catch {
    return undefined
  }
}
