import type { Locale } from "@ecasilla/core/i18n"
import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from "lit"

/**
 * The labels of the rich-text toolbar, in the host's locale.
 *
 * @since 0.1.0
 * @category internal
 */
export interface RichTextLabels {
  readonly toolbar: string
  readonly bold: string
  readonly italic: string
  readonly bullets: string
  readonly numbers: string
  readonly link: string
  readonly linkPrompt: string
}

/**
 * The toolbar's labels in each locale: one place for every editor on every element.
 *
 * @since 0.1.0
 * @category internal
 */
export const richTextLabels: Readonly<Record<Locale, RichTextLabels>> = {
  "es-PE": {
    toolbar: "Formato del texto",
    bold: "Negrita",
    italic: "Cursiva",
    bullets: "Lista con viñetas",
    numbers: "Lista numerada",
    link: "Enlace",
    linkPrompt: "Dirección del enlace (https://…)"
  },
  en: {
    toolbar: "Text format",
    bold: "Bold",
    italic: "Italic",
    bullets: "Bulleted list",
    numbers: "Numbered list",
    link: "Link",
    linkPrompt: "Link address (https://…)"
  }
}

type Command = "bold" | "italic" | "insertUnorderedList" | "insertOrderedList" | "createLink"

/**
 * A small accessible rich-text editor for the descripción and the analyst's answer: a
 * `contenteditable` textbox (`role="textbox"`, `aria-multiline`) under a toolbar (one tab
 * stop, arrow keys move between buttons) for bold, italic, lists and links. Ctrl+B / Ctrl+I
 * work as in any editor. Its HTML is untrusted: the core's HtmlSanitizer cleans it when
 * the ticket is saved, and nothing is ever put back into it from a stored ticket.
 *
 * @since 0.1.0
 * @category internal
 */
export class RichTextController implements ReactiveController {
  private readonly host: ReactiveControllerHost & HTMLElement
  private readonly id: string
  private toolbarIndex = 0
  private readonly onChange: (html: string) => void

  /** `onChange` is called on every edit with the current HTML. */
  constructor(host: ReactiveControllerHost & HTMLElement, id: string, onChange: (html: string) => void = () => {}) {
    this.host = host
    this.id = id
    this.onChange = onChange
    host.addController(this)
  }

  hostConnected(): void {}

  /** The editing surface, once rendered. */
  get editor(): HTMLElement | null {
    return this.host.shadowRoot?.getElementById(this.id) ?? null
  }

  /** The HTML typed so far ("" when empty). */
  get value(): string {
    const el = this.editor
    if (!el) return ""
    return el.textContent?.trim() === "" && el.querySelector("img,li") === null ? "" : el.innerHTML
  }

  /** Empties the editor. */
  clear(): void {
    const el = this.editor
    if (el) el.replaceChildren()
  }

  private exec(command: Command): void {
    const el = this.editor
    if (!el) return
    el.focus()
    if (command === "createLink") {
      const url = prompt(this.labels?.linkPrompt ?? "URL", "https://")
      if (!url || url === "https://") return
      document.execCommand("createLink", false, url)
    } else {
      document.execCommand(command)
    }
    this.onChange(this.value)
  }

  private labels: RichTextLabels | undefined

  private readonly onToolbarKey = (e: KeyboardEvent): void => {
    const buttons = [...(e.currentTarget as HTMLElement).querySelectorAll<HTMLButtonElement>("button")]
    let i = this.toolbarIndex
    if (e.key === "ArrowRight") i = (i + 1) % buttons.length
    else if (e.key === "ArrowLeft") i = (i - 1 + buttons.length) % buttons.length
    else if (e.key === "Home") i = 0
    else if (e.key === "End") i = buttons.length - 1
    else return
    e.preventDefault()
    this.toolbarIndex = i
    this.host.requestUpdate()
    buttons[i].focus()
  }

  /** The toolbar and the textbox. */
  render(props: {
    readonly labels: RichTextLabels
    readonly labelledBy: string
    readonly describedBy: string
    readonly invalid: boolean
    readonly onBlur?: () => void
  }): TemplateResult {
    this.labels = props.labels
    const l = props.labels
    const buttons: ReadonlyArray<[Command, string, TemplateResult]> = [
      ["bold", l.bold, html`<b aria-hidden="true">B</b>`],
      ["italic", l.italic, html`<i aria-hidden="true">I</i>`],
      ["insertUnorderedList", l.bullets, html`<svg aria-hidden="true" width="16" height="16" viewBox="0 0 16 16" fill="currentColor"><rect x="6" y="2" width="9" height="2"/><rect x="6" y="7" width="9" height="2"/><rect x="6" y="12" width="9" height="2"/><circle cx="2.5" cy="3" r="1.5"/><circle cx="2.5" cy="8" r="1.5"/><circle cx="2.5" cy="13" r="1.5"/></svg>`],
      ["insertOrderedList", l.numbers, html`<svg aria-hidden="true" width="16" height="16" viewBox="0 0 16 16" fill="currentColor"><rect x="6" y="2" width="9" height="2"/><rect x="6" y="7" width="9" height="2"/><rect x="6" y="12" width="9" height="2"/><circle cx="2.5" cy="3" r="1.3"/><path d="M1.3 7h2.4v2.4H1.3zM1.3 12h2.4v2.4H1.3z"/></svg>`],
      ["createLink", l.link, html`<svg aria-hidden="true" width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round"><path d="M6.5 9.5l3-3"/><path d="M7 4.5l1.2-1.2a2.8 2.8 0 014 4L11 8.5"/><path d="M9 11.5l-1.2 1.2a2.8 2.8 0 01-4-4L5 7.5"/></svg>`]
    ]
    return html`<div class="rich-text">
      <div role="toolbar" aria-label=${l.toolbar} aria-controls=${this.id} class="toolbar" @keydown=${this.onToolbarKey}>
        ${buttons.map(([cmd, label, icon], i) => html`<button
          type="button"
          title=${label}
          aria-label=${label}
          tabindex=${i === this.toolbarIndex ? "0" : "-1"}
          @mousedown=${(e: Event) => e.preventDefault()}
          @click=${() => { this.toolbarIndex = i; this.exec(cmd) }}
        >${icon}</button>`)}
      </div>
      <div
        id=${this.id}
        class="editor"
        role="textbox"
        aria-multiline="true"
        contenteditable="true"
        tabindex="0"
        aria-labelledby=${props.labelledBy}
        aria-describedby=${props.describedBy}
        aria-invalid=${props.invalid ? "true" : "false"}
        @input=${() => this.onChange(this.value)}
        @blur=${() => props.onBlur?.()}
      ></div>
    </div>`
  }
}
