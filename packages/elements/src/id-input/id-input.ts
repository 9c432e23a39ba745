import { html, LitElement, nothing, type PropertyValues } from "lit"
import { property, query, state } from "lit/decorators.js"
import { ifDefined } from "lit/directives/if-defined.js"
import { live } from "lit/directives/live.js"
import { checkIdentity, identityKindName, identityMessage, type IdentityCheck, type IdentityKind } from "@ecasilla/core/identity"
import { FormControlController, type ControlValidity } from "../controllers/form-control.js"
import { LocalizeController } from "../controllers/localize.js"
import { EcasillaChangeEvent, EcasillaInputEvent } from "../events/form-events.js"
import { idInputStrings } from "./id-input.strings.js"
import { idInputStyles } from "./id-input.styles.js"

const KNOWN_KINDS: ReadonlyArray<IdentityKind> = ["dni", "ruc", "ce", "user-code"]

/**
 * Reads a `kinds` attribute ("dni ruc") into the kinds it names, in order;
 * unknown words are ignored and an empty list means DNI, RUC and CE.
 *
 * @since 0.1.0
 * @category id-input
 */
export const parseKinds = (text: string | null | undefined): ReadonlyArray<IdentityKind> => {
  const kinds = (text ?? "")
    .toLowerCase()
    .split(/[\s,]+/)
    .filter((w): w is IdentityKind => (KNOWN_KINDS as ReadonlyArray<string>).includes(w))
  return kinds.length > 0 ? [...new Set(kinds)] : ["dni", "ruc", "ce"]
}

// While the user types, "too short" and "empty" are not errors yet: they show
// once the user leaves the field or tries to submit.
const SHOWN_WHILE_TYPING = new Set(["not-digits", "bad-prefix", "bad-check-digit"])

/**
 * A form field for a DNI, RUC or carné de extranjería that validates as the
 * user types with the rules of `@ecasilla/core` and explains, in Spanish (or
 * English), what is wrong. It takes part in native `<form>`s: submits its
 * normalised value under `name` (the 8 digits of a DNI, the 11 of a RUC) or the
 * raw text while invalid, blocks submission when invalid, resets, restores
 * state and follows a disabled `<fieldset>`.
 *
 * @tag ecasilla-id-input
 * @summary Form-associated input for Peruvian identity numbers (DNI, RUC, CE).
 *
 * @slot label - The label, when richer than the `label` attribute.
 * @slot help-text - Help below the field, when richer than the `help-text` attribute.
 *
 * @event {EcasillaInputEvent} input - The user edited the value (each keystroke).
 * @event {EcasillaChangeEvent} change - The user committed a changed value (left the field or pressed Enter).
 *
 * @csspart form-control - The wrapper of label, field, help and error.
 * @csspart label - The label.
 * @csspart input - The native text input.
 * @csspart help-text - The help text.
 * @csspart error - The validation message (empty when valid).
 *
 * @cssproperty --ecasilla-id-input-font - Font of the whole field (default: inherited).
 * @cssproperty --ecasilla-id-input-text-color - Text colour.
 * @cssproperty --ecasilla-id-input-background - Background of the input.
 * @cssproperty --ecasilla-id-input-border-color - Border colour of the input.
 * @cssproperty --ecasilla-id-input-border-width - Border width of the input.
 * @cssproperty --ecasilla-id-input-border-radius - Corner radius of the input.
 * @cssproperty --ecasilla-id-input-padding - Padding of the input.
 * @cssproperty --ecasilla-id-input-focus-color - Focus ring colour.
 * @cssproperty --ecasilla-id-input-error-color - Colour of the error message and invalid border.
 * @cssproperty --ecasilla-id-input-help-color - Colour of the help text.
 *
 * @cssstate invalid - The value is invalid (also before the user touched it).
 * @cssstate user-invalid - The value is invalid and the user has edited it or tried to submit.
 *
 * @since 0.1.0
 * @category id-input
 */
export class EcasillaIdInput extends LitElement {
  static override styles = idInputStyles
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true }
  /** Takes part in forms through ElementInternals. */
  static readonly formAssociated = true

  /** The name the value is submitted under. */
  @property() name = ""
  /** The kinds accepted, space separated: `dni`, `ruc`, `ce`, `user-code` (default "dni ruc ce"). */
  @property() kinds = "dni ruc ce"
  /** The initial value; a form reset goes back to it (attribute `value`). */
  @property({ attribute: "value" }) defaultValue = ""
  /** The visible label (or use the `label` slot). */
  @property() label = ""
  /** Help shown below the field (default: the kinds accepted). */
  @property({ attribute: "help-text" }) helpText = ""
  /** Placeholder of the input. */
  @property() placeholder = ""
  /** Whether a value is required. */
  @property({ type: Boolean, reflect: true }) required = false
  /** Whether the field is disabled (not submitted, not validated). */
  @property({ type: Boolean, reflect: true }) disabled = false
  /** Whether the field is read-only. */
  @property({ type: Boolean, reflect: true }) readonly = false
  /** The `autocomplete` hint of the input. */
  @property() autocomplete: string = "off"

  @state() private dirtyValue: string | undefined
  @state() private hasLabelSlot = false
  @query("input") private readonly input!: HTMLInputElement | null

  private readonly i18n = new LocalizeController(this, idInputStrings)
  private readonly formControl = new FormControlController(this, {
    setValue: (host, value) => {
      host.dirtyValue = value === host.defaultValue ? undefined : value
    },
    defaultValue: (host) => host.defaultValue,
    formValue: (host) => host.identity?.value ?? host.value,
    validate: (host) => host.ownValidity(),
    anchor: (host) => host.input
  })
  private committedValue = ""

  constructor() {
    super()
    // `value` set on the element before it was defined would hide the accessor.
    if (Object.prototype.hasOwnProperty.call(this, "value")) {
      const value = (this as { value?: string }).value
      delete (this as { value?: string }).value
      this.value = value ?? ""
    }
  }

  /** The current text of the field. Setting it fires no event. */
  get value(): string {
    return this.dirtyValue ?? this.defaultValue
  }
  set value(value: string) {
    this.dirtyValue = String(value ?? "")
  }

  /** The accepted kinds, parsed from `kinds`. */
  get kindList(): ReadonlyArray<IdentityKind> {
    return parseKinds(this.kinds)
  }

  /** The check of the current value by the core's rules. */
  get check(): IdentityCheck {
    return checkIdentity(this.value, this.kindList)
  }

  /** The kind and normalised value when the value is a valid identity, else `undefined`. */
  get identity(): { readonly kind: IdentityKind; readonly value: string } | undefined {
    const check = this.check
    return check.ok ? { kind: check.kind, value: check.value } : undefined
  }

  /** The form the field belongs to. */
  get form(): HTMLFormElement | null {
    return this.formControl.form
  }
  /** The labels pointing at the field. */
  get labels(): NodeList {
    return this.formControl.labels
  }
  /** The validity state, as native inputs have. */
  get validity(): ValidityState {
    return this.formControl.validity
  }
  /** The current validation message, "" when valid. */
  get validationMessage(): string {
    return this.formControl.validationMessage
  }
  /** Whether the field takes part in constraint validation. */
  get willValidate(): boolean {
    return this.formControl.willValidate
  }
  /** Checks validity; fires `invalid` when it fails. */
  checkValidity(): boolean {
    return this.formControl.checkValidity()
  }
  /** Checks validity and shows the message when it fails. */
  reportValidity(): boolean {
    return this.formControl.reportValidity()
  }
  /** Sets a custom error message ("" clears it). */
  setCustomValidity(message: string): void {
    this.formControl.setCustomValidity(message)
  }

  /** @internal */
  formResetCallback(): void {
    this.formControl.reset()
    this.committedValue = this.value
  }
  /** @internal */
  formStateRestoreCallback(state: string | File | FormData | null): void {
    this.formControl.restore(state)
    this.committedValue = this.value
  }
  /** @internal */
  formDisabledCallback(disabled: boolean): void {
    this.formControl.setFormDisabled(disabled)
  }

  private kindNames(): string {
    const names = this.kindList.map((k) => identityKindName(k, this.i18n.locale))
    return new Intl.ListFormat(this.i18n.locale, { type: "disjunction" }).format(names)
  }

  private ownValidity(): ControlValidity {
    if (this.value.trim() === "") {
      return this.required ? { flags: { valueMissing: true }, message: this.i18n.term("empty", this.kindNames()) } : undefined
    }
    const check = this.check
    if (check.ok) return undefined
    return { flags: { patternMismatch: true }, message: identityMessage(check.reason, check.kind, this.i18n.locale) }
  }

  private visibleError(): string {
    if (this.formControl.isDisabled) return ""
    const validity = this.ownValidity()
    if (validity === undefined) return this.validity.customError ? this.validationMessage : ""
    if (this.formControl.userInteracted) return validity.message
    const check = this.check
    return !check.ok && SHOWN_WHILE_TYPING.has(check.reason) ? validity.message : ""
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("defaultValue") && this.dirtyValue === undefined) this.committedValue = this.value
  }

  protected override render() {
    const error = this.visibleError()
    const hasLabel = this.label !== "" || this.hasLabelSlot
    const externalLabel = hasLabel ? "" : [...this.labels].map((l) => l.textContent?.trim() ?? "").join(" ").trim()
    const help = this.helpText || this.i18n.term("accepts", this.kindNames())
    const numericOnly = this.kindList.every((k) => k === "ruc")
    return html`
      <div part="form-control">
        <label part="label" for="input" ?hidden=${!hasLabel}>
          <slot name="label" @slotchange=${this.onLabelSlotChange}>${this.label}</slot>
        </label>
        <input
          part="input"
          id="input"
          type="text"
          spellcheck="false"
          autocapitalize="characters"
          inputmode=${numericOnly ? "numeric" : "text"}
          autocomplete=${ifDefined(this.autocomplete || undefined) as never}
          aria-label=${hasLabel ? nothing : externalLabel || this.i18n.term("label")}
          aria-describedby="help-text error"
          aria-invalid=${error !== "" ? "true" : "false"}
          placeholder=${this.placeholder || nothing}
          .value=${live(this.value)}
          ?required=${this.required}
          ?disabled=${this.formControl.isDisabled}
          ?readonly=${this.readonly}
          @input=${this.onInput}
          @change=${this.onNativeChange}
          @focus=${this.onFocus}
          @blur=${this.commit}
          @keydown=${this.onKeydown}
        />
        <div part="help-text" id="help-text"><slot name="help-text">${help}</slot></div>
        <div part="error" id="error" aria-live="polite">${error}</div>
      </div>
    `
  }

  private onLabelSlotChange(event: Event): void {
    const slot = event.target as HTMLSlotElement
    this.hasLabelSlot = slot.assignedNodes({ flatten: false }).length > 0
  }

  private onInput(event: Event): void {
    // The native `input` is composed and would leak out of the shadow root as a
    // plain Event: replace it with the typed one.
    event.stopPropagation()
    this.dirtyValue = (event.target as HTMLInputElement).value
    this.dispatchEvent(new EcasillaInputEvent(this.value, this.ownValidity() === undefined))
  }

  private onNativeChange(event: Event): void {
    event.stopPropagation()
  }

  private onFocus(): void {
    this.committedValue = this.value
  }

  private readonly commit = (): void => {
    if (this.value === this.committedValue) return
    this.committedValue = this.value
    this.formControl.markInteracted()
    this.dispatchEvent(new EcasillaChangeEvent(this.value, this.ownValidity() === undefined))
  }

  private onKeydown(event: KeyboardEvent): void {
    if (event.key !== "Enter" || event.isComposing) return
    this.commit()
    // Implicit submission, as a native text input inside the form would do.
    const form = this.form
    if (form !== null) {
      event.preventDefault()
      form.requestSubmit()
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "ecasilla-id-input": EcasillaIdInput
  }
}
