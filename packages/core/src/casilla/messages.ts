import type { Locale } from "../i18n/locale.js"
import { errorMessage, registerMessages } from "../i18n/messages.js"
import { NEW_PASSWORD_LENGTH } from "./auth.js"
import type { CasillaReason } from "./errors.js"

type Params = { readonly [k: string]: unknown }
type Catalogue = Record<string, (p: Params) => string>

const s = (v: unknown): string => (typeof v === "string" ? v : "")

const verdictEs: Record<string, string> = { invalid: "no válida", indeterminate: "indeterminada (sin cadena de confianza)", unsigned: "sin firma" }
const verdictEn: Record<string, string> = { invalid: "invalid", indeterminate: "indeterminate (no trusted chain)", unsigned: "unsigned" }

const es: Record<CasillaReason, (p: Params) => string> = {
  "not-found": () => "La notificación no existe.",
  "not-allowed": () => "Su perfil no permite esta acción.",
  "wrong-state": (p) => (p.state ? `Esta acción no está permitida con la notificación en estado ${s(p.state)}.` : "Esta acción no está permitida en el estado actual."),
  "casilla-not-found": () => "La casilla no existe.",
  "casilla-inactive": () => "La casilla del destinatario no está activa: no se puede depositar.",
  "casilla-exists": () => "Ya existe una casilla para ese DNI o RUC.",
  "not-entity-casilla": () => "El cambio de titular solo corresponde a casillas de entidad (RUC).",
  "invalid-login-id": (p) => `El número de documento no es válido${p.detail ? ` (${s(p.detail)})` : ""}.`,
  "invalid-field": (p) => `Hay campos no válidos${p.detail ? `: ${s(p.detail)}` : ""}.`,
  "too-many-documents": (p) => `Se admiten como máximo ${s(p.detail)} documentos por notificación.`,
  "document-too-large": (p) => `«${s(p.documentName)}» supera el tamaño máximo${p.detail ? ` (${s(p.detail)})` : ""}.`,
  "no-documents": () => "Adjunte al menos un documento PDF.",
  "not-a-pdf": (p) => `«${s(p.documentName)}» no es un PDF.`,
  "document-not-valid": (p) =>
    `No se puede depositar: la firma de «${s(p.documentName)}» es ${verdictEs[s(p.verdict)] ?? s(p.verdict)}${p.detail ? `. ${s(p.detail)}` : "."}`,
  "verifier-unavailable": () => "No se pudo verificar la firma de los documentos. Intente de nuevo."
}

const en: Record<CasillaReason, (p: Params) => string> = {
  "not-found": () => "The notification does not exist.",
  "not-allowed": () => "Your profile does not allow this action.",
  "wrong-state": (p) => (p.state ? `This action is not allowed while the notification is ${s(p.state)}.` : "This action is not allowed in the current state."),
  "casilla-not-found": () => "The casilla does not exist.",
  "casilla-inactive": () => "The receptor's casilla is not active: nothing can be deposited.",
  "casilla-exists": () => "A casilla for that DNI or RUC already exists.",
  "not-entity-casilla": () => "A change of titular applies only to entity casillas (RUC).",
  "invalid-login-id": (p) => `The document number is not valid${p.detail ? ` (${s(p.detail)})` : ""}.`,
  "invalid-field": (p) => `Some fields are not valid${p.detail ? `: ${s(p.detail)}` : ""}.`,
  "too-many-documents": (p) => `At most ${s(p.detail)} documents per notification.`,
  "document-too-large": (p) => `"${s(p.documentName)}" is over the size limit${p.detail ? ` (${s(p.detail)})` : ""}.`,
  "no-documents": () => "Attach at least one PDF document.",
  "not-a-pdf": (p) => `"${s(p.documentName)}" is not a PDF.`,
  "document-not-valid": (p) =>
    `Cannot deposit: the signature of "${s(p.documentName)}" is ${verdictEn[s(p.verdict)] ?? s(p.verdict)}${p.detail ? `. ${s(p.detail)}` : "."}`,
  "verifier-unavailable": () => "The documents' signatures could not be verified. Try again."
}

const storeEs: Catalogue = {
  conflict: () => "Otra persona modificó la notificación primero. Vuelva a cargarla e intente de nuevo.",
  duplicate: () => "Ya existe un registro con ese identificador.",
  unavailable: () => "No se pudo acceder al almacenamiento de la casilla."
}
const storeEn: Catalogue = {
  conflict: () => "Someone else changed the notification first. Reload it and try again.",
  duplicate: () => "A record with that id already exists.",
  unavailable: () => "The casilla storage could not be reached."
}
const authEs: Catalogue = {
  "invalid-credentials": () => "Usuario o contraseña incorrectos.",
  "captcha-failed": () => "El código de seguridad no coincide.",
  "invalid-identity": () => "El número de documento no es válido.",
  unavailable: () => "El servicio de acceso no responde. Intente más tarde.",
  "rate-limited": () => "Demasiados intentos: espere unos minutos y vuelva a intentarlo.",
  "weak-password": () => `La contraseña debe tener de ${NEW_PASSWORD_LENGTH.min} a ${NEW_PASSWORD_LENGTH.max} caracteres.`,
  "invalid-reset-link": () => "El enlace para restablecer la contraseña no es válido o ya venció. Pida uno nuevo."
}
const authEn: Catalogue = {
  "invalid-credentials": () => "Wrong user or password.",
  "captcha-failed": () => "The security code does not match.",
  "invalid-identity": () => "The document number is not valid.",
  unavailable: () => "The sign-in service is not answering. Try again later.",
  "rate-limited": () => "Too many attempts: wait a few minutes and try again.",
  "weak-password": () => `The password must have ${NEW_PASSWORD_LENGTH.min} to ${NEW_PASSWORD_LENGTH.max} characters.`,
  "invalid-reset-link": () => "The password reset link is not valid or has expired. Ask for a new one."
}

const flat = (name: string, c: Catalogue): Catalogue => Object.fromEntries(Object.entries(c).map(([k, v]) => [`${name}.${k}`, v]))

/**
 * The casilla message catalogue per locale (es-PE first, English complete), keyed
 * `<ErrorName>.<reason>` as `@ecasilla/core/i18n` registers domains; deployments may
 * override entries.
 *
 * @since 0.2.0
 * @category i18n
 */
export const casillaMessages: Record<Locale, Catalogue> = {
  "es-PE": { ...flat("CasillaError", es), ...flat("CasillaStoreError", storeEs), ...flat("AuthError", authEs) },
  en: { ...flat("CasillaError", en), ...flat("CasillaStoreError", storeEn), ...flat("AuthError", authEn) }
}

registerMessages("casilla", "es-PE", casillaMessages["es-PE"])
registerMessages("casilla", "en", casillaMessages.en)

const TAG = /^@ecasilla\/core\/casilla\/\w+$/

/**
 * The sentence for a casilla error (`CasillaError`, `CasillaStoreError`, `AuthError`), decoded
 * or plain JSON with the same `_tag`, through `errorMessage` of `@ecasilla/core/i18n` (so a
 * deployment's `registerMessages("casilla", …)` overrides apply); `undefined` for anything else
 * (a defect), so the UI shows its own generic text.
 *
 * @since 0.2.0
 * @category i18n
 */
export const casillaErrorMessage = (error: unknown, locale: Locale = "es-PE"): string | undefined => {
  const tag = typeof error === "object" && error !== null ? (error as { _tag?: unknown })._tag : undefined
  return typeof tag === "string" && TAG.test(tag) ? errorMessage(error, locale) : undefined
}
