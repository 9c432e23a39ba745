import { html, nothing, type TemplateResult } from "lit"
import { htmlToPlainText } from "@ecasilla/core/ports"
import { surveyLevelLabels, type Ticket, type TicketEvent } from "@ecasilla/core/cau"
import type { LocalizeController } from "../controllers/localize.js"
import type { ticketDetailStrings } from "./ticket-detail.strings.js"

type Strings = typeof ticketDetailStrings["es-PE"]

/** A ticket instant for people, in Lima's time zone. */
export const formatInstant = (i18n: LocalizeController<Strings>, iso: string): string =>
  i18n.date(new Date(iso), { dateStyle: "medium", timeStyle: "short", timeZone: "America/Lima" })

const describe = (i18n: LocalizeController<Strings>, event: TicketEvent, ticket: Ticket): { title: string; text?: string } => {
  switch (event._tag) {
    case "TicketCreated":
      return { title: i18n.term("created") }
    case "TicketEdited":
      return { title: i18n.term("edited") }
    case "TicketAssigned":
      return { title: i18n.term(event.reassigned ? "reassigned" : "assigned", event.analyst.name, event.supportGroup) }
    case "TicketNoteAdded":
      return { title: i18n.term("noteAdded"), text: ticket.notes.find((n) => n.id === event.noteId)?.message }
    case "TicketResolved":
      // The answer is sanitized HTML; the history shows its text only.
      return { title: i18n.term("resolved"), text: htmlToPlainText(event.answer) }
    case "TicketResolutionRejected":
      return { title: i18n.term("rejected"), text: event.comment }
    case "TicketResolutionAccepted":
      return { title: i18n.term("accepted") }
    case "TicketSurveyAnswered":
      return { title: i18n.term("surveyed", surveyLevelLabels[i18n.locale][event.level]), text: event.comment }
    case "TicketClosed":
      return { title: i18n.term(event.automatic ? "closedAuto" : "closed"), text: event.comment }
  }
}

/**
 * The history of a ticket, oldest first: who did what and when, with the comments and
 * notes as plain text.
 *
 * @since 0.1.0
 * @category internal
 */
export const renderHistory = (i18n: LocalizeController<Strings>, ticket: Ticket): TemplateResult => html`
  <section class="history" aria-labelledby="history-heading">
    <h3 id="history-heading">${i18n.term("history")}</h3>
    <ol class="timeline">
      ${ticket.history.map((event) => {
        const { title, text } = describe(i18n, event, ticket)
        return html`<li>
          <time datetime=${event.at}>${formatInstant(i18n, event.at)}</time>
          <span class="who">${event.by.name}</span>
          <span class="what">${title}</span>
          ${text ? html`<p class="said">${text}</p>` : nothing}
        </li>`
      })}
    </ol>
  </section>`
