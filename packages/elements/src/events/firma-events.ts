import type { FirmaReport } from "@ecasilla/core/firma"

/**
 * Fired by `<firma-verify>` when a PDF the user picked or dropped has been verified; `bubbles`
 * and `composed`. Carries the verification report (the JSON contract of `ecasilla verify`).
 * Not fired for a `src` or `file` the page sets: await `verificationComplete` for those.
 *
 * @since 0.2.0
 * @category events
 */
export class FirmaVerifiedEvent extends Event {
  /** The report of the verified PDF. */
  readonly report: FirmaReport
  /** The name of the file the user chose. */
  readonly fileName: string
  constructor(report: FirmaReport, fileName: string) {
    super("firma-verified", { bubbles: true, composed: true })
    this.report = report
    this.fileName = fileName
  }
}

declare global {
  interface HTMLElementEventMap {
    "firma-verified": FirmaVerifiedEvent
  }
}
