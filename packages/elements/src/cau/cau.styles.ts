import { css } from "lit"

/** Styles shared by the CAU elements: fields, buttons, the combobox, the editor, the drop zone. */
export const cauStyles = css`
  :host {
    display: block;
    font: var(--cau-font, var(--ecasilla-font, inherit));
    color: var(--cau-text-color, var(--ecasilla-color-text, #1f2933));
    --_primary: var(--cau-primary-color, var(--ecasilla-color-primary, #0b5cad));
    --_danger: var(--cau-error-color, var(--ecasilla-color-danger, #b3261e));
    --_border: var(--cau-border-color, var(--ecasilla-color-border, #6b7280));
    --_radius: var(--cau-border-radius, var(--ecasilla-radius, 0.375rem));
    --_surface: var(--cau-surface-color, #fff);
    --_muted: #4b5563;
  }
  :host([hidden]) { display: none; }
  * { box-sizing: border-box; }
  .visually-hidden {
    position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px;
    overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
  }
  .field { display: grid; gap: 0.25rem; margin-block-end: 1rem; }
  .field > label, .label, legend { font-weight: 600; }
  .hint { display: block; font-size: 0.85em; color: var(--_muted); font-weight: normal; }
  .error { margin: 0; font-size: 0.875em; color: var(--_danger); }
  .error:empty { display: none; }
  input[type="text"], input[type="tel"], input[type="search"], textarea, select, .editor {
    width: 100%; font: inherit; color: inherit; padding: 0.5rem 0.75rem;
    background: var(--_surface); border: 1px solid var(--_border); border-radius: var(--_radius);
  }
  textarea { min-height: 5rem; resize: vertical; }
  :is(input, textarea, select, .editor)[aria-invalid="true"] { border-color: var(--_danger); }
  :is(input, textarea, select, button, .editor, [role="option"]):focus-visible {
    outline: 2px solid var(--_primary); outline-offset: 1px;
  }
  fieldset { border: 1px solid #d1d5db; border-radius: var(--_radius); margin: 0 0 1rem; padding: 0.75rem 1rem; }
  .choices { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; }
  .choices label { display: inline-flex; gap: 0.4rem; align-items: center; }
  button, .button {
    font: inherit; cursor: pointer; display: inline-flex; align-items: center; gap: 0.3rem;
    padding: 0.45rem 0.9rem; border-radius: var(--_radius);
    border: 1px solid var(--_primary); background: var(--_surface); color: var(--_primary);
  }
  button.primary { background: var(--_primary); color: #fff; }
  button:disabled { opacity: 0.6; cursor: not-allowed; }
  button.link { border: none; background: none; padding: 0.1rem 0.3rem; color: var(--_danger); }
  .file-input:focus-visible + .button { outline: 2px solid var(--_primary); outline-offset: 2px; }
  .combobox { position: relative; }
  .listbox {
    position: absolute; z-index: 10; inset-inline: 0; top: 100%; margin-top: 2px;
    max-height: 16rem; overflow: auto; background: var(--_surface);
    border: 1px solid var(--_border); border-radius: var(--_radius); box-shadow: 0 4px 12px #0002;
  }
  .listbox[hidden] { display: none; }
  .group-label { padding: 0.35rem 0.75rem; font-size: 0.8em; font-weight: 700; color: var(--_muted); background: #f3f4f6; }
  .option { padding: 0.4rem 0.75rem 0.4rem 1.5rem; cursor: pointer; }
  .option.active, .option:hover { background: #e0ecf8; }
  .option[aria-selected="true"] { font-weight: 600; }
  .option .hint { display: inline; margin-inline-start: 0.5rem; }
  .empty { padding: 0.4rem 0.75rem; color: var(--_muted); font-size: 0.9em; }
  .rich-text { border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_surface); }
  .rich-text:has([aria-invalid="true"]) { border-color: var(--_danger); }
  .toolbar { display: flex; gap: 0.25rem; padding: 0.25rem; border-bottom: 1px solid #e5e7eb; }
  .toolbar button { padding: 0.2rem 0.55rem; border-color: transparent; color: inherit; }
  .toolbar button:hover { background: #f3f4f6; }
  .editor { border: none; min-height: 7rem; border-radius: 0 0 var(--_radius) var(--_radius); }
  .editor:focus-visible { outline-offset: -2px; }
  .drop-zone {
    display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center; justify-content: center;
    padding: 1rem; border: 2px dashed #9ca3af; border-radius: var(--_radius); color: var(--_muted);
  }
  .drop-zone.dragging { border-color: var(--_primary); background: #e0ecf8; }
  .files { list-style: none; padding: 0; margin: 0.5rem 0 0; display: grid; gap: 0.25rem; }
  .file-size { color: var(--_muted); font-size: 0.85em; }
  .notice { padding: 0.75rem 1rem; border-radius: var(--_radius); background: #eef6ee; border: 1px solid #9fd19f; }
  .notice.error-box { background: #fdecea; border-color: #f5b5ae; color: var(--_danger); }
  .notice:empty { display: none; }
`
