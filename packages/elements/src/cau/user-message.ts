import { ticketErrorMessage } from "@ecasilla/core/cau"
import type { Locale } from "@ecasilla/core"

/**
 * What to tell the user when a ticket command failed: the core's message for its tagged
 * errors, else a generic sentence (defects are logged to the console, never shown).
 *
 * @since 0.1.0
 * @category internal
 */
export const userMessage = (error: unknown, locale: Locale): string => {
  const message = ticketErrorMessage(error, locale)
  if (message !== undefined) return message
  console.error("ecasilla CAU:", error)
  return locale === "en"
    ? "The action could not be completed. Try again in a moment."
    : "No se pudo completar la acción. Intente nuevamente en unos momentos."
}

/**
 * A byte count for people: "850 B", "12 kB", "1,2 MB".
 *
 * @since 0.1.0
 * @category internal
 */
export const formatBytes = (bytes: number, locale: Locale): string => {
  const fmt = (n: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(n)
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1048576) return `${fmt(bytes / 1024)} kB`
  return `${fmt(bytes / 1048576)} MB`
}
