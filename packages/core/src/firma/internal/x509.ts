// Certificate helpers: names, signer identity, chain building to caller-given anchors.
import * as asn1js from "asn1js"
import * as pkijs from "pkijs"
import { checkDni, dniOfRuc, isValidRuc, rucPrefixes } from "../../identity/rules.js"
import type { FirmaCrypto } from "../crypto.js"
import type { FirmaChainCertificate, FirmaSigner } from "../report.js"
import { candidateChecks, digestOfOid, keyOf } from "./algorithms.js"

const NAMES: Record<string, string> = {
  "2.5.4.3": "CN",
  "2.5.4.5": "serialNumber",
  "2.5.4.6": "C",
  "2.5.4.7": "L",
  "2.5.4.8": "ST",
  "2.5.4.10": "O",
  "2.5.4.11": "OU",
  "2.5.4.4": "SN",
  "2.5.4.42": "GN",
  "2.5.4.12": "T",
  "2.5.4.97": "organizationIdentifier",
  "1.2.840.113549.1.9.1": "E"
}

const valueText = (v: unknown): string => {
  const block = (v as { valueBlock?: { value?: unknown } })?.valueBlock
  return typeof block?.value === "string" ? block.value : ""
}

/** Attribute values of a name, by short label. */
export const nameParts = (name: pkijs.RelativeDistinguishedNames): Array<[string, string]> =>
  name.typesAndValues.map((tv) => [NAMES[tv.type] ?? tv.type, valueText(tv.value)])

export const nameText = (name: pkijs.RelativeDistinguishedNames): string =>
  nameParts(name)
    .map(([k, v]) => `${k}=${v}`)
    .join(", ")

const first = (parts: Array<[string, string]>, key: string): string | null => parts.find(([k]) => k === key)?.[1] ?? null

// An 11-digit run under an issued RUC prefix, standing alone in a subject field.
const RUC_IN_TEXT = new RegExp(`(?:^|[^0-9])((?:${rucPrefixes.join("|")})[0-9]{9})(?![0-9])`, "g")

/** Signer identity from the subject, with Peruvian RUC/DNI recognised (RENIEC profiles). */
export const signerOf = (cert: pkijs.Certificate): FirmaSigner => {
  const parts = nameParts(cert.subject)
  const serialNumber = first(parts, "serialNumber")
  let ruc: string | null = null
  for (const [k, v] of parts) {
    if (!["CN", "OU", "O", "organizationIdentifier", "T"].includes(k)) continue
    // "FAU 20131378972 soft", "VATPE-20131378972", "RUC:20131378972", or the RUC alone.
    for (const m of v.matchAll(RUC_IN_TEXT)) {
      if (isValidRuc(m[1])) {
        ruc = m[1]
        break
      }
    }
    if (ruc) break
  }
  let dni: string | null = null
  const dniSources = [serialNumber ?? "", ...parts.filter(([k]) => k === "CN" || k === "OU").map(([, v]) => v)]
  for (const s of dniSources) {
    // "PNOPE-12345678", "DNI 12345678", "IDCPE-12345678"; a RUC-10 also embeds one.
    const m = /(?:PNOPE|IDCPE|DNI|PE)[-: ]*([0-9]{8})(?![0-9])/i.exec(s) ?? (s === serialNumber ? /^([0-9]{8})$/.exec(s) : null)
    if (m && checkDni(m[1]).ok) {
      dni = m[1]
      break
    }
  }
  if (!dni && ruc) dni = dniOfRuc(ruc) ?? null
  return { commonName: first(parts, "CN"), serialNumber, organization: first(parts, "O"), ruc, dni }
}

const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("")

const equalBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i])
/** Two certificates are the same when their signed parts and signatures are byte-identical. */
const sameCertificate = (a: pkijs.Certificate, b: pkijs.Certificate): boolean =>
  a === b || (equalBytes(a.tbsView, b.tbsView) && equalBytes(a.signatureValue.valueBlock.valueHexView, b.signatureValue.valueBlock.valueHexView))

/** Reads trust anchors from PEM text (one or many certificates) or DER bytes. */
export const parseAnchors = (input: Uint8Array): pkijs.Certificate[] => {
  const text = new TextDecoder("latin1").decode(input.subarray(0, Math.min(input.length, 4 * 1024 * 1024)))
  const blocks = [...text.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)].map((m) => {
    const b64 = m[1].replace(/[^A-Za-z0-9+/=]/g, "")
    const bin = atob(b64)
    return Uint8Array.from(bin, (c) => c.charCodeAt(0))
  })
  const ders = blocks.length ? blocks : [input]
  return ders.map((der) => {
    const asn = asn1js.fromBER(der)
    if (asn.offset === -1) throw new Error("not DER")
    return new pkijs.Certificate({ schema: asn.result })
  })
}

/** Did `issuer` sign `cert`? Through the crypto port (brainpool, Ed448 and SHA-3 included where the runtime can). */
interface Signed {
  readonly tbsView: Uint8Array
  readonly signatureAlgorithm: pkijs.AlgorithmIdentifier
  readonly signatureValue: asn1js.BitString
}

const signedBy = async (cert: Signed, issuer: pkijs.Certificate, crypto: FirmaCrypto): Promise<boolean | undefined> => {
  const key = keyOf(issuer.subjectPublicKeyInfo)
  if (!key) return undefined
  const oid = cert.signatureAlgorithm.algorithmId
  const { checks } = candidateChecks({
    key,
    signatureOid: oid,
    signatureParams: cert.signatureAlgorithm.algorithmParams,
    digest: digestOfOid(oid),
    signature: cert.signatureValue.valueBlock.valueHexView,
    data: cert.tbsView
  })
  let result: boolean | undefined = checks.length ? false : undefined
  for (const c of checks) {
    const r = await crypto.verify(c)
    if (r) return true
    if (r === undefined) result = undefined
  }
  return result
}

export type ChainOutcome = "trusted" | "no-chain" | "expired" | "bad-signature" | "unchecked"

const describe = (c: pkijs.Certificate, anchor: boolean): FirmaChainCertificate => ({
  subject: nameText(c.subject),
  issuer: nameText(c.issuer),
  serialNumber: hex(c.serialNumber.valueBlock.valueHexView),
  notBefore: c.notBefore.value.toISOString(),
  notAfter: c.notAfter.value.toISOString(),
  trustAnchor: anchor
})

/**
 * Builds the chain signer → … → anchor from the CMS certificates, each link checked by
 * signature and by validity at `at` (the signing time). No network.
 */
export const buildChain = async (
  signer: pkijs.Certificate,
  issuersOf: (cert: pkijs.Certificate) => ReadonlyArray<pkijs.Certificate>,
  anchors: ReadonlyArray<pkijs.Certificate>,
  at: Date,
  crypto: FirmaCrypto
): Promise<{ outcome: ChainOutcome; chain: FirmaChainCertificate[]; certs: pkijs.Certificate[] }> => {
  const isAnchor = (c: pkijs.Certificate) => anchors.some((a) => sameCertificate(a, c))
  // Without anchors nothing can pass: the chain would only be informative, and parsing the CMS
  // certificates to show it is most of the cost of a bulk run. Report the signer alone.
  if (anchors.length === 0) return { outcome: "no-chain", chain: [describe(signer, false)], certs: [signer] }
  const chain: pkijs.Certificate[] = [signer]
  const inTime = (c: pkijs.Certificate) => c.notBefore.value <= at && at <= c.notAfter.value
  let outcome: ChainOutcome = "no-chain"
  let current = signer
  for (let depth = 0; depth < 10; depth++) {
    if (isAnchor(current)) {
      outcome = "trusted"
      break
    }
    const candidates = [...anchors.filter((c) => c.subject.isEqual(current.issuer)), ...issuersOf(current)].filter(
      (c) => !chain.some((x) => sameCertificate(x, c))
    )
    let next: pkijs.Certificate | undefined
    let sawUnchecked = false
    for (const c of candidates) {
      const ok = await signedBy(current, c, crypto)
      if (ok) {
        next = c
        break
      }
      if (ok === undefined) sawUnchecked = true
    }
    if (!next) {
      // A namesake whose key did not sign this certificate is not its issuer.
      outcome = sawUnchecked ? "unchecked" : "no-chain"
      break
    }
    chain.push(next)
    current = next
  }
  if (outcome === "trusted" && !chain.every(inTime)) outcome = "expired"
  return { outcome, chain: chain.map((c) => describe(c, isAnchor(c))), certs: chain }
}

/**
 * Is `cert` listed in an embedded CRL that `issuer` signed? undefined when there is no such
 * CRL (then revocation was not checked).
 */
export const revokedByCrl = async (
  cert: pkijs.Certificate,
  issuer: pkijs.Certificate,
  crls: ReadonlyArray<pkijs.CertificateRevocationList>,
  at: Date,
  crypto: FirmaCrypto
): Promise<boolean | undefined> => {
  let checked = false
  for (const crl of crls.slice(0, 32)) {
    if (!crl.issuer.isEqual(issuer.subject)) continue
    if ((await signedBy(crl, issuer, crypto)) !== true) continue
    checked = true
    const entry = crl.revokedCertificates?.find((r) => r.userCertificate.isEqual(cert.serialNumber))
    if (entry && entry.revocationDate.value <= at) return true
  }
  return checked ? false : undefined
}
