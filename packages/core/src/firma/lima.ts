// Dates as Peruvian documents print them: Lima time, which has kept UTC-5 without daylight
// saving since 1994, so a fixed offset is exact and needs no time-zone data.
const LIMA_OFFSET_MS = -5 * 3600 * 1000

const parts = (at: Date) => {
  const d = new Date(at.getTime() + LIMA_OFFSET_MS)
  const p = (n: number, w = 2) => String(n).padStart(w, "0")
  return { y: p(d.getUTCFullYear(), 4), mo: p(d.getUTCMonth() + 1), d: p(d.getUTCDate()), h: p(d.getUTCHours()), mi: p(d.getUTCMinutes()), s: p(d.getUTCSeconds()) }
}

/**
 * A date and time in Lima as Firma Perú stamps print it: "19/08/2022 16:22:14 -05:00".
 *
 * @since 0.2.0
 * @category i18n
 */
export const firmaLimaDateTime = (at: Date | string): string => {
  const t = parts(typeof at === "string" ? new Date(at) : at)
  return `${t.d}/${t.mo}/${t.y} ${t.h}:${t.mi}:${t.s} -05:00`
}

/**
 * A PDF date in Lima time, as a signature dictionary's /M: "D:20220819162214-05'00'".
 *
 * @since 0.2.0
 * @category i18n
 */
export const firmaLimaPdfDate = (at: Date): string => {
  const t = parts(at)
  return `D:${t.y}${t.mo}${t.d}${t.h}${t.mi}${t.s}-05'00'`
}
