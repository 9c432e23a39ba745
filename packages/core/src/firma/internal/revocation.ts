// Revocation of every certificate of a validated path from the CRLs and OCSP responses at hand
// (the SignedData, Adobe's revocationInfoArchival attribute, the document security store). No
// network: what they do not answer stays "not checked", and the policy decides what that means.
import type * as pkijs from "pkijs"
import type { FirmaCrypto } from "../crypto.js"
import type { CrlView } from "./crl.js"
import { ocspStatus } from "./ocsp.js"
import { signedBy } from "./path.js"
import { maySignCrls } from "./usage.js"

/** The revocation data a document carries. */
export interface RevocationData {
  readonly crls: ReadonlyArray<CrlView>
  /** Successful BasicOCSPResponses, unchecked (`ocsp.ts` checks each against the certificate asked about). */
  readonly ocsps: ReadonlyArray<pkijs.BasicOCSPResponse>
}

/**
 * - `good`: a CRL of the issuer, current at the validation time or issued after the proof of
 *   existence, does not list the certificate, or an OCSP response of the issuer says good
 *   under the same freshness rules (`ocsp.ts`);
 * - `revoked`: a CRL or an OCSP response of the issuer says it was revoked at or before the
 *   validation time (whichever answers first wins over any `good`);
 * - `out-of-bounds`: only CRLs or OCSP answers too old to say anything about that time;
 * - `not-checked`: nothing of the issuer answers.
 */
export type RevocationStatus =
  | { readonly status: "good" | "out-of-bounds" | "not-checked" }
  | { readonly status: "revoked"; readonly revokedAt: Date }

const MAX_CRLS = 32

/** CRL extensions understood here (RFC 5280 §5.2): CRL number, authority key identifier. */
const UNDERSTOOD = new Set(["2.5.29.20", "2.5.29.35"])

/**
 * A CRL that covers every certificate of its issuer: no issuing distribution point (a partition
 * or a reason subset), no delta indicator, no critical extension we do not process, on the CRL or
 * on an entry (RFC 5280 §5.3: a certificate issuer makes entries another CA's). Only such a CRL
 * can say "not revoked"; any CRL the issuer signed can say "revoked".
 */
const complete = (crl: CrlView): boolean => !crl.criticalEntryExtensions && !crl.extensionIds.some((id) => !UNDERSTOOD.has(id))

/** The DER of a certificate's serial number INTEGER. */
const serialOf = (cert: pkijs.Certificate): Uint8Array =>
  cert.serialNumber.valueBeforeDecodeView.length ? cert.serialNumber.valueBeforeDecodeView : new Uint8Array(cert.serialNumber.toBER())

/**
 * The status of `cert`, issued by `issuer`, at the validation time `at`; `poe` is the earliest
 * proven time the signature existed (a CRL or OCSP answer issued after it is fresh enough).
 */
export const revocationStatus = async (
  cert: pkijs.Certificate,
  issuer: pkijs.Certificate,
  data: RevocationData,
  at: Date,
  poe: Date | undefined,
  crypto: FirmaCrypto
): Promise<RevocationStatus> => {
  const byCrl = await crlStatus(cert, issuer, data.crls, at, poe, crypto)
  const byOcsp = await ocspStatus(cert, issuer, data.ocsps, at, poe, crypto)
  // The earliest revocation either source proves is the one a proof of time must predate.
  const revoked = [byCrl, byOcsp].flatMap((r) => (r.status === "revoked" ? [r.revokedAt] : []))
  if (revoked.length) return { status: "revoked", revokedAt: new Date(Math.min(...revoked.map((d) => d.getTime()))) }
  for (const status of ["good", "out-of-bounds"] as const) if (byCrl.status === status || byOcsp.status === status) return { status }
  return { status: "not-checked" }
}

/** The CRLs' answer alone; the issuer must be allowed to sign CRLs (cRLSign). */
const crlStatus = async (
  cert: pkijs.Certificate,
  issuer: pkijs.Certificate,
  crls: ReadonlyArray<CrlView>,
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
    const entry = crl.revokedAt(serialOf(cert))
    if (entry && entry <= at) {
      if (!revokedAt || entry < revokedAt) revokedAt = entry
      continue
    }
    if (!complete(crl)) continue
    seen = true
    const next = crl.nextUpdate
    if (!next || next >= at || (poe && crl.thisUpdate >= poe)) fresh = true
  }
  if (revokedAt) return { status: "revoked", revokedAt }
  return { status: fresh ? "good" : seen ? "out-of-bounds" : "not-checked" }
}
