/**
 * Registers `<sari-request-form>`.
 *
 * @since 0.2.0
 */
import { defineElement } from "../internal/define.js"
import { SariRequestForm } from "../sari-request-form/request-form.js"

defineElement("sari-request-form", SariRequestForm)

export { SariRequestForm }
