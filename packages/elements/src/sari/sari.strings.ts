import type { Locale } from "@ecasilla/core"
import { isSariError, sariErrorMessage } from "@ecasilla/core/sari"
import type { Translations } from "../controllers/localize.js"

/**
 * The texts of the SARI elements (error messages come from the core's catalogue).
 *
 * @since 0.2.0
 * @category i18n
 */
export const sariStrings: Translations<{
  formHeading: string
  editHeading: (n: string) => string
  search: string
  byDni: string
  byName: string
  searchButton: string
  results: string
  noResults: string
  pick: (name: string) => string
  system: string
  rolesHeading: (name: string) => string
  role: string
  holds: string
  change: string
  yes: string
  no: string
  add: string
  remove: string
  notEligible: string
  save: string
  send: string
  busy: string
  saved: (n: string) => string
  sent: (n: string) => string
  noActor: string
  pickFirst: string
  inboxHeading: string
  mineHeading: string
  filterState: string
  allStates: string
  filterSystem: string
  allSystems: string
  searchRequests: string
  count: (shown: number, total: number) => string
  empty: string
  select: (n: string) => string
  open: (n: string, name: string) => string
  approveSelected: (n: number) => string
  bulkDone: (ok: number, failed: number) => string
  detail: (n: string) => string
  colleague: string
  dni: string
  cargo: string
  unit: string
  requester: string
  state: string
  diff: string
  before: string
  after: string
  approve: string
  reject: string
  rejectReason: string
  confirmReject: string
  withdraw: string
  decidedBy: string
  reason: string
  history: string
  close: string
  loading: string
  auditAction: (action: string) => string
}> = {
  "es-PE": {
    formHeading: "Nueva solicitud de acceso",
    editHeading: (n) => `Borrador ${n}`,
    search: "Buscar colaborador",
    byDni: "DNI",
    byName: "o apellidos y nombres",
    searchButton: "Buscar",
    results: "Colaboradores encontrados",
    noResults: "No se encontró ningún colaborador de su unidad.",
    pick: (n) => `Seleccionar a ${n}`,
    system: "Sistema",
    rolesHeading: (n) => `Roles de ${n}`,
    role: "Rol",
    holds: "Tiene ahora",
    change: "Cambio",
    yes: "Sí",
    no: "No",
    add: "Agregar",
    remove: "Quitar",
    notEligible: "no corresponde a su cargo",
    save: "Guardar",
    send: "Enviar",
    busy: "Procesando…",
    saved: (n) => `Solicitud ${n} guardada como borrador.`,
    sent: (n) => `Solicitud ${n} enviada para aprobación.`,
    noActor: "Inicie sesión para registrar solicitudes.",
    pickFirst: "Seleccione un colaborador.",
    inboxHeading: "Bandeja de solicitudes por aprobar",
    mineHeading: "Mis solicitudes",
    filterState: "Estado",
    allStates: "Todos",
    filterSystem: "Sistema",
    allSystems: "Todos",
    searchRequests: "Buscar por número, colaborador o DNI",
    count: (s, t) => `${s} de ${t} solicitudes`,
    empty: "No hay solicitudes.",
    select: (n) => `Seleccionar ${n}`,
    open: (n, name) => `Ver ${n}, ${name}`,
    approveSelected: (n) => `Aprobar seleccionadas (${n})`,
    bulkDone: (ok, failed) => `${ok} aprobada(s)${failed ? `, ${failed} con observaciones` : ""}.`,
    detail: (n) => `Solicitud ${n}`,
    colleague: "Colaborador",
    dni: "DNI",
    cargo: "Cargo",
    unit: "Unidad",
    requester: "Registrada por",
    state: "Estado",
    diff: "Cambios de roles",
    before: "Antes",
    after: "Después",
    approve: "Aprobar",
    reject: "Rechazar",
    rejectReason: "Motivo del rechazo",
    confirmReject: "Confirmar rechazo",
    withdraw: "Anular solicitud",
    decidedBy: "Atendida por",
    reason: "Motivo",
    history: "Historial",
    close: "Cerrar",
    loading: "Cargando…",
    auditAction: (a) => ({ created: "Registró", edited: "Modificó", sent: "Envió", withdrawn: "Anuló", approved: "Aprobó", rejected: "Rechazó", "role-granted": "Rol otorgado", "role-revoked": "Rol retirado" })[a] ?? a
  },
  en: {
    formHeading: "New access request",
    editHeading: (n) => `Draft ${n}`,
    search: "Find colleague",
    byDni: "DNI",
    byName: "or name",
    searchButton: "Search",
    results: "Colleagues found",
    noResults: "No colleague of your unit was found.",
    pick: (n) => `Select ${n}`,
    system: "System",
    rolesHeading: (n) => `Roles of ${n}`,
    role: "Role",
    holds: "Holds now",
    change: "Change",
    yes: "Yes",
    no: "No",
    add: "Add",
    remove: "Remove",
    notEligible: "not allowed for their post",
    save: "Save",
    send: "Send",
    busy: "Working…",
    saved: (n) => `Request ${n} saved as a draft.`,
    sent: (n) => `Request ${n} sent for approval.`,
    noActor: "Sign in to file requests.",
    pickFirst: "Select a colleague.",
    inboxHeading: "Requests awaiting approval",
    mineHeading: "My requests",
    filterState: "State",
    allStates: "All",
    filterSystem: "System",
    allSystems: "All",
    searchRequests: "Search by number, colleague or DNI",
    count: (s, t) => `${s} of ${t} requests`,
    empty: "No requests.",
    select: (n) => `Select ${n}`,
    open: (n, name) => `Open ${n}, ${name}`,
    approveSelected: (n) => `Approve selected (${n})`,
    bulkDone: (ok, failed) => `${ok} approved${failed ? `, ${failed} with problems` : ""}.`,
    detail: (n) => `Request ${n}`,
    colleague: "Colleague",
    dni: "DNI",
    cargo: "Post",
    unit: "Unit",
    requester: "Filed by",
    state: "State",
    diff: "Role changes",
    before: "Before",
    after: "After",
    approve: "Approve",
    reject: "Reject",
    rejectReason: "Reason for rejecting",
    confirmReject: "Confirm rejection",
    withdraw: "Withdraw request",
    decidedBy: "Decided by",
    reason: "Reason",
    history: "History",
    close: "Close",
    loading: "Loading…",
    auditAction: (a) => ({ created: "Filed", edited: "Edited", sent: "Sent", withdrawn: "Withdrew", approved: "Approved", rejected: "Rejected", "role-granted": "Role granted", "role-revoked": "Role revoked" })[a] ?? a
  }
}

/**
 * A failure as the user reads it: the core's catalogue for SARI errors, a generic sentence
 * (and a console entry) for anything else.
 *
 * @since 0.2.0
 * @category internal
 */
export const sariUserMessage = (error: unknown, locale: Locale): string => {
  if (isSariError(error)) return sariErrorMessage(error, locale)
  console.error("ecasilla SARI:", error)
  return locale === "en" ? "The action could not be completed. Try again in a moment." : "No se pudo completar la acción. Intente nuevamente en unos momentos."
}
