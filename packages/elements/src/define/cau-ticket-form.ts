/**
 * Registers `<cau-ticket-form>`.
 *
 * @since 0.1.0
 */
import { defineElement } from "../internal/define.js"
import { CauTicketForm } from "../cau-ticket-form/ticket-form.js"

defineElement("cau-ticket-form", CauTicketForm)

export { CauTicketForm }
