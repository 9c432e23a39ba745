// OCSP responses (RFC 6960) as revocation evidence, read from the document only (Adobe's
// revocationInfoArchival attribute, the DSS /OCSPs): nothing is fetched. A response speaks for
// a certificate only when the certificate's issuer signed it, directly or through a delegated
// responder it certified for id-kp-OCSPSigning, and its CertID names that certificate.
import * as asn1js from "asn1js"
import * as pkijs from "pkijs"
import type { FirmaCrypto, FirmaDigestName } from "../crypto.js"
import { digestOfOid } from "./algorithms.js"
import { signedBy, type Signed } from "./path.js"
import { mayRespondOcsp } from "./usage.js"

const ID_PKIX_OCSP_BASIC = "1.3.6.1.5.5.7.48.1.1"
const MAX_RESPONSES = 32
/** Responder certificates looked at per response: a hostile response could carry hundreds. */
const MAX_RESPONDERS = 4
const MAX_SINGLES = 64

/**
 * How long a `good` answer without nextUpdate speaks for (RFC 6960 §4.2.2.1: no nextUpdate
 * means newer information is always available). One day: what a CA's daily CRL would give.
 */
export const OCSP_FRESHNESS_MS = 24 * 60 * 60 * 1000

const equal = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i])

/**
 * The BasicOCSPResponse of DER bytes: an OCSPResponse (what PAdES and Adobe store) whose status
 * is `successful` (0) and whose response type is id-pkix-ocsp-basic, or, leniently, a bare
 * BasicOCSPResponse. undefined for anything else: an unreadable response is simply not used.
 */
export const parseOcsp = (der: Uint8Array): pkijs.BasicOCSPResponse | undefined => {
  try {
    const asn = asn1js.fromBER(der.slice())
    if (asn.offset === -1) return undefined
    return basicOf(asn.result)
  } catch {
    return undefined
  }
}

/** The BasicOCSPResponse of an already decoded OCSPResponse (or bare BasicOCSPResponse). */
export const basicOf = (node: asn1js.AsnType): pkijs.BasicOCSPResponse | undefined => {
  const seq = node as asn1js.Sequence
  // OCSPResponse ::= SEQUENCE { responseStatus ENUMERATED, responseBytes [0] EXPLICIT … OPTIONAL }
  if (seq.valueBlock?.value?.[0] instanceof asn1js.Enumerated) {
    const r = new pkijs.OCSPResponse({ schema: node })
    if (r.responseStatus.valueBlock.valueDec !== 0 || !r.responseBytes) return undefined
    if (r.responseBytes.responseType !== ID_PKIX_OCSP_BASIC) return undefined
    const inner = asn1js.fromBER(r.responseBytes.response.getValue())
    if (inner.offset === -1) return undefined
    return new pkijs.BasicOCSPResponse({ schema: inner.result })
  }
  return new pkijs.BasicOCSPResponse({ schema: node })
}

export type OcspStatus =
  | { readonly status: "good" | "out-of-bounds" | "not-checked" }
  | { readonly status: "revoked"; readonly revokedAt: Date }

/** Digests of the issuer's name (as the certificate writes it) and key, by CertID hash algorithm. */
const certIdMatcher = (cert: pkijs.Certificate, issuer: pkijs.Certificate, crypto: FirmaCrypto) => {
  const memo = new Map<FirmaDigestName, Promise<[Uint8Array | undefined, Uint8Array | undefined]>>()
  // The name exactly as the certificate encodes it (RFC 6960 §4.1.1), not a re-encoding.
  const raw = new Uint8Array(cert.issuer.valueBeforeDecode)
  const issuerName = raw.length ? raw : new Uint8Array(cert.issuer.toSchema().toBER(false))
  const issuerKey = issuer.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView
  return async (id: pkijs.CertID): Promise<boolean> => {
    const hash = digestOfOid(id.hashAlgorithm.algorithmId)
    if (!hash) return false
    let hashes = memo.get(hash)
    if (!hashes) memo.set(hash, (hashes = Promise.all([crypto.digest(hash, [issuerName]), crypto.digest(hash, [issuerKey])])))
    const [name, key] = await hashes
    return (
      !!name &&
      !!key &&
      id.serialNumber.isEqual(cert.serialNumber) &&
      equal(id.issuerNameHash.valueBlock.valueHexView, name) &&
      equal(id.issuerKeyHash.valueBlock.valueHexView, key)
    )
  }
}

/**
 * Did `issuer` answer through this response? Its own key, or a delegated responder (RFC 6960
 * §4.2.2.2) whose certificate `issuer` signed, carrying id-kp-OCSPSigning, valid when the
 * response was produced. The responder's own revocation is not checked (id-pkix-ocsp-nocheck
 * is what such responders carry).
 */
const answeredBy = async (basic: pkijs.BasicOCSPResponse, issuer: pkijs.Certificate, crypto: FirmaCrypto): Promise<boolean> => {
  const item: Signed = { tbsView: basic.tbsResponseData.tbsView, signatureAlgorithm: basic.signatureAlgorithm, signatureValue: basic.signature }
  if ((await signedBy(item, issuer, crypto)) === true) return true
  const producedAt = basic.tbsResponseData.producedAt
  for (const responder of (basic.certs ?? []).slice(0, MAX_RESPONDERS)) {
    if (!responder.issuer.isEqual(issuer.subject) || !mayRespondOcsp(responder)) continue
    if (!(responder.notBefore.value <= producedAt && producedAt <= responder.notAfter.value)) continue
    if ((await signedBy(responder, issuer, crypto)) !== true) continue
    if ((await signedBy(item, responder, crypto)) === true) return true
  }
  return false
}

/** certStatus CHOICE: good [0], revoked [1] RevokedInfo, unknown [2]. */
const statusOf = (single: pkijs.SingleResponse): { tag: "good" } | { tag: "revoked"; at: Date } | { tag: "unknown" } => {
  const s = single.certStatus as asn1js.BaseBlock | undefined
  if (s?.idBlock.tagClass !== 3) return { tag: "unknown" }
  if (s.idBlock.tagNumber === 0) return { tag: "good" }
  if (s.idBlock.tagNumber === 1) {
    const time = (s as asn1js.Constructed).valueBlock.value?.[0]
    if (time instanceof asn1js.GeneralizedTime) return { tag: "revoked", at: time.toDate() }
  }
  return { tag: "unknown" }
}

/**
 * The status of `cert`, issued by `issuer`, at the validation time `at` from OCSP responses,
 * by the rules CRLs follow here:
 * - `revoked`: a response of the issuer says revoked with a revocationTime at or before `at`
 *   (revocation is final: a response older than `at` still proves it);
 * - `good`: a response of the issuer says good, produced no later than `at` (thisUpdate ≤ `at`),
 *   and current at `at` (≤ nextUpdate, or within `OCSP_FRESHNESS_MS` of thisUpdate without
 *   one), or issued after the proof of existence `poe`;
 * - `out-of-bounds`: only good answers too old to speak for `at`;
 * - `not-checked`: no usable answer (`unknown` answers nothing).
 */
export const ocspStatus = async (
  cert: pkijs.Certificate,
  issuer: pkijs.Certificate,
  responses: ReadonlyArray<pkijs.BasicOCSPResponse>,
  at: Date,
  poe: Date | undefined,
  crypto: FirmaCrypto
): Promise<OcspStatus> => {
  if (responses.length === 0) return { status: "not-checked" }
  const names = certIdMatcher(cert, issuer, crypto)
  let revokedAt: Date | undefined
  let seen = false
  let fresh = false
  for (const basic of responses.slice(0, MAX_RESPONSES)) {
    const singles: pkijs.SingleResponse[] = []
    for (const s of basic.tbsResponseData.responses.slice(0, MAX_SINGLES)) if (await names(s.certID)) singles.push(s)
    if (singles.length === 0 || !(await answeredBy(basic, issuer, crypto))) continue
    for (const s of singles) {
      const st = statusOf(s)
      if (st.tag === "revoked") {
        if (st.at <= at && (!revokedAt || st.at < revokedAt)) revokedAt = st.at
      } else if (st.tag === "good" && s.thisUpdate <= at) {
        seen = true
        const until = s.nextUpdate ?? new Date(s.thisUpdate.getTime() + OCSP_FRESHNESS_MS)
        if (at <= until || (poe && s.thisUpdate >= poe)) fresh = true
      }
    }
  }
  if (revokedAt) return { status: "revoked", revokedAt }
  return { status: fresh ? "good" : seen ? "out-of-bounds" : "not-checked" }
}
