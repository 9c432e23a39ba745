// The verification without Effect: what the CLI and plain-Promise callers need, loading neither
// effect nor Schema (a command-line start-up pays for every module it imports).
import type { Locale } from "../i18n/locale.js"
import { firmaRuntimeCrypto, type FirmaCrypto } from "./crypto.js"
import type { FirmaErrorReason } from "./errors.js"
import { clearAllByBytes } from "./internal/by-bytes.js"
import { PdfDocument } from "./internal/pdf/document.js"
import { PdfSyntaxError } from "./internal/pdf/objects.js"
import { runPipeline } from "./internal/verify.js"
import { parseAnchors } from "./internal/x509.js"
import type { FirmaPolicy, FirmaReport } from "./report.js"

/**
 * Options of {@link verifyPdfOutcome} and `verifyPdf`.
 *
 * @since 0.2.0
 * @category models
 */
export interface VerifyPdfOptions {
  /** `strict` (default, the Firma Perú rule) or `pdf` (what DocMDP permits). */
  readonly policy?: FirmaPolicy
  /** Trust anchors, each PEM (one or more certificates) or DER. Without them no signature is TOTAL_PASSED. */
  readonly trustAnchors?: ReadonlyArray<Uint8Array>
  /** The crypto port; node:crypto in Node, WebCrypto elsewhere, by default. */
  readonly crypto?: FirmaCrypto
  /** Language of the summaries; Spanish by default. */
  readonly locale?: Locale
  /**
   * The validation time: certificates and revocation are judged at this time unless a validated
   * timestamp proves the signature existed earlier (then at that time). Archives ask about a
   * past date; the default is now. A signing time the signer states is never used for this.
   */
  readonly at?: Date
  /** @deprecated the clock reading used when `at` is not given; prefer `at`. */
  readonly now?: Date
}

/**
 * The result of verifying one PDF: its report, or why it could not be read.
 *
 * @since 0.2.0
 * @category models
 */
export type FirmaOutcome =
  | { readonly _tag: "Report"; readonly report: FirmaReport }
  | { readonly _tag: "Failure"; readonly reason: FirmaErrorReason; readonly detail: string }

/** Files larger than this are refused rather than verified slowly. */
const MAX_BYTES = 1024 * 1024 * 1024

const failure = (reason: FirmaErrorReason, e: unknown): FirmaOutcome => ({
  _tag: "Failure",
  reason,
  detail: e instanceof Error ? e.message : String(e)
})

/**
 * Verifies a PDF like `verifyPdf`, as a Promise that never rejects for bad input: the outcome
 * says whether there is a report or why there is none. No Effect runtime is loaded.
 *
 * @since 0.2.0
 * @category verification
 */
export const verifyPdfOutcome = async (bytes: Uint8Array, options: VerifyPdfOptions = {}): Promise<FirmaOutcome> => {
  let anchors
  try {
    anchors = (options.trustAnchors ?? []).flatMap((a) => parseAnchors(a))
  } catch (e) {
    return failure("bad-trust-anchor", e)
  }
  const at = options.at ?? options.now
  if (at !== undefined && !(at instanceof Date && Number.isFinite(at.getTime()))) return failure("bad-validation-time", String(at))
  if (bytes.length > MAX_BYTES) return failure("too-large", `${bytes.length} bytes`)
  let doc: PdfDocument
  try {
    doc = new PdfDocument(bytes)
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e)
    if (e instanceof PdfSyntaxError && detail === "not a PDF") return failure("not-a-pdf", e)
    if (e instanceof PdfSyntaxError && detail.startsWith("no %%EOF")) return failure("truncated", e)
    return failure("unreadable", e)
  }
  try {
    const report = await runPipeline(doc, {
      policy: options.policy ?? "strict",
      anchors,
      crypto: options.crypto ?? firmaRuntimeCrypto,
      locale: options.locale ?? "es-PE",
      validationTime: options.at ?? options.now ?? new Date()
    })
    return { _tag: "Report", report }
  } catch (e) {
    return failure("unreadable", e)
  }
}

/**
 * Empties the verifier's caches: the trust anchors, certificates, CRLs and public keys it keeps,
 * by their exact bytes, for the next document (a backend sees the same CA chain, CRLs and
 * anchors again and again). A long-running process can call it to give that memory back (the
 * caches are bounded, at most about 100 MB in all) or after replacing its trust anchors. Verdicts
 * never depend on the caches: the next verification parses again what it needs.
 *
 * @since 0.2.0
 * @category verification
 */
export const firmaClearCaches = (): void => clearAllByBytes()
