import { Effect, Schema } from "effect"
import type { DomainEvent, EventConsumer } from "../ports/domain-events.js"
import { escapeHtml } from "../ports/html-sanitizer.js"
import { type Mail, Mailer } from "../ports/mailer.js"
import { formatLimaTimestamp } from "./constancia.js"
import { CasillaEventTag } from "./events.js"

/*
 * The receptor's e-mail alert: when a notification is deposited in a casilla that has an
 * e-mail address, the receptor is told that it arrived, when (the legal date) and until when
 * a stated term runs. The alert is only a notice: it carries no document, and the
 * notification takes effect at its deposit whether the alert arrives or not.
 */

const DepositAlert = Schema.Struct({
  notificationId: Schema.String,
  depositedAt: Schema.String,
  alert: Schema.Struct({
    email: Schema.optional(Schema.String),
    receptorName: Schema.String,
    numero: Schema.String,
    asunto: Schema.String,
    plazoDiasHabiles: Schema.optional(Schema.Number),
    deadline: Schema.optional(Schema.String)
  })
})
const decodeDepositAlert = Schema.decodeUnknownOption(DepositAlert)

const limaDate = (ymd: string) => ymd.split("-").reverse().join("/")

/**
 * The e-mail a casilla event sends, or `undefined` when it sends none (another event, a
 * casilla without an e-mail address, an event written before alerts existed).
 *
 * @since 0.2.0
 * @category mail
 */
export const casillaMailFor = (event: DomainEvent): Mail | undefined => {
  if (event.tag !== CasillaEventTag.NotificationDeposited) return undefined
  const decoded = decodeDepositAlert(event.data)
  if (decoded._tag === "None") return undefined
  const { alert, depositedAt } = decoded.value
  const to = alert.email
  if (!to) return undefined
  const subject = `[Casilla Electrónica] Nueva notificación ${alert.numero}`
  const pairs: ReadonlyArray<readonly [string, string]> = [
    ["Cédula", alert.numero],
    ["Asunto", alert.asunto],
    ["Depositada el", `${formatLimaTimestamp(depositedAt)} (hora de Lima)`],
    ...(alert.plazoDiasHabiles !== undefined && alert.deadline !== undefined
      ? [["Plazo", `${alert.plazoDiasHabiles} días hábiles, hasta el ${limaDate(alert.deadline)}`] as const]
      : [])
  ]
  const intro = `Estimado(a) ${alert.receptorName}: la Contraloría General de la República depositó una notificación en su casilla electrónica.`
  const effect = "La notificación surte efecto desde la fecha de depósito, aunque no la abra. Ingrese a su casilla electrónica para leerla y descargar sus documentos; este correo no los adjunta."
  return {
    // The event's id: a redelivered event sends no second mail.
    id: event.id,
    to: [to],
    subject,
    text: [intro, "", ...pairs.map(([k, v]) => `${k}: ${v}`), "", effect].join("\n"),
    html: `<!doctype html><html lang="es"><body style="font-family: Arial, sans-serif; color: #1f2937">` +
      `<h2 style="color: #7f1d1d">${escapeHtml(subject)}</h2><p>${escapeHtml(intro)}</p>` +
      `<table cellpadding="4">${pairs.map(([k, v]) => `<tr><th align="left">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join("")}</table>` +
      `<p>${escapeHtml(effect)}</p>` +
      `<p style="font-size: 12px; color: #6b7280">Casilla Electrónica – Contraloría General de la República.</p></body></html>`
  }
}

/**
 * The Mailer as a consumer of the casilla's events, for `relayEvents` over the casilla's
 * outbox (`layerCasillaEventOutbox`). Each mail carries its event's id, so an event
 * delivered twice sends one mail.
 *
 * @since 0.2.0
 * @category mail
 */
export const casillaMailConsumer: EventConsumer<Mailer> = (event) => {
  const mail = casillaMailFor(event)
  return mail === undefined ? Effect.void : Effect.flatMap(Mailer, (m) => m.send(mail))
}
