// Trust and time (ETSI EN 319 102-1 §5.2.6/§5.6.2, RFC 5280, RFC 3161): the path of a signer
// or TSA validated at the best time there is proof of, fit for its use, with the revocation of
// every certificate in it. A signing time the signer states (CMS signingTime, /M) is a claim,
// never proof: without a validated timestamp the certificates are judged at the validation time.
import type * as pkijs from "pkijs"
import type { FirmaCrypto } from "../crypto.js"
import type { FirmaChainCertificate, FirmaPolicy, FirmaSubIndication } from "../report.js"
import { checkCms } from "./cms.js"
import type { CrlView } from "./crl.js"
import { hashOfSignatureOid } from "./algorithms.js"
import { describeCertificate, validatePath, type PathOutcome } from "./path.js"
import { revocationStatus } from "./revocation.js"
import { signerUsageProblems, tsaUsageProblems } from "./usage.js"

export interface TrustInput {
  readonly signer: pkijs.Certificate
  readonly issuersOf: (cert: pkijs.Certificate) => ReadonlyArray<pkijs.Certificate>
  readonly crls: ReadonlyArray<CrlView>
  /** Successful OCSP responses from the document (unchecked; `ocsp.ts` judges them). */
  readonly ocsps: ReadonlyArray<pkijs.BasicOCSPResponse>
  readonly anchors: ReadonlyArray<pkijs.Certificate>
  /** The validation time: now, or the time the caller asks about (`at`). */
  readonly validationTime: Date
  /** The earliest validated proof that the signature existed (a timestamp), if any. */
  readonly poe: Date | undefined
  readonly crypto: FirmaCrypto
  /** A document signer, or a time-stamping authority. */
  readonly role: "signer" | "tsa"
}

export interface TrustResult {
  readonly path: PathOutcome | "no-anchors"
  readonly problems: ReadonlyArray<string>
  readonly chain: ReadonlyArray<FirmaChainCertificate>
  readonly revocation: "not-checked" | "good" | "revoked" | "unknown"
  /** Revoked: the signer itself, or a CA of its path. */
  readonly revokedCa: boolean
  /** A certificate of the path (the anchor's self-signature aside) is signed with SHA-1. */
  readonly sha1: boolean
}

/** Validates the signer's (or TSA's) path at the proof-of-existence time, else at the validation time. */
export const judgeTrust = async (input: TrustInput): Promise<TrustResult> => {
  const { signer, anchors, validationTime, poe, crypto } = input
  const at = poe ?? validationTime
  const path = await validatePath(signer, input.issuersOf, anchors, at, crypto)
  const problems = [...path.problems]
  const certs = path.certs
  const anchored = path.outcome !== "no-chain" && path.outcome !== "unchecked"
  const chain = certs.map((c, i) => describeCertificate(c, anchored && i === certs.length - 1))
  const usage = input.role === "signer" ? signerUsageProblems(signer) : tsaUsageProblems(signer)
  problems.push(...usage)
  const sha1 = certs.slice(0, anchored ? -1 : undefined).some((c) => hashOfSignatureOid(c.signatureAlgorithm.algorithmId) === "SHA-1")
  if (anchors.length === 0) return { path: "no-anchors", problems, chain, revocation: "not-checked", revokedCa: false, sha1 }
  const outcome: PathOutcome = path.outcome === "trusted" && usage.length ? "chain-constraints" : path.outcome
  if (outcome !== "trusted" && outcome !== "out-of-bounds") return { path: outcome, problems, chain, revocation: "not-checked", revokedCa: false, sha1 }

  // Revocation of every certificate but the anchor, each by its own issuer's CRLs and OCSP answers.
  const data = { crls: input.crls, ocsps: input.ocsps }
  let revocation: TrustResult["revocation"] = "good"
  let revokedCa = false
  for (let i = 0; i + 1 < certs.length; i++) {
    const r = await revocationStatus(certs[i], certs[i + 1], data, validationTime, poe, crypto)
    const who = i === 0 ? input.role : "ca"
    if (r.status === "revoked") {
      // Proof that the signature existed before the revocation keeps it good (ETSI 5.6.2.4).
      if (poe && poe < r.revokedAt) {
        problems.push(`${who}-revoked-after-proof-of-time`)
        continue
      }
      problems.push(`${who}-revoked`)
      revocation = "revoked"
      revokedCa ||= i > 0
    } else if (r.status === "not-checked") {
      problems.push(`${who}-revocation-not-checked`)
      if (revocation === "good") revocation = "not-checked"
    } else if (r.status === "out-of-bounds") {
      problems.push(`${who}-revocation-out-of-date`)
      if (revocation !== "revoked") revocation = "unknown"
    }
  }
  return { path: outcome, problems: [...new Set(problems)], chain, revocation, revokedCa, sha1 }
}

/**
 * The ETSI sub-indication trust gives, or null when trust holds. Under `strict` revocation
 * that could not be checked, revocation data too old, and SHA-1 anywhere stop the signature;
 * under `pdf` they are reported (problems, `revocation`, `weak`) but do not block.
 */
export const trustSubIndication = (trust: TrustResult, policy: FirmaPolicy, hasPoe: boolean): FirmaSubIndication | null => {
  switch (trust.path) {
    case "no-anchors":
    case "no-chain":
      return "NO_CERTIFICATE_CHAIN_FOUND"
    case "chain-constraints":
      return "CHAIN_CONSTRAINTS_FAILURE"
    case "unchecked":
      return "CRYPTO_CONSTRAINTS_FAILURE"
    case "out-of-bounds":
      return trust.revocation === "revoked" ? (trust.revokedCa ? "REVOKED_CA_NO_POE" : "REVOKED_NO_POE") : "OUT_OF_BOUNDS_NO_POE"
    case "trusted":
      break
  }
  if (trust.revocation === "revoked") return trust.revokedCa ? "REVOKED_CA_NO_POE" : "REVOKED_NO_POE"
  if (policy === "strict" && trust.sha1) return "CRYPTO_CONSTRAINTS_FAILURE"
  if (policy === "strict" && trust.revocation === "not-checked") return "TRY_LATER"
  if (policy === "strict" && trust.revocation === "unknown") return hasPoe ? "TRY_LATER" : "REVOCATION_OUT_OF_BOUNDS_NO_POE"
  return null
}

/**
 * Validates the RFC 3161 timestamp tokens of a signature (id-aa-signatureTimeStampToken):
 * the token's own CMS signature, its imprint over the signature value, its TSA's path to the
 * anchors at the validation time with timeStamping usage and revocation. Returns the earliest
 * genTime among the tokens that hold, and why the others do not.
 */
export const validateSignatureTimestamps = async (
  tokens: ReadonlyArray<Uint8Array>,
  signatureValue: Uint8Array | undefined,
  options: {
    readonly anchors: ReadonlyArray<pkijs.Certificate>
    readonly validationTime: Date
    readonly crypto: FirmaCrypto
    readonly policy: FirmaPolicy
    readonly crls: ReadonlyArray<CrlView>
    readonly ocsps: ReadonlyArray<pkijs.BasicOCSPResponse>
  }
): Promise<{ time: Date | undefined; problems: string[] }> => {
  let time: Date | undefined
  const problems: string[] = []
  if (!signatureValue) return { time, problems }
  for (const token of tokens.slice(0, 4)) {
    // A token that cannot be read is no proof; it never makes the document unreadable.
    const t = await validateToken(token, signatureValue, options).catch(() => ({ problem: "timestamp-unreadable" }) as const)
    if ("problem" in t) problems.push(t.problem)
    else if (!time || t.time < time) time = t.time
  }
  return { time, problems }
}

const validateToken = async (
  token: Uint8Array,
  signatureValue: Uint8Array,
  options: {
    readonly anchors: ReadonlyArray<pkijs.Certificate>
    readonly validationTime: Date
    readonly crypto: FirmaCrypto
    readonly policy: FirmaPolicy
    readonly crls: ReadonlyArray<CrlView>
    readonly ocsps: ReadonlyArray<pkijs.BasicOCSPResponse>
  }
): Promise<{ readonly time: Date } | { readonly problem: string }> => {
  const cms = await checkCms(token, [signatureValue], "ETSI.RFC3161", options.crypto)
  if (cms.problems.some((p) => p === "cms-undecodable" || p === "cms-not-signed-data" || p === "no-signer-info")) return { problem: "timestamp-unreadable" }
  if (!cms.genTime || cms.hashOk !== true) return { problem: "timestamp-imprint-mismatch" }
  if (cms.signatureOk !== true || !cms.signer || cms.signingCertBound === false) return { problem: "timestamp-signature-invalid" }
  if (cms.genTime > options.validationTime) return { problem: "timestamp-after-validation-time" }
  if (options.policy === "strict" && cms.digestAlgorithm === "SHA-1") return { problem: "timestamp-sha1" }
  const trust = await judgeTrust({
    signer: cms.signer,
    issuersOf: cms.issuersOf,
    crls: [...cms.crls(), ...options.crls],
    ocsps: [...cms.ocsps(), ...options.ocsps],
    anchors: options.anchors,
    validationTime: options.validationTime,
    poe: undefined,
    crypto: options.crypto,
    role: "tsa"
  })
  if (trustSubIndication(trust, options.policy, false) !== null) return { problem: "timestamp-not-trusted" }
  return { time: cms.genTime }
}
