/*
 * Business days for the optional auto-close of Resuelta tickets: Monday to Friday in
 * Peru's time zone (UTC−5, no daylight saving), minus the holidays a deployment lists.
 */

const LIMA_OFFSET_MS = 5 * 60 * 60 * 1000
const DAY_MS = 24 * 60 * 60 * 1000

/**
 * The calendar date in Lima of an instant, `YYYY-MM-DD`.
 *
 * @since 0.1.0
 * @category business days
 */
export const limaDate = (instant: Date | string): string => new Date(new Date(instant).getTime() - LIMA_OFFSET_MS).toISOString().slice(0, 10)

/**
 * How many business days lie after the Lima date of `from` up to and including the Lima
 * date of `to` (0 when `to` is the same day or earlier).
 *
 * @since 0.1.0
 * @category business days
 */
export const businessDaysBetween = (from: Date | string, to: Date | string, holidays: ReadonlyArray<string> = []): number => {
  const off = new Set(holidays)
  let day = Date.parse(`${limaDate(from)}T00:00:00Z`) + DAY_MS
  const end = Date.parse(`${limaDate(to)}T00:00:00Z`)
  let n = 0
  for (; day <= end; day += DAY_MS) {
    const d = new Date(day)
    const wd = d.getUTCDay()
    if (wd !== 0 && wd !== 6 && !off.has(d.toISOString().slice(0, 10))) n++
  }
  return n
}
