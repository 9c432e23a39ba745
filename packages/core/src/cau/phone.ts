import * as Schema from "effect/Schema"
import type { Locale } from "../i18n/locale.js"
import { cauFieldMessage } from "./messages.js"

/**
 * Peruvian contact numbers as the CAU form takes them: a mobile `9XXXXXXXX` or a fixed line
 * with its area code (`(01) 207-3360`, `044 123456`), optionally with `+51` and an anexo.
 * Pure rules, no Effect.
 */

/**
 * Why a phone text was refused.
 *
 * @since 0.1.0
 * @category models
 */
export type PhoneReason = typeof PhoneReasonSchema.Type

/**
 * The reasons of {@link PhoneReason}, as a Schema.
 *
 * @since 0.2.0
 * @category schemas
 */
export const PhoneReasonSchema = Schema.Literals(["empty", "bad-characters", "bad-length", "bad-area-code", "bad-mobile", "bad-anexo"])

/**
 * A valid phone, normalised.
 *
 * @since 0.1.0
 * @category models
 */
export interface PhoneInfo {
  readonly kind: "mobile" | "fixed"
  /** National significant number: `987654321`, `12073360` (Lima), `44123456`. */
  readonly national: string
  /** Area code of a fixed line: `1` for Lima and Callao, `44` for La Libertad… */
  readonly areaCode?: string
  /** E.164 without the anexo: `+51987654321`. */
  readonly e164: string
  readonly anexo?: string
  /** The form stored on a ticket and shown to people: `987 654 321`, `(01) 207-3360 anexo 600`. */
  readonly display: string
}

/**
 * @since 0.1.0
 * @category models
 */
export type PhoneCheck = { readonly ok: true; readonly value: PhoneInfo } | { readonly ok: false; readonly reason: PhoneReason }

/**
 * Area codes of the departments of Peru (Lima and Callao share 1).
 *
 * @since 0.1.0
 * @category constants
 */
export const peruAreaCodes: ReadonlyArray<string> = [
  "1", "41", "42", "43", "44", "51", "52", "53", "54", "56", "61", "62", "63", "64", "65", "66", "67", "72", "73",
  "74", "76", "82", "83", "84"
]
const AREA = new Set(peruAreaCodes)

const MOBILE = /^9\d{8}$|^9\d\d \d{3} \d{3}$/

const FIXED_DISPLAY = /^\(0(\d{1,2})\) (\d{3})-(\d{3,4})(?: anexo (\d{1,6}))?$/

const ANEXO = /\s*(?:,|;)?\s*(?:anexo|anx\.?|ext\.?|extensi[oó]n|int\.?|x)\s*[.:]?\s*#?\s*(\d{1,6})\s*$/i

/**
 * Checks and normalises a Peruvian mobile or fixed phone number.
 *
 * @since 0.1.0
 * @category rules
 */
export const checkPhone = (input: string): PhoneCheck => {
  let text = typeof input === "string" ? input.trim() : ""
  if (text === "") return { ok: false, reason: "empty" }
  // Fast path: a mobile as typed plainly or in display form.
  if (MOBILE.test(text)) return { ok: true, value: mobile(text.replace(/ /g, "")) }
  // Fast path: a fixed line in display form, `(01) 207-3360 anexo 600`.
  const d = FIXED_DISPLAY.exec(text)
  if (d && AREA.has(d[1]) && d[2].length + d[3].length === (d[1] === "1" ? 7 : 6)) {
    return { ok: true, value: fixed(d[1], d[2] + d[3], d[4]) }
  }
  let anexo: string | undefined
  const ax = ANEXO.exec(text)
  if (ax) {
    anexo = ax[1]
    text = text.slice(0, ax.index).trim()
  } else if (/anexo|anx|ext/i.test(text)) {
    return { ok: false, reason: "bad-anexo" }
  }
  if (!/^\+?[\d\s().-]+$/.test(text)) return { ok: false, reason: "bad-characters" }
  const international = /^\+\s*51|^0051/.test(text)
  let digits = text.replace(/\D/g, "")
  if (international) digits = digits.replace(/^(00)?51/, "")
  else if (digits.length === 11 && digits.startsWith("519")) digits = digits.slice(2)
  if (digits.startsWith("9")) {
    if (digits.length !== 9) return { ok: false, reason: international || digits.length > 9 ? "bad-length" : "bad-mobile" }
    if (anexo) return { ok: false, reason: "bad-anexo" }
    return { ok: true, value: mobile(digits) }
  }
  // A fixed line: nationally it starts with the trunk 0 (01…, 044…); after +51 it does not.
  if (!international) {
    if (!digits.startsWith("0")) return { ok: false, reason: "bad-area-code" }
    digits = digits.slice(1)
  } else if (digits.startsWith("0")) digits = digits.slice(1)
  const area = digits.startsWith("1") ? "1" : digits.slice(0, 2)
  if (!AREA.has(area)) return { ok: false, reason: "bad-area-code" }
  const local = digits.slice(area.length)
  if (local.length !== (area === "1" ? 7 : 6)) return { ok: false, reason: "bad-length" }
  return { ok: true, value: fixed(area, local, anexo) }
}

const mobile = (d: string): PhoneInfo => ({
  kind: "mobile",
  national: d,
  e164: `+51${d}`,
  display: `${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`
})

const fixed = (area: string, local: string, anexo: string | undefined): PhoneInfo => {
  const grouped = local.length === 7 ? `${local.slice(0, 3)}-${local.slice(3)}` : `${local.slice(0, 3)}-${local.slice(3)}`
  const display = `(0${area}) ${grouped}${anexo ? ` anexo ${anexo}` : ""}`
  const base = { kind: "fixed" as const, national: area + local, areaCode: area, e164: `+51${area}${local}`, display }
  return anexo ? { ...base, anexo } : base
}

/**
 * True when `input` is a valid Peruvian mobile or fixed number.
 *
 * @since 0.1.0
 * @category rules
 */
export const isValidPhone = (input: string): boolean => checkPhone(input).ok

/**
 * The message for a refused phone, Spanish by default.
 *
 * @since 0.1.0
 * @category i18n
 */
export const phoneMessage = (reason: PhoneReason, locale: Locale = "es-PE"): string =>
  cauFieldMessage({ field: "telefono", code: reason }, locale)
