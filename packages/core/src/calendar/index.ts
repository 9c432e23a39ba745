/**
 * Lima time and business days: one calendar for every domain (CAU auto-close, casilla
 * deadlines). Instants are read in America/Lima with effect's `DateTime`; business days are
 * Monday to Friday minus Peru's public holidays, kept as data a deployment can extend.
 *
 * @since 0.2.0
 */
import * as Context from "effect/Context"
import * as DateTime from "effect/DateTime"
import type { Locale } from "../i18n/locale.js"
import { easterSunday, type HolidayRule, peruPublicHolidays } from "./holidays.js"

export { easterSunday, type HolidayRule, peruPublicHolidays } from "./holidays.js"

/**
 * A calendar date in Lima, `YYYY-MM-DD`.
 *
 * @since 0.2.0
 * @category models
 */
export type LimaDate = string

/**
 * What the calendar functions take: an effect `DateTime`, a `Date`, epoch milliseconds, an
 * ISO instant (`2026-03-02T15:04:05Z`), or a Lima calendar date `YYYY-MM-DD` (taken as that
 * day in Lima, never as UTC midnight).
 *
 * @since 0.2.0
 * @category models
 */
export type CalendarInput = DateTime.DateTime | Date | number | string

/**
 * Peru's time zone.
 *
 * @since 0.2.0
 * @category constants
 */
export const limaTimeZone: DateTime.TimeZone.Named = DateTime.zoneMakeNamedUnsafe("America/Lima")

const DAY_MS = 86_400_000
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

// Business-day arithmetic runs on day numbers (days since 1970-01-01 of the Lima calendar
// date): the zone matters only when an instant becomes a date, and DateTime does that.
const dayOfIsoDate = (date: string): number | undefined => {
  const m = ISO_DATE.exec(date)
  if (!m) return undefined
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
  return new Date(ms).toISOString().slice(0, 10) === date ? ms / DAY_MS : undefined
}
const isoDateOfDay = (day: number): LimaDate => new Date(day * DAY_MS).toISOString().slice(0, 10)
const weekDayOf = (day: number): number => (((day + 4) % 7) + 7) % 7

/**
 * An instant (or a Lima date) as a `DateTime` zoned to America/Lima. Throws a `RangeError`
 * on text that is neither an ISO instant nor a real `YYYY-MM-DD` date.
 *
 * @since 0.2.0
 * @category conversions
 */
export const toLima = (input: CalendarInput): DateTime.Zoned => {
  if (typeof input === "string" && ISO_DATE.test(input)) return startOfLimaDay(dayOf(input))
  if (DateTime.isDateTime(input)) return DateTime.setZone(input, limaTimeZone)
  const zoned = DateTime.makeZoned(input, { timeZone: limaTimeZone })
  if (zoned._tag === "None") throw new RangeError(`Not an instant: ${String(input)}`)
  return zoned.value
}

const dayOf = (input: CalendarInput): number => {
  if (typeof input === "string" && ISO_DATE.test(input)) {
    const day = dayOfIsoDate(input)
    if (day === undefined) throw new RangeError(`Not a calendar date: ${input}`)
    return day
  }
  const fast = instantMs(input)
  if (fast !== undefined) {
    const day = dayOfIsoDate(limaDateFormat().format(fast))
    if (day !== undefined) return day
  }
  return dayOfIsoDate(DateTime.formatIsoDate(toLima(input)))!
}

// The Lima date of an instant is asked for on every command (ticket numbers, deadlines):
// one Intl formatter for the zone, made once, is about ten times cheaper than a zoned
// DateTime per call. Both read the same tz data; years outside 1000–9999 take the DateTime path.
let limaFormat: Intl.DateTimeFormat | undefined
const limaDateFormat = (): Intl.DateTimeFormat =>
  (limaFormat ??= new Intl.DateTimeFormat("en-CA", { timeZone: "America/Lima", year: "numeric", month: "2-digit", day: "2-digit" }))
const UTC_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?Z$/
const instantMs = (input: CalendarInput): number | undefined => {
  const ms = input instanceof Date ? input.getTime() : typeof input === "number" ? input : typeof input === "string" && UTC_INSTANT.test(input) ? Date.parse(input) : undefined
  return ms !== undefined && Number.isFinite(ms) ? ms : undefined
}

const startOfLimaDay = (day: number): DateTime.Zoned => {
  const d = new Date(day * DAY_MS)
  return DateTime.makeZonedUnsafe(
    { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() },
    { timeZone: limaTimeZone, adjustForTimeZone: true }
  )
}

/**
 * The calendar date in Lima of an instant: `2026-03-03T03:00:00Z` is `2026-03-02`.
 *
 * @since 0.2.0
 * @category conversions
 */
export const limaDateOf = (input: CalendarInput): LimaDate => isoDateOfDay(dayOf(input))

/**
 * One holiday of a given year.
 *
 * @since 0.2.0
 * @category models
 */
export interface Holiday {
  readonly date: LimaDate
  readonly name: Readonly<Record<Locale, string>>
}

/**
 * Which days are holidays. Build one with {@link makeBusinessCalendar}.
 *
 * @since 0.2.0
 * @category models
 */
export interface BusinessCalendar {
  /** The holidays of a year, in date order. */
  readonly holidaysOf: (year: number) => ReadonlyArray<Holiday>
  readonly isHoliday: (date: LimaDate) => boolean
}

/**
 * What a deployment changes in the calendar: the yearly rules (Peru's by default), extra
 * dates (días no laborables, a regional holiday) and dates that stop being holidays.
 *
 * @since 0.2.0
 * @category models
 */
export interface BusinessCalendarOptions {
  readonly rules?: ReadonlyArray<HolidayRule>
  readonly extra?: ReadonlyArray<LimaDate | Holiday>
  readonly removed?: ReadonlyArray<LimaDate>
}

const pad = (n: number) => String(n).padStart(2, "0")

const dateOfRule = (rule: HolidayRule, year: number): LimaDate | undefined => {
  if ((rule.since !== undefined && year < rule.since) || (rule.until !== undefined && year > rule.until)) return undefined
  if (typeof rule.on === "string") return `${year}-${rule.on}`
  const [m, d] = easterSunday(year)
  return isoDateOfDay(Date.UTC(year, m - 1, d) / DAY_MS + rule.on.easter)
}

/**
 * A business calendar: Peru's public holidays by default, plus `extra` dates, minus
 * `removed` ones. Holidays are worked out per year on first use and kept.
 *
 * @since 0.2.0
 * @category constructors
 */
export const makeBusinessCalendar = (options: BusinessCalendarOptions = {}): BusinessCalendar => {
  const rules = options.rules ?? peruPublicHolidays
  const removed = new Set(options.removed ?? [])
  const extra = (options.extra ?? []).map((e): Holiday =>
    typeof e === "string" ? { date: e, name: { "es-PE": "Día no laborable", en: "Non-working day" } } : e
  )
  for (const e of extra) if (dayOfIsoDate(e.date) === undefined) throw new RangeError(`Not a calendar date: ${e.date}`)
  const years = new Map<number, { list: ReadonlyArray<Holiday>; dates: ReadonlySet<string> }>()
  const yearOf = (year: number) => {
    let cached = years.get(year)
    if (!cached) {
      const list: Array<Holiday> = []
      for (const rule of rules) {
        const date = dateOfRule(rule, year)
        if (date !== undefined) list.push({ date, name: rule.name })
      }
      for (const e of extra) if (e.date.startsWith(`${year}-`)) list.push(e)
      const kept = list.filter((h) => !removed.has(h.date)).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
      cached = { list: kept, dates: new Set(kept.map((h) => h.date)) }
      years.set(year, cached)
    }
    return cached
  }
  return {
    holidaysOf: (year) => yearOf(year).list,
    isHoliday: (date) => yearOf(Number(date.slice(0, 4))).dates.has(date)
  }
}

/**
 * A calendar with more holidays than `base` (días no laborables a deployment lists).
 *
 * @since 0.2.0
 * @category constructors
 */
export const extendBusinessCalendar = (base: BusinessCalendar, extra: ReadonlyArray<LimaDate | Holiday>): BusinessCalendar => {
  if (extra.length === 0) return base
  const added = makeBusinessCalendar({ rules: [], extra })
  const years = new Map<number, ReadonlyArray<Holiday>>()
  return {
    holidaysOf: (year) => {
      let list = years.get(year)
      if (!list) {
        const seen = new Set(base.holidaysOf(year).map((h) => h.date))
        list = [...base.holidaysOf(year), ...added.holidaysOf(year).filter((h) => !seen.has(h.date))]
          .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
        years.set(year, list)
      }
      return list
    },
    isHoliday: (date) => added.isHoliday(date) || base.isHoliday(date)
  }
}

/**
 * Peru's national public holidays, nothing added.
 *
 * @since 0.2.0
 * @category constants
 */
export const peruBusinessCalendar: BusinessCalendar = makeBusinessCalendar()

/**
 * The calendar services use (auto-close, deadlines); provide another to extend it.
 *
 * @since 0.2.0
 * @category services
 */
export const CurrentBusinessCalendar: Context.Reference<BusinessCalendar> = Context.Reference<BusinessCalendar>(
  "@ecasilla/core/calendar/CurrentBusinessCalendar",
  { defaultValue: () => peruBusinessCalendar }
)

const isBusinessDayNumber = (day: number, calendar: BusinessCalendar): boolean => {
  const wd = weekDayOf(day)
  return wd !== 0 && wd !== 6 && !calendar.isHoliday(isoDateOfDay(day))
}

/**
 * Whether the Lima date of `input` is a business day: Monday to Friday, not a holiday.
 *
 * @since 0.2.0
 * @category business days
 */
export const isBusinessDay = (input: CalendarInput, calendar: BusinessCalendar = peruBusinessCalendar): boolean =>
  isBusinessDayNumber(dayOf(input), calendar)

/**
 * The first business day after the Lima date of `input`, at the start of that day in Lima.
 *
 * @since 0.2.0
 * @category business days
 */
export const nextBusinessDay = (input: CalendarInput, calendar: BusinessCalendar = peruBusinessCalendar): DateTime.Zoned =>
  addBusinessDays(input, 1, calendar)

/**
 * The business day `n` business days after the Lima date of `input`, counting from the next
 * business day (TUO Ley 27444: a plazo of 3 days from a Friday deposit ends on Wednesday),
 * at the start of that day in Lima. `n = 0` gives the date of `input` itself; a negative `n`
 * counts back.
 *
 * @since 0.2.0
 * @category business days
 */
export const addBusinessDays = (input: CalendarInput, n: number, calendar: BusinessCalendar = peruBusinessCalendar): DateTime.Zoned => {
  if (!Number.isSafeInteger(n)) throw new RangeError(`Not a whole number of days: ${n}`)
  let day = dayOf(input)
  const step = n < 0 ? -1 : 1
  for (let left = Math.abs(n); left > 0;) {
    day += step
    if (isBusinessDayNumber(day, calendar)) left--
  }
  return startOfLimaDay(day)
}

/**
 * How many business days lie after the Lima date of `from` up to and including the Lima
 * date of `to`; 0 when `to` is the same day or earlier. The inverse of
 * {@link addBusinessDays}: `businessDaysBetween(d, addBusinessDays(d, n)) === n`.
 *
 * @since 0.2.0
 * @category business days
 */
export const businessDaysBetween = (from: CalendarInput, to: CalendarInput, calendar: BusinessCalendar = peruBusinessCalendar): number => {
  const start = dayOf(from)
  const end = dayOf(to)
  let n = 0
  for (let day = start + 1; day <= end; day++) if (isBusinessDayNumber(day, calendar)) n++
  return n
}
