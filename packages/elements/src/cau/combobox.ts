import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from "lit"
import { live } from "lit/directives/live.js"
import { repeat } from "lit/directives/repeat.js"

/**
 * One choice of a {@link ComboboxController}: its value, its label, and optionally the
 * group it is shown under (the catalog path) and a second line.
 *
 * @since 0.1.0
 * @category internal
 */
export interface ComboboxItem {
  readonly value: string
  readonly label: string
  readonly group?: string
  readonly hint?: string
}

/**
 * How a combobox is drawn and what it tells its host.
 *
 * @since 0.1.0
 * @category internal
 */
export interface ComboboxOptions {
  /** Prefix of the ids inside the shadow root; the input gets `${id}`. */
  readonly id: string
  /** The items matching the text typed (the host filters with the core: `searchCatalog`, `Directory.searchUsers`). */
  readonly items: () => ReadonlyArray<ComboboxItem>
  /** The user typed: the host refreshes `items`. */
  readonly onQuery?: (text: string) => void
  /** The user chose an item, or cleared the choice by editing the text (`undefined`). */
  readonly onSelect: (item: ComboboxItem | undefined) => void
  /** The user left the field. */
  readonly onLeave?: () => void
}

/**
 * The ARIA 1.2 "combobox with list autocomplete" pattern, written once for the catalog
 * picker and the "en nombre de" user search: an input that filters a listbox (grouped
 * when items have a group), arrows move the active option, Enter chooses, Escape closes
 * (then clears), Tab leaves. Renders into its host's shadow root so labels and
 * `aria-describedby` work.
 *
 * @since 0.1.0
 * @category internal
 */
export class ComboboxController implements ReactiveController {
  /** The text in the input. */
  text = ""
  /** Whether the listbox is shown. */
  open = false
  /** Index of the active option in `items()`, -1 for none. */
  active = -1
  private readonly host: ReactiveControllerHost
  private readonly options: ComboboxOptions

  constructor(host: ReactiveControllerHost, options: ComboboxOptions) {
    this.host = host
    this.options = options
    host.addController(this)
  }

  hostConnected(): void {}

  /** Shows `label` in the input (after a choice, or when the host sets a value). */
  show(label: string): void {
    this.text = label
    this.open = false
    this.active = -1
    this.host.requestUpdate()
  }

  private optionId(i: number): string {
    return `${this.options.id}-opt-${i}`
  }

  private choose(item: ComboboxItem): void {
    this.show(item.label)
    this.options.onSelect(item)
  }

  private readonly onInput = (e: Event): void => {
    this.text = (e.target as HTMLInputElement).value
    this.open = true
    this.active = -1
    this.options.onSelect(undefined)
    this.options.onQuery?.(this.text)
    this.host.requestUpdate()
  }

  private readonly onKeydown = (e: KeyboardEvent): void => {
    const items = this.options.items()
    switch (e.key) {
      case "ArrowDown":
        e.preventDefault()
        if (!this.open) this.open = true
        else this.active = Math.min(items.length - 1, this.active + 1)
        if (this.active < 0 && items.length > 0) this.active = 0
        break
      case "ArrowUp":
        e.preventDefault()
        this.open = true
        this.active = this.active <= 0 ? items.length - 1 : this.active - 1
        break
      case "Enter":
        if (this.open && this.active >= 0 && items[this.active]) {
          e.preventDefault()
          this.choose(items[this.active])
        }
        break
      case "Escape":
        if (this.open) {
          e.preventDefault()
          this.open = false
          this.active = -1
        } else if (this.text !== "") {
          e.preventDefault()
          this.text = ""
          this.options.onSelect(undefined)
          this.options.onQuery?.("")
        }
        break
      default:
        return
    }
    this.host.requestUpdate()
    if (this.active >= 0) {
      const root = (this.host as unknown as HTMLElement).shadowRoot
      queueMicrotask(() => root?.getElementById(this.optionId(this.active))?.scrollIntoView({ block: "nearest" }))
    }
  }

  private readonly onBlur = (): void => {
    this.open = false
    this.active = -1
    this.host.requestUpdate()
    this.options.onLeave?.()
  }

  /** The input and its listbox. `describedBy` and `invalid` come from the host's validation. */
  render(props: {
    readonly labelledBy: string
    readonly describedBy: string
    readonly invalid: boolean
    readonly placeholder?: string
    readonly listLabel: string
    readonly empty: string
    readonly selected?: string | undefined
  }): TemplateResult {
    const { id } = this.options
    const items = this.open ? this.options.items() : []
    const groups: Array<{ name: string; entries: Array<[ComboboxItem, number]> }> = []
    items.forEach((item, i) => {
      const name = item.group ?? ""
      const last = groups[groups.length - 1]
      if (last && last.name === name) last.entries.push([item, i])
      else groups.push({ name, entries: [[item, i]] })
    })
    const option = ([item, i]: [ComboboxItem, number]) => html`<div
      role="option"
      id=${this.optionId(i)}
      class=${i === this.active ? "option active" : "option"}
      aria-selected=${item.value === props.selected ? "true" : "false"}
      @mousedown=${(e: Event) => e.preventDefault()}
      @click=${() => this.choose(item)}
    >${item.label}${item.hint ? html`<span class="hint">${item.hint}</span>` : nothing}</div>`
    return html`<div class="combobox">
      <input
        id=${id}
        type="text"
        role="combobox"
        autocomplete="off"
        aria-autocomplete="list"
        aria-expanded=${this.open ? "true" : "false"}
        aria-controls=${`${id}-list`}
        aria-labelledby=${props.labelledBy}
        aria-describedby=${props.describedBy}
        aria-invalid=${props.invalid ? "true" : "false"}
        aria-activedescendant=${this.active >= 0 ? this.optionId(this.active) : nothing}
        placeholder=${props.placeholder ?? nothing}
        .value=${live(this.text)}
        @input=${this.onInput}
        @keydown=${this.onKeydown}
        @blur=${this.onBlur}
        @click=${() => { this.open = true; this.host.requestUpdate() }}
      />
      <div role="listbox" id=${`${id}-list`} aria-label=${props.listLabel} class="listbox" ?hidden=${!this.open || items.length === 0}>
        ${repeat(groups, (g) => g.name, (g) => g.name
          ? html`<div role="group" aria-label=${g.name}><div class="group-label" aria-hidden="true">${g.name}</div>${g.entries.map(option)}</div>`
          : g.entries.map(option))}
      </div>
      ${this.open && items.length === 0 ? html`<div class="empty">${props.empty}</div>` : nothing}
    </div>`
  }
}
