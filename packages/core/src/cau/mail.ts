import { Effect, Option } from "effect"
import type { EventConsumer } from "../ports/domain-events.js"
import { escapeHtml, htmlToPlainText } from "../ports/html-sanitizer.js"
import { type Mail, Mailer } from "../ports/mailer.js"
import { CauConfig } from "./config.js"
import { fromTicketDomainEvent } from "./domain-events.js"
import type { TicketEvent } from "./events.js"
import { surveyLevelLabels } from "./messages.js"
import { beneficiaryOf, type Ticket } from "./ticket.js"

/*
 * The Spanish e-mails of the CAU, written from domain events: on creation (with the
 * details), on resolution (with the link to rate the answer) and on closure. Pure
 * templates plus one consumer that sends them through the Mailer port.
 */

const recipients = (ticket: Ticket): Pick<Mail, "to" | "cc"> | undefined => {
  const to = beneficiaryOf(ticket).email
  const filer = ticket.onBehalfOf ? ticket.requester.email : undefined
  if (!to) return filer ? { to: [filer] } : undefined
  return filer && filer !== to ? { to: [to], cc: [filer] } : { to: [to] }
}

const layout = (title: string, body: string): string =>
  `<!doctype html><html lang="es"><body style="font-family: Arial, sans-serif; color: #1f2937">` +
  `<h2 style="color: #7f1d1d">${escapeHtml(title)}</h2>${body}` +
  `<p style="font-size: 12px; color: #6b7280">Central de Atención al Usuario – Contraloría General de la República. ` +
  `Si tiene inconvenientes, llame al anexo #600 desde la red de la CGR o al (01) 207-3360.</p></body></html>`

const rows = (pairs: ReadonlyArray<readonly [string, string]>): string =>
  `<table cellpadding="4">${pairs.map(([k, v]) => `<tr><th align="left">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join("")}</table>`

const details = (ticket: Ticket): ReadonlyArray<readonly [string, string]> => [
  ["Número", ticket.number],
  ["Título", ticket.titulo],
  ["Tipo", ticket.tipo],
  ["Categoría", ticket.categoria.path.join(" › ")],
  ["Estado", ticket.state],
  ["Teléfono/Celular", ticket.telefono],
  ...(ticket.onBehalfOf ? [["Registrado por", ticket.requester.name] as const] : [])
]

const safeHref = (url: string): string => (/^(https?:\/\/|\/)/i.test(url) ? url : "#")

/**
 * The e-mail an event sends, or `undefined` for events that send none (or tickets with no
 * e-mail address). To the requester: creation (with the details), resolution (with the
 * link to rate it), closure. To the analyst: the requester's notes and "incorrecta".
 * `ticketUrl` is the link to the ticket page.
 *
 * @since 0.1.0
 * @category mail
 */
export const ticketMailFor = (event: TicketEvent, ticket: Ticket, ticketUrl: string): Mail | undefined => {
  if (event._tag === "TicketNoteAdded" || event._tag === "TicketResolutionRejected") return analystMailFor(event, ticket, ticketUrl)
  const to = recipients(ticket)
  if (!to) return undefined
  const who = beneficiaryOf(ticket).name
  const link = safeHref(ticketUrl)
  switch (event._tag) {
    case "TicketCreated": {
      const subject = `[CAU] Se registró su ${ticket.tipo.toLowerCase()} N° ${ticket.number}`
      const text = [
        `Estimado(a) ${who}:`,
        "",
        `Su ${ticket.tipo.toLowerCase()} fue registrada con el número ${ticket.number} y está a la espera de ser asignada a un analista.`,
        "",
        ...details(ticket).map(([k, v]) => `${k}: ${v}`),
        "",
        "Descripción:",
        htmlToPlainText(ticket.descripcion),
        "",
        `Puede seguir su atención en: ${ticketUrl}`
      ].join("\n")
      const html = layout(subject, `<p>Estimado(a) ${escapeHtml(who)}:</p>` +
        `<p>Su ${escapeHtml(ticket.tipo.toLowerCase())} fue registrada y está a la espera de ser asignada a un analista.</p>` +
        rows(details(ticket)) + `<h3>Descripción</h3><div>${ticket.descripcion}</div>` +
        `<p><a href="${escapeHtml(link)}">Ver el ticket ${escapeHtml(ticket.number)}</a></p>`)
      return { ...to, subject, text, html }
    }
    case "TicketResolved": {
      const subject = `[CAU] Se respondió su ${ticket.tipo.toLowerCase()} N° ${ticket.number}: califique la atención`
      const text = [
        `Estimado(a) ${who}:`,
        "",
        `El analista ${event.by.name} respondió su ${ticket.tipo.toLowerCase()} N° ${ticket.number} «${ticket.titulo}»:`,
        "",
        htmlToPlainText(event.answer),
        "",
        `Indique si la respuesta es correcta o incorrecta y califique la atención en: ${ticketUrl}`
      ].join("\n")
      const html = layout(subject, `<p>Estimado(a) ${escapeHtml(who)}:</p>` +
        `<p>El analista ${escapeHtml(event.by.name)} respondió su ${escapeHtml(ticket.tipo.toLowerCase())} ` +
        `N° ${escapeHtml(ticket.number)} «${escapeHtml(ticket.titulo)}»:</p><blockquote>${event.answer}</blockquote>` +
        `<p><a href="${escapeHtml(link)}">Indique si la respuesta es correcta y califique la atención</a></p>`)
      return { ...to, subject, text, html }
    }
    case "TicketClosed": {
      const subject = `[CAU] Se cerró su ${ticket.tipo.toLowerCase()} N° ${ticket.number}`
      const level = ticket.survey ? surveyLevelLabels["es-PE"][ticket.survey.level] : undefined
      const lines = [
        `Estimado(a) ${who}:`,
        "",
        event.automatic
          ? `Su ${ticket.tipo.toLowerCase()} N° ${ticket.number} «${ticket.titulo}» se cerró automáticamente porque no se recibió respuesta a la solución en el plazo establecido.`
          : `Su ${ticket.tipo.toLowerCase()} N° ${ticket.number} «${ticket.titulo}» fue cerrada. Gracias por calificar la atención.`,
        "",
        `Comentarios del cierre: ${event.comment}`,
        ...(level ? [`Nivel de satisfacción: ${level}`] : [])
      ]
      const html = layout(subject, lines.slice(0, 3).map((l) => (l ? `<p>${escapeHtml(l)}</p>` : "")).join("") +
        rows([["Comentarios del cierre", event.comment], ...(level ? [["Nivel de satisfacción", level] as const] : [])]))
      return { ...to, subject, text: lines.join("\n"), html }
    }
    default:
      return undefined
  }
}

// The "sobre": the requester's note reaches the analyst by e-mail (training deck), and so
// does an "incorrecta" with its comment, since the ticket is back in the analyst's queue.
const analystMailFor = (
  event: Extract<TicketEvent, { _tag: "TicketNoteAdded" | "TicketResolutionRejected" }>,
  ticket: Ticket,
  ticketUrl: string
): Mail | undefined => {
  const to = ticket.analyst?.email
  if (!to) return undefined
  const link = safeHref(ticketUrl)
  const note = event._tag === "TicketNoteAdded" ? ticket.notes.find((n) => n.id === event.noteId) : undefined
  const files = event._tag === "TicketNoteAdded"
    ? ticket.attachments.filter((a) => event.attachmentIds.includes(a.id)).map((a) => a.name)
    : []
  const message = event._tag === "TicketNoteAdded" ? note?.message ?? "" : event.comment
  const subject = event._tag === "TicketNoteAdded"
    ? `[CAU] Nota del usuario en el ticket N° ${ticket.number}`
    : `[CAU] El usuario indicó que la respuesta del ticket N° ${ticket.number} es incorrecta`
  const intro = event._tag === "TicketNoteAdded"
    ? `${event.by.name} envió una nota sobre el ticket N° ${ticket.number} «${ticket.titulo}»:`
    : `${event.by.name} indicó que la respuesta del ticket N° ${ticket.number} «${ticket.titulo}» es incorrecta. El ticket vuelve a su bandeja en estado Asignada-Pendiente. Comentario:`
  const text = [
    `Estimado(a) ${ticket.analyst!.name}:`,
    "",
    intro,
    "",
    message,
    ...(files.length ? ["", `Archivos adjuntos: ${files.join(", ")}`] : []),
    "",
    `Ver el ticket: ${ticketUrl}`
  ].join("\n")
  const html = layout(subject, `<p>Estimado(a) ${escapeHtml(ticket.analyst!.name)}:</p><p>${escapeHtml(intro)}</p>` +
    `<blockquote>${escapeHtml(message).replace(/\n/g, "<br>")}</blockquote>` +
    (files.length ? `<p>Archivos adjuntos: ${files.map(escapeHtml).join(", ")}</p>` : "") +
    `<p><a href="${escapeHtml(link)}">Ver el ticket ${escapeHtml(ticket.number)}</a></p>`)
  return { to: [to], subject, text, html }
}

/**
 * The outbox consumer that sends {@link ticketMailFor}'s e-mails through the Mailer port.
 * Each mail carries the event's id as its `id`, so a redelivered event sends nothing twice
 * (the Mailer dedupes by it). Other domains' events are skipped. Wire it with
 * `EventRelay.layer([ticketMailConsumer])`.
 *
 * @since 0.1.0
 * @category mail
 */
export const ticketMailConsumer: EventConsumer<Mailer> = (event) =>
  Effect.gen(function*() {
    const data = fromTicketDomainEvent(event)
    if (Option.isNone(data)) return
    const { event: ticketEvent, ticket } = data.value
    const config = yield* CauConfig
    const mail = ticketMailFor(ticketEvent, ticket, config.ticketUrl(ticket))
    if (!mail) return
    const mailer = yield* Mailer
    yield* mailer.send({ ...mail, id: event.id })
  })
