import type { Translations } from "../controllers/localize.js"

/**
 * The texts of `<cau-sync-status>` (the reasons of refused commands come from the core's
 * `ticketErrorMessage`).
 *
 * @since 0.2.0
 * @category i18n
 */
export const syncStatusStrings: Translations<{
  offline: (pending: number) => string
  syncing: (pending: number) => string
  retry: string
  refusedHeading: string
  refused: (titulo: string, number: string, reason: string) => string
  dismiss: string
  dismissLabel: (number: string) => string
  allSent: string
}> = {
  "es-PE": {
    offline: (n) =>
      n === 1
        ? "Sin conexión con el CAU. 1 cambio está guardado en este equipo y se enviará cuando vuelva la red."
        : `Sin conexión con el CAU. ${n} cambios están guardados en este equipo y se enviarán cuando vuelva la red.`,
    syncing: (n) => (n === 1 ? "Enviando 1 cambio al CAU…" : `Enviando ${n} cambios al CAU…`),
    retry: "Reintentar ahora",
    refusedHeading: "Cambios que el CAU no aceptó",
    refused: (titulo, number, reason) => `«${titulo}» (N° ${number}): ${reason}`,
    dismiss: "Entendido",
    dismissLabel: (number) => `Entendido, ticket N° ${number}`,
    allSent: "Todos los cambios se enviaron al CAU."
  },
  en: {
    offline: (n) =>
      n === 1
        ? "No connection to the help desk. 1 change is saved on this device and will be sent when the network is back."
        : `No connection to the help desk. ${n} changes are saved on this device and will be sent when the network is back.`,
    syncing: (n) => (n === 1 ? "Sending 1 change to the help desk…" : `Sending ${n} changes to the help desk…`),
    retry: "Try again now",
    refusedHeading: "Changes the help desk did not accept",
    refused: (titulo, number, reason) => `“${titulo}” (N° ${number}): ${reason}`,
    dismiss: "Got it",
    dismissLabel: (number) => `Got it, ticket N° ${number}`,
    allSent: "All changes were sent to the help desk."
  }
}
