import type { Locale } from "../i18n/locale.js"
import { errorMessage, formatMessage, type MessageCatalogue, registerMessages } from "../i18n/messages.js"
import { type IdentityKind, type IdentityReason, rucPrefixes } from "./rules.js"

const listOf = (items: ReadonlyArray<string>, or: string): string => `${items.slice(0, -1).join(", ")} ${or} ${items[items.length - 1]}`

/*
 * The identity message catalogue, registered in `@ecasilla/core/i18n` as domain
 * `identity` (codes `IdentityError.<reason>`, parameter `kind`).
 */

const kindNames: Record<Locale, Record<IdentityKind, string>> = {
  "es-PE": { dni: "DNI", ruc: "RUC", ce: "carné de extranjería", "user-code": "código de usuario" },
  en: { dni: "DNI", ruc: "RUC", ce: "foreigner's card (CE)", "user-code": "user code" }
}

const templates: Record<Locale, Record<IdentityReason, (kind: IdentityKind, name: string) => string>> = {
  "es-PE": {
    empty: (_, name) => `Ingrese el ${name}.`,
    "bad-length": (kind, name) =>
      kind === "dni"
        ? `El ${name} debe tener 8 dígitos.`
        : kind === "ruc"
          ? `El ${name} debe tener 11 dígitos.`
          : kind === "ce"
            ? `El ${name} debe tener entre 8 y 12 caracteres.`
            : `El ${name} debe tener entre 3 y 10 dígitos después de la letra.`,
    "not-digits": (kind, name) =>
      kind === "ce"
        ? `El ${name} solo admite letras y dígitos.`
        : kind === "dni"
          ? `El ${name} solo admite dígitos y, al final, un carácter de verificación (por ejemplo 10117410-2).`
          : `El ${name} solo admite dígitos.`,
    "bad-prefix": (kind, name) =>
      kind === "ruc"
        ? `El ${name} debe empezar con ${listOf(rucPrefixes, "o")}.`
        : `El ${name} debe empezar con U (personal de la CGR) o E (personal de OCI o entidad).`,
    "bad-check-digit": (kind, name) =>
      kind === "dni"
        ? `El carácter de verificación no corresponde al ${name}. Revise los dígitos.`
        : `El dígito verificador no corresponde al ${name}. Revise los dígitos.`
  },
  en: {
    empty: (_, name) => `Enter the ${name}.`,
    "bad-length": (kind, name) =>
      kind === "dni"
        ? `The ${name} must have 8 digits.`
        : kind === "ruc"
          ? `The ${name} must have 11 digits.`
          : kind === "ce"
            ? `The ${name} must have 8 to 12 characters.`
            : `The ${name} must have 3 to 10 digits after the letter.`,
    "not-digits": (kind, name) =>
      kind === "ce"
        ? `The ${name} only takes letters and digits.`
        : kind === "dni"
          ? `The ${name} only takes digits and, at the end, a check character (e.g. 10117410-2).`
          : `The ${name} only takes digits.`,
    "bad-prefix": (kind, name) =>
      kind === "ruc"
        ? `The ${name} must start with ${listOf(rucPrefixes, "or")}.`
        : `The ${name} must start with U (CGR staff) or E (OCI or entity staff).`,
    "bad-check-digit": (kind, name) =>
      kind === "dni"
        ? `The check character does not match the ${name}. Check the digits.`
        : `The check digit does not match the ${name}. Check the digits.`
  }
}

const KINDS: ReadonlyArray<IdentityKind> = ["dni", "ruc", "ce", "user-code"]
const kindOf = (p: Readonly<Record<string, unknown>>): IdentityKind =>
  KINDS.includes(p.kind as IdentityKind) ? (p.kind as IdentityKind) : "dni"

const catalogueOf = (locale: Locale): MessageCatalogue =>
  Object.fromEntries(
    (Object.keys(templates[locale]) as Array<IdentityReason>).map((reason) => [
      `IdentityError.${reason}`,
      (p: Readonly<Record<string, unknown>>) => templates[locale][reason](kindOf(p), kindNames[locale][kindOf(p)])
    ])
  )

registerMessages("identity", "es-PE", catalogueOf("es-PE"))
registerMessages("identity", "en", catalogueOf("en"))

/**
 * The message of an `IdentityError` (or any registered tagged error), Spanish by default.
 * Importing it registers the identity catalogue.
 *
 * @since 0.2.0
 * @category i18n
 */
export const identityErrorMessage = <E extends { readonly reason: string }>(error: E, locale: Locale = "es-PE"): string =>
  errorMessage(error, locale) ?? error.reason

/**
 * The name of an identity kind as users read it.
 *
 * @since 0.1.0
 * @category i18n
 */
export const identityKindName = (kind: IdentityKind, locale: Locale = "es-PE"): string => kindNames[locale][kind]

/**
 * The message for an identity failure, Spanish (es-PE) by default.
 *
 * @since 0.1.0
 * @category i18n
 */
export const identityMessage = (reason: IdentityReason, kind: IdentityKind, locale: Locale = "es-PE"): string =>
  formatMessage("identity", `IdentityError.${reason}`, { kind }, locale) ?? reason
