import { css } from "lit"

/** Styles shared by the casilla elements. */
export const casillaStyles = css`
  :host {
    display: block;
    font: var(--casilla-font, var(--ecasilla-font, inherit));
    color: var(--casilla-text-color, var(--ecasilla-color-text, #1f2933));
    --_primary: var(--casilla-primary-color, var(--ecasilla-color-primary, #0b5cad));
    --_danger: var(--casilla-error-color, var(--ecasilla-color-danger, #b3261e));
    --_border: var(--casilla-border-color, var(--ecasilla-color-border, #6b7280));
    --_radius: var(--casilla-border-radius, var(--ecasilla-radius, 0.375rem));
    --_surface: var(--casilla-surface-color, #fff);
    --_muted: #4b5563;
    --_ok: #1b6e3a;
  }
  :host([hidden]) { display: none; }
  * { box-sizing: border-box; }
  .visually-hidden {
    position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px;
    overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
  }
  .field { display: grid; gap: 0.25rem; margin-block-end: 0.75rem; }
  .field > label, legend { font-weight: 600; }
  .hint { font-size: 0.85em; color: var(--_muted); }
  .error { margin: 0.25rem 0; color: var(--_danger); }
  .error:empty { display: none; }
  .ok { color: var(--_ok); }
  input, select {
    width: 100%; font: inherit; color: inherit; padding: 0.45rem 0.6rem;
    background: var(--_surface); border: 1px solid var(--_border); border-radius: var(--_radius);
  }
  input[aria-invalid="true"] { border-color: var(--_danger); }
  :is(input, select, button, a):focus-visible { outline: 2px solid var(--_primary); outline-offset: 1px; }
  fieldset { border: 1px solid #d1d5db; border-radius: var(--_radius); margin: 0 0 1rem; padding: 0.75rem 1rem; }
  button {
    font: inherit; cursor: pointer; padding: 0.4rem 0.8rem; border-radius: var(--_radius);
    border: 1px solid var(--_primary); background: var(--_surface); color: var(--_primary);
  }
  button.primary { background: var(--_primary); color: #fff; }
  button.link { border: none; background: none; padding: 0.1rem 0; text-decoration: underline; }
  button:disabled { opacity: 0.6; cursor: not-allowed; }
`
