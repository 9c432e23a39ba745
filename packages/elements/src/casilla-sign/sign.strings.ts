import type { Translations } from "../controllers/localize.js"

const es = {
  title: "Notificaciones por firmar",
  signAsActor: "Firma titular del emisor",
  noActor: "Inicie sesión como emisor para ver las notificaciones por firmar.",
  loading: "Cargando…",
  empty: "No tiene notificaciones por firmar.",
  pending: (n: number) => (n === 1 ? "1 notificación por firmar" : `${n} notificaciones por firmar`),
  receptor: "Destinatario",
  notificador: "Notificador",
  asunto: "Asunto",
  expediente: "Expediente",
  plazo: "Plazo",
  plazoDias: (n: number) => (n === 1 ? "1 día hábil" : `${n} días hábiles`),
  preparedAt: "Preparada",
  documents: "Documentos",
  size: (kb: string) => `${kb} kB`,
  sign: "Firmar",
  signOf: (numero: string) => `Firmar la cédula ${numero}`,
  signing: "Firmando…",
  signed: (numero: string) => `Firmó la cédula ${numero}. El notificador ya puede depositarla.`,
  refresh: "Actualizar",
  failed: "No se pudo completar la acción."
}

/**
 * The texts of `<casilla-sign>`, es-PE first and English complete.
 *
 * @since 0.2.0
 * @category i18n
 */
export const casillaSignStrings: Translations<typeof es> = {
  "es-PE": es,
  en: {
    title: "Notifications to sign",
    signAsActor: "The emisor's titular signature",
    noActor: "Sign in as an emisor to see the notifications to sign.",
    loading: "Loading…",
    empty: "You have no notifications to sign.",
    pending: (n: number) => (n === 1 ? "1 notification to sign" : `${n} notifications to sign`),
    receptor: "Receptor",
    notificador: "Notificador",
    asunto: "Subject",
    expediente: "File",
    plazo: "Term",
    plazoDias: (n: number) => (n === 1 ? "1 business day" : `${n} business days`),
    preparedAt: "Prepared",
    documents: "Documents",
    size: (kb: string) => `${kb} kB`,
    sign: "Sign",
    signOf: (numero: string) => `Sign cédula ${numero}`,
    signing: "Signing…",
    signed: (numero: string) => `You signed cédula ${numero}. The notificador can now deposit it.`,
    refresh: "Refresh",
    failed: "The action could not be completed."
  }
}
