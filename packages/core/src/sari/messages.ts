import type { Locale } from "../i18n/locale.js"
import { errorMessage, type MessageCatalogue, type MessageParams, registerMessages } from "../i18n/messages.js"
import type { AccessSystem } from "../roles/assignments.js"
import { cargoName, roleName } from "../roles/profiles.js"
import type { SariError, SariReason, SariStoreError, SariStoreReason } from "./errors.js"
import { maxRejectionReasonLength } from "./rules.js"
import type { SariState } from "./model.js"

type Params = Partial<Pick<SariError, "role" | "cargo" | "system" | "state" | "openNumber">>

/**
 * The texts of one locale for every SARI error code, as functions of the error's params.
 *
 * @since 0.2.0
 * @category i18n
 */
export type SariCatalogue = {
  readonly [R in SariReason | `store.${SariStoreReason}`]: (params: Params, locale: Locale) => string
}

const systemNames: Record<Locale, Record<AccessSystem, string>> = {
  "es-PE": { casilla: "Casilla Electrónica", cau: "Central de Atención al Usuario (CAU)" },
  en: { casilla: "Electronic mailbox (casilla)", cau: "Help desk (CAU)" }
}

const stateNames: Record<Locale, Record<SariState, string>> = {
  "es-PE": { Borrador: "Borrador", Enviada: "Enviada", Aprobada: "Aprobada", Rechazada: "Rechazada", Anulada: "Anulada" },
  en: { Borrador: "Draft", Enviada: "Sent", Aprobada: "Approved", Rechazada: "Rejected", Anulada: "Withdrawn" }
}

/**
 * The name of an access system as users read it.
 *
 * @since 0.2.0
 * @category i18n
 */
export const accessSystemName = (system: AccessSystem, locale: Locale = "es-PE"): string => systemNames[locale][system]

/**
 * The name of a request state as users read it (Spanish states are terms of art).
 *
 * @since 0.2.0
 * @category i18n
 */
export const sariStateName = (state: SariState, locale: Locale = "es-PE"): string => stateNames[locale][state]

const role = (p: Params, l: Locale) => (p.role ? (l === "en" ? `"${roleName(p.role, l)}"` : `«${roleName(p.role, l)}»`) : "")

/**
 * The Spanish (Peru) catalogue.
 *
 * @since 0.2.0
 * @category i18n
 */
export const sariMessagesEs: SariCatalogue = {
  "not-found": () => "La solicitud no existe o no tiene acceso a ella.",
  "not-allowed": () => "Su perfil no permite esta acción en SARI.",
  "other-unit": () => "La solicitud pertenece a otra unidad: solo puede atenderla el aprobador de esa unidad.",
  "own-request": () => "No puede aprobar ni rechazar una solicitud que usted registró o que trata sobre sus propios roles.",
  "wrong-state": (p, l) => p.state ? `Esta acción no está permitida con la solicitud en estado ${sariStateName(p.state as SariState, l)}.` : "Esta acción no está permitida en el estado actual de la solicitud.",
  "reason-required": () => "Indique el motivo del rechazo.",
  "text-too-long": () => `El motivo es demasiado extenso (máximo ${maxRejectionReasonLength} caracteres).`,
  "unknown-collaborator": () => "El colaborador no está registrado.",
  "collaborator-other-unit": () => "El colaborador pertenece a otra unidad: la solicitud debe registrarla el operador de su unidad.",
  "no-changes": () => "Marque al menos un rol para agregar o quitar.",
  "duplicate-change": (p, l) => `El rol ${role(p, l)} figura más de una vez.`,
  "role-not-in-system": (p, l) => `El rol ${role(p, l)} no corresponde al sistema ${p.system ? accessSystemName(p.system, l) : ""}.`.replace(" .", "."),
  "already-held": (p, l) => `El colaborador ya tiene el rol ${role(p, l)}.`,
  "not-held": (p, l) => `El colaborador no tiene el rol ${role(p, l)}: no se puede quitar.`,
  "cargo-not-eligible": (p, l) => `El cargo ${p.cargo ? `«${cargoName(p.cargo, l)}»` : ""} no puede tener el rol ${role(p, l)}.`,
  "open-request-exists": (p) => `El colaborador ya tiene una solicitud abierta para este sistema${p.openNumber ? ` (${p.openNumber})` : ""}. Complétela o anúlela primero.`,
  "store.conflict": () => "La solicitud fue modificada por otra persona. Vuelva a cargarla e intente de nuevo.",
  "store.duplicate": () => "Ya existe una solicitud con ese identificador.",
  "store.not-found": () => "La solicitud no existe.",
  "store.open-request-exists": () => "El colaborador ya tiene una solicitud abierta para este sistema.",
  "store.assignment-conflict": () => "Los roles del colaborador cambiaron mientras tanto; no se aplicó ningún cambio. Revise la solicitud.",
  "store.audit-immutable": () => "El registro de auditoría no se puede modificar.",
  "store.unavailable": () => "No se pudo acceder al almacenamiento de solicitudes SARI."
}

/**
 * The English catalogue.
 *
 * @since 0.2.0
 * @category i18n
 */
export const sariMessagesEn: SariCatalogue = {
  "not-found": () => "The request does not exist or you have no access to it.",
  "not-allowed": () => "Your profile does not allow this action in SARI.",
  "other-unit": () => "The request belongs to another unit: only that unit's approver can decide it.",
  "own-request": () => "You cannot approve or reject a request you filed or one about your own roles.",
  "wrong-state": (p, l) => p.state ? `This action is not allowed while the request is ${sariStateName(p.state as SariState, l)}.` : "This action is not allowed in the request's current state.",
  "reason-required": () => "Give the reason for the rejection.",
  "text-too-long": () => `The reason is too long (at most ${maxRejectionReasonLength} characters).`,
  "unknown-collaborator": () => "That colleague is not registered.",
  "collaborator-other-unit": () => "That colleague belongs to another unit: their unit's operator must file the request.",
  "no-changes": () => "Mark at least one role to add or remove.",
  "duplicate-change": (p, l) => `The role ${role(p, l)} appears more than once.`,
  "role-not-in-system": (p, l) => `The role ${role(p, l)} does not belong to ${p.system ? accessSystemName(p.system, l) : "this system"}.`,
  "already-held": (p, l) => `The colleague already holds the role ${role(p, l)}.`,
  "not-held": (p, l) => `The colleague does not hold the role ${role(p, l)}, so it cannot be removed.`,
  "cargo-not-eligible": (p, l) => `The post ${p.cargo ? `"${cargoName(p.cargo, l)}"` : ""} cannot hold the role ${role(p, l)}.`,
  "open-request-exists": (p) => `The colleague already has an open request for this system${p.openNumber ? ` (${p.openNumber})` : ""}. Finish or withdraw it first.`,
  "store.conflict": () => "Someone else changed the request. Reload it and try again.",
  "store.duplicate": () => "A request with that id already exists.",
  "store.not-found": () => "The request does not exist.",
  "store.open-request-exists": () => "The colleague already has an open request for this system.",
  "store.assignment-conflict": () => "The colleague's roles changed meanwhile; nothing was applied. Review the request.",
  "store.audit-immutable": () => "The audit trail cannot be changed.",
  "store.unavailable": () => "The SARI request storage could not be reached."
}

// The registry's codes: `SariError.<reason>` and `SariStoreError.<reason>` of domain "sari".
const toRegistry = (c: SariCatalogue): MessageCatalogue =>
  Object.fromEntries(
    Object.entries(c).map(([code, render]) => [
      code.startsWith("store.") ? `SariStoreError.${code.slice(6)}` : `SariError.${code}`,
      (params: MessageParams, locale: Locale) => render(params as Params, locale)
    ])
  )

registerMessages("sari", "es-PE", toRegistry(sariMessagesEs))
registerMessages("sari", "en", toRegistry(sariMessagesEn))

/**
 * Renders a SARI error in `locale` (es-PE by default) through the `@ecasilla/core/i18n`
 * registry, so a deployment's `registerMessages("sari", …)` rewording applies. Importing
 * it registers the SARI catalogue.
 *
 * @since 0.2.0
 * @category i18n
 */
export const sariErrorMessage = (error: SariError | SariStoreError, locale: Locale = "es-PE"): string =>
  errorMessage(error, locale) ?? error.reason
