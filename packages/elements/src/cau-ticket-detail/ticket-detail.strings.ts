import type { Translations } from "../controllers/localize.js"

/**
 * The texts of `<cau-ticket-detail>` (action labels, survey levels and error messages
 * come from the core: `ticketActionLabels`, `surveyLevelLabels`, `ticketErrorMessage`).
 *
 * @since 0.1.0
 * @category i18n
 */
export const ticketDetailStrings: Translations<{
  loading: string
  working: string
  cancelEdit: string
  none: string
  signIn: string
  phases: string
  done: string
  state: string
  tipo: string
  categoria: string
  telefono: string
  requester: string
  onBehalfOf: string
  createdAt: string
  descripcion: string
  attachments: string
  download: (name: string) => string
  supportGroup: string
  analyst: string
  unassigned: string
  notes: string
  answer: string
  closure: string
  survey: string
  actions: string
  noActions: string
  history: string
  saved: (label: string) => string
  message: string
  noteAttachments: string
  drop: string
  pick: string
  remove: (name: string) => string
  verdict: string
  comment: string
  commentHint: string
  surveyLegend: string
  surveyComment: string
  answerLabel: string
  analystLabel: string
  analystList: string
  analystEmpty: string
  groupLabel: string
  created: string
  edited: string
  assigned: (analyst: string, group: string) => string
  reassigned: (analyst: string, group: string) => string
  noteAdded: string
  resolved: string
  rejected: string
  accepted: string
  surveyed: (level: string) => string
  closed: string
  closedAuto: string
}> = {
  "es-PE": {
    loading: "Cargando el ticket…",
    none: "Indique el ticket a mostrar (atributo ticket-id o number).",
    signIn: "Inicie sesión para ver el ticket.",
    phases: "Fases de la atención",
    done: "completada",
    state: "Estado",
    tipo: "Tipo",
    categoria: "Categoría",
    telefono: "Teléfono/Celular",
    requester: "Registrado por",
    onBehalfOf: "En nombre de",
    createdAt: "Fecha de registro",
    descripcion: "Descripción",
    attachments: "Adjuntos",
    download: (name) => `Descargar «${name}»`,
    supportGroup: "Grupo de soporte",
    analyst: "Analista",
    unassigned: "A la espera de ser asignada a un analista",
    notes: "Notas al analista",
    answer: "Respuesta del analista",
    closure: "Comentarios del cierre",
    survey: "Encuesta de satisfacción",
    actions: "Acciones",
    noActions: "No tiene acciones disponibles sobre este ticket en su estado actual.",
    history: "Historial",
    saved: (label) => `Listo: ${label}.`,
    message: "Mensaje para el analista",
    noteAttachments: "Archivos para el analista (opcional)",
    drop: "Arrastre archivos aquí o",
    pick: "Anexar un fichero",
    remove: (name) => `Quitar «${name}»`,
    verdict: "¿La respuesta resolvió su consulta?",
    comment: "Comentario (obligatorio si la respuesta es incorrecta)",
    commentHint: "Explique qué falta o qué no funcionó: el ticket vuelve al mismo analista.",
    surveyLegend: "¿Qué tan satisfecho está con la atención recibida?",
    surveyComment: "Comentario (opcional)",
    answerLabel: "Respuesta para el usuario",
    analystLabel: "Analista",
    analystList: "Analistas de la CAU",
    analystEmpty: "Ningún analista coincide.",
    groupLabel: "Grupo de soporte (opcional)",
    created: "Registró el ticket",
    edited: "Modificó el ticket",
    working: "Guardando…",
    cancelEdit: "Cancelar la edición",
    assigned: (a, g) => `Asignó a ${a} (${g})`,
    reassigned: (a, g) => `Reasignó a ${a} (${g})`,
    noteAdded: "Envió una nota al analista",
    resolved: "Respondió",
    rejected: "Indicó que la respuesta es incorrecta",
    accepted: "Indicó que la respuesta es correcta",
    surveyed: (level) => `Respondió la encuesta: ${level}`,
    closed: "Cerró el ticket",
    closedAuto: "Cierre automático por falta de respuesta"
  },
  en: {
    loading: "Loading the ticket…",
    none: "Say which ticket to show (ticket-id or number attribute).",
    signIn: "Sign in to see the ticket.",
    phases: "Phases of the request",
    done: "done",
    state: "State",
    tipo: "Type",
    categoria: "Category",
    telefono: "Phone/Mobile",
    requester: "Filed by",
    onBehalfOf: "On behalf of",
    createdAt: "Filed on",
    descripcion: "Description",
    attachments: "Attachments",
    download: (name) => `Download "${name}"`,
    supportGroup: "Support group",
    analyst: "Analyst",
    unassigned: "Waiting to be assigned to an analyst",
    notes: "Notes to the analyst",
    answer: "Analyst's answer",
    closure: "Closure comments",
    survey: "Satisfaction survey",
    actions: "Actions",
    noActions: "You have no actions on this ticket in its current state.",
    history: "History",
    saved: (label) => `Done: ${label}.`,
    message: "Message for the analyst",
    noteAttachments: "Files for the analyst (optional)",
    drop: "Drop files here or",
    pick: "Attach a file",
    remove: (name) => `Remove "${name}"`,
    verdict: "Did the answer solve your request?",
    comment: "Comment (required when the answer is incorrect)",
    commentHint: "Say what is missing or did not work: the ticket goes back to the same analyst.",
    surveyLegend: "How satisfied are you with the help you got?",
    surveyComment: "Comment (optional)",
    answerLabel: "Answer for the user",
    analystLabel: "Analyst",
    analystList: "Help-desk analysts",
    analystEmpty: "No analyst matches.",
    groupLabel: "Support group (optional)",
    created: "Filed the ticket",
    edited: "Edited the ticket",
    working: "Saving…",
    cancelEdit: "Cancel editing",
    assigned: (a, g) => `Assigned to ${a} (${g})`,
    reassigned: (a, g) => `Reassigned to ${a} (${g})`,
    noteAdded: "Sent the analyst a note",
    resolved: "Answered",
    rejected: "Said the answer is incorrect",
    accepted: "Said the answer is correct",
    surveyed: (level) => `Answered the survey: ${level}`,
    closed: "Closed the ticket",
    closedAuto: "Closed automatically for lack of an answer"
  }
}
