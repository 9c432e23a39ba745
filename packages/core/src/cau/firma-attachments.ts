import { Effect } from "effect"
import type { VerifyPdfOptions } from "../firma/outcome.js"
import type { PdfAttachmentVerifier } from "./config.js"

/**
 * The firma verifier as the CAU's PDF attachment check: every PDF attached to a ticket or a
 * note gets the document verdict of `@ecasilla/core/firma` (`valid` needs the trust anchors
 * given here; without them an intact signature is `indeterminate`). A file the verifier
 * cannot read is `invalid`, with the reason in `detail`. The verifier is loaded the first
 * time a PDF arrives, so pages that never receive one never load it.
 *
 * ```ts
 * cauConfigLayer({ verifyPdf: firmaPdfAttachmentVerifier({ trustAnchors: [renieRootPem] }) })
 * ```
 *
 * @since 0.1.0
 * @category attachments
 */
export const firmaPdfAttachmentVerifier = (options: VerifyPdfOptions = {}): PdfAttachmentVerifier => (bytes) =>
  Effect.promise(async () => {
    const firma = await import("../firma/index.js")
    const outcome = await firma.verifyPdfOutcome(bytes, options)
    if (outcome._tag === "Failure") {
      return { verdict: "invalid" as const, detail: firma.firmaErrorMessage(outcome.reason, options.locale) }
    }
    const { verdict, signatures } = outcome.report
    const detail = signatures.map((s) => s.summary).join(" ")
    return detail ? { verdict, detail } : { verdict }
  })
