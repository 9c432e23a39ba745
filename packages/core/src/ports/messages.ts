import type { Locale } from "../i18n/locale.js"
import { errorMessage, registerMessages } from "../i18n/messages.js"

// The messages of the ports' errors, domain `ports` in `@ecasilla/core/i18n`.
registerMessages("ports", "es-PE", {
  "MailerError.rejected": "El servidor de correo rechazó el mensaje.",
  "MailerError.unavailable": "El servicio de correo no está disponible.",
  // Operators read this one in logs: the detail says what failed.
  "EventOutboxError.unavailable": (p) => `No se pudo acceder a la bandeja de eventos${typeof p.detail === "string" ? `: ${p.detail}` : "."}`
})
registerMessages("ports", "en", {
  "MailerError.rejected": "The mail server rejected the message.",
  "MailerError.unavailable": "The mail service is not available.",
  "EventOutboxError.unavailable": (p) => `The event outbox is unavailable${typeof p.detail === "string" ? `: ${p.detail}` : "."}`
})

/**
 * The message of a port error (`MailerError`…), Spanish by default. Importing it registers
 * the ports catalogue.
 *
 * @since 0.2.0
 * @category i18n
 */
export const portErrorMessage = <E extends { readonly reason: string }>(error: E, locale: Locale = "es-PE"): string =>
  errorMessage(error, locale) ?? error.reason
