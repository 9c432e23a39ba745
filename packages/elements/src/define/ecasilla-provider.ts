/**
 * Registers `<ecasilla-provider>`.
 *
 * @since 0.1.0
 */
import { defineElement } from "../internal/define.js"
import { EcasillaProvider } from "../provider/provider.js"

defineElement("ecasilla-provider", EcasillaProvider)

export { EcasillaProvider }
