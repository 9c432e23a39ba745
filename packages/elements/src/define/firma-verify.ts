/**
 * Registers `<firma-verify>`.
 *
 * @since 0.2.0
 */
import { defineElement } from "../internal/define.js"
import { FirmaVerify } from "../firma-verify/firma-verify.js"

defineElement("firma-verify", FirmaVerify)

export { FirmaVerify }

declare global {
  interface HTMLElementTagNameMap {
    "firma-verify": FirmaVerify
  }
}
