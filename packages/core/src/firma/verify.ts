import * as Effect from "effect/Effect"
import type * as pkijs from "pkijs"
import { FirmaError } from "./errors.js"
import { parseAnchors } from "./internal/x509.js"
import { verifyPdfOutcome, type VerifyPdfOptions } from "./outcome.js"
import type { FirmaReport } from "./report.js"

export type { VerifyPdfOptions } from "./outcome.js"

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

/**
 * Verifies every signature of a PDF: ByteRange, CMS digest and signature of every SignerInfo,
 * signing-certificate binding, changes made after each signature, DocMDP/FieldMDP, the RFC 5280
 * path to the given anchors with revocation of each certificate, judged at the validation time
 * (`at`, else now) unless a validated timestamp proves an earlier time. Bad input ends in a
 * {@link FirmaError} or an `invalid` verdict, never a defect.
 *
 * @since 0.2.0
 * @category verification
 */
export const verifyPdf = (bytes: Uint8Array, options: VerifyPdfOptions = {}): Effect.Effect<FirmaReport, FirmaError> =>
  Effect.flatMap(
    Effect.promise(() => verifyPdfOutcome(bytes, options)),
    (o) => (o._tag === "Report" ? Effect.succeed(o.report) : Effect.fail(new FirmaError({ reason: o.reason, detail: o.detail })))
  )

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
