import type { Translations } from "../controllers/localize.js"

const es = {
  title: "Preparar y depositar una notificación",
  receptor: "Destinatario",
  documentType: "Tipo de documento",
  dni: "DNI",
  ruc: "RUC",
  number: "Número de documento",
  find: "Buscar casilla",
  casillaOf: (name: string, state: string) => `Casilla de ${name} (${state})`,
  badNumber: "El número de documento no es válido.",
  cedula: "Cédula de notificación",
  numero: "Número de cédula",
  asunto: "Asunto",
  expediente: "Expediente (opcional)",
  plazo: "Plazo en días hábiles (opcional)",
  emisor: "Emisor (firma titular)",
  chooseEmisor: "Seleccione el emisor",
  documents: "Documentos (PDF firmados por el emisor)",
  verify: "Verificar firmas",
  verdict_valid: "Firma válida",
  verdict_invalid: "Firma no válida",
  verdict_indeterminate: "Firma indeterminada",
  verdict_unsigned: "Sin firma",
  prepare: "Preparar notificación",
  state: (s: string) => `Estado: ${s}`,
  waitingSignature: "A la espera de la firma titular del emisor.",
  refresh: "Actualizar",
  deposit: "Depositar en la casilla",
  deposited: (date: string) => `Depositada el ${date}. Esa es la fecha legal de notificación.`,
  constancia: "Descargar constancia de depósito",
  another: "Preparar otra notificación",
  required: "Complete los campos requeridos.",
  failed: "No se pudo completar la acción."
}

/**
 * The texts of `<casilla-deposit>`, es-PE first and English complete.
 *
 * @since 0.2.0
 * @category i18n
 */
export const casillaDepositStrings: Translations<typeof es> = {
  "es-PE": es,
  en: {
    title: "Prepare and deposit a notification",
    receptor: "Receptor",
    documentType: "Document type",
    dni: "DNI",
    ruc: "RUC",
    number: "Document number",
    find: "Find casilla",
    casillaOf: (name: string, state: string) => `Casilla of ${name} (${state})`,
    badNumber: "The document number is not valid.",
    cedula: "Notice (cédula)",
    numero: "Cédula number",
    asunto: "Subject",
    expediente: "File (optional)",
    plazo: "Term in business days (optional)",
    emisor: "Issuer (titular signature)",
    chooseEmisor: "Choose the issuer",
    documents: "Documents (PDFs signed by the issuer)",
    verify: "Verify signatures",
    verdict_valid: "Valid signature",
    verdict_invalid: "Invalid signature",
    verdict_indeterminate: "Indeterminate signature",
    verdict_unsigned: "Unsigned",
    prepare: "Prepare notification",
    state: (s: string) => `Status: ${s}`,
    waitingSignature: "Waiting for the issuer's titular signature.",
    refresh: "Refresh",
    deposit: "Deposit in the casilla",
    deposited: (date: string) => `Deposited on ${date}. That is the legal notification date.`,
    constancia: "Download the record of deposit",
    another: "Prepare another notification",
    required: "Fill in the required fields.",
    failed: "The action could not be completed."
  }
}
