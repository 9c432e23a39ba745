// Revocation of every certificate of a validated path from the CRLs at hand (the SignedData,
// Adobe's revocationInfoArchival attribute, the document security store). No network: what
// these CRLs do not answer stays "not checked", and the policy decides what that means.
import type * as pkijs from "pkijs"
import type { FirmaCrypto } from "../crypto.js"
import { signedBy } from "./path.js"
import { maySignCrls } from "./usage.js"

/**
 * - `good`: a CRL of the issuer, current at the validation time or issued after the proof of
 *   existence, does not list the certificate;
 * - `revoked`: a CRL of the issuer lists it, revoked at or before the validation time;
 * - `out-of-bounds`: only CRLs too old to say anything about that time;
 * - `not-checked`: no CRL of the issuer.
 */
export type RevocationStatus =
  | { readonly status: "good" | "out-of-bounds" | "not-checked" }
  | { readonly status: "revoked"; readonly revokedAt: Date }

const MAX_CRLS = 32

/** CRL extensions understood here (RFC 5280 §5.2): CRL number, authority key identifier. */
const UNDERSTOOD = new Set(["2.5.29.20", "2.5.29.35"])

/**
 * A CRL that covers every certificate of its issuer: no issuing distribution point (a partition
 * or a reason subset), no delta indicator, no critical extension we do not process. Only such a
 * CRL can say "not revoked"; any CRL the issuer signed can say "revoked".
 */
const complete = (crl: pkijs.CertificateRevocationList): boolean =>
  !(crl.crlExtensions?.extensions ?? []).some((e) => !UNDERSTOOD.has(e.extnID))

/**
 * The status of `cert`, issued by `issuer`, at the validation time `at`; `poe` is the earliest
 * proven time the signature existed (a CRL issued after it is fresh enough).
 */
export const revocationStatus = async (
  cert: pkijs.Certificate,
  issuer: pkijs.Certificate,
  crls: ReadonlyArray<pkijs.CertificateRevocationList>,
  at: Date,
  poe: Date | undefined,
  crypto: FirmaCrypto
): Promise<RevocationStatus> => {
  let seen = false
  let fresh = false
  let revokedAt: Date | undefined
  if (!maySignCrls(issuer)) return { status: "not-checked" }
  for (const crl of crls.slice(0, MAX_CRLS)) {
    if (!crl.issuer.isEqual(issuer.subject)) continue
    if ((await signedBy(crl, issuer, crypto)) !== true) continue
    const entry = crl.revokedCertificates?.find((r) => r.userCertificate.isEqual(cert.serialNumber))
    if (entry && entry.revocationDate.value <= at) {
      if (!revokedAt || entry.revocationDate.value < revokedAt) revokedAt = entry.revocationDate.value
      continue
    }
    if (!complete(crl)) continue
    seen = true
    const next = crl.nextUpdate?.value
    if (!next || next >= at || (poe && crl.thisUpdate.value >= poe)) fresh = true
  }
  if (revokedAt) return { status: "revoked", revokedAt }
  return { status: fresh ? "good" : seen ? "out-of-bounds" : "not-checked" }
}
