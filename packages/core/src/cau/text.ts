import type { Locale } from "../i18n/locale.js"
import { htmlToPlainText } from "../ports/html-sanitizer.js"

/*
 * Rules for the free-text fields of a ticket: título, descripción, comments. Pure.
 */

/**
 * Why a título was refused.
 *
 * @since 0.1.0
 * @category models
 */
export type TituloReason = "empty" | "too-short" | "too-long" | "bad-characters" | "not-trimmed"

/**
 * Bounds of the free-text fields.
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
  commentMax: 4_000
} as const

const MESSY_SPACE = /^[\s\u00a0]|[\s\u00a0]$|[\s\u00a0]{2}|[\t\n\r\f\v\u00a0]/

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/

/**
 * Checks a título and gives it trimmed, inner runs of space collapsed.
 *
 * @since 0.1.0
 * @category rules
 */
export const checkTitulo = (input: string):
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly reason: Exclude<TituloReason, "not-trimmed"> } => {
  if (typeof input !== "string") return { ok: false, reason: "empty" }
  // Already clean (the usual case, and every stored título): no copy.
  const text = MESSY_SPACE.test(input) ? input.replace(/[\s\u00a0]+/g, " ").trim() : input
  if (text === "") return { ok: false, reason: "empty" }
  if (CONTROL.test(text)) return { ok: false, reason: "bad-characters" }
  if (text.length < ticketTextLimits.tituloMin) return { ok: false, reason: "too-short" }
  if (text.length > ticketTextLimits.tituloMax) return { ok: false, reason: "too-long" }
  return { ok: true, value: text }
}

/**
 * @since 0.1.0
 * @category i18n
 */
export const tituloMessage = (reason: TituloReason, locale: Locale = "es-PE"): string => {
  const { tituloMin: min, tituloMax: max } = ticketTextLimits
  const es: Record<TituloReason, string> = {
    empty: "Ingrese el título.",
    "too-short": `El título debe tener al menos ${min} caracteres.`,
    "too-long": `El título admite como máximo ${max} caracteres.`,
    "bad-characters": "El título no admite caracteres de control.",
    "not-trimmed": "El título no debe empezar ni terminar con espacios."
  }
  const en: Record<TituloReason, string> = {
    empty: "Enter the title.",
    "too-short": `The title needs at least ${min} characters.`,
    "too-long": `The title takes at most ${max} characters.`,
    "bad-characters": "The title takes no control characters.",
    "not-trimmed": "The title must not start or end with spaces."
  }
  return (locale === "en" ? en : es)[reason]
}

/**
 * True when an HTML fragment has visible text (not only tags, spaces or scripts).
 *
 * @since 0.1.0
 * @category rules
 */
export const hasVisibleText = (html: string): boolean =>
  // Scripts and styles need the full text extraction; the usual editor output is scanned
  // in place, stopping at the first visible character.
  RAW_TEXT.test(html) ? htmlToPlainText(html).replace(/[\s\u00a0•]+/g, "") !== "" : scanVisible(html)

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
    if (c === 32 || (c >= 9 && c <= 13) || c === 0xa0) continue
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
export const checkComment = (input: string | undefined):
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly reason: "empty" | "too-long" } => {
  const text = typeof input === "string" ? input.replace(/\r\n?/g, "\n").trim() : ""
  if (text === "") return { ok: false, reason: "empty" }
  return text.length > ticketTextLimits.commentMax ? { ok: false, reason: "too-long" } : { ok: true, value: text }
}

/**
 * A plain comment trimmed, or `undefined` when empty or too long.
 *
 * @since 0.1.0
 * @category rules
 */
export const cleanComment = (input: string | undefined): string | undefined => {
  const r = checkComment(input)
  return r.ok ? r.value : undefined
}
