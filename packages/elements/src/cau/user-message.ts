import { ticketErrorMessage } from "@ecasilla/core/cau"
import type { Locale } from "@ecasilla/core"
import { isEcasillaRunError } from "../controllers/run.js"

// The page is not set up (no provider, no layer, a layer without the CAU): say so plainly.
const setupMessage = (locale: Locale): string =>
  locale === "en"
    ? "This page has no ticket storage configured. Tell the page's administrator."
    : "Esta página no tiene configurado el almacenamiento de tickets. Avise al administrador de la página."

/**
 * What to tell the user when a ticket command failed: the core's message for its tagged
 * errors, that the page is not set up when the provider has no layer (or no CAU), else
 * a generic sentence (defects are logged to the console, never shown).
 *
 * @since 0.1.0
 * @category internal
 */
export const userMessage = (error: unknown, locale: Locale): string => {
  const message = ticketErrorMessage(error, locale)
  if (message !== undefined) return message
  if (isEcasillaRunError(error) && error.reason !== "defect" && error.reason !== "interrupted") return setupMessage(locale)
  if (!isEcasillaRunError(error)) console.error("ecasilla CAU:", error)
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
