// The verification report (ARCHITECTURE.md, "Verification report"): the contract the CLI
// prints with --json, backends store and <firma-verify> renders.
import type { ModificationLevel } from "./internal/diff.js"

/**
 * How far the revisions after a signature changed the document: `none`, `signatures-only`,
 * `form-filling`, `annotations` or `other`.
 *
 * @since 0.2.0
 * @category models
 */
export type FirmaModificationLevel = ModificationLevel

/**
 * The document verdict.
 *
 * @since 0.2.0
 * @category models
 */
export type FirmaVerdict = "valid" | "invalid" | "indeterminate" | "unsigned"

/**
 * ETSI EN 319 102-1 main indication of one signature.
 *
 * @since 0.2.0
 * @category models
 */
export type FirmaIndication = "TOTAL_PASSED" | "TOTAL_FAILED" | "INDETERMINATE"

/**
 * ETSI EN 319 102-1 sub-indications the verifier gives.
 *
 * @since 0.2.0
 * @category models
 */
export type FirmaSubIndication =
  | "FORMAT_FAILURE"
  | "HASH_FAILURE"
  | "SIG_CRYPTO_FAILURE"
  | "NO_SIGNING_CERTIFICATE_FOUND"
  | "NO_CERTIFICATE_CHAIN_FOUND"
  | "OUT_OF_BOUNDS_NO_POE"
  | "CHAIN_CONSTRAINTS_FAILURE"
  | "CRYPTO_CONSTRAINTS_FAILURE_NO_POE"
  | "REVOKED_NO_POE"
  | "REVOKED_CA_NO_POE"
  | "CRYPTO_CONSTRAINTS_FAILURE"
  | "TRY_LATER"
  | "REVOCATION_OUT_OF_BOUNDS_NO_POE"

/**
 * Which changes may follow a signature: `strict` is the Firma Perú rule (only further
 * signatures); `pdf` is what the signature's DocMDP permits (form filling and annotations for
 * approval signatures, P=1/2/3 for certification signatures).
 *
 * @since 0.2.0
 * @category models
 */
export type FirmaPolicy = "strict" | "pdf"

/**
 * Who signed, read from the certificate subject. `ruc` comes from "FAU 20…" style text in
 * CN/OU/O or organizationIdentifier, `dni` from serialNumber (e.g. "PNOPE-12345678"); both are
 * kept only when they pass the identity rules.
 *
 * @since 0.2.0
 * @category models
 */
export interface FirmaSigner {
  readonly commonName: string | null
  readonly serialNumber: string | null
  readonly organization: string | null
  readonly ruc: string | null
  readonly dni: string | null
}

/**
 * One certificate of the chain, signer first.
 *
 * @since 0.2.0
 * @category models
 */
export interface FirmaChainCertificate {
  readonly subject: string
  readonly issuer: string
  readonly serialNumber: string
  readonly notBefore: string
  readonly notAfter: string
  /** This certificate is one of the trust anchors the caller gave. */
  readonly trustAnchor: boolean
}

/**
 * The report of one signature.
 *
 * @since 0.2.0
 * @category models
 */
export interface FirmaSignatureReport {
  readonly field: string
  /** Bytes and signature check out (ByteRange, digest, signature value). */
  readonly intact: boolean
  readonly coversWholeDocument: boolean
  readonly modification: FirmaModificationLevel
  readonly indication: FirmaIndication
  readonly subIndication: FirmaSubIndication | null
  readonly signer: FirmaSigner | null
  /** The time the signer states (CMS signingTime, else /M): a claim, not proof. */
  readonly signingTime: string | null
  /** The time certificates and revocation were judged at when there is no proof of time (now, or `at`). */
  readonly validationTime: string
  /** The earliest validated timestamp proving the signature existed (its own token or a later document timestamp), if any. */
  readonly proofOfTime: string | null
  readonly digestAlgorithm: string | null
  readonly signatureAlgorithm: string | null
  readonly chain: ReadonlyArray<FirmaChainCertificate>
  readonly subFilter: string | null
  /** Certification (DocMDP) permission level, when this is a certification signature. */
  readonly docMdp: 1 | 2 | 3 | null
  readonly timestamp: boolean
  /** Weak algorithms or keys: "SHA-1", "RSA-1024"… */
  readonly weak: ReadonlyArray<string>
  /**
   * Revocation of every certificate of the path: `good` (each answered by a CRL of its issuer),
   * `revoked`, `not-checked` (no CRL for some certificate), `unknown` (only stale CRLs).
   */
  readonly revocation: "not-checked" | "good" | "revoked" | "unknown"
  /** Machine-readable reasons behind the indication (kebab-case codes). */
  readonly problems: ReadonlyArray<string>
  /** What the later revisions changed, one short English note each (empty when none). */
  readonly changes: ReadonlyArray<string>
  /** Human summary in the requested locale. */
  readonly summary: string
  /**
   * The signature dictionary's /Reason (the stamp's "Motivo"); `null` when absent or when the
   * file is encrypted (its strings are not decrypted, and are never shown encrypted).
   */
  readonly reason?: string | null
}

/**
 * The report of one PDF.
 *
 * @since 0.2.0
 * @category models
 */
export interface FirmaReport {
  readonly verdict: FirmaVerdict
  readonly policy: FirmaPolicy
  readonly signatures: ReadonlyArray<FirmaSignatureReport>
  readonly revisions: number
  readonly file?: string
  /**
   * The file is encrypted: signatures are verified, but its strings (field names, reasons) are
   * not decrypted, so they are withheld rather than shown as garbage.
   */
  readonly encrypted?: boolean
}
