// Cross-reference sections (tables, streams, hybrids) and the byte scan readers fall back to
// when a cross-reference is broken. Sections are read where an offset points, as readers do;
// what they hold is never trusted to be where the %%EOF markers are.
import {
  indexOf,
  isDict,
  isDigit,
  isName,
  isRegular,
  isWhite,
  keywordAt,
  parseIndirectObject,
  Parser,
  PdfSyntaxError,
  readObjectHeader,
  skipWhite,
  type PdfDict
} from "./objects.js"
import { decodeStream } from "./streams.js"

export type XrefEntry =
  | { readonly type: "free" }
  | { readonly type: "offset"; readonly offset: number; readonly gen: number }
  | { readonly type: "compressed"; readonly stream: number; readonly index: number }

/** One cross-reference section: a table (with its hybrid /XRefStm) or an xref stream. */
export interface XrefSection {
  readonly offset: number
  readonly entries: ReadonlyMap<number, XrefEntry>
  readonly trailer: PdfDict
  /** The trailer's /Prev: where readers continue. */
  readonly prev: number | undefined
}

const MAX_XREF_ENTRIES = 5_000_000

export const sameEntry = (a: XrefEntry | undefined, b: XrefEntry | undefined): boolean => {
  if (a === b) return true
  if (!a || !b || a.type !== b.type) return false
  if (a.type === "offset") return a.offset === (b as typeof a).offset && a.gen === (b as typeof a).gen
  if (a.type === "compressed") return a.stream === (b as typeof a).stream && a.index === (b as typeof a).index
  return true
}

/** Reads the section at `offset`; throws PdfSyntaxError when there is none. */
export const readSection = (b: Uint8Array, offset: number): XrefSection => {
  const entries = new Map<number, XrefEntry>()
  const pos = skipWhite(b, offset)
  if (keywordAt(b, pos, "xref")) {
    const p = new Parser(b, pos + 4)
    let count = 0
    for (;;) {
      p.pos = skipWhite(b, p.pos)
      if (keywordAt(b, p.pos, "trailer")) {
        p.pos += 7
        const t = p.value()
        if (!isDict(t)) throw new PdfSyntaxError("bad trailer", p.pos)
        // Hybrid file: the table first, then its /XRefStm, then /Prev (ISO 32000-1 §7.5.8.4).
        const xs = t.map.get("XRefStm")
        if (typeof xs === "number" && xs >= 0 && xs < b.length) {
          try {
            readXrefStream(b, xs, entries)
          } catch {
            // A broken hybrid stream leaves the table entries.
          }
        }
        const prev = t.map.get("Prev")
        return { offset, entries, trailer: t, prev: typeof prev === "number" ? prev : undefined }
      }
      const first = p.value()
      const n = p.value()
      if (typeof first !== "number" || typeof n !== "number" || first < 0 || n < 0) throw new PdfSyntaxError("bad xref subsection", p.pos)
      if ((count += n) > MAX_XREF_ENTRIES) throw new PdfSyntaxError("xref too large", p.pos)
      for (let i = 0; i < n; i++) {
        const off = p.value()
        const gen = p.value()
        p.pos = skipWhite(b, p.pos)
        const kind = b[p.pos++]
        if (typeof off !== "number" || typeof gen !== "number") throw new PdfSyntaxError("bad xref entry", p.pos)
        const num = first + i
        if (entries.has(num)) continue
        if (kind === 110) entries.set(num, { type: "offset", offset: off, gen })
        else if (kind === 102) entries.set(num, { type: "free" })
        else throw new PdfSyntaxError("bad xref entry type", p.pos)
      }
    }
  }
  const trailer = readXrefStream(b, pos, entries)
  const prev = trailer.map.get("Prev")
  return { offset, entries, trailer, prev: typeof prev === "number" ? prev : undefined }
}

const readXrefStream = (b: Uint8Array, offset: number, entries: Map<number, XrefEntry>): PdfDict => {
  const obj = parseIndirectObject(b, offset)
  const d = obj.value
  if (!isDict(d) || !isName(d.map.get("Type"), "XRef") || !obj.stream) throw new PdfSyntaxError("not an xref stream", offset)
  const data = decodeStream(d, b.subarray(obj.stream.start, obj.stream.end))
  const w = d.map.get("W")
  const ws = w && typeof w === "object" && w.kind === "array" ? w.items.map((x) => (typeof x === "number" ? x : -1)) : []
  if (ws.length !== 3 || ws.some((x) => x < 0 || x > 8)) throw new PdfSyntaxError("bad /W", offset)
  const size = d.map.get("Size")
  const idx = d.map.get("Index")
  const index =
    idx && typeof idx === "object" && idx.kind === "array"
      ? idx.items.map((x) => (typeof x === "number" ? x : 0))
      : [0, typeof size === "number" ? size : 0]
  const rowLen = ws[0] + ws[1] + ws[2]
  if (rowLen === 0) throw new PdfSyntaxError("bad /W", offset)
  let row = 0
  const field = (at: number, len: number, dflt: number): number => {
    if (len === 0) return dflt
    let v = 0
    for (let k = 0; k < len; k++) v = v * 256 + data[at + k]
    return v
  }
  for (let s = 0; s + 1 < index.length; s += 2) {
    const first = index[s]
    const n = index[s + 1]
    if (n > MAX_XREF_ENTRIES) throw new PdfSyntaxError("xref too large", offset)
    for (let i = 0; i < n; i++, row++) {
      const at = row * rowLen
      if (at + rowLen > data.length) return d
      const type = field(at, ws[0], 1)
      const f2 = field(at + ws[0], ws[1], 0)
      const f3 = field(at + ws[0] + ws[1], ws[2], 0)
      const num = first + i
      if (entries.has(num)) continue
      if (type === 0) entries.set(num, { type: "free" })
      else if (type === 1) entries.set(num, { type: "offset", offset: f2, gen: f3 })
      else if (type === 2) entries.set(num, { type: "compressed", stream: f2, index: f3 })
    }
  }
  return d
}

/** Steps back from `p` over white space and comments; the offset of the byte before them. */
const skipBack = (b: Uint8Array, p: number, min: number): number => {
  for (let guard = 0; guard < 32 && p >= min; guard++) {
    while (p >= min && isWhite(b[p])) p--
    if (p < min) return p
    // Inside a comment? Then everything from its % to the end of the line is white space.
    let ls = p
    while (ls > min && b[ls - 1] !== 10 && b[ls - 1] !== 13 && p - ls < 1024) ls--
    let pct = -1
    for (let i = ls; i <= p; i++)
      if (b[i] === 37) {
        pct = i
        break
      }
    if (pct < 0) return p
    p = pct - 1
  }
  return p
}

const OBJ = new TextEncoder().encode("obj")

/**
 * Every `num gen obj` header in [from, to), as a reconstructing reader finds them: any PDF white
 * space (NUL, TAB, FF too) or comment between the tokens. Calls `found` in file order.
 */
export const scanHeaders = (b: Uint8Array, from: number, to: number, found: (num: number, gen: number, offset: number) => void): void => {
  let pos = from
  for (let guard = 0; guard < 10_000_000; guard++) {
    const at = indexOf(b, OBJ, pos, to)
    if (at < 0) return
    pos = at + 3
    if (at === 0 || !isWhite(b[at - 1]) || (at + 3 < b.length && isRegular(b[at + 3]))) continue
    let p = skipBack(b, at - 1, from)
    const genEnd = p
    while (p >= from && isDigit(b[p])) p--
    if (p === genEnd) continue
    p = skipBack(b, p, from)
    const numEnd = p
    while (p >= from && isDigit(b[p])) p--
    if (p === numEnd || (p >= 0 && isRegular(b[p]))) continue
    const h = readObjectHeader(b, p + 1)
    if (h && h.next === at + 3) found(h.num, h.gen, p + 1)
  }
}

/** The `N` of a `startxref N` that immediately precedes `eof` (white space and comments between). */
export const startxrefBefore = (b: Uint8Array, eof: number, min: number): number | undefined => {
  let p = eof - 1
  while (p >= min && isWhite(b[p])) p--
  const end = p + 1
  while (p >= min && isDigit(b[p])) p--
  if (p + 1 === end) return undefined
  const n = Number(String.fromCharCode(...b.subarray(p + 1, end)))
  while (p >= min && isWhite(b[p])) p--
  const kw = p - 8
  if (kw < min || !keywordAt(b, kw, "startxref") || (kw > 0 && isRegular(b[kw - 1]))) return undefined
  return Number.isSafeInteger(n) ? n : undefined
}
