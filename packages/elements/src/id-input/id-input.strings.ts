import type { Translations } from "../controllers/localize.js"

/**
 * The texts of `<ecasilla-id-input>` (the validation messages themselves come
 * from the core's `identityMessage`).
 *
 * @since 0.1.0
 * @category i18n
 */
export const idInputStrings: Translations<{
  label: string
  empty: (names: string) => string
  accepts: (names: string) => string
}> = {
  "es-PE": {
    label: "Número de documento",
    empty: (names) => `Ingrese el ${names}.`,
    accepts: (names) => `Acepta ${names}.`
  },
  en: {
    label: "Identity number",
    empty: (names) => `Enter the ${names}.`,
    accepts: (names) => `Accepts ${names}.`
  }
}
