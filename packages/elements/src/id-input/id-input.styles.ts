import { css } from "lit"

/** Styles of `<ecasilla-id-input>`; every colour and size is a custom property. */
export const idInputStyles = css`
  :host {
    display: block;
    font: var(--ecasilla-id-input-font, var(--ecasilla-font, inherit));
    color: var(--ecasilla-id-input-text-color, var(--ecasilla-color-text, #1f2933));
  }
  :host([hidden]) {
    display: none;
  }
  [part="form-control"] {
    display: grid;
    gap: 0.25rem;
  }
  [part="label"] {
    font-weight: 600;
  }
  [part="label"][hidden] {
    display: none;
  }
  [part="input"] {
    box-sizing: border-box;
    width: 100%;
    font: inherit;
    letter-spacing: 0.02em;
    padding: var(--ecasilla-id-input-padding, 0.5rem 0.75rem);
    color: inherit;
    background: var(--ecasilla-id-input-background, #fff);
    border: var(--ecasilla-id-input-border-width, 1px) solid
      var(--ecasilla-id-input-border-color, var(--ecasilla-color-border, #6b7280));
    border-radius: var(--ecasilla-id-input-border-radius, var(--ecasilla-radius, 0.375rem));
  }
  [part="input"]:focus-visible {
    outline: 2px solid var(--ecasilla-id-input-focus-color, var(--ecasilla-color-primary, #0b5cad));
    outline-offset: 1px;
  }
  [part="input"][aria-invalid="true"] {
    border-color: var(--ecasilla-id-input-error-color, var(--ecasilla-color-danger, #b3261e));
  }
  [part="input"]:disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
  [part="help-text"] {
    font-size: 0.875em;
    color: var(--ecasilla-id-input-help-color, #4b5563);
  }
  [part="error"] {
    font-size: 0.875em;
    color: var(--ecasilla-id-input-error-color, var(--ecasilla-color-danger, #b3261e));
  }
  /* Stays in the layout when empty: a live region that appears is not always announced. */
  [part="error"]:empty {
    margin-top: -0.25rem;
  }
`
