import type { Locale } from "../i18n/locale.js"
import type { TicketAction } from "./lifecycle.js"
import type { SurveyLevel } from "./model.js"

/**
 * Every reason of a `TicketError`.
 *
 * @since 0.1.0
 * @category errors
 */
export type TicketReason =
  | "not-found"
  | "wrong-state"
  | "verdict-pending"
  | "survey-pending"
  | "not-your-ticket"
  | "not-allowed"
  | "comment-required"
  | "answer-required"
  | "message-required"
  | "survey-required"
  | "unknown-user"
  | "not-an-analyst"
  | "on-behalf-of-self"
  | "unknown-category"
  | "text-too-long"

const es: Record<TicketReason, (state?: string) => string> = {
  "not-found": () => "El ticket no existe.",
  "wrong-state": (s) => s ? `Esta acción no está permitida con el ticket en estado ${s}.` : "Esta acción no está permitida en el estado actual del ticket.",
  "verdict-pending": () => "Primero indique si la respuesta es correcta o incorrecta.",
  "survey-pending": () => "La respuesta ya fue marcada como correcta: complete la encuesta de satisfacción.",
  "not-your-ticket": () => "Solo quien registró el ticket (o la persona en cuyo nombre se registró) puede hacer esto.",
  "not-allowed": () => "Su perfil no permite esta acción sobre el ticket.",
  "comment-required": () => "Escriba un comentario que explique por qué la respuesta es incorrecta.",
  "answer-required": () => "Escriba la respuesta para el usuario.",
  "message-required": () => "Escriba el mensaje para el analista.",
  "survey-required": () => "Seleccione su nivel de satisfacción para cerrar el ticket.",
  "unknown-user": () => "El usuario indicado no está registrado.",
  "not-an-analyst": () => "La persona indicada no es analista de la Central de Atención al Usuario.",
  "on-behalf-of-self": () => "«Notificar en nombre de» se usa solo para registrar a nombre de otro usuario.",
  "unknown-category": () => "Seleccione una categoría del catálogo.",
  "text-too-long": () => "El texto es demasiado extenso: acórtelo o adjúntelo como archivo."
}

const en: Record<TicketReason, (state?: string) => string> = {
  "not-found": () => "The ticket does not exist.",
  "wrong-state": (s) => s ? `This action is not allowed while the ticket is ${s}.` : "This action is not allowed in the ticket's current state.",
  "verdict-pending": () => "First say whether the answer is correct or incorrect.",
  "survey-pending": () => "The answer was accepted: answer the satisfaction survey.",
  "not-your-ticket": () => "Only who filed the ticket (or the user it was filed for) can do this.",
  "not-allowed": () => "Your profile does not allow this action on the ticket.",
  "comment-required": () => "Write a comment explaining why the answer is incorrect.",
  "answer-required": () => "Write the answer for the user.",
  "message-required": () => "Write the message for the analyst.",
  "survey-required": () => "Choose your satisfaction level to close the ticket.",
  "unknown-user": () => "That user is not registered.",
  "not-an-analyst": () => "That person is not a help-desk analyst.",
  "on-behalf-of-self": () => "\"On behalf of\" is only for filing a ticket for another user.",
  "unknown-category": () => "Choose a category from the catalog.",
  "text-too-long": () => "The text is too long: shorten it or attach it as a file."
}

/**
 * The message of a ticket error, Spanish by default.
 *
 * @since 0.1.0
 * @category i18n
 */
export const ticketMessage = (reason: TicketReason, state?: string, locale: Locale = "es-PE"): string =>
  (locale === "en" ? en : es)[reason](state)

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
