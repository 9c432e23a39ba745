import { css } from "lit"

/**
 * Styles of `<firma-verify>`.
 *
 * @since 0.2.0
 * @category firma-verify
 */
export const firmaVerifyStyles = css`
  :host {
    display: block;
    font: var(--firma-verify-font, inherit);
    color: var(--firma-verify-text-color, #1b1b1b);
  }
  [part="drop"] {
    position: relative;
    border: 2px dashed var(--firma-verify-border-color, #6b6b6b);
    border-radius: var(--firma-verify-border-radius, 8px);
    padding: 1rem;
    text-align: center;
  }
  [part="drop"].over {
    border-color: var(--firma-verify-accent, #0b5cad);
    background: var(--firma-verify-drop-background, #eef5fc);
  }
  h2 {
    font-size: 1.1em;
    margin: 0 0 0.5rem;
  }
  input[type="file"] {
    position: absolute;
    width: 1px;
    height: 1px;
    opacity: 0;
    overflow: hidden;
  }
  [part="pick"] {
    display: inline-block;
    cursor: pointer;
    padding: 0.4rem 1rem;
    border-radius: var(--firma-verify-border-radius, 8px);
    background: var(--firma-verify-accent, #0b5cad);
    color: #fff;
    font-weight: 600;
  }
  input[type="file"]:focus-visible + [part="pick"] {
    outline: 3px solid var(--firma-verify-accent, #0b5cad);
    outline-offset: 2px;
  }
  progress {
    width: 100%;
  }
  [part="verdict"] {
    margin: 1rem 0 0.5rem;
    padding: 0.75rem;
    border-radius: var(--firma-verify-border-radius, 8px);
    border-left: 6px solid var(--firma-verify-indeterminate-color, #8a6100);
    background: #f6f6f6;
  }
  [part="verdict"].valid {
    border-left-color: var(--firma-verify-valid-color, #1e6b35);
  }
  [part="verdict"].invalid {
    border-left-color: var(--firma-verify-invalid-color, #a4161a);
  }
  [part="verdict"] p {
    margin: 0.25rem 0;
  }
  ol {
    padding: 0;
    list-style: none;
  }
  [part="signature"] {
    border: 1px solid #c8c8c8;
    border-radius: var(--firma-verify-border-radius, 8px);
    padding: 0.75rem;
    margin: 0.5rem 0;
  }
  h3 {
    font-size: 1em;
    margin: 0 0 0.5rem;
  }
  dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.15rem 0.75rem;
    margin: 0;
  }
  dt {
    font-weight: 600;
  }
  dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  ul {
    margin: 0.5rem 0 0;
    padding-left: 1.25rem;
  }
  [part="error"] {
    color: var(--firma-verify-invalid-color, #a4161a);
  }
`
