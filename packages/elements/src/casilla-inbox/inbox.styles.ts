import { css } from "lit"

export const inboxStyles = css`
  .filters { display: grid; grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr)); gap: 0 0.75rem; align-items: end; }
  .status { margin: 0.25rem 0 0.5rem; font-weight: 600; }
  .viewport {
    position: relative; overflow-y: auto; height: var(--casilla-inbox-height, 28rem);
    border: 1px solid #d1d5db; border-radius: var(--_radius); background: var(--_surface);
  }
  .rows { list-style: none; margin: 0; padding: 0; position: relative; }
  .rows > li { position: absolute; inset-inline: 0; }
  .row {
    display: grid; grid-template-columns: 1fr auto; gap: 0.1rem 1rem; width: 100%; height: 100%;
    text-align: start; border: none; border-bottom: 1px solid #e5e7eb; border-radius: 0;
    color: inherit; background: none; padding: 0.45rem 0.75rem; overflow: hidden;
  }
  .row:hover { background: #f0f6fc; }
  .row .asunto { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  .row .meta { color: var(--_muted); font-size: 0.85em; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  .row.unread .asunto { font-weight: 700; }
  .badge { font-size: 0.75em; padding: 0.05rem 0.4rem; border-radius: 999px; border: 1px solid currentColor; justify-self: end; }
  .row.unread .badge { color: var(--_primary); font-weight: 700; }
  .empty { padding: 1rem; color: var(--_muted); }
  .detail dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.3rem 1rem; }
  .detail dt { font-weight: 600; }
  .detail dd { margin: 0; }
  .legal { font-weight: 700; }
  .docs { list-style: none; padding: 0; display: grid; gap: 0.5rem; }
  .docs li { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; border: 1px solid #e5e7eb; border-radius: var(--_radius); padding: 0.5rem 0.75rem; }
  .docs .name { font-weight: 600; flex: 1 1 12rem; }
  .verdict-valid { color: var(--_ok); }
  .verdict-invalid, .verdict-indeterminate, .verdict-unsigned { color: var(--_danger); }
`
