import Holidays from "date-holidays"
import * as DateTime from "effect/DateTime"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import {
  addBusinessDays,
  businessDaysBetween,
  easterSunday,
  extendBusinessCalendar,
  isBusinessDay,
  limaDateOf,
  makeBusinessCalendar,
  nextBusinessDay,
  peruBusinessCalendar,
  toLima
} from "./index.js"

const instant = fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2060-12-31T00:00:00Z"), noInvalidDate: true })

describe("Lima dates", () => {
  it("read an instant in America/Lima (UTC−5), not UTC", () => {
    expect(limaDateOf("2026-03-03T03:00:00Z")).toBe("2026-03-02")
    expect(limaDateOf("2026-03-03T05:00:00Z")).toBe("2026-03-03")
    expect(limaDateOf(new Date("2027-01-01T04:59:59.999Z"))).toBe("2026-12-31")
    expect(limaDateOf(DateTime.makeUnsafe("2026-07-28T12:00:00Z"))).toBe("2026-07-28")
    // A calendar date is that day in Lima, not UTC midnight (which is the evening before).
    expect(limaDateOf("2026-07-28")).toBe("2026-07-28")
    expect(DateTime.formatIsoZoned(toLima("2026-07-28"))).toBe("2026-07-28T00:00:00.000-05:00[America/Lima]")
  })

  it("refuses text that is not a date", () => {
    expect(() => limaDateOf("2026-02-30")).toThrow(RangeError)
    expect(() => limaDateOf("mañana")).toThrow(RangeError)
  })
})

describe("Peru's public holidays", () => {
  it("has Holy Thursday and Good Friday from Easter", () => {
    expect(easterSunday(2026)).toEqual([4, 5])
    expect(easterSunday(2025)).toEqual([4, 20])
    const y2026 = peruBusinessCalendar.holidaysOf(2026).map((h) => h.date)
    expect(y2026).toContain("2026-04-02")
    expect(y2026).toContain("2026-04-03")
  })

  it("has the holidays added by law only from the year they began", () => {
    const dates = (y: number) => peruBusinessCalendar.holidaysOf(y).map((h) => h.date.slice(5))
    for (const md of ["06-07", "07-23", "08-06", "12-08", "12-09"]) expect(dates(2026)).toContain(md)
    expect(dates(2023)).not.toContain("06-07")
    expect(dates(2022)).not.toContain("07-23")
    expect(dates(2021)).not.toContain("08-06")
    expect(dates(2021)).not.toContain("12-09")
  })

  it("matches date-holidays' PE public holidays, every year 2000–2060", () => {
    const reference = new Holidays("PE")
    for (let year = 2000; year <= 2060; year++) {
      const theirs = reference.getHolidays(year)
        // Easter Sunday is listed too; a Sunday is never a business day, so the table leaves it out.
        .filter((h) => h.type === "public" && h.rule !== "easter")
        .map((h) => h.date.slice(0, 10))
      const ours = peruBusinessCalendar.holidaysOf(year).map((h) => h.date)
      expect([...new Set(theirs)].sort(), String(year)).toEqual([...new Set(ours)].sort())
    }
  })

  it("can be extended and trimmed by a deployment", () => {
    const cal = makeBusinessCalendar({ extra: ["2026-06-08", { date: "2026-06-24", name: { "es-PE": "Inti Raymi", en: "Inti Raymi" } }], removed: ["2026-08-30"] })
    expect(isBusinessDay("2026-06-08", cal)).toBe(false)
    expect(isBusinessDay("2026-06-08")).toBe(true)
    expect(isBusinessDay("2026-06-24", cal)).toBe(false)
    expect(cal.isHoliday("2026-08-30")).toBe(false)
    expect(() => makeBusinessCalendar({ extra: ["2026-13-01"] })).toThrow(RangeError)
    const extended = extendBusinessCalendar(cal, ["2026-06-09"])
    expect(isBusinessDay("2026-06-09", extended)).toBe(false)
    expect(isBusinessDay("2026-06-08", extended)).toBe(false)
    expect(extended.holidaysOf(2026).map((h) => h.date)).toContain("2026-06-09")
  })
})

describe("business days", () => {
  it("skip weekends and holidays", () => {
    expect(isBusinessDay("2026-03-02")).toBe(true) // Monday
    expect(isBusinessDay("2026-03-07")).toBe(false) // Saturday
    expect(isBusinessDay("2026-07-28")).toBe(false)
    expect(isBusinessDay("2026-04-03")).toBe(false) // Good Friday
    // 2026-03-03T03:00Z is still Monday evening in Lima.
    expect(isBusinessDay("2026-03-08T03:00:00Z")).toBe(false)
  })

  it("count a plazo from the next business day (TUO Ley 27444)", () => {
    // Deposited Friday 2026-07-24 in the evening: Monday 27 is day 1, 28–29 are Fiestas Patrias.
    const deposited = "2026-07-24T23:30:00Z"
    expect(limaDateOf(nextBusinessDay(deposited))).toBe("2026-07-27")
    expect(limaDateOf(addBusinessDays(deposited, 1))).toBe("2026-07-27")
    expect(limaDateOf(addBusinessDays(deposited, 3))).toBe("2026-07-31")
    expect(limaDateOf(addBusinessDays(deposited, 0))).toBe("2026-07-24")
    expect(limaDateOf(addBusinessDays("2026-07-31", -3))).toBe("2026-07-24")
    // Holy Week: Wednesday 1 April 2026, next business day is Monday 6.
    expect(limaDateOf(nextBusinessDay("2026-04-01"))).toBe("2026-04-06")
    expect(businessDaysBetween("2026-07-24T23:30:00Z", "2026-07-31T15:00:00Z")).toBe(3)
    expect(businessDaysBetween("2026-07-31", "2026-07-24")).toBe(0)
  })

  it("addBusinessDays lands on a business day that businessDaysBetween counts back (property)", () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 400 }), (start, n) => {
        const end = addBusinessDays(start, n)
        if (n > 0) expect(isBusinessDay(end)).toBe(true)
        expect(businessDaysBetween(start, end)).toBe(n)
        expect(DateTime.toParts(end).hour).toBe(0)
      }),
      { numRuns: 300 }
    )
  })

  it("businessDaysBetween adds up over a split and never exceeds the days between (property)", () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 200 }), (a, x, y) => {
        const b = new Date(a.getTime() + x * 86_400_000)
        const c = new Date(b.getTime() + y * 86_400_000)
        const ab = businessDaysBetween(a, b)
        expect(ab + businessDaysBetween(b, c)).toBe(businessDaysBetween(a, c))
        expect(ab).toBeLessThanOrEqual(x)
        // Five weekdays a week, at most 19 of them holidays a year.
        expect(ab).toBeGreaterThanOrEqual(Math.floor(x / 7) * 5 - Math.ceil(x / 365 + 1) * 19)
      }),
      { numRuns: 300 }
    )
  })

  it("nextBusinessDay is the smallest business day after the date (property)", () => {
    fc.assert(
      fc.property(instant, (d) => {
        const next = limaDateOf(nextBusinessDay(d))
        expect(next > limaDateOf(d)).toBe(true)
        for (let day = limaDateOf(addBusinessDays(limaDateOf(d), 0)); ;) {
          const following = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
          if (following === next) break
          expect(isBusinessDay(following)).toBe(false)
          day = following
        }
      }),
      { numRuns: 300 }
    )
  })
})

describe("limaDateOf's cached-formatter path", () => {
  it("gives the zoned DateTime's date for any instant, as a Date, a number or a UTC ISO string (property)", () => {
    const lima = DateTime.zoneMakeNamedUnsafe("America/Lima")
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) }), (ms) => {
        const expected = DateTime.formatIsoDate(DateTime.makeZonedUnsafe(ms, { timeZone: lima }))
        expect(limaDateOf(ms)).toBe(expected)
        expect(limaDateOf(new Date(ms))).toBe(expected)
        expect(limaDateOf(new Date(ms).toISOString())).toBe(expected)
      }),
      { numRuns: 2000 }
    )
    // Around midnight in Lima (05:00 UTC): the date changes there, not at UTC midnight.
    expect(limaDateOf("2026-03-03T04:59:59.999Z")).toBe("2026-03-02")
    expect(limaDateOf("2026-03-03T05:00:00.000Z")).toBe("2026-03-03")
  })
})
