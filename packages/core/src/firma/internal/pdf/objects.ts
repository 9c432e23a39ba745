// A bounded PDF object parser over raw bytes. It parses one object at a given offset
// and never builds a model of the whole file: the verifier looks objects up on demand.
// Every loop and every recursion is bounded, because the input is hostile.
import { indexOf } from "./search.js"

export { indexOf, lastIndexOf } from "./search.js"

/** A PDF value. Numbers are plain numbers; the rest are tagged. */
export type PdfValue = null | boolean | number | PdfName | PdfString | PdfRef | PdfArray | PdfDict

export interface PdfName {
  readonly kind: "name"
  readonly value: string
}
export interface PdfString {
  readonly kind: "string"
  readonly bytes: Uint8Array
  readonly hex: boolean
  /** Offset of the opening `<` or `(`. */
  readonly start: number
  /** Offset just after the closing `>` or `)`. */
  readonly end: number
}
export interface PdfRef {
  readonly kind: "ref"
  readonly num: number
  readonly gen: number
}
export interface PdfArray {
  readonly kind: "array"
  readonly items: ReadonlyArray<PdfValue>
}
export interface PdfDict {
  readonly kind: "dict"
  readonly map: ReadonlyMap<string, PdfValue>
  /** Keys that occur more than once in the dictionary (a red flag in a /Sig dictionary). */
  readonly duplicateKeys: ReadonlyArray<string>
  readonly start: number
  readonly end: number
}

/** An indirect object as stored: its value and, for streams, where the raw data sits. */
export interface PdfObject {
  readonly num: number
  readonly gen: number
  readonly value: PdfValue
  readonly offset: number
  /** Raw (still encoded) stream data, for stream objects. */
  readonly stream?: { readonly start: number; readonly end: number }
}

/** Thrown for input the parser refuses; the verifier turns it into a typed error or verdict. */
export class PdfSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number
  ) {
    super(message)
  }
}

export const MAX_DEPTH = 64
const MAX_ITEMS = 200_000
const MAX_STRING = 64 * 1024 * 1024

export const isWhite = (c: number): boolean => c === 32 || c === 10 || c === 13 || c === 9 || c === 12 || c === 0
const isDelim = (c: number): boolean =>
  c === 40 || c === 41 || c === 60 || c === 62 || c === 91 || c === 93 || c === 123 || c === 125 || c === 47 || c === 37
export const isRegular = (c: number): boolean => !isWhite(c) && !isDelim(c)
export const isDigit = (c: number): boolean => c >= 48 && c <= 57
const HEX = new Int8Array(256).fill(-1)
for (let c = 0; c < 256; c++) HEX[c] = c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 70 ? c - 55 : c >= 97 && c <= 102 ? c - 87 : -1
const hexVal = (c: number): number => HEX[c]

/** Skips white space and comments from `pos`; returns the next significant offset. */
export const skipWhite = (b: Uint8Array, pos: number, end = b.length): number => {
  while (pos < end) {
    const c = b[pos]
    if (isWhite(c)) pos++
    else if (c === 37) {
      while (pos < end && b[pos] !== 10 && b[pos] !== 13) pos++
    } else break
  }
  return pos
}

const latin1 = (b: Uint8Array, start: number, end: number): string => {
  let s = ""
  for (let i = start; i < end; i++) s += String.fromCharCode(b[i])
  return s
}

/** Does the keyword `word` start at `pos` and end at a delimiter? */
export const keywordAt = (b: Uint8Array, pos: number, word: string): boolean => {
  if (pos + word.length > b.length) return false
  for (let i = 0; i < word.length; i++) if (b[pos + i] !== word.charCodeAt(i)) return false
  const after = pos + word.length
  return after >= b.length || !isRegular(b[after])
}

/**
 * Parses a number token at `pos`: its value lands in `num.value` and the offset after it in
 * `num.next`, and the result says whether there was one. Plain integers (nearly every number
 * in a PDF) are computed from their digits, with no string and no object per token.
 */
const num = { value: 0, next: 0 }
const readNumber = (b: Uint8Array, pos: number, end: number): boolean => {
  let p = pos
  const sign = b[p] === 45 ? -1 : 1
  if (b[p] === 43 || b[p] === 45) p++
  const digitsStart = p
  let v = 0
  while (p < end && isDigit(b[p]) && p - digitsStart < 15) v = v * 10 + (b[p++] - 48)
  if (p > digitsStart && (p >= end || (b[p] !== 46 && !isDigit(b[p])))) {
    num.value = sign * v
    num.next = p
    return true
  }
  while (p < end && (isDigit(b[p]) || b[p] === 46)) p++
  if (p === digitsStart || p - pos > 40) return false
  const value = Number(latin1(b, pos, p))
  if (!Number.isFinite(value)) return false
  num.value = value
  num.next = p
  return true
}

interface NodeBufferCtor {
  from(data: ArrayBufferLike, byteOffset: number, length: number): { toString(encoding: "latin1"): string }
  from(data: string, encoding: "hex"): Uint8Array
}
let nodeBuffer: NodeBufferCtor | null | undefined
const NATIVE_HEX_MIN = 1024

/**
 * Node's own hex decoder for long hex strings (signature /Contents run to tens of kilobytes):
 * `undefined` outside Node, or when the string holds anything but hex digit pairs (white space,
 * an odd count, a bad digit), which the byte-by-byte decoder then reads or refuses.
 */
const nativeHex = (b: Uint8Array, from: number, to: number): Uint8Array | undefined => {
  if (nodeBuffer === undefined) {
    const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process
    nodeBuffer = (proc?.getBuiltinModule?.("node:buffer") as { Buffer?: NodeBufferCtor } | undefined)?.Buffer ?? null
  }
  if (!nodeBuffer || (to - from) % 2 !== 0) return undefined
  const text = nodeBuffer.from(b.buffer, b.byteOffset + from, to - from).toString("latin1")
  // Node stops at the first pair that is not hex: a full-length result means every pair was.
  const out = nodeBuffer.from(text, "hex")
  if (out.length * 2 !== to - from) return undefined
  // A plain Uint8Array (Buffer#slice would not copy) with memory of its own: a short result sits
  // in Node's shared pool, next to other buffers, and is copied out of it.
  return out.byteOffset === 0 && out.buffer.byteLength === out.length ? new Uint8Array(out.buffer) : new Uint8Array(out)
}

/** A parser positioned in a byte array; `end` bounds the readable region. */
export class Parser {
  pos: number
  items = 0
  constructor(
    readonly b: Uint8Array,
    pos: number,
    readonly end: number = b.length
  ) {
    this.pos = pos
  }

  fail(message: string): never {
    throw new PdfSyntaxError(message, this.pos)
  }

  /** Reads one value; integers followed by `gen R` become references. */
  value(depth = 0): PdfValue {
    if (depth > MAX_DEPTH) this.fail("nesting too deep")
    if (++this.items > MAX_ITEMS) this.fail("too many items")
    const b = this.b
    this.pos = skipWhite(b, this.pos, this.end)
    if (this.pos >= this.end) this.fail("unexpected end of data")
    const c = b[this.pos]
    if (c === 47) return this.name()
    if (c === 40) return this.literalString()
    if (c === 60) {
      if (b[this.pos + 1] === 60) return this.dict(depth)
      return this.hexString()
    }
    if (c === 91) return this.array(depth)
    if (isDigit(c) || c === 43 || c === 45 || c === 46) {
      if (!readNumber(b, this.pos, this.end)) this.fail("bad number")
      const value = num.value
      this.pos = num.next
      if (Number.isInteger(value) && value >= 0 && isDigit(c)) {
        const save = this.pos
        const p1 = skipWhite(b, this.pos, this.end)
        if (p1 < this.end && isDigit(b[p1]) && readNumber(b, p1, this.end) && Number.isInteger(num.value)) {
          const gen = num.value
          const p2 = skipWhite(b, num.next, this.end)
          if (b[p2] === 82 && (p2 + 1 >= this.end || !isRegular(b[p2 + 1]))) {
            this.pos = p2 + 1
            return { kind: "ref", num: value, gen }
          }
        }
        this.pos = save
      }
      return value
    }
    if (keywordAt(b, this.pos, "true")) return (this.pos += 4), true
    if (keywordAt(b, this.pos, "false")) return (this.pos += 5), false
    if (keywordAt(b, this.pos, "null")) return (this.pos += 4), null
    return this.fail(`unexpected byte 0x${c.toString(16)}`)
  }

  private name(): PdfName {
    const b = this.b
    let p = this.pos + 1
    // Most names are short and plain: one native conversion instead of a string built byte by byte.
    let q = p
    while (q < this.end && q - p <= 256 && isRegular(b[q]) && b[q] !== 35) q++
    if (q - p <= 256 && (q >= this.end || !isRegular(b[q]))) {
      this.pos = q
      return { kind: "name", value: String.fromCharCode.apply(null, b.subarray(p, q) as unknown as number[]) }
    }
    let s = ""
    while (p < this.end && isRegular(b[p])) {
      if (b[p] === 35 && p + 2 < this.end && hexVal(b[p + 1]) >= 0 && hexVal(b[p + 2]) >= 0) {
        s += String.fromCharCode(hexVal(b[p + 1]) * 16 + hexVal(b[p + 2]))
        p += 3
      } else s += String.fromCharCode(b[p++])
      if (s.length > 256) this.fail("name too long")
    }
    this.pos = p
    return { kind: "name", value: s }
  }

  private literalString(): PdfString {
    const b = this.b
    const start = this.pos
    // Without escapes or nested parentheses the bytes are the string: copy them at once.
    const window = b.subarray(start + 1, Math.min(this.end, start + 1 + 65536)).indexOf(41)
    const close = window < 0 ? -1 : start + 1 + window
    if (close >= 0) {
      let plain = true
      for (let i = start + 1; i < close; i++)
        if (b[i] === 92 || b[i] === 40) {
          plain = false
          break
        }
      if (plain) {
        this.pos = close + 1
        return { kind: "string", bytes: b.slice(start + 1, close), hex: false, start, end: close + 1 }
      }
    }
    let p = start + 1
    let depth = 1
    const out: number[] = []
    while (p < this.end) {
      const c = b[p++]
      if (c === 92) {
        const d = b[p++]
        if (d === 110) out.push(10)
        else if (d === 114) out.push(13)
        else if (d === 116) out.push(9)
        else if (d === 98) out.push(8)
        else if (d === 102) out.push(12)
        else if (d === 13) {
          if (b[p] === 10) p++
        } else if (d === 10) {
          // line continuation
        } else if (d >= 48 && d <= 55) {
          let v = d - 48
          for (let k = 0; k < 2 && b[p] >= 48 && b[p] <= 55; k++) v = v * 8 + (b[p++] - 48)
          out.push(v & 255)
        } else if (d !== undefined) out.push(d)
      } else if (c === 40) {
        depth++
        out.push(c)
      } else if (c === 41) {
        if (--depth === 0) break
        out.push(c)
      } else out.push(c)
      if (out.length > MAX_STRING) this.fail("string too long")
    }
    if (depth !== 0) this.fail("unterminated string")
    this.pos = p
    return { kind: "string", bytes: Uint8Array.from(out), hex: false, start, end: p }
  }

  private hexString(): PdfString {
    const b = this.b
    const start = this.pos
    // Signature /Contents are tens of kilobytes: find the end natively, decode in one pass.
    const close = b.indexOf(62, start + 1)
    if (close < 0 || close >= this.end) this.fail("unterminated hex string")
    const native = close - start - 1 >= NATIVE_HEX_MIN ? nativeHex(b, start + 1, close) : undefined
    if (native) {
      this.pos = close + 1
      return { kind: "string", bytes: native, hex: true, start, end: close + 1 }
    }
    const out = new Uint8Array((close - start) >> 1)
    let n = 0
    let hi = -1
    for (let p = start + 1; p < close; p++) {
      const c = b[p]
      const v = HEX[c]
      if (v < 0) {
        if (isWhite(c)) continue
        this.fail("bad hex string")
      }
      if (hi < 0) hi = v
      else {
        out[n++] = (hi << 4) | v
        hi = -1
      }
    }
    if (hi >= 0) out[n++] = hi << 4
    this.pos = close + 1
    return { kind: "string", bytes: out.subarray(0, n), hex: true, start, end: close + 1 }
  }

  private array(depth: number): PdfArray {
    this.pos++
    const items: PdfValue[] = []
    for (;;) {
      this.pos = skipWhite(this.b, this.pos, this.end)
      if (this.pos >= this.end) this.fail("unterminated array")
      if (this.b[this.pos] === 93) {
        this.pos++
        return { kind: "array", items }
      }
      items.push(this.value(depth + 1))
    }
  }

  private dict(depth: number): PdfDict {
    const start = this.pos
    this.pos += 2
    const map = new Map<string, PdfValue>()
    const duplicateKeys: string[] = []
    for (;;) {
      this.pos = skipWhite(this.b, this.pos, this.end)
      if (this.pos >= this.end) this.fail("unterminated dictionary")
      if (this.b[this.pos] === 62 && this.b[this.pos + 1] === 62) {
        this.pos += 2
        return { kind: "dict", map, duplicateKeys, start, end: this.pos }
      }
      if (this.b[this.pos] !== 47) this.fail("dictionary key is not a name")
      const key = this.name().value
      const v = this.value(depth + 1)
      if (map.has(key)) duplicateKeys.push(key)
      map.set(key, v)
    }
  }
}

/** Reads `num gen obj` at `offset`. */
export const readObjectHeader = (
  b: Uint8Array,
  offset: number
): { num: number; gen: number; next: number } | undefined => {
  const p0 = skipWhite(b, offset)
  if (!isDigit(b[p0]) || !readNumber(b, p0, b.length) || !Number.isInteger(num.value)) return undefined
  const n = num.value
  const p1 = skipWhite(b, num.next)
  if (!isDigit(b[p1]) || !readNumber(b, p1, b.length) || !Number.isInteger(num.value)) return undefined
  const g = num.value
  const p2 = skipWhite(b, num.next)
  if (!keywordAt(b, p2, "obj")) return undefined
  return { num: n, gen: g, next: p2 + 3 }
}

/**
 * Parses the indirect object at `offset`. For a stream, the data length comes from a
 * direct /Length when it fits, else from the `endstream` keyword (found by scanning).
 */
export const parseIndirectObject = (
  b: Uint8Array,
  offset: number,
  resolveLength?: (ref: PdfRef) => number | undefined
): PdfObject => {
  const h = readObjectHeader(b, offset)
  if (!h) throw new PdfSyntaxError("no object header", offset)
  const p = new Parser(b, h.next)
  const value = p.value()
  let pos = skipWhite(b, p.pos)
  if (value && typeof value === "object" && value.kind === "dict" && keywordAt(b, pos, "stream")) {
    pos += 6
    if (b[pos] === 13) pos++
    if (b[pos] === 10) pos++
    const start = pos
    const len = value.map.get("Length")
    let length = typeof len === "number" ? len : len && typeof len === "object" && len.kind === "ref" ? resolveLength?.(len) : undefined
    let end = -1
    if (length !== undefined && Number.isInteger(length) && length >= 0 && start + length <= b.length) {
      const q = skipWhite(b, start + length)
      if (keywordAt(b, q, "endstream")) end = start + length
    }
    if (end < 0) {
      const found = indexOf(b, ENDSTREAM, start)
      if (found < 0) throw new PdfSyntaxError("stream without endstream", start)
      end = found
      while (end > start && (b[end - 1] === 10 || b[end - 1] === 13)) end--
      length = end - start
    }
    return { num: h.num, gen: h.gen, value, offset, stream: { start, end } }
  }
  return { num: h.num, gen: h.gen, value, offset }
}

const ENDSTREAM = new TextEncoder().encode("endstream")

// Small accessors that keep the verifier readable.
export const isDict = (v: PdfValue | undefined): v is PdfDict => !!v && typeof v === "object" && v.kind === "dict"
export const isArray = (v: PdfValue | undefined): v is PdfArray => !!v && typeof v === "object" && v.kind === "array"
export const isRef = (v: PdfValue | undefined): v is PdfRef => !!v && typeof v === "object" && v.kind === "ref"
export const isName = (v: PdfValue | undefined, name?: string): v is PdfName =>
  !!v && typeof v === "object" && v.kind === "name" && (name === undefined || v.value === name)
export const isString = (v: PdfValue | undefined): v is PdfString => !!v && typeof v === "object" && v.kind === "string"
export const nameOf = (v: PdfValue | undefined): string | undefined => (isName(v) ? v.value : undefined)

/** Text of a PDF text string (UTF-16BE with BOM, UTF-8 with BOM, else PDFDocEncoding ≈ Latin-1). */
export const textOf = (v: PdfValue | undefined): string | undefined => {
  if (!isString(v)) return undefined
  const b = v.bytes
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) {
    let s = ""
    for (let i = 2; i + 1 < b.length; i += 2) s += String.fromCharCode((b[i] << 8) | b[i + 1])
    return s
  }
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return new TextDecoder().decode(b.subarray(3))
  return latin1(b, 0, b.length)
}

/** Structural equality of two values (references compare by number, not by target). */
export const sameValue = (a: PdfValue, b: PdfValue, depth = 0): boolean => {
  if (a === b) return true
  if (depth > MAX_DEPTH || a === null || b === null || typeof a !== "object" || typeof b !== "object") return false
  if (a.kind !== b.kind) return false
  switch (a.kind) {
    case "name":
      return a.value === (b as PdfName).value
    case "ref":
      return a.num === (b as PdfRef).num && a.gen === (b as PdfRef).gen
    case "string":
      return sameBytes(a.bytes, (b as PdfString).bytes)
    case "array": {
      const bi = (b as PdfArray).items
      return a.items.length === bi.length && a.items.every((x, i) => sameValue(x, bi[i], depth + 1))
    }
    case "dict": {
      const bm = (b as PdfDict).map
      if (a.map.size !== bm.size) return false
      for (const [k, v] of a.map) if (!bm.has(k) || !sameValue(v, bm.get(k)!, depth + 1)) return false
      return true
    }
  }
}

export const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

export { latin1 }
