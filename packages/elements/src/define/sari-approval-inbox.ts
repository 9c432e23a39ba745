/**
 * Registers `<sari-approval-inbox>`.
 *
 * @since 0.2.0
 */
import { defineElement } from "../internal/define.js"
import { SariApprovalInbox } from "../sari-approval-inbox/approval-inbox.js"

defineElement("sari-approval-inbox", SariApprovalInbox)

export { SariApprovalInbox }
