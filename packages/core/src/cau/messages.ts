import { errorMessage, type FieldIssue, fieldIssueMessage, formatMessage, type MessageCatalogue, type MessageParams, registerMessages } from "../i18n/messages.js"
import type { Locale } from "../i18n/locale.js"
import type { TicketReason } from "./errors.js"
import type { TicketAction } from "./lifecycle.js"
import type { SurveyLevel, TicketState, TicketTipo } from "./model.js"

/*
 * The CAU message catalogue: every error and field issue of the domain by code, es-PE and
 * en. Registered in `@ecasilla/core/i18n` when this module loads; a deployment calls
 * `registerMessages("cau", locale, { … })` to reword any of them.
 */

export type { TicketReason } from "./errors.js"

/**
 * Labels of the tipos: Incidencia (something is broken), Petición (a request).
 *
 * @since 0.2.0
 * @category i18n
 */
export const ticketTipoLabels: Record<Locale, Record<TicketTipo, string>> = {
  "es-PE": { Incidencia: "Incidencia", "Petición": "Petición" },
  en: { Incidencia: "Incidence", "Petición": "Request" }
}

/**
 * Labels of the ticket states.
 *
 * @since 0.2.0
 * @category i18n
 */
export const ticketStateLabels: Record<Locale, Record<TicketState, string>> = {
  "es-PE": { Registrada: "Registrada", "Asignada-Pendiente": "Asignada-Pendiente", Resuelta: "Resuelta", Cerrada: "Cerrada" },
  en: { Registrada: "Registered", "Asignada-Pendiente": "Assigned (pending)", Resuelta: "Resolved", Cerrada: "Closed" }
}

const num = (v: unknown, fallback: number): number => (typeof v === "number" && Number.isFinite(v) ? v : fallback)
const mb = (n: number) => `${Math.round((n / 1048576) * 10) / 10} MB`
// Defaults of `defaultAttachmentPolicy`, for errors that crossed HTTP without their limits.
const MAX_BYTES = 10 * 1048576
const MAX_COUNT = 5
const MAX_TOTAL = 25 * 1048576

const stateOf = (p: MessageParams, locale: Locale): string | undefined =>
  typeof p.state === "string" ? ticketStateLabels[locale][p.state as TicketState] ?? p.state : undefined

const issuesOf = (p: MessageParams): ReadonlyArray<FieldIssue> =>
  Array.isArray(p.issues) ? (p.issues as ReadonlyArray<FieldIssue>).filter((i) => i && typeof i.code === "string") : []

const es: MessageCatalogue = {
  "TicketError.not-found": "El ticket no existe.",
  "TicketError.wrong-state": (p) => {
    const s = stateOf(p, "es-PE")
    return s ? `Esta acción no está permitida con el ticket en estado ${s}.` : "Esta acción no está permitida en el estado actual del ticket."
  },
  "TicketError.verdict-pending": "Primero indique si la respuesta es correcta o incorrecta.",
  "TicketError.survey-pending": "La respuesta ya fue marcada como correcta: complete la encuesta de satisfacción.",
  "TicketError.not-your-ticket": "Solo quien registró el ticket (o la persona en cuyo nombre se registró) puede hacer esto.",
  "TicketError.not-allowed": "Su perfil no permite esta acción sobre el ticket.",
  "TicketError.comment-required": "Escriba un comentario que explique por qué la respuesta es incorrecta.",
  "TicketError.answer-required": "Escriba la respuesta para el usuario.",
  "TicketError.message-required": "Escriba el mensaje para el analista.",
  "TicketError.survey-required": "Seleccione su nivel de satisfacción para cerrar el ticket.",
  "TicketError.unknown-user": "El usuario indicado no está registrado.",
  "TicketError.not-an-analyst": "La persona indicada no es analista de la Central de Atención al Usuario.",
  "TicketError.on-behalf-of-self": "«Notificar en nombre de» se usa solo para registrar a nombre de otro usuario.",
  "TicketError.unknown-category": "Seleccione una categoría del catálogo.",
  "TicketError.text-too-long": (p) =>
    typeof p.max === "number"
      ? `El texto admite como máximo ${p.max} caracteres: acórtelo o adjúntelo como archivo.`
      : "El texto es demasiado extenso: acórtelo o adjúntelo como archivo.",
  "TicketError.bad-characters": "El texto contiene caracteres de control o de dirección de escritura que no se admiten.",
  "TicketValidationError.invalid": (p, locale) => {
    const issues = issuesOf(p)
    return issues.length > 0 ? issues.map((i) => fieldIssueMessage("cau", i, locale)).join(" ") : "El ticket tiene campos no válidos."
  },
  "AttachmentError.empty": "El archivo «{name}» está vacío.",
  "AttachmentError.bad-name": "El nombre del archivo no es válido.",
  "AttachmentError.unsupported-type": "El archivo «{name}» no es de un tipo admitido (Word, PowerPoint, PDF, Excel, imagen o texto).",
  "AttachmentError.signature-mismatch": "El contenido del archivo «{name}» no corresponde a su extensión.",
  "AttachmentError.too-large": (p) => `El archivo «${String(p.name ?? "")}» supera el tamaño máximo de ${mb(num(p.maxBytes, MAX_BYTES))}.`,
  "AttachmentError.too-many": (p) => `Puede adjuntar como máximo ${num(p.maxCount, MAX_COUNT)} archivos.`,
  "AttachmentError.total-too-large": (p) => `Los archivos adjuntos superan en total ${mb(num(p.maxTotalBytes, MAX_TOTAL))}.`,
  "TicketStoreError.conflict": "El ticket fue modificado por otra persona. Vuelva a cargarlo e intente de nuevo.",
  "TicketStoreError.duplicate": "Ya existe un ticket con ese identificador o número.",
  "TicketStoreError.not-found": "El ticket no existe.",
  "TicketSync.provisional": "Sin conexión: se guardó en este equipo con el N° provisional {number} y se enviará al CAU cuando vuelva la red.",
  "TicketStoreError": "No se pudo acceder al almacenamiento de tickets.",
  "field.titulo.empty": "Ingrese el título.",
  "field.titulo.too-short": "El título debe tener al menos {min} caracteres.",
  "field.titulo.too-long": "El título admite como máximo {max} caracteres.",
  "field.titulo.bad-characters": "El título no admite caracteres de control ni de dirección de escritura.",
  "field.titulo.not-trimmed": "El título no debe empezar ni terminar con espacios.",
  "field.descripcion.empty": "Ingrese la descripción.",
  "field.descripcion.too-long": "La descripción es demasiado extensa.",
  "field.descripcion.bad-characters": "La descripción contiene caracteres de control o de dirección de escritura que no se admiten.",
  "field.tipo.unknown-tipo": "Seleccione el tipo: Incidencia o Petición.",
  "field.categoria.unknown-category": "Seleccione una categoría del catálogo.",
  "field.telefono.empty": "Ingrese un teléfono o celular de contacto.",
  "field.telefono.bad-characters": "El teléfono solo admite dígitos, espacios, guiones, paréntesis, +51 y un anexo.",
  "field.telefono.bad-length": "El número no tiene la cantidad de dígitos correcta: el celular tiene 9 dígitos y el fijo 7 (Lima) o 6 (provincias) después del código de área.",
  "field.telefono.bad-area-code": "Indique el código de área del teléfono fijo, por ejemplo (01) 207-3360, o un celular que empiece con 9.",
  "field.telefono.bad-mobile": "El celular debe tener 9 dígitos y empezar con 9.",
  "field.telefono.bad-anexo": "El anexo debe escribirse después del número fijo, por ejemplo (01) 207-3360 anexo 600.",
  "field.onBehalfOf.unknown-user": "El usuario indicado no está registrado.",
  "field.too-long": "El texto admite como máximo {max} caracteres.",
  "field.bad-characters": "El texto contiene caracteres de control o de dirección de escritura que no se admiten.",
  "field.empty": "Complete este campo."
}

const en: MessageCatalogue = {
  "TicketError.not-found": "The ticket does not exist.",
  "TicketError.wrong-state": (p) => {
    const s = stateOf(p, "en")
    return s ? `This action is not allowed while the ticket is ${s}.` : "This action is not allowed in the ticket's current state."
  },
  "TicketError.verdict-pending": "First say whether the answer is correct or incorrect.",
  "TicketError.survey-pending": "The answer was accepted: answer the satisfaction survey.",
  "TicketError.not-your-ticket": "Only who filed the ticket (or the user it was filed for) can do this.",
  "TicketError.not-allowed": "Your profile does not allow this action on the ticket.",
  "TicketError.comment-required": "Write a comment explaining why the answer is incorrect.",
  "TicketError.answer-required": "Write the answer for the user.",
  "TicketError.message-required": "Write the message for the analyst.",
  "TicketError.survey-required": "Choose your satisfaction level to close the ticket.",
  "TicketError.unknown-user": "That user is not registered.",
  "TicketError.not-an-analyst": "That person is not a help-desk analyst.",
  "TicketError.on-behalf-of-self": "\"On behalf of\" is only for filing a ticket for another user.",
  "TicketError.unknown-category": "Choose a category from the catalog.",
  "TicketError.text-too-long": (p) =>
    typeof p.max === "number"
      ? `The text takes at most ${p.max} characters: shorten it or attach it as a file.`
      : "The text is too long: shorten it or attach it as a file.",
  "TicketError.bad-characters": "The text has control or text-direction characters, which are not accepted.",
  "TicketValidationError.invalid": (p, locale) => {
    const issues = issuesOf(p)
    return issues.length > 0 ? issues.map((i) => fieldIssueMessage("cau", i, locale)).join(" ") : "The ticket has invalid fields."
  },
  "AttachmentError.empty": "The file \"{name}\" is empty.",
  "AttachmentError.bad-name": "The file name is not valid.",
  "AttachmentError.unsupported-type": "The file \"{name}\" is not an accepted type (Word, PowerPoint, PDF, Excel, image or text).",
  "AttachmentError.signature-mismatch": "The content of \"{name}\" does not match its extension.",
  "AttachmentError.too-large": (p) => `The file "${String(p.name ?? "")}" is larger than ${mb(num(p.maxBytes, MAX_BYTES))}.`,
  "AttachmentError.too-many": (p) => `At most ${num(p.maxCount, MAX_COUNT)} files can be attached.`,
  "AttachmentError.total-too-large": (p) => `The attachments add up to more than ${mb(num(p.maxTotalBytes, MAX_TOTAL))}.`,
  "TicketStoreError.conflict": "Someone else changed the ticket first. Reload it and try again.",
  "TicketStoreError.duplicate": "A ticket with that id or number already exists.",
  "TicketStoreError.not-found": "The ticket does not exist.",
  "TicketSync.provisional": "No connection: saved on this device as provisional N° {number}; it will be sent to the help desk when the network is back.",
  "TicketStoreError": "The ticket storage could not be reached.",
  "field.titulo.empty": "Enter the title.",
  "field.titulo.too-short": "The title needs at least {min} characters.",
  "field.titulo.too-long": "The title takes at most {max} characters.",
  "field.titulo.bad-characters": "The title takes no control or text-direction characters.",
  "field.titulo.not-trimmed": "The title must not start or end with spaces.",
  "field.descripcion.empty": "Enter the description.",
  "field.descripcion.too-long": "The description is too long.",
  "field.descripcion.bad-characters": "The description has control or text-direction characters, which are not accepted.",
  "field.tipo.unknown-tipo": "Choose the type: Incidence or Request.",
  "field.categoria.unknown-category": "Choose a category from the catalog.",
  "field.telefono.empty": "Enter a contact phone or mobile number.",
  "field.telefono.bad-characters": "The phone only takes digits, spaces, dashes, parentheses, +51 and an extension.",
  "field.telefono.bad-length": "Wrong number of digits: a mobile has 9, a fixed line 7 (Lima) or 6 (provinces) after the area code.",
  "field.telefono.bad-area-code": "Give the area code of the fixed line, e.g. (01) 207-3360, or a mobile starting with 9.",
  "field.telefono.bad-mobile": "A mobile number has 9 digits and starts with 9.",
  "field.telefono.bad-anexo": "Write the extension after a fixed number, e.g. (01) 207-3360 anexo 600.",
  "field.onBehalfOf.unknown-user": "That user is not registered.",
  "field.too-long": "The text takes at most {max} characters.",
  "field.bad-characters": "The text has control or text-direction characters, which are not accepted.",
  "field.empty": "Fill in this field."
}

registerMessages("cau", "es-PE", es)
registerMessages("cau", "en", en)

/**
 * The message of a CAU error (or of any registered tagged error), Spanish by default; the
 * reason itself when no catalogue has it. Importing it also registers the CAU catalogue.
 *
 * @since 0.2.0
 * @category i18n
 */
export const cauErrorMessage = <E extends { readonly reason: string }>(error: E, locale: Locale = "es-PE"): string =>
  errorMessage(error, locale) ?? error.reason

/**
 * The message to show for a failed ticket command (`TicketError`, `TicketValidationError`,
 * `AttachmentError`, `TicketStoreError`, or any other registered tagged error) in Spanish
 * (default) or English; `undefined` for anything else (a defect), so the caller shows its
 * own generic text instead of the error's internals. Works on decoded errors and on plain
 * objects with the same `_tag` (errors that crossed HTTP). A thin alias of `errorMessage`
 * of `@ecasilla/core/i18n` that also loads the CAU catalogue.
 *
 * @since 0.1.0
 * @category i18n
 */
export const ticketErrorMessage = (error: unknown, locale: Locale = "es-PE"): string | undefined => errorMessage(error, locale)

/**
 * What a provisional ticket number means, for the person who sees it (`PROV-2026-000001`,
 * given offline until the backend numbers the ticket), Spanish by default.
 *
 * @since 0.2.0
 * @category i18n
 */
export const provisionalNumberMessage = (number: string, locale: Locale = "es-PE"): string =>
  formatMessage("cau", "TicketSync.provisional", { number }, locale) ?? number

/**
 * The message of a CAU field issue (`{ field, code, params }`), Spanish by default.
 *
 * @since 0.2.0
 * @category i18n
 */
export const cauFieldMessage = (issue: FieldIssue, locale: Locale = "es-PE"): string => fieldIssueMessage("cau", issue, locale)

/**
 * The message of a ticket error reason, Spanish by default.
 *
 * @since 0.1.0
 * @category i18n
 */
export const ticketMessage = (reason: TicketReason, state?: string, locale: Locale = "es-PE"): string =>
  formatMessage("cau", `TicketError.${reason}`, state === undefined ? {} : { state }, locale) ?? reason

/**
 * Labels of the survey levels, best first.
 *
 * @since 0.1.0
 * @category i18n
 */
export const surveyLevelLabels: Record<Locale, Record<SurveyLevel, string>> = {
  "es-PE": {
    "muy-satisfecho": "Muy satisfecho",
    satisfecho: "Satisfecho",
    regular: "Ni satisfecho ni insatisfecho",
    insatisfecho: "Insatisfecho",
    "muy-insatisfecho": "Muy insatisfecho"
  },
  en: {
    "muy-satisfecho": "Very satisfied",
    satisfecho: "Satisfied",
    regular: "Neither satisfied nor dissatisfied",
    insatisfecho: "Dissatisfied",
    "muy-insatisfecho": "Very dissatisfied"
  }
}

/**
 * Labels of the actions, for buttons.
 *
 * @since 0.1.0
 * @category i18n
 */
export const ticketActionLabels: Record<Locale, Record<TicketAction, string>> = {
  "es-PE": {
    edit: "Modificar",
    assign: "Asignar analista",
    reassign: "Reasignar",
    note: "Enviar nota al analista",
    resolve: "Responder",
    incorrecta: "Respuesta incorrecta",
    correcta: "Respuesta correcta",
    survey: "Responder encuesta",
    "auto-close": "Cierre automático"
  },
  en: {
    edit: "Edit",
    assign: "Assign analyst",
    reassign: "Reassign",
    note: "Send a note to the analyst",
    resolve: "Answer",
    incorrecta: "Answer is incorrect",
    correcta: "Answer is correct",
    survey: "Answer the survey",
    "auto-close": "Automatic closure"
  }
}

/**
 * The closure comment recorded when the requester accepts the answer and answers the survey.
 *
 * @since 0.1.0
 * @category constants
 */
export const closureConforme = "Conforme"
