import { css } from "lit"

/** Styles of `<cau-ticket-form>` beyond the shared CAU styles. */
export const ticketFormStyles = css`
  form, .result { max-width: var(--cau-form-max-width, 48rem); }
  header { margin-block-end: 1rem; }
  .breadcrumb { margin: 0; font-size: 0.85em; color: var(--_muted); }
  h2 { margin: 0.2rem 0 0.4rem; font-size: 1.35em; }
  .intro { margin: 0; font-size: 0.9em; color: var(--_muted); }
  .row { display: grid; gap: 0 1rem; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); }
  .for-other { display: inline-flex; gap: 0.4rem; align-items: center; margin-block-end: 0.75rem; }
  .actions { display: flex; gap: 0.75rem; align-items: center; margin-block-start: 0.5rem; }
  .result { border: 1px solid #d1d5db; border-radius: var(--_radius); padding: 1rem; margin-block-end: 1rem; background: var(--_surface); }
  .result-head { display: flex; justify-content: space-between; gap: 1rem; flex-wrap: wrap; align-items: baseline; }
  .result-number { font-size: 1.25em; font-weight: 700; }
  .result-number:focus { outline: none; }
  .badge { display: inline-block; padding: 0.15rem 0.6rem; border-radius: 999px; background: #fff4d6; border: 1px solid #e5c46b; font-weight: 600; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0.75rem 0; }
  dt { font-weight: 600; }
  dd { margin: 0; }
`
