import { css } from "lit"

/** Styles of `<cau-ticket-detail>` beyond the shared CAU styles. */
export const ticketDetailStyles = css`
  article { max-width: var(--cau-detail-max-width, 56rem); container-type: inline-size; }
  header { margin-block-end: 0.75rem; }
  .head-row { display: flex; justify-content: space-between; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: baseline; }
  .number { font-size: 1.2em; font-weight: 700; }
  h2 { margin: 0.3rem 0 0; font-size: 1.3em; overflow-wrap: anywhere; }
  h3 { margin: 1.25rem 0 0.5rem; font-size: 1.1em; border-bottom: 1px solid #e5e7eb; padding-bottom: 0.25rem; }
  h3:focus { outline: none; }
  h3:focus-visible { outline: 2px solid var(--_primary); }
  h4 { margin: 0.75rem 0 0.35rem; font-size: 1em; }
  .badge { display: inline-block; padding: 0.15rem 0.6rem; border-radius: 999px; font-weight: 600; background: #fff4d6; border: 1px solid #e5c46b; }
  .badge[data-state="Asignada-Pendiente"] { background: #e0ecf8; border-color: #8db3dd; }
  .badge[data-state="Resuelta"] { background: #e6f4ea; border-color: #8cc79b; }
  .badge[data-state="Cerrada"] { background: #eceff1; border-color: #a7b0b7; }
  .phases { display: flex; list-style: none; margin: 0; padding: 0; counter-reset: step; }
  .phases li {
    flex: 1; display: flex; align-items: center; gap: 0.5rem; padding: 0.5rem 0.75rem;
    background: #f3f4f6; color: var(--_muted); border: 1px solid #d1d5db; margin-inline-end: -1px;
  }
  .phases li:first-child { border-radius: var(--_radius) 0 0 var(--_radius); }
  .phases li:last-child { border-radius: 0 var(--_radius) var(--_radius) 0; }
  .phases li.done { background: #e6f4ea; color: #1e5631; }
  .phases li.current { background: var(--_primary); color: #fff; font-weight: 600; }
  .step { display: inline-grid; place-items: center; width: 1.5rem; height: 1.5rem; border-radius: 50%; border: 1px solid currentColor; font-size: 0.85em; }
  .facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0; }
  dt { font-weight: 600; }
  dd { margin: 0; overflow-wrap: anywhere; }
  .rich { padding: 0.5rem 0.75rem; border-inline-start: 3px solid #d1d5db; background: var(--_surface); overflow-wrap: anywhere; }
  .rich :first-child { margin-top: 0; }
  .rich :last-child { margin-bottom: 0; }
  .notes, .timeline { list-style: none; padding: 0; margin: 0; display: grid; gap: 0.5rem; }
  .notes > li { padding: 0.5rem 0.75rem; border: 1px solid #e5e7eb; border-radius: var(--_radius); }
  .meta { margin: 0; font-size: 0.85em; color: var(--_muted); }
  .said { margin: 0.25rem 0 0; white-space: pre-wrap; overflow-wrap: anywhere; }
  .who { font-weight: 600; }
  .file { border: none; padding: 0.1rem 0.2rem; background: none; text-decoration: underline; }
  .files li { display: flex; gap: 0.5rem; align-items: center; }
  .closure { font-weight: 600; }
  .muted { color: var(--_muted); }
  .actions .action { border: 1px solid #d1d5db; border-radius: var(--_radius); padding: 0.75rem 1rem; margin-block-end: 0.75rem; background: #fafafa; }
  .actions h4 { margin-top: 0; }
  .levels { display: grid; gap: 0.35rem; }
  .levels label { display: flex; gap: 0.5rem; align-items: center; }
  .timeline li { display: grid; grid-template-columns: 11rem 1fr; gap: 0 0.75rem; padding-block: 0.35rem; border-bottom: 1px solid #f0f0f0; }
  .timeline time { grid-row: span 3; color: var(--_muted); font-size: 0.9em; }
  .timeline .said { grid-column: 2; }
  .file svg { flex: none; }
  /* Narrow columns (the element may sit in a sidebar): phases stacked, history in one column. */
  @container (max-width: 28rem) {
    .phases { flex-direction: column; }
    .phases li { margin-inline-end: 0; margin-block-end: -1px; }
    .phases li:first-child { border-radius: var(--_radius) var(--_radius) 0 0; }
    .phases li:last-child { border-radius: 0 0 var(--_radius) var(--_radius); }
    .timeline li { grid-template-columns: 1fr; }
    .timeline time { grid-row: auto; }
    .timeline .said { grid-column: auto; }
    .facts { grid-template-columns: 1fr; }
    .facts dd { margin-block-end: 0.35rem; }
  }
`
