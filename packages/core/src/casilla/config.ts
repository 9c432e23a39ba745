import { Context, Effect, Layer } from "effect"
import type { Locale } from "../i18n/locale.js"

/**
 * What the deposit check learns about one document: the firma verdict under policy `strict`
 * with the deployment's trust anchors, and the verifier's reason in the requested language.
 *
 * @since 0.2.0
 * @category ports
 */
export interface DocumentVerdict {
  readonly verdict: "valid" | "invalid" | "indeterminate" | "unsigned"
  readonly detail?: string
}

/**
 * The port the deposit asks "is this document's signature good?". Must never fail: an
 * unreadable file is an `invalid` verdict with the reason in `detail`.
 *
 * @since 0.2.0
 * @category ports
 */
export type DocumentVerifier = (
  bytes: Uint8Array,
  options: { readonly trustAnchors: ReadonlyArray<Uint8Array>; readonly locale: Locale }
) => Effect.Effect<DocumentVerdict>

/**
 * The firma verifier of `@ecasilla/core/firma` as the {@link DocumentVerifier}, always with
 * policy `strict` (only further signatures may follow a signature). It is imported the first
 * time a document is verified, so pages that never deposit never load it.
 *
 * @since 0.2.0
 * @category ports
 */
export const firmaDocumentVerifier: DocumentVerifier = (bytes, { trustAnchors, locale }) =>
  Effect.promise(async () => {
    const firma = await import("../firma/index.js")
    const outcome = await firma.verifyPdfOutcome(bytes, { policy: "strict", trustAnchors, locale })
    if (outcome._tag === "Failure") return { verdict: "invalid" as const, detail: firma.firmaErrorMessage(outcome.reason, locale) }
    const { verdict, signatures } = outcome.report
    const detail = signatures.filter((s) => s.indication !== "TOTAL_PASSED").map((s) => s.summary).join(" ")
    return detail ? { verdict, detail } : { verdict }
  })

/**
 * The default verifier: none configured, so every document is `indeterminate` and nothing is
 * deposited. Deployments set `verifier: firmaDocumentVerifier` with their trust anchors; kept
 * apart so a page that only shows the inbox never bundles the verifier.
 *
 * @since 0.2.0
 * @category ports
 */
export const unconfiguredDocumentVerifier: DocumentVerifier = (_bytes, { locale }) =>
  Effect.succeed({
    verdict: "indeterminate",
    detail: locale === "en" ? "No signature verifier is configured for this casilla." : "La casilla no tiene configurado un verificador de firmas."
  })

/**
 * The deployment's casilla settings.
 *
 * @since 0.2.0
 * @category models
 */
export interface CasillaConfigShape {
  /**
   * The trust anchors (PEM or DER) a titular signature must chain to: the RENIEC/INDECOPI
   * hierarchy in production. Configuration, not code; with none, every signature is
   * indeterminate and nothing can be deposited.
   */
  readonly trustAnchors: ReadonlyArray<Uint8Array>
  readonly verifier: DocumentVerifier
  /** Language of the verifier's reasons kept with refusals and verdicts. */
  readonly locale: Locale
  readonly maxDocuments: number
  readonly maxDocumentBytes: number
}

/**
 * The defaults: no trust anchors and no verifier (so deposit is refused until a deployment
 * sets both: `casillaConfigLayer({ trustAnchors, verifier: firmaDocumentVerifier })`), Spanish,
 * at most 10 documents of 30 MB.
 *
 * @since 0.2.0
 * @category models
 */
export const defaultCasillaConfig: CasillaConfigShape = {
  trustAnchors: [],
  verifier: unconfiguredDocumentVerifier,
  locale: "es-PE",
  maxDocuments: 10,
  maxDocumentBytes: 30 * 1024 * 1024
}

/**
 * The casilla settings as a Context reference (defaults when not provided).
 *
 * @since 0.2.0
 * @category services
 */
export const CasillaConfig: Context.Reference<CasillaConfigShape> = Context.Reference<CasillaConfigShape>("@ecasilla/core/casilla/CasillaConfig", {
  defaultValue: () => defaultCasillaConfig
})

/**
 * A layer that sets some casilla settings, the rest staying default.
 *
 * @since 0.2.0
 * @category layers
 */
export const casillaConfigLayer = (overrides: Partial<CasillaConfigShape>): Layer.Layer<never> =>
  Layer.succeed(CasillaConfig, { ...defaultCasillaConfig, ...overrides })
