import type { Locale } from "../i18n/locale.js"
import type { Constancia } from "./model.js"

const labels = {
  "es-PE": {
    title: "CONSTANCIA DE DEPÓSITO DE NOTIFICACIÓN ELECTRÓNICA",
    notification: "Notificación",
    deposited: "Fecha y hora de depósito (fecha legal de notificación)",
    receptor: "Casilla del destinatario",
    notificador: "Notificador",
    documents: "Documentos depositados (SHA-256)",
    note: "La notificación surte efecto en la fecha y hora de depósito; la lectura no la modifica."
  },
  en: {
    title: "RECORD OF DEPOSIT OF AN ELECTRONIC NOTIFICATION",
    notification: "Notification",
    deposited: "Deposit date and time (legal notification date)",
    receptor: "Receptor's casilla",
    notificador: "Notifier",
    documents: "Deposited documents (SHA-256)",
    note: "The notification takes effect at the deposit date and time; reading does not change it."
  }
} as const

/**
 * The deposit instant as Lima local time, `dd/mm/yyyy hh:mm:ss -05:00` (the form of the
 * Firma Perú stamp).
 *
 * @since 0.2.0
 * @category constancia
 */
export const formatLimaTimestamp = (iso: string): string => {
  const d = new Date(Date.parse(iso) - 5 * 3600 * 1000)
  const p = (n: number) => String(n).padStart(2, "0")
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} -05:00`
}

// pdf-lib's standard fonts speak WinAnsi: keep Spanish letters, drop what it cannot draw.
const winAnsi = (s: string): string => s.replace(/[^\x20-\x7e\u00a0-\u00ff]/g, "?")

/**
 * Renders the constancia de depósito as a PDF. pdf-lib is imported on first use, so only a
 * deposit pays for it.
 *
 * @since 0.2.0
 * @category constancia
 */
export const renderConstanciaPdf = async (c: Constancia, cedulaNumero: string, locale: Locale = "es-PE"): Promise<Uint8Array> => {
  const { PDFDocument, StandardFonts } = await import("pdf-lib")
  const l = labels[locale]
  const doc = await PDFDocument.create()
  doc.setTitle(`${l.title} ${cedulaNumero}`)
  doc.setCreationDate(new Date(c.depositedAt))
  doc.setModificationDate(new Date(c.depositedAt))
  doc.setProducer("ecasilla")
  const page = doc.addPage([595, 842])
  const regular = await doc.embedFont(StandardFonts.Helvetica)
  const bold = await doc.embedFont(StandardFonts.HelveticaBold)
  let y = 790
  const line = (text: string, size = 10, font = regular) => {
    page.drawText(winAnsi(text), { x: 50, y, size, font })
    y -= size + 8
  }
  line(l.title, 12, bold)
  y -= 6
  line(`${l.notification}: ${cedulaNumero} (${c.notificationId})`)
  line(`${l.deposited}: ${formatLimaTimestamp(c.depositedAt)} (${c.depositedAt})`)
  line(`${l.receptor}: ${c.receptor.name} - ${c.receptor.loginId}`)
  line(`${l.notificador}: ${c.notificador.name} (${c.notificador.id})`)
  y -= 6
  line(l.documents, 10, bold)
  for (const d of c.documents) {
    line(d.name, 9)
    line(`   ${d.sha256}`, 8)
  }
  y -= 6
  line(l.note, 8)
  return doc.save({ useObjectStreams: false })
}
