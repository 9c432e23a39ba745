/**
 * The languages every user-facing text of ecasilla comes in. Spanish (Peru)
 * is the default; English is available.
 *
 * @since 0.1.0
 * @category i18n
 */
export type Locale = "es-PE" | "en"

/**
 * @since 0.1.0
 * @category i18n
 */
export const defaultLocale: Locale = "es-PE"

/**
 * Narrows any BCP 47 tag to a supported locale: `en`, `en-US`… give `en`,
 * everything else Spanish.
 *
 * @since 0.1.0
 * @category i18n
 */
export const toLocale = (tag: string | null | undefined): Locale =>
  tag && /^en\b/i.test(tag) ? "en" : "es-PE"
