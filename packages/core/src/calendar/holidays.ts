import type { Locale } from "../i18n/locale.js"

/*
 * The national public holidays of Peru (feriados nacionales, Decreto Legislativo 713 and
 * the laws that added days since), kept as data here instead of depending on
 * `date-holidays`: its bundle carries every country (≈800 kB of data) and would land in
 * the browser with the casilla elements. `calendar.test.ts` checks this table against
 * date-holidays' PE data, year by year.
 */

/**
 * A yearly public holiday: a fixed day of the year (`"07-28"`) or a day counted from
 * Easter Sunday (`{ easter: -2 }` is Good Friday), in force from `since` (a year) up to
 * `until` (a year, inclusive) when the law set or ended it.
 *
 * @since 0.2.0
 * @category models
 */
export interface HolidayRule {
  readonly on: `${string}-${string}` | { readonly easter: number }
  readonly since?: number
  readonly until?: number
  readonly name: Readonly<Record<Locale, string>>
}

/**
 * The national public holidays of Peru, as a deployment can extend them (see
 * `makeBusinessCalendar`). Días no laborables decreed for the public sector are not
 * holidays: a deployment adds them as extra dates.
 *
 * @since 0.2.0
 * @category constants
 */
export const peruPublicHolidays: ReadonlyArray<HolidayRule> = [
  { on: "01-01", name: { "es-PE": "Año Nuevo", en: "New Year's Day" } },
  { on: { easter: -3 }, name: { "es-PE": "Jueves Santo", en: "Maundy Thursday" } },
  { on: { easter: -2 }, name: { "es-PE": "Viernes Santo", en: "Good Friday" } },
  { on: "05-01", name: { "es-PE": "Día del Trabajo", en: "Labour Day" } },
  // Ley 31788 (2023), first observed in 2024.
  { on: "06-07", since: 2024, name: { "es-PE": "Batalla de Arica y Día de la Bandera", en: "Battle of Arica and Flag Day" } },
  { on: "06-29", name: { "es-PE": "San Pedro y San Pablo", en: "Saint Peter and Saint Paul" } },
  // Ley 31822 (2023).
  { on: "07-23", since: 2023, name: { "es-PE": "Día de la Fuerza Aérea del Perú", en: "Peruvian Air Force Day" } },
  { on: "07-28", name: { "es-PE": "Fiestas Patrias", en: "Independence Day" } },
  { on: "07-29", name: { "es-PE": "Fiestas Patrias", en: "Independence Day" } },
  // Ley 31530 (2022).
  { on: "08-06", since: 2022, name: { "es-PE": "Batalla de Junín", en: "Battle of Junín" } },
  { on: "08-30", name: { "es-PE": "Santa Rosa de Lima", en: "Saint Rose of Lima" } },
  { on: "10-08", name: { "es-PE": "Combate de Angamos", en: "Battle of Angamos" } },
  { on: "11-01", name: { "es-PE": "Día de Todos los Santos", en: "All Saints' Day" } },
  { on: "12-08", name: { "es-PE": "Inmaculada Concepción", en: "Immaculate Conception" } },
  // Ley 31381 (2021), first observed in 2022.
  { on: "12-09", since: 2022, name: { "es-PE": "Batalla de Ayacucho", en: "Battle of Ayacucho" } },
  { on: "12-25", name: { "es-PE": "Navidad", en: "Christmas Day" } }
]

/**
 * Easter Sunday of a Gregorian year as `[month, day]` (anonymous Gregorian algorithm).
 *
 * @since 0.2.0
 * @category rules
 */
export const easterSunday = (year: number): readonly [month: number, day: number] => {
  const a = year % 19
  const b = Math.floor(year / 100)
  const c = year % 100
  const d = Math.floor(b / 4)
  const e = b % 4
  const f = Math.floor((b + 8) / 25)
  const g = Math.floor((b - f + 1) / 3)
  const h = (19 * a + b - d - g + 15) % 30
  const i = Math.floor(c / 4)
  const k = c % 4
  const l = (32 + 2 * e + 2 * i - h - k) % 7
  const m = Math.floor((a + 11 * h + 22 * l) / 451)
  const month = Math.floor((h + l - 7 * m + 114) / 31)
  const day = ((h + l - 7 * m + 114) % 31) + 1
  return [month, day]
}
