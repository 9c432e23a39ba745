import { css } from "lit"

/** Styles shared by the SARI elements. */
export const sariStyles = css`
  :host {
    display: block;
    font: var(--sari-font, var(--ecasilla-font, inherit));
    color: var(--sari-text-color, var(--ecasilla-color-text, #1f2933));
    --_primary: var(--sari-primary-color, var(--ecasilla-color-primary, #0b5cad));
    --_danger: var(--sari-error-color, var(--ecasilla-color-danger, #b3261e));
    --_border: var(--sari-border-color, var(--ecasilla-color-border, #6b7280));
    --_radius: var(--sari-border-radius, var(--ecasilla-radius, 0.375rem));
    --_surface: var(--sari-surface-color, #fff);
    --_muted: #4b5563;
  }
  :host([hidden]) { display: none; }
  * { box-sizing: border-box; }
  .visually-hidden {
    position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px;
    overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
  }
  .field { display: grid; gap: 0.25rem; margin-block-end: 0.75rem; }
  .field > label, legend, .label { font-weight: 600; }
  .row { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: end; }
  .row > .field { flex: 1 1 12rem; }
  .hint { font-size: 0.85em; color: var(--_muted); font-weight: normal; }
  .error { margin: 0.25rem 0; color: var(--_danger); }
  .error:empty { display: none; }
  .ok { margin: 0.25rem 0; color: #0f5132; }
  input[type="text"], input[type="search"], textarea, select {
    width: 100%; font: inherit; color: inherit; padding: 0.45rem 0.7rem;
    background: var(--_surface); border: 1px solid var(--_border); border-radius: var(--_radius);
  }
  textarea { min-height: 4rem; resize: vertical; }
  :is(input, textarea, select, button):focus-visible { outline: 2px solid var(--_primary); outline-offset: 1px; }
  fieldset { border: 1px solid #d1d5db; border-radius: var(--_radius); margin: 0 0 1rem; padding: 0.75rem 1rem; }
  button {
    font: inherit; cursor: pointer; display: inline-flex; align-items: center; gap: 0.3rem;
    padding: 0.4rem 0.85rem; border-radius: var(--_radius);
    border: 1px solid var(--_primary); background: var(--_surface); color: var(--_primary);
  }
  button.primary { background: var(--_primary); color: #fff; }
  button.danger { border-color: var(--_danger); color: var(--_danger); }
  button:disabled { opacity: 0.6; cursor: not-allowed; }
  button[aria-busy="true"] { cursor: progress; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: start; padding: 0.35rem 0.5rem; border-bottom: 1px solid #e5e7eb; }
  .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; margin-block: 0.75rem; }
  .state { display: inline-block; padding: 0.05rem 0.5rem; border-radius: 999px; font-size: 0.85em; background: #e5e7eb; color: #111827; }
  .state[data-state="Enviada"] { background: #fef3c7; }
  .state[data-state="Aprobada"] { background: #d1fae5; }
  .state[data-state="Rechazada"] { background: #fee2e2; }
  .add { color: #0f5132; font-weight: 600; }
  .remove { color: var(--_danger); font-weight: 600; }
`
