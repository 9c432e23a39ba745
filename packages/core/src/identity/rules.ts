// Pure identity rules (DOMAIN.md §6). No Effect import here: `isValidRuc` alone must
// tree-shake to a few hundred bytes, and these run millions of times a second.

import type { IdentityKind, IdentityReason } from "./errors.js"

// Types only (erased): the kinds and reasons are the literals of the Schemas in errors.ts.
export type { IdentityKind, IdentityReason } from "./errors.js"

/**
 * What a RUC's two-digit prefix says about its holder.
 *
 * @since 0.1.0
 * @category models
 */
export type RucType = "persona-natural" | "persona-natural-sin-dni" | "persona-juridica"

/**
 * The outcome of checking one text: the normalised value, or the reason it fails.
 *
 * @since 0.1.0
 * @category models
 */
export type IdentityCheck =
  | { readonly ok: true; readonly kind: IdentityKind; readonly value: string }
  | { readonly ok: false; readonly kind: IdentityKind; readonly reason: IdentityReason }

const DNI_WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2]
const RUC_WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]
const DNI_CHECK_DIGITS = "65432110987"
const DNI_CHECK_LETTERS = "KJIHGFEDCBA"

const isDigits = (s: string): boolean => {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 48 || c > 57) return false
  }
  return s.length > 0
}

/**
 * The printed check character of a DNI: the digit and the letter forms.
 * The input must be 8 digits.
 *
 * @since 0.1.0
 * @category rules
 */
export const dniCheckCharacters = (dni: string): { readonly digit: string; readonly letter: string } => {
  let sum = 0
  for (let i = 0; i < 8; i++) sum += (dni.charCodeAt(i) - 48) * DNI_WEIGHTS[i]
  const c = sum % 11
  return { digit: DNI_CHECK_DIGITS[c], letter: DNI_CHECK_LETTERS[c] }
}

/**
 * The check digit of a RUC, computed over its first ten digits.
 *
 * @since 0.1.0
 * @category rules
 */
export const rucCheckDigit = (firstTen: string): number => {
  let sum = 0
  for (let i = 0; i < 10; i++) sum += (firstTen.charCodeAt(i) - 48) * RUC_WEIGHTS[i]
  const r = 11 - (sum % 11)
  return r === 10 ? 0 : r === 11 ? 1 : r
}

/**
 * The RUC prefixes SUNAT issues and the holder each stands for: the one list every RUC
 * rule (validation, detection, messages, certificate parsing) reads.
 *
 * @since 0.2.0
 * @category constants
 */
export const rucPrefixTypes: Readonly<Record<string, RucType>> = {
  "10": "persona-natural",
  "15": "persona-natural-sin-dni",
  "16": "persona-natural-sin-dni",
  "17": "persona-natural-sin-dni",
  "20": "persona-juridica"
}

/**
 * The RUC prefixes, in order: `10`, `15`, `16`, `17`, `20`.
 *
 * @since 0.2.0
 * @category constants
 */
export const rucPrefixes: ReadonlyArray<string> = Object.keys(rucPrefixTypes)

// Prefix as a two-digit number → issued, for the allocation-free check in isValidRuc.
const ISSUED_PREFIX: ReadonlyArray<boolean> = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, "0") in rucPrefixTypes)

/**
 * The holder type a RUC prefix stands for, or `undefined` for a prefix SUNAT does not issue.
 *
 * @since 0.1.0
 * @category rules
 */
export const rucTypeOfPrefix = (prefix: string): RucType | undefined =>
  Object.prototype.hasOwnProperty.call(rucPrefixTypes, prefix) ? rucPrefixTypes[prefix] : undefined

/**
 * Whether `text` is exactly a valid RUC: 11 digits, a known prefix, a correct check digit.
 * No normalisation: the fast path for data already stored.
 *
 * @since 0.1.0
 * @category rules
 */
export const isValidRuc = (text: string): boolean => {
  if (typeof text !== "string" || text.length !== 11) return false
  let sum = 0
  for (let i = 0; i < 10; i++) {
    const d = text.charCodeAt(i) - 48
    if (d < 0 || d > 9) return false
    sum += d * RUC_WEIGHTS[i]
  }
  const last = text.charCodeAt(10) - 48
  if (last < 0 || last > 9) return false
  if (!ISSUED_PREFIX[(text.charCodeAt(0) - 48) * 10 + text.charCodeAt(1) - 48]) return false
  const r = 11 - (sum % 11)
  return last === (r === 10 ? 0 : r === 11 ? 1 : r)
}

const fail = (kind: IdentityKind, reason: IdentityReason): IdentityCheck => ({ ok: false, kind, reason })
const pass = (kind: IdentityKind, value: string): IdentityCheck => ({ ok: true, kind, value })

/**
 * Checks a DNI as people type it: 8 digits, optionally followed by the printed check
 * character (digit or letter), with or without one hyphen before it (`10117410-2`,
 * `10117410G`). Surrounding space is trimmed. The value is the 8 digits.
 *
 * @since 0.1.0
 * @category rules
 */
export const checkDni = (input: string): IdentityCheck => {
  const text = input.trim()
  if (text === "") return fail("dni", "empty")
  let body = text
  let check: string | undefined
  const hyphen = text.indexOf("-")
  if (hyphen !== -1) {
    // One hyphen, right before the check character; anywhere else it is not a digit.
    if (hyphen !== 8 || text.length !== 10) return fail("dni", "not-digits")
    body = text.slice(0, 8)
    check = text[9]
  } else if (text.length === 9) {
    body = text.slice(0, 8)
    check = text[8]
  }
  if (!isDigits(body)) return fail("dni", "not-digits")
  if (body.length !== 8) return fail("dni", "bad-length")
  if (check !== undefined) {
    const expected = dniCheckCharacters(body)
    const c = check.toUpperCase()
    if (!/^[0-9A-Z]$/.test(c)) return fail("dni", "not-digits")
    if (c !== expected.digit && c !== expected.letter) return fail("dni", "bad-check-digit")
  }
  return pass("dni", body)
}

/**
 * Checks a RUC: 11 digits after trimming, prefix 10/15/16/17/20, mod-11 check digit.
 *
 * @since 0.1.0
 * @category rules
 */
export const checkRuc = (input: string): IdentityCheck => {
  const text = input.trim()
  if (text === "") return fail("ruc", "empty")
  if (!isDigits(text)) return fail("ruc", "not-digits")
  if (text.length !== 11) return fail("ruc", "bad-length")
  if (rucTypeOfPrefix(text.slice(0, 2)) === undefined) return fail("ruc", "bad-prefix")
  if (rucCheckDigit(text) !== text.charCodeAt(10) - 48) return fail("ruc", "bad-check-digit")
  return pass("ruc", text)
}

/**
 * Checks a carné de extranjería. There is no settled public format and no checksum:
 * 8 to 12 letters or digits, upper-cased.
 *
 * @since 0.1.0
 * @category rules
 */
export const checkCe = (input: string): IdentityCheck => {
  const text = input.trim().toUpperCase()
  if (text === "") return fail("ce", "empty")
  if (!/^[0-9A-Z]+$/.test(text)) return fail("ce", "not-digits")
  if (text.length < 8 || text.length > 12) return fail("ce", "bad-length")
  return pass("ce", text)
}

/**
 * Checks an internal user code: `U` (CGR staff) or `E` (OCI / entity staff) followed by
 * 3 to 10 digits, case-insensitive; the value is upper-cased.
 *
 * @since 0.1.0
 * @category rules
 */
export const checkUserCode = (input: string): IdentityCheck => {
  const text = input.trim().toUpperCase()
  if (text === "") return fail("user-code", "empty")
  const p = text[0]
  if (p !== "U" && p !== "E") return fail("user-code", "bad-prefix")
  const digits = text.slice(1)
  if (!isDigits(digits)) return fail("user-code", "not-digits")
  if (digits.length < 3 || digits.length > 10) return fail("user-code", "bad-length")
  return pass("user-code", text)
}

const checkers: Record<IdentityKind, (input: string) => IdentityCheck> = {
  dni: checkDni,
  ruc: checkRuc,
  ce: checkCe,
  "user-code": checkUserCode
}

/**
 * The kind a text looks like, from its shape alone: `U`/`E` and digits a user code;
 * up to 8 digits, or 8 digits and a check character, a DNI; 10 or more digits, or 11
 * characters under a RUC prefix (`20A12333797`), a RUC; 9 digits or other letters mixed
 * with digits a carné de extranjería. `undefined` when it looks like none (letters only).
 *
 * @since 0.1.0
 * @category rules
 */
export const guessIdentityKind = (input: string): IdentityKind | undefined => {
  const text = input.trim().toUpperCase()
  if (/^[UE]\d*$/.test(text) && text.length > 1) return "user-code"
  if (/^\d{8}(-[0-9A-Z]|[A-Z])$/.test(text)) return "dni"
  if (/^\d+$/.test(text)) return text.length <= 8 ? "dni" : text.length === 9 ? "ce" : "ruc"
  if (/^[\d-]+$/.test(text)) return "dni"
  // Eleven characters under a RUC prefix are a RUC with a typo (a letter for a digit),
  // not a carné that happens to start like one.
  if (text.length === 11 && rucTypeOfPrefix(text.slice(0, 2)) !== undefined) return "ruc"
  // A carné has digits: letters alone are a name or a slip, not a document number.
  if (/^[0-9A-Z]+$/.test(text) && /\d/.test(text)) return "ce"
  return undefined
}

/**
 * Checks `input` against the given kinds (all of them by default) and tells which
 * kind it is. With several kinds, the kind the text looks like is the one checked,
 * so the reason given is the one that fits what the user meant.
 *
 * @since 0.1.0
 * @category rules
 */
export const checkIdentity = (
  input: string,
  kinds: ReadonlyArray<IdentityKind> = ["dni", "ruc", "ce", "user-code"]
): IdentityCheck => {
  const text = typeof input === "string" ? input : ""
  if (kinds.length === 1) return checkers[kinds[0]](text)
  const guessed = guessIdentityKind(text)
  // A text shaped like a kind that is not allowed here is judged as the first allowed kind.
  const kind = guessed !== undefined && kinds.includes(guessed) ? guessed : kinds[0]
  return checkers[kind](text)
}

/**
 * Whether `input` is a valid DNI (with or without its check character).
 *
 * @since 0.1.0
 * @category rules
 */
export const isValidDni = (input: string): boolean => checkDni(input).ok

/**
 * The DNI a RUC-10 embeds, or `undefined` for other RUCs.
 *
 * @since 0.1.0
 * @category rules
 */
export const dniOfRuc = (ruc: string): string | undefined =>
  isValidRuc(ruc) && ruc.startsWith("10") ? ruc.slice(2, 10) : undefined

/**
 * The RUC-10 of a persona natural with DNI: `10` + DNI + check digit.
 *
 * @since 0.1.0
 * @category rules
 */
export const rucOfDni = (dni: string): string | undefined => {
  const checked = checkDni(dni)
  if (!checked.ok) return undefined
  const firstTen = "10" + checked.value
  return firstTen + rucCheckDigit(firstTen)
}
