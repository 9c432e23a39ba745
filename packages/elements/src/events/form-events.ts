/**
 * Fired while the user edits a form element (each keystroke, paste, cut). Same
 * name as the native event, so `@input`/`oninput` listeners work; `bubbles` and
 * `composed`. Never fired when the page sets `value`.
 *
 * @since 0.1.0
 * @category events
 */
export class EcasillaInputEvent extends Event {
  /** The element's value after the edit. */
  readonly value: string
  /** Whether that value is valid. */
  readonly valid: boolean
  constructor(value: string, valid: boolean) {
    super("input", { bubbles: true, composed: true })
    this.value = value
    this.valid = valid
  }
}

/**
 * Fired when the user commits a changed value (leaves the control or presses
 * Enter). Same name as the native event; `bubbles` and `composed`. Never fired
 * when the page sets `value`.
 *
 * @since 0.1.0
 * @category events
 */
export class EcasillaChangeEvent extends Event {
  /** The committed value. */
  readonly value: string
  /** Whether that value is valid. */
  readonly valid: boolean
  constructor(value: string, valid: boolean) {
    super("change", { bubbles: true, composed: true })
    this.value = value
    this.valid = valid
  }
}
