import type { Translations } from "../controllers/localize.js"

/**
 * The texts of `<cau-ticket-form>` (validation messages come from the core:
 * `validateTicketField`, `attachmentMessage`, `ticketErrorMessage`; tipo labels: `ticketTipoLabels`).
 *
 * @since 0.1.0
 * @category i18n
 */
export const ticketFormStrings: Translations<{
  heading: string
  breadcrumb: string
  required: string
  titulo: string
  descripcion: string
  tipo: string
  incidenciaHint: string
  peticionHint: string
  categoria: string
  categoriaPlaceholder: string
  categoriaList: string
  categoriaEmpty: string
  telefono: string
  telefonoHint: string
  forOther: string
  onBehalfOf: string
  onBehalfOfHint: string
  onBehalfOfList: string
  onBehalfOfEmpty: string
  attachments: string
  drop: string
  pick: string
  remove: (name: string) => string
  save: string
  saving: string
  another: string
  noActor: string
  fix: (n: number) => string
  created: (tipo: string, number: string, state: string) => string
  state: string
  editHeading: (tipo: string, number: string) => string
  editIntro: string
  saveChanges: string
  edited: (number: string) => string
  editAgain: string
  loading: string
  cannotEdit: string
}> = {
  "es-PE": {
    heading: "Nueva incidencia / petición",
    breadcrumb: "Incidencia / Petición",
    required: "Todos los campos son obligatorios salvo los adjuntos y «Notificar en nombre de».",
    titulo: "Título",
    descripcion: "Descripción",
    tipo: "Tipo",
    incidenciaHint: "Algo no funciona.",
    peticionHint: "Una solicitud o una consulta.",
    categoria: "Categoría",
    categoriaPlaceholder: "Escriba para buscar en el catálogo",
    categoriaList: "Catálogo de servicios",
    categoriaEmpty: "Ninguna categoría coincide.",
    telefono: "Teléfono/Celular",
    telefonoHint: "Celular (9XXXXXXXX) o teléfono fijo con código de área, p. ej. (01) 207-3360 anexo 600.",
    forOther: "Registrar en nombre de otro usuario",
    onBehalfOf: "Notificar en nombre de",
    onBehalfOfHint: "Solo cuando se registra la incidencia / petición en nombre de otro usuario registrado.",
    onBehalfOfList: "Usuarios registrados",
    onBehalfOfEmpty: "Ningún usuario registrado coincide.",
    attachments: "Adjuntos (opcional)",
    drop: "Arrastre aquí Word, PowerPoint, PDF, Excel, imágenes o texto, o",
    pick: "Anexar un fichero",
    remove: (name) => `Quitar «${name}»`,
    save: "Guardar",
    saving: "Guardando…",
    another: "Registrar otra",
    noActor: "Inicie sesión para registrar una incidencia o petición.",
    fix: (n) => (n === 1 ? "Corrija el campo marcado." : `Corrija los ${n} campos marcados.`),
    created: (tipo, number, state) => `Se registró su ${tipo.toLowerCase()} N° ${number}. Estado: ${state}.`,
    state: "Estado",
    editHeading: (tipo, number) => `Editar ${tipo.toLowerCase()} N° ${number}`,
    editIntro: "Puede corregir los datos mientras el ticket está Registrada. Los adjuntos no cambian.",
    saveChanges: "Guardar cambios",
    edited: (number) => `Se guardaron los cambios del ticket N° ${number}.`,
    editAgain: "Seguir editando",
    loading: "Cargando el ticket…",
    cannotEdit: "Este ticket ya no se puede editar."
  },
  en: {
    heading: "New incident / request",
    breadcrumb: "Incident / Request",
    required: "Every field is required except the attachments and \"On behalf of\".",
    titulo: "Title",
    descripcion: "Description",
    tipo: "Type",
    incidenciaHint: "Something is broken.",
    peticionHint: "A request or a question.",
    categoria: "Category",
    categoriaPlaceholder: "Type to search the catalog",
    categoriaList: "Service catalog",
    categoriaEmpty: "No category matches.",
    telefono: "Phone/Mobile",
    telefonoHint: "Mobile (9XXXXXXXX) or landline with area code, e.g. (01) 207-3360 anexo 600.",
    forOther: "File on behalf of another user",
    onBehalfOf: "On behalf of",
    onBehalfOfHint: "Only when filing the ticket for another registered user.",
    onBehalfOfList: "Registered users",
    onBehalfOfEmpty: "No registered user matches.",
    attachments: "Attachments (optional)",
    drop: "Drop Word, PowerPoint, PDF, Excel, images or text here, or",
    pick: "Attach a file",
    remove: (name) => `Remove "${name}"`,
    save: "Save",
    saving: "Saving…",
    another: "File another",
    noActor: "Sign in to file an incident or request.",
    fix: (n) => (n === 1 ? "Fix the marked field." : `Fix the ${n} marked fields.`),
    created: (tipo, number, state) => `Your ${tipo.toLowerCase()} N° ${number} was filed. State: ${state}.`,
    state: "State",
    editHeading: (tipo, number) => `Edit ${tipo.toLowerCase()} N° ${number}`,
    editIntro: "You can correct the fields while the ticket is Registrada. Attachments do not change.",
    saveChanges: "Save changes",
    edited: (number) => `The changes to ticket N° ${number} were saved.`,
    editAgain: "Keep editing",
    loading: "Loading the ticket…",
    cannotEdit: "This ticket can no longer be edited."
  }
}
