/**
 * Registers `<ecasilla-id-input>`.
 *
 * @since 0.1.0
 */
import { defineElement } from "../internal/define.js"
import { EcasillaIdInput } from "../id-input/id-input.js"

defineElement("ecasilla-id-input", EcasillaIdInput)

export { EcasillaIdInput }
