import * as Effect from "effect/Effect"
import type * as pkijs from "pkijs"
import type { Locale } from "../i18n/locale.js"
import { firmaRuntimeCrypto, type FirmaCrypto } from "./crypto.js"
import { FirmaError } from "./errors.js"
import { PdfDocument } from "./internal/pdf/document.js"
import { PdfSyntaxError } from "./internal/pdf/objects.js"
import { runPipeline } from "./internal/verify.js"
import { parseAnchors } from "./internal/x509.js"
import type { FirmaPolicy, FirmaReport } from "./report.js"

/**
 * Options of {@link verifyPdf}.
 *
 * @since 0.2.0
 * @category models
 */
export interface VerifyPdfOptions {
  /** `strict` (default, the Firma Perú rule) or `pdf` (what DocMDP permits). */
  readonly policy?: FirmaPolicy
  /** Trust anchors, each PEM (one or more certificates) or DER. Without them no signature is TOTAL_PASSED. */
  readonly trustAnchors?: ReadonlyArray<Uint8Array>
  /** The crypto port; the runtime's WebCrypto (completed by node:crypto in Node) by default. */
  readonly crypto?: FirmaCrypto
  /** Language of the summaries; Spanish by default. */
  readonly locale?: Locale
  /** The time to check certificates at when a signature states no signing time. */
  readonly now?: Date
}

/** Files larger than this are refused rather than verified slowly. */
const MAX_BYTES = 1024 * 1024 * 1024

/**
 * Reads trust anchors (PEM or DER), failing with `bad-trust-anchor`.
 *
 * @since 0.2.0
 * @category constructors
 */
export const parseFirmaTrustAnchors = (inputs: ReadonlyArray<Uint8Array>): Effect.Effect<ReadonlyArray<pkijs.Certificate>, FirmaError> =>
  Effect.try({
    try: () => inputs.flatMap((i) => parseAnchors(i)),
    catch: (e) => new FirmaError({ reason: "bad-trust-anchor", detail: e instanceof Error ? e.message : String(e) })
  })

const open = (bytes: Uint8Array): Effect.Effect<PdfDocument, FirmaError> =>
  Effect.try({
    try: () => {
      if (bytes.length > MAX_BYTES) throw new FirmaError({ reason: "too-large", detail: `${bytes.length} bytes` })
      return new PdfDocument(bytes)
    },
    catch: (e) => {
      if (e instanceof FirmaError) return e
      const detail = e instanceof Error ? e.message : String(e)
      if (e instanceof PdfSyntaxError && detail === "not a PDF") return new FirmaError({ reason: "not-a-pdf", detail })
      if (e instanceof PdfSyntaxError && detail.startsWith("no %%EOF")) return new FirmaError({ reason: "truncated", detail })
      return new FirmaError({ reason: "unreadable", detail })
    }
  })

/**
 * Verifies every signature of a PDF: ByteRange, CMS digest and signature, signing-certificate
 * binding, changes made after each signature, DocMDP/FieldMDP, and trust to the given anchors
 * at signing time. Bad input ends in a {@link FirmaError} or an `invalid` verdict, never a defect.
 *
 * @since 0.2.0
 * @category verification
 */
export const verifyPdf = (bytes: Uint8Array, options: VerifyPdfOptions = {}): Effect.Effect<FirmaReport, FirmaError> =>
  Effect.gen(function* () {
    const anchors = yield* parseFirmaTrustAnchors(options.trustAnchors ?? [])
    const doc = yield* open(bytes)
    return yield* Effect.tryPromise({
      try: () =>
        runPipeline(doc, {
          policy: options.policy ?? "strict",
          anchors,
          crypto: options.crypto ?? firmaRuntimeCrypto,
          locale: options.locale ?? "es-PE",
          now: options.now ?? new Date()
        }),
      catch: (e) => new FirmaError({ reason: "unreadable", detail: e instanceof Error ? e.message : String(e) })
    })
  })

/**
 * {@link verifyPdf} as a Promise, for callers without Effect; rejects with a {@link FirmaError}.
 *
 * @since 0.2.0
 * @category verification
 */
export const verifyPdfAsync = async (bytes: Uint8Array, options: VerifyPdfOptions = {}): Promise<FirmaReport> => {
  const r = await Effect.runPromise(Effect.result(verifyPdf(bytes, options)))
  if (r._tag === "Failure") throw r.failure
  return r.success
}
