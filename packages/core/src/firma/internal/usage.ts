// What a certificate may be used for (RFC 5280 §4.2.1.3 keyUsage, §4.2.1.12 extendedKeyUsage):
// a document signer's key must be allowed to sign, a TSA's to stamp time, a CRL issuer's to
// sign CRLs. An extension that is absent restricts nothing.
import type * as pkijs from "pkijs"

const KEY_USAGE = "2.5.29.15"
const EXT_KEY_USAGE = "2.5.29.37"

const ANY_EKU = "2.5.29.37.0"
const TIME_STAMPING = "1.3.6.1.5.5.7.3.8"
/**
 * Extended key usages that admit signing documents: any, e-mail protection (S/MIME and most
 * national signature cards), client authentication (identity cards that sign with the same
 * key), Adobe's authentic documents, Microsoft's document signing and id-kp-documentSigning
 * (RFC 9336). serverAuth, codeSigning, timeStamping or OCSPSigning alone do not.
 */
const DOCUMENT_SIGNING = new Set([
  ANY_EKU,
  "1.3.6.1.5.5.7.3.4",
  "1.3.6.1.5.5.7.3.2",
  "1.2.840.113583.1.1.5",
  "1.3.6.1.4.1.311.10.3.12",
  "1.3.6.1.5.5.7.3.36"
])

const extension = (cert: pkijs.Certificate, oid: string) => cert.extensions?.find((e) => e.extnID === oid)

/** The first keyUsage byte (digitalSignature 0x80, nonRepudiation 0x40, keyCertSign 0x04, cRLSign 0x02); undefined when absent. */
const keyUsageBits = (cert: pkijs.Certificate): number | undefined => {
  const e = extension(cert, KEY_USAGE)
  if (!e) return undefined
  const bits = (e.parsedValue as { valueBlock?: { valueHexView?: Uint8Array } } | undefined)?.valueBlock?.valueHexView
  return bits && bits.length ? bits[0] : 0
}

const purposes = (cert: pkijs.Certificate): ReadonlyArray<string> | undefined => {
  const e = extension(cert, EXT_KEY_USAGE)
  if (!e) return undefined
  return (e.parsedValue as pkijs.ExtKeyUsage | undefined)?.keyPurposes ?? []
}

/** Reasons the signer's certificate may not sign documents (empty when it may). */
export const signerUsageProblems = (cert: pkijs.Certificate): string[] => {
  const problems: string[] = []
  const ku = keyUsageBits(cert)
  if (ku !== undefined && (ku & 0xc0) === 0) problems.push("signer-key-usage")
  const eku = purposes(cert)
  if (eku !== undefined && !eku.some((p) => DOCUMENT_SIGNING.has(p))) problems.push("signer-extended-key-usage")
  return problems
}

/** RFC 3161 §2.3: a TSA certificate carries id-kp-timeStamping (and only it, critical). */
export const tsaUsageProblems = (cert: pkijs.Certificate): string[] => {
  const eku = purposes(cert)
  const ku = keyUsageBits(cert)
  const problems: string[] = []
  if (!eku || !eku.includes(TIME_STAMPING)) problems.push("tsa-extended-key-usage")
  if (ku !== undefined && (ku & 0xc0) === 0) problems.push("tsa-key-usage")
  return problems
}

/** May this CA sign CRLs? (keyUsage cRLSign when the extension is present.) */
export const maySignCrls = (cert: pkijs.Certificate): boolean => {
  const ku = keyUsageBits(cert)
  return ku === undefined || (ku & 0x02) !== 0
}

const OCSP_SIGNING = "1.3.6.1.5.5.7.3.9"

/** RFC 6960 §4.2.2.2: a delegated OCSP responder's certificate carries id-kp-OCSPSigning (anyExtendedKeyUsage does not do). */
export const mayRespondOcsp = (cert: pkijs.Certificate): boolean => purposes(cert)?.includes(OCSP_SIGNING) ?? false
