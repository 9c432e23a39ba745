// The presentational parts of <cau-ticket-form>: a text field, the saved ticket, and the
// fields only a new ticket has ("en nombre de", attachments). Plain functions of what they
// show and the callbacks they call; the element keeps the state and the rules.
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from "lit"
import { live } from "lit/directives/live.js"
import type { Actor } from "@ecasilla/core"
import { type Catalog, isProvisionalTicketNumber, provisionalNumberMessage, searchCatalog, ticketTextLimits, TicketTipo, ticketTipoLabels, type Ticket } from "@ecasilla/core/cau"
import type { LocalizeController } from "../controllers/localize.js"
import type { AttachmentDropController } from "../cau/attachment-drop.js"
import { ComboboxController } from "../cau/combobox.js"
import { formatBytes } from "../cau/user-message.js"
import type { ticketFormStrings } from "./ticket-form.strings.js"

type I18n = LocalizeController<typeof ticketFormStrings["es-PE"]>

export interface TextFieldView {
  readonly field: "titulo" | "telefono"
  readonly label: string
  readonly hint?: string | undefined
  readonly value: string
  readonly error: TemplateResult
  readonly invalid: boolean
  readonly onInput: (value: string) => void
  readonly onBlur: () => void
}

export const renderTextField = (v: TextFieldView): TemplateResult => html`<div class="field">
  <label for=${v.field}>${v.label}${v.hint ? html`<span class="hint" id=${`${v.field}-hint`}>${v.hint}</span>` : nothing}</label>
  <input
    id=${v.field}
    type=${v.field === "telefono" ? "tel" : "text"}
    autocomplete=${v.field === "telefono" ? "tel" : "off"}
    maxlength=${v.field === "titulo" ? ticketTextLimits.tituloMax : 60}
    aria-required="true"
    aria-invalid=${v.invalid ? "true" : "false"}
    aria-describedby=${[v.hint ? `${v.field}-hint` : "", `${v.field}-error`].filter(Boolean).join(" ")}
    .value=${live(v.value)}
    @input=${(e: Event) => v.onInput((e.target as HTMLInputElement).value)}
    @blur=${v.onBlur}
  />
  ${v.error}
</div>`

export const renderTicketResult = (t: I18n, ticket: Ticket, edited: boolean, again: () => void): TemplateResult =>
  html`<section class="result" part="result" aria-labelledby="result-number">
    <div class="result-head">
      <span class="result-number" id="result-number" tabindex="-1">${ticket.tipo} N° ${ticket.number}</span>
      <span>${t.term("state")}: <span class="badge">${ticket.state}</span></span>
    </div>
    ${isProvisionalTicketNumber(ticket.number) && !edited ? html`<p>${provisionalNumberMessage(ticket.number, t.locale)}</p>` : nothing}
    <dl>
      <dt>${t.term("titulo")}</dt><dd>${ticket.titulo}</dd>
      <dt>${t.term("categoria")}</dt><dd>${ticket.categoria.path.join(" › ")}</dd>
      <dt>${t.term("telefono")}</dt><dd>${ticket.telefono}</dd>
    </dl>
    <button type="button" @click=${again}>${t.term(edited ? "editAgain" : "another")}</button>
  </section>`

export interface NewTicketFieldsView {
  readonly forOther: boolean
  readonly onForOther: (on: boolean) => void
  readonly userBox: ComboboxController
  readonly onBehalfOf: string
  readonly userInvalid: boolean
  readonly userError: TemplateResult
  readonly files: AttachmentDropController
}

export const renderNewTicketFields = (t: I18n, v: NewTicketFieldsView): TemplateResult => html`
  <label class="for-other">
    <input type="checkbox" .checked=${live(v.forOther)} aria-controls="on-behalf"
      @change=${(e: Event) => v.onForOther((e.target as HTMLInputElement).checked)} />
    ${t.term("forOther")}
  </label>
  <div class="field" id="on-behalf" ?hidden=${!v.forOther}>
    ${v.forOther ? html`
      <label for="onBehalfOf" id="onBehalfOf-label">${t.term("onBehalfOf")}<span class="hint" id="onBehalfOf-hint">${t.term("onBehalfOfHint")}</span></label>
      ${v.userBox.render({
        labelledBy: "onBehalfOf-label",
        describedBy: "onBehalfOf-hint onBehalfOf-error",
        invalid: v.userInvalid,
        listLabel: t.term("onBehalfOfList"),
        empty: t.term("onBehalfOfEmpty"),
        selected: v.onBehalfOf
      })}
      ${v.userError}` : nothing}
  </div>
  ${v.files.render({
    legend: t.term("attachments"),
    drop: t.term("drop"),
    pick: t.term("pick"),
    remove: (name) => t.term("remove", name),
    size: (bytes) => formatBytes(bytes, t.locale)
  })}`

export interface TipoFieldView {
  readonly value: string
  readonly invalid: boolean
  readonly error: TemplateResult
  readonly onChoose: (tipo: TicketTipo) => void
}

export const renderTipoField = (t: I18n, v: TipoFieldView): TemplateResult => html`<fieldset aria-describedby="tipo-error">
  <legend>${t.term("tipo")}</legend>
  <div class="choices">
    ${TicketTipo.literals.map((tipo) => html`<label>
      <input type="radio" name="tipo" value=${tipo} aria-invalid=${v.invalid ? "true" : "false"}
        .checked=${live(v.value === tipo)}
        @change=${() => v.onChoose(tipo)} />
      <span>${ticketTipoLabels[t.locale][tipo]}
        <span class="hint">${t.term(tipo === "Incidencia" ? "incidenciaHint" : "peticionHint")}</span></span>
    </label>`)}
  </div>
  ${v.error}
</fieldset>`

type Host = ReactiveControllerHost & HTMLElement

/** The Categoría combobox: the catalog's leaves matching what is typed, grouped by their path. */
export const catalogCombobox = (host: Host, catalog: () => Catalog, onSelect: (value: string) => void, onLeave: () => void): ComboboxController => {
  const box: ComboboxController = new ComboboxController(host, {
    id: "categoria",
    items: () => searchCatalog(catalog(), box.text).map((leaf) => ({ value: leaf.id, label: leaf.label, group: leaf.path.slice(0, -1).join(" › ") })),
    onSelect: (item) => onSelect(item?.value ?? ""),
    onLeave
  })
  return box
}

/** The "en nombre de" combobox over the directory's answers. */
export const userCombobox = (host: Host, o: { readonly users: () => ReadonlyArray<Actor>; readonly onQuery: (text: string) => void; readonly onSelect: (value: string) => void; readonly onLeave: () => void }): ComboboxController =>
  new ComboboxController(host, {
    id: "onBehalfOf",
    items: () => o.users().map((u) => ({ value: u.id, label: u.name, hint: [u.id, u.unit].filter(Boolean).join(" · ") })),
    onQuery: o.onQuery,
    onSelect: (item) => o.onSelect(item?.value ?? ""),
    onLeave: o.onLeave
  })

/** The Categoría field: its label, the catalog combobox and its error. */
export const renderCategoriaField = (t: I18n, box: ComboboxController, v: { readonly selected: string; readonly invalid: boolean; readonly error: TemplateResult }): TemplateResult =>
  html`<div class="field">
    <label for="categoria" id="categoria-label">${t.term("categoria")}</label>
    ${box.render({
      labelledBy: "categoria-label",
      describedBy: "categoria-error",
      invalid: v.invalid,
      placeholder: t.term("categoriaPlaceholder"),
      listLabel: t.term("categoriaList"),
      empty: t.term("categoriaEmpty"),
      selected: v.selected
    })}
    ${v.error}
  </div>`
