// A minimal stand-in for `@ecasilla/core/calendar` (patterns issue), under the same names, so
// the casilla swaps one import when the shared calendar lands. Dates are Lima calendar dates
// `YYYY-MM-DD`; Peru keeps UTC−5 all year (no daylight saving).
const DAY = 86_400_000

/** Fixed-date national holidays (Ley 27444 counts only días hábiles), month-day. */
const fixed = ["01-01", "05-01", "06-07", "06-29", "07-23", "07-28", "07-29", "08-06", "08-30", "10-08", "11-01", "12-08", "12-09", "12-25"]

const easter = (year: number): number => {
  // Anonymous Gregorian computus.
  const a = year % 19, b = Math.floor(year / 100), c = year % 100, d = Math.floor(b / 4), e = b % 4
  const f = Math.floor((b + 8) / 25), g = Math.floor((b - f + 1) / 3), h = (19 * a + b - d - g + 15) % 30
  const i = Math.floor(c / 4), k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = Math.floor((a + 11 * h + 22 * l) / 451)
  const month = Math.floor((h + l - 7 * m + 114) / 31), day = ((h + l - 7 * m + 114) % 31) + 1
  return Date.UTC(year, month - 1, day)
}

/** The Peruvian public holidays of a year (Jueves and Viernes Santo included), `YYYY-MM-DD`. */
export const peruHolidays = (year: number): ReadonlyArray<string> => {
  const e = easter(year)
  const iso = (t: number) => new Date(t).toISOString().slice(0, 10)
  return [...fixed.map((md) => `${year}-${md}`), iso(e - 3 * DAY), iso(e - 2 * DAY)]
}

/** The Lima calendar date of an instant. */
export const limaDateOf = (instant: string | Date): string => new Date(new Date(instant).getTime() - 5 * 3600 * 1000).toISOString().slice(0, 10)

/** Monday to Friday and not a holiday (national or one of `extra`). */
export const isBusinessDay = (date: string, extra: ReadonlyArray<string> = []): boolean => {
  const t = Date.parse(`${date}T00:00:00Z`)
  const wd = new Date(t).getUTCDay()
  if (wd === 0 || wd === 6) return false
  return !peruHolidays(Number(date.slice(0, 4))).includes(date) && !extra.includes(date)
}

/** The date `n` business days after `date` (the count starts the next business day). */
export const addBusinessDays = (date: string, n: number, extra: ReadonlyArray<string> = []): string => {
  let t = Date.parse(`${date}T00:00:00Z`)
  let left = n
  while (left > 0) {
    t += DAY
    if (isBusinessDay(new Date(t).toISOString().slice(0, 10), extra)) left--
  }
  return new Date(t).toISOString().slice(0, 10)
}
