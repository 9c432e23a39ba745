// RFC 5280 §6.1 path validation. The path is built here (signer → … → anchor, each link's
// signature checked through the crypto port, so brainpool or Ed448 issuers are judged the same
// way in Node and in a browser); pkijs' CertificateChainValidationEngine then validates that
// path (basicConstraints cA and keyCertSign on every issuer, name chaining, validity at the
// judging time, policies, name constraints). What the engine does not check is added in
// `rfc5280Extras`, the one place for it: pathLenConstraint and critical extensions nobody
// processes (the engine lets through any critical extension it can parse, and ignores the
// leaf's). Runs once per signature, never per byte.
import * as pkijs from "pkijs"
import type { FirmaCrypto } from "../crypto.js"
import type { FirmaChainCertificate } from "../report.js"
import { ACCEPTED, candidateChecks, digestOfOid, keyOf } from "./algorithms.js"
import { nameText } from "./x509.js"

/** Anything signed by an issuer key: a certificate or a CRL. */
export interface Signed {
  readonly tbsView: Uint8Array
  readonly signatureAlgorithm: pkijs.AlgorithmIdentifier
  readonly signatureValue: { valueBlock: { valueHexView: Uint8Array } }
}

/** Did `issuer` sign `item`? undefined when the runtime cannot check the algorithm. */
export const signedBy = async (item: Signed, issuer: pkijs.Certificate, crypto: FirmaCrypto): Promise<boolean | undefined> => {
  const key = keyOf(issuer.subjectPublicKeyInfo)
  if (!key) return undefined
  const oid = item.signatureAlgorithm.algorithmId
  // A signature of another key family (an Ed448 signature under an RSA namesake) is simply not this issuer's.
  if (!ACCEPTED[key.kind.type].test(oid)) return false
  const { checks } = candidateChecks({
    key,
    signatureOid: oid,
    signatureParams: item.signatureAlgorithm.algorithmParams,
    digest: digestOfOid(oid),
    signature: item.signatureValue.valueBlock.valueHexView,
    data: item.tbsView
  })
  let result: boolean | undefined = checks.length ? false : undefined
  for (const c of checks) {
    const r = await crypto.verify(c)
    if (r) return true
    if (r === undefined) result = undefined
  }
  return result
}

const equalBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i])
/** Two certificates are the same when their signed parts and signatures are byte-identical. */
export const sameCertificate = (a: pkijs.Certificate, b: pkijs.Certificate): boolean =>
  a === b || (equalBytes(a.tbsView, b.tbsView) && equalBytes(a.signatureValue.valueBlock.valueHexView, b.signatureValue.valueBlock.valueHexView))

const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("")

export const describeCertificate = (c: pkijs.Certificate, anchor: boolean): FirmaChainCertificate => ({
  subject: nameText(c.subject),
  issuer: nameText(c.issuer),
  serialNumber: hex(c.serialNumber.valueBlock.valueHexView),
  notBefore: c.notBefore.value.toISOString(),
  notAfter: c.notAfter.value.toISOString(),
  trustAnchor: anchor
})

/**
 * - `trusted`: a path to an anchor that RFC 5280 accepts at the judging time;
 * - `no-chain`: no path to an anchor (or no anchors);
 * - `out-of-bounds`: a path whose only fault is a certificate outside its validity at that time;
 * - `chain-constraints`: a path that breaks RFC 5280 (issuer not a CA, pathLen, critical extension…);
 * - `unchecked`: a link's signature could not be checked by this runtime.
 */
export type PathOutcome = "trusted" | "no-chain" | "out-of-bounds" | "chain-constraints" | "unchecked"

export interface PathResult {
  readonly outcome: PathOutcome
  /** Kebab-case reasons, for the report's problems. */
  readonly problems: ReadonlyArray<string>
  /** Signer first, anchor last (only the signer when there is no chain). */
  readonly certs: ReadonlyArray<pkijs.Certificate>
}

const MAX_DEPTH = 10
const MAX_CANDIDATES = 8

/** Signer → anchor, each link a certificate whose key verifies the previous one. Bounded. */
const buildPath = async (
  signer: pkijs.Certificate,
  issuersOf: (cert: pkijs.Certificate) => ReadonlyArray<pkijs.Certificate>,
  anchors: ReadonlyArray<pkijs.Certificate>,
  crypto: FirmaCrypto
): Promise<{ path: pkijs.Certificate[]; anchored: boolean; unchecked: boolean }> => {
  const isAnchor = (c: pkijs.Certificate) => anchors.some((a) => sameCertificate(a, c))
  const path: pkijs.Certificate[] = [signer]
  let current = signer
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    if (isAnchor(current)) return { path, anchored: true, unchecked: false }
    // Anchors are the caller's and all are tried (renewed roots share a name); the document's
    // own certificates are bounded, since a hostile CMS could carry hundreds of namesakes.
    const candidates = [...anchors.filter((c) => c.subject.isEqual(current.issuer)), ...issuersOf(current).slice(0, MAX_CANDIDATES)].filter(
      (c) => !path.some((x) => sameCertificate(x, c))
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
    // A namesake whose key did not sign this certificate is not its issuer.
    if (!next) return { path, anchored: false, unchecked: sawUnchecked }
    path.push(next)
    current = next
  }
  return { path, anchored: false, unchecked: false }
}

const OID = {
  basicConstraints: "2.5.29.19",
  keyUsage: "2.5.29.15",
  extKeyUsage: "2.5.29.37",
  subjectAltName: "2.5.29.17",
  nameConstraints: "2.5.29.30",
  certificatePolicies: "2.5.29.32",
  policyMappings: "2.5.29.33",
  policyConstraints: "2.5.29.36",
  inhibitAnyPolicy: "2.5.29.54",
  subjectKeyIdentifier: "2.5.29.14",
  authorityKeyIdentifier: "2.5.29.35"
} as const

/** Extensions this validator (the engine or the checks below) acts on: any other critical one fails the path. */
const PROCESSED = new Set<string>(Object.values(OID))

const isSelfIssued = (c: pkijs.Certificate) => c.subject.isEqual(c.issuer)

/**
 * RFC 5280 rules pkijs' engine does not enforce: pathLenConstraint (§4.2.1.9, §6.1.4 (l)/(m)),
 * including the anchor's, and unrecognised critical extensions on every certificate of the
 * path but the anchor (§6.1.3, §6.1.4 (o), §6.1.5 (f)).
 */
export const rfc5280Extras = (path: ReadonlyArray<pkijs.Certificate>): string[] => {
  const problems: string[] = []
  for (let i = 0; i < path.length; i++) {
    const cert = path[i]
    const anchor = i === path.length - 1 && path.length > 1
    for (const e of cert.extensions ?? []) {
      if (e.critical && !PROCESSED.has(e.extnID) && !anchor) problems.push("unknown-critical-extension")
      if (e.extnID !== OID.basicConstraints || i === 0) continue
      const bc = e.parsedValue as pkijs.BasicConstraints | undefined
      const limit = bc?.pathLenConstraint
      if (typeof limit !== "number") continue
      // Intermediate CA certificates below this one, self-issued ones not counted.
      let below = 0
      for (let k = 1; k < i; k++) if (!isSelfIssued(path[k])) below++
      if (below > limit) problems.push("path-length-exceeded")
    }
  }
  return [...new Set(problems)]
}

const ENGINE_PROBLEM: Record<number, string> = {
  10: "name-chaining",
  14: "issuer-not-a-ca",
  41: "name-constraints",
  42: "name-constraints",
  98: "certificate-policy",
  99: "certificate-policy",
  21: "name-constraints"
}

const runEngine = async (path: ReadonlyArray<pkijs.Certificate>, at: Date): Promise<{ result: boolean; resultCode?: number }> => {
  const engine = new pkijs.CertificateChainValidationEngine({
    trustedCerts: [path[path.length - 1]],
    certs: [path[0]],
    crls: [],
    ocsps: [],
    checkDate: at,
    // The engine walks the path built and checked above; it never looks further.
    findIssuer: async (cert: pkijs.Certificate) => {
      const i = path.findIndex((c) => sameCertificate(c, cert))
      return i >= 0 && i + 1 < path.length ? [path[i + 1]] : []
    }
  })
  try {
    return await engine.verify({ passedWhenNotRevValues: true })
  } catch {
    return { result: false, resultCode: -1 }
  }
}

/**
 * Validates the path of `signer` to one of `anchors` at time `at` (RFC 5280 §6.1).
 */
export const validatePath = async (
  signer: pkijs.Certificate,
  issuersOf: (cert: pkijs.Certificate) => ReadonlyArray<pkijs.Certificate>,
  anchors: ReadonlyArray<pkijs.Certificate>,
  at: Date,
  crypto: FirmaCrypto
): Promise<PathResult> => {
  if (anchors.length === 0) return { outcome: "no-chain", problems: [], certs: [signer] }
  const built = await buildPath(signer, issuersOf, anchors, crypto)
  if (!built.anchored) return { outcome: built.unchecked ? "unchecked" : "no-chain", problems: [], certs: built.path }
  const path = built.path
  const inTime = (c: pkijs.Certificate) => c.notBefore.value <= at && at <= c.notAfter.value
  const extras = rfc5280Extras(path)
  if (path.length === 1) {
    // The signer is itself a trust anchor: nothing to chain, only its validity.
    return { outcome: extras.length ? "chain-constraints" : inTime(signer) ? "trusted" : "out-of-bounds", problems: extras, certs: path }
  }
  let verdict = await runEngine(path, at)
  const problems = [...extras]
  if (!verdict.result) {
    if (verdict.resultCode === 8) problems.push(path.every((c) => c.notBefore.value <= at) ? "certificate-expired" : "certificate-not-yet-valid")
    else problems.push(ENGINE_PROBLEM[verdict.resultCode ?? -1] ?? "certification-path-invalid")
  }
  // The engine stops at the first fault, dates first: a path outside its validity is checked
  // again inside it, so an expired certificate never hides a forged path.
  if (verdict.resultCode === 8) {
    const t = Math.max(...path.map((c) => c.notBefore.value.getTime()))
    if (t <= Math.min(...path.map((c) => c.notAfter.value.getTime()))) {
      const inside = await runEngine(path, new Date(t))
      if (!inside.result) {
        problems.push(ENGINE_PROBLEM[inside.resultCode ?? -1] ?? "certification-path-invalid")
        verdict = inside
      }
    }
  }
  const outcome: PathOutcome = extras.length || (!verdict.result && verdict.resultCode !== 8) ? "chain-constraints" : verdict.result ? "trusted" : "out-of-bounds"
  return { outcome, problems: [...new Set(problems)], certs: path }
}
