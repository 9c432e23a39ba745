/**
 * Registers `<cau-sync-status>`.
 *
 * @since 0.2.0
 */
import { defineElement } from "../internal/define.js"
import { CauSyncStatus } from "../cau-sync-status/sync-status.js"

defineElement("cau-sync-status", CauSyncStatus)

export { CauSyncStatus }
