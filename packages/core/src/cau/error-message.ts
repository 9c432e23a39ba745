import type { Locale } from "../i18n/locale.js"
import { type AttachmentReason, attachmentMessage, defaultAttachmentPolicy } from "./attachments.js"
import { ticketMessage, type TicketReason } from "./messages.js"

/*
 * One answer to "what do I tell the user?" for every failure a ticket command can give,
 * in the user's language. UIs show this and never a stack trace. Pure.
 */

const isTagged = (error: unknown, tag: string): error is Record<string, unknown> =>
  typeof error === "object" && error !== null && (error as { _tag?: unknown })._tag === tag

const storeEn: Record<string, string> = {
  conflict: "Someone else changed the ticket first. Reload it and try again.",
  duplicate: "A ticket with that id or number already exists.",
  "not-found": "The ticket does not exist.",
  unavailable: "The ticket storage could not be reached."
}

/**
 * The message to show for a failed ticket command: `TicketError`, `TicketValidationError`,
 * `AttachmentError` and `TicketStoreError` in Spanish (default) or English; `undefined`
 * for anything else (a defect), so the caller shows its own generic text instead of
 * the error's internals. Works on decoded errors and on plain objects with the same
 * `_tag` (errors that crossed HTTP).
 *
 * @since 0.1.0
 * @category i18n
 */
export const ticketErrorMessage = (error: unknown, locale: Locale = "es-PE"): string | undefined => {
  if (isTagged(error, "@ecasilla/core/cau/TicketError")) {
    return ticketMessage(error.reason as TicketReason, typeof error.state === "string" ? error.state : undefined, locale)
  }
  if (isTagged(error, "@ecasilla/core/cau/TicketValidationError")) {
    const issues = Array.isArray(error.issues) ? (error.issues as ReadonlyArray<{ message?: unknown }>) : []
    return issues.map((i) => String(i.message ?? "")).filter(Boolean).join(" ") ||
      (locale === "en" ? "The ticket has invalid fields." : "El ticket tiene campos no válidos.")
  }
  if (isTagged(error, "@ecasilla/core/cau/AttachmentError")) {
    const d = defaultAttachmentPolicy
    const num = (v: unknown, fallback: number) => (typeof v === "number" ? v : fallback)
    return attachmentMessage(error.reason as AttachmentReason, String(error.name ?? ""), {
      maxBytes: num(error.maxBytes, d.maxBytes),
      maxCount: num(error.maxCount, d.maxCount),
      maxTotalBytes: num(error.maxTotalBytes, d.maxTotalBytes),
      kinds: d.kinds
    }, locale)
  }
  if (isTagged(error, "@ecasilla/core/cau/TicketStoreError")) {
    const reason = String(error.reason)
    if (locale === "en") return storeEn[reason] ?? storeEn.unavailable
    return error instanceof Error ? error.message : "No se pudo acceder al almacenamiento de tickets."
  }
  return undefined
}
