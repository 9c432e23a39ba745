import { Effect } from "effect"
import type { DomainEvent, EventConsumer } from "../ports/domain-events.js"
import { escapeHtml } from "../ports/html-sanitizer.js"
import { type Mail, Mailer } from "../ports/mailer.js"
import { roleName } from "../roles/profiles.js"
import { decodeSariEvent, type SariEventData, sariEventTags } from "./events.js"
import { accessSystemName } from "./messages.js"

/*
 * The Spanish e-mails of SARI, written from its domain events: to the approvers when a
 * request is sent, to the requester and the colleague when it is approved, to the
 * requester when it is rejected (with the reason). Pure templates plus one consumer.
 */

const layout = (title: string, body: string): string =>
  `<!doctype html><html lang="es"><body style="font-family: Arial, sans-serif; color: #1f2937">` +
  `<h2 style="color: #7f1d1d">${escapeHtml(title)}</h2>${body}` +
  `<p style="font-size: 12px; color: #6b7280">SARI – Solicitudes de acceso y roles. Contraloría General de la República.</p></body></html>`

const changeLines = (d: SariEventData): ReadonlyArray<string> =>
  d.changes.map((c) => `${c.op === "add" ? "Agregar" : "Quitar"}: ${roleName(c.role)}`)

const summary = (d: SariEventData): ReadonlyArray<readonly [string, string]> => [
  ["Solicitud", d.number],
  ["Colaborador", d.collaborator.name],
  ["Sistema", accessSystemName(d.system)],
  ["Unidad", d.unit.name],
  ["Registrada por", d.requester.name]
]

const render = (id: string, to: ReadonlyArray<string>, subject: string, intro: string, d: SariEventData, extra: ReadonlyArray<readonly [string, string]> = []): Mail => {
  const pairs = [...summary(d), ...extra]
  const lines = changeLines(d)
  return {
    // The event's id: a redelivered event sends no second mail.
    id,
    to,
    subject,
    text: [intro, "", ...pairs.map(([k, v]) => `${k}: ${v}`), "", "Cambios de roles:", ...lines.map((l) => `- ${l}`)].join("\n"),
    html: layout(
      subject,
      `<p>${escapeHtml(intro)}</p><table cellpadding="4">${pairs.map(([k, v]) => `<tr><th align="left">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join("")}</table>` +
        `<p><strong>Cambios de roles:</strong></p><ul>${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join("")}</ul>`
    )
  }
}

const emails = (parties: ReadonlyArray<{ readonly email?: string | undefined }>): ReadonlyArray<string> =>
  [...new Set(parties.map((p) => p.email).filter((e): e is string => typeof e === "string" && e !== ""))]

/**
 * The e-mail a SARI event sends, or `undefined` when it sends none (another domain's
 * event, a withdrawal, nobody with an address).
 *
 * @since 0.2.0
 * @category mail
 */
export const sariMailFor = (event: DomainEvent): Mail | undefined => {
  const decoded = decodeSariEvent(event)
  if (decoded === undefined) return undefined
  const d = decoded.data
  switch (decoded.tag) {
    case sariEventTags.sent: {
      const to = emails(d.approvers ?? [])
      return to.length === 0 ? undefined : render(event.id, to, `[SARI] Solicitud ${d.number} pendiente de aprobación`, `${d.requester.name} envió una solicitud de acceso para su aprobación.`, d)
    }
    case sariEventTags.approved: {
      const to = emails([d.requester, d.collaborator])
      return to.length === 0
        ? undefined
        : render(event.id, to, `[SARI] Solicitud ${d.number} aprobada`, "La solicitud fue aprobada y los cambios de roles ya están vigentes.", d, [["Aprobada por", d.decidedBy?.name ?? ""]])
    }
    case sariEventTags.rejected: {
      const to = emails([d.requester])
      return to.length === 0
        ? undefined
        : render(event.id, to, `[SARI] Solicitud ${d.number} rechazada`, "La solicitud fue rechazada; no se aplicó ningún cambio de roles.", d, [
          ["Rechazada por", d.decidedBy?.name ?? ""],
          ["Motivo", d.reason ?? ""]
        ])
    }
    default:
      return undefined
  }
}

/**
 * The Mailer as a consumer of SARI events, for `relayEvents`. Ignores other events. Each
 * mail carries its event's id, so an event delivered twice (delivery is at least once)
 * sends one mail.
 *
 * @since 0.2.0
 * @category mail
 */
export const sariMailConsumer: EventConsumer<Mailer> = (event) => {
  const mail = sariMailFor(event)
  return mail === undefined ? Effect.void : Effect.flatMap(Mailer, (m) => m.send(mail))
}
