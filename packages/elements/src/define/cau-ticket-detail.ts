/**
 * Registers `<cau-ticket-detail>`.
 *
 * @since 0.1.0
 */
import { defineElement } from "../internal/define.js"
import { CauTicketDetail } from "../cau-ticket-detail/ticket-detail.js"

defineElement("cau-ticket-detail", CauTicketDetail)

export { CauTicketDetail }
