import * as Schema from "effect/Schema"
import type { Locale } from "../i18n/locale.js"
import { htmlToPlainText } from "../ports/html-sanitizer.js"
import { cauFieldMessage } from "./messages.js"

/*
 * Rules for the free-text fields of a ticket: título, descripción, support group, notes,
 * comments, answer. One hygiene rule for all of them (`checkText`). Pure.
 */

/**
 * Why a text a person typed was refused. One Schema, so the type and the codes that cross
 * HTTP cannot drift apart.
 *
 * @since 0.2.0
 * @category schemas
 */
export const TextReasonSchema = Schema.Literals(["empty", "too-short", "too-long", "bad-characters", "not-trimmed"])

/**
 * @since 0.2.0
 * @category models
 */
export type TextReason = typeof TextReasonSchema.Type

/**
 * Why a título was refused.
 *
 * @since 0.1.0
 * @category models
 */
export type TituloReason = TextReason

/**
 * Bounds of the free-text fields. Forms read them (`maxlength`) from here.
 *
 * @since 0.1.0
 * @category constants
 */
export const ticketTextLimits = {
  tituloMin: 3,
  tituloMax: 150,
  /** Sanitized HTML of a descripción or an answer. */
  htmlMax: 50_000,
  /** Notes and incorrecta / survey comments. */
  commentMax: 4_000,
  /** The support group a lead names when assigning. */
  supportGroupMax: 100
} as const

const MESSY_SPACE = /^[\s\u00a0]|[\s\u00a0]$|[\s\u00a0]{2}|[\t\n\r\f\v\u00a0]/

// Invisible characters that carry nothing in these fields: dropped, so a título made only
// of them is empty rather than "three characters long".
const INVISIBLE = /[\u200b\u2060\ufeff]/g

// C0 and C1 controls, and the bidi controls that reorder what a reader sees (RLO U+202E
// turns "fdp.exe" into "exe.pdf"): refused. Lone surrogates are broken text.
// eslint-disable-next-line no-control-regex
const CONTROL_LINE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/
// The same, but line breaks and tabs are text in a note or an HTML body.
// eslint-disable-next-line no-control-regex
const CONTROL_BLOCK = /[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/**
 * The text without the invisible characters `checkText` drops (zero-width space, word
 * joiner, BOM).
 *
 * @since 0.2.0
 * @category rules
 */
export const withoutInvisible = (text: string): string =>
  text.includes("\u200b") || text.includes("\u2060") || text.includes("\ufeff") ? text.replace(INVISIBLE, "") : text

/**
 * The outcome of checking a typed text: the clean value, or the reason and the parameters
 * of its message (`{ max: 150 }`).
 *
 * @since 0.2.0
 * @category models
 */
export type TextCheck =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly reason: Exclude<TextReason, "not-trimmed">; readonly params?: { readonly min?: number; readonly max?: number } }

/**
 * The one rule for text a person types (títulos, support groups, notes, comments, answers):
 * invisible characters dropped, controls and bidi overrides refused, space trimmed (inner
 * runs collapsed on one line), and the length bounds. The length is checked before any
 * copy, so a 1 MB paste costs one scan.
 *
 * @since 0.2.0
 * @category rules
 */
export const checkText = (
  input: string | undefined,
  bounds: { readonly min?: number; readonly max: number; readonly multiline?: boolean }
): TextCheck => {
  if (typeof input !== "string") return { ok: false, reason: "empty" }
  const { min = 1, max, multiline = false } = bounds
  // Generous first cut: what is this long stays too long after any trimming.
  if (input.length > max * 4 + 64) return { ok: false, reason: "too-long", params: { max } }
  let text = withoutInvisible(input)
  if ((multiline ? CONTROL_BLOCK : CONTROL_LINE).test(multiline ? text : text.replace(/[\t\n\r\f\v]/g, " "))) {
    return { ok: false, reason: "bad-characters" }
  }
  // Already clean (the usual case, and every stored título): no copy.
  if (multiline) text = text.replace(/\r\n?/g, "\n").trim()
  else if (MESSY_SPACE.test(text)) text = text.replace(/[\s\u00a0]+/g, " ").trim()
  if (text === "") return { ok: false, reason: "empty" }
  if (text.length < min) return { ok: false, reason: "too-short", params: { min } }
  if (text.length > max) return { ok: false, reason: "too-long", params: { max } }
  return { ok: true, value: text }
}

/**
 * Checks a título and gives it trimmed, inner runs of space collapsed.
 *
 * @since 0.1.0
 * @category rules
 */
export const checkTitulo = (input: string): TextCheck =>
  checkText(input, { min: ticketTextLimits.tituloMin, max: ticketTextLimits.tituloMax })

/**
 * The message of a título reason, Spanish by default (from the CAU catalogue).
 *
 * @since 0.1.0
 * @category i18n
 */
export const tituloMessage = (reason: TituloReason, locale: Locale = "es-PE"): string =>
  cauFieldMessage({ field: "titulo", code: reason, params: { min: ticketTextLimits.tituloMin, max: ticketTextLimits.tituloMax } }, locale)

/**
 * Whether an HTML body (descripción, answer) carries control or bidi characters. Zero-width
 * spaces pasted from Word are harmless there and kept.
 *
 * @since 0.2.0
 * @category rules
 */
export const hasBadHtmlCharacters = (html: string): boolean => CONTROL_BLOCK.test(html)

/**
 * True when an HTML fragment has visible text (not only tags, spaces or scripts).
 *
 * @since 0.1.0
 * @category rules
 */
export const hasVisibleText = (html: string): boolean =>
  // Scripts and styles need the full text extraction; the usual editor output is scanned
  // in place, stopping at the first visible character.
  RAW_TEXT.test(html) ? htmlToPlainText(html).replace(/[\s\u00a0\u200b\u2060\ufeff•]+/g, "") !== "" : scanVisible(html)

const scanVisible = (html: string): boolean => {
  let inTag = false
  for (let i = 0; i < html.length; i++) {
    const c = html.charCodeAt(i)
    if (inTag) {
      if (c === 62) inTag = false
      continue
    }
    if (c === 60) {
      inTag = true
      continue
    }
    if (c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x200b || c === 0x2060 || c === 0xfeff) continue
    if (c === 38) {
      const m = NBSP.exec(html.slice(i, i + 8))
      if (m) {
        i += m[0].length - 1
        continue
      }
    }
    return true
  }
  return false
}

const NBSP = /^&(?:nbsp|#160|#xa0);/i
const RAW_TEXT = /<(script|style|template)/i

/**
 * A plain comment (note, incorrecta, survey) trimmed, or why it cannot be taken.
 *
 * @since 0.1.0
 * @category rules
 */
export const checkComment = (input: string | undefined): TextCheck =>
  checkText(input, { max: ticketTextLimits.commentMax, multiline: true })

/**
 * A plain comment trimmed, or `undefined` when it cannot be taken.
 *
 * @since 0.1.0
 * @category rules
 */
export const cleanComment = (input: string | undefined): string | undefined => {
  const r = checkComment(input)
  return r.ok ? r.value : undefined
}

/**
 * The support group a lead typed, or why it cannot be taken (empty means "keep or default").
 *
 * @since 0.2.0
 * @category rules
 */
export const checkSupportGroup = (input: string | undefined): TextCheck =>
  checkText(input, { max: ticketTextLimits.supportGroupMax })
