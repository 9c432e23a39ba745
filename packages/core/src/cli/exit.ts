/** Exit codes of the `ecasilla` command (ARCHITECTURE.md). */
export const EXIT = {
  ok: 0,
  invalid: 1,
  indeterminate: 2,
  unsigned: 3,
  usage: 64,
  unreadable: 65
} as const

/** With several inputs the command exits with the worst one. */
const severity: Record<number, number> = { 0: 0, 3: 1, 2: 2, 1: 3, 65: 4, 64: 5 }

export const worst = (codes: ReadonlyArray<number>): number =>
  codes.reduce((a, b) => ((severity[b] ?? 6) > (severity[a] ?? 6) ? b : a), EXIT.ok)
