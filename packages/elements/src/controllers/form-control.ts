import type { ReactiveController, ReactiveControllerHost } from "lit"

/**
 * What a form-associated element must have for {@link FormControlController}:
 * `static formAssociated = true`, a name, a string value, `required` and a
 * reflected `disabled`, and the form callbacks delegating to the controller
 * (`formResetCallback() { this.formControl.reset() }`,
 * `formStateRestoreCallback(s) { this.formControl.restore(s) }`,
 * `formDisabledCallback(d) { this.formControl.setFormDisabled(d) }`).
 *
 * @since 0.1.0
 * @category forms
 */
export interface FormControlHost extends ReactiveControllerHost, HTMLElement {
  name: string
  value: string
  disabled: boolean
  required: boolean
}

/**
 * The element's own validity: `undefined` when valid, else the failing flags and
 * the message to show.
 *
 * @since 0.1.0
 * @category forms
 */
export type ControlValidity = { readonly flags: ValidityStateFlags; readonly message: string } | undefined

/**
 * How the controller talks to its element.
 *
 * @since 0.1.0
 * @category forms
 */
export interface FormControlOptions<H extends FormControlHost> {
  /** Sets the value on reset (to the default) and on state restore. */
  readonly setValue: (host: H, value: string) => void
  /** The value a reset goes back to. */
  readonly defaultValue: (host: H) => string
  /** What the form submits (default: the value; `null` submits nothing). */
  readonly formValue?: (host: H) => string | null
  /** The element's own validity (required, format…), checked after each update. */
  readonly validate: (host: H) => ControlValidity
  /** The inner control the browser anchors its validation bubble to. */
  readonly anchor?: (host: H) => HTMLElement | null | undefined
}

/**
 * Form participation through `ElementInternals`, written once for every form
 * element: submits the value, keeps validity and the `:state(invalid)` /
 * `:state(user-invalid)` custom states in step after each update, resets,
 * restores state, follows a disabled `<fieldset>`, and tells when the user has
 * interacted (so errors show only then, or after a submit attempt).
 *
 * @since 0.1.0
 * @category controllers
 */
export class FormControlController<H extends FormControlHost> implements ReactiveController {
  /** The element's internals (attached by the controller). */
  readonly internals: ElementInternals
  /** Whether a disabled `<fieldset>` disables the element. */
  formDisabled = false
  /** Whether the user interacted (edited then left the control) or tried to submit. */
  userInteracted = false

  private readonly host: H
  private readonly options: FormControlOptions<H>
  private customMessage = ""

  constructor(host: H, options: FormControlOptions<H>) {
    this.host = host
    this.options = options
    this.internals = host.attachInternals()
    host.addController(this)
    // The browser fires `invalid` on the element when a submit fails validation.
    host.addEventListener("invalid", () => this.markInteracted())
  }

  /** The form the element belongs to. */
  get form(): HTMLFormElement | null {
    return this.internals.form
  }
  /** The labels pointing at the element. */
  get labels(): NodeList {
    return this.internals.labels
  }
  /** The element's validity state. */
  get validity(): ValidityState {
    return this.internals.validity
  }
  /** The message of the first failing constraint, "" when valid. */
  get validationMessage(): string {
    return this.internals.validationMessage
  }
  /** Whether the element takes part in constraint validation. */
  get willValidate(): boolean {
    return this.internals.willValidate
  }
  /** Whether the element is disabled, by itself or by a fieldset. */
  get isDisabled(): boolean {
    return this.host.disabled || this.formDisabled
  }
  /** Whether the element is invalid and the user should be told now. */
  get showError(): boolean {
    return this.userInteracted && !this.isDisabled && this.currentValidity() !== undefined
  }

  /** Checks validity; fires `invalid` when it fails. */
  checkValidity(): boolean {
    this.sync()
    return this.internals.checkValidity()
  }
  /** Checks validity and shows the browser's message when it fails. */
  reportValidity(): boolean {
    this.sync()
    return this.internals.reportValidity()
  }
  /** Sets a custom error ("" clears it), as `HTMLInputElement.setCustomValidity`. */
  setCustomValidity(message: string): void {
    this.customMessage = message
    this.sync()
    this.host.requestUpdate()
  }
  /** The user edited and left the control, or tried to submit: show errors from now on. */
  markInteracted(): void {
    if (this.userInteracted) return
    this.userInteracted = true
    this.host.requestUpdate()
  }

  /** For `formResetCallback`: back to the default value, errors hidden again. */
  reset(): void {
    this.userInteracted = false
    this.options.setValue(this.host, this.options.defaultValue(this.host))
    this.host.requestUpdate()
  }
  /** For `formStateRestoreCallback`: the value saved by the browser comes back. */
  restore(state: string | File | FormData | null): void {
    if (typeof state === "string") this.options.setValue(this.host, state)
    this.host.requestUpdate()
  }
  /** For `formDisabledCallback`. */
  setFormDisabled(disabled: boolean): void {
    this.formDisabled = disabled
    this.host.requestUpdate()
  }

  hostUpdated(): void {
    this.sync()
  }

  private currentValidity(): ControlValidity {
    if (this.customMessage !== "") return { flags: { customError: true }, message: this.customMessage }
    return this.options.validate(this.host)
  }

  private sync(): void {
    const host = this.host
    const formValue = this.options.formValue ? this.options.formValue(host) : host.value
    this.internals.setFormValue(formValue, host.value)
    const validity = this.currentValidity()
    if (validity === undefined) this.internals.setValidity({})
    else this.internals.setValidity(validity.flags, validity.message, this.options.anchor?.(host) ?? undefined)
    const invalid = validity !== undefined && !this.isDisabled
    toggleState(this.internals, "invalid", invalid)
    toggleState(this.internals, "user-invalid", invalid && this.userInteracted)
  }
}

const toggleState = (internals: ElementInternals, state: string, on: boolean): void => {
  if (on) internals.states.add(state)
  else internals.states.delete(state)
}
