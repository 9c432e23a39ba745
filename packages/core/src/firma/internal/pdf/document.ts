// Revisions and object lookup. Revisions come from every %%EOF in the bytes, never from the
// /Prev chain alone; each revision's own cross-reference section says which objects it
// (re)defines, and a scan of its bytes for `n g obj` catches what the xref does not admit.
import {
  indexOf,
  isDict,
  isName,
  isRef,
  keywordAt,
  lastIndexOf,
  parseIndirectObject,
  Parser,
  PdfSyntaxError,
  readObjectHeader,
  skipWhite,
  type PdfDict,
  type PdfObject,
  type PdfRef,
  type PdfValue
} from "./objects.js"
import { decodeStream } from "./streams.js"

export type XrefEntry =
  | { readonly type: "free" }
  | { readonly type: "offset"; readonly offset: number; readonly gen: number }
  | { readonly type: "compressed"; readonly stream: number; readonly index: number }

export interface Revision {
  readonly index: number
  /** First byte of this revision's increment (0 for the first revision). */
  readonly start: number
  /** Offset of its `%%EOF`. */
  readonly eof: number
  /** Offset just after `%%EOF` and its end-of-line, where the next increment starts. */
  readonly end: number
  /** Offsets a signature may legitimately end at: after `%%EOF`, after its EOL. */
  readonly ends: ReadonlyArray<number>
  trailer: PdfDict | undefined
  /** Entries of this revision's own cross-reference section(s). */
  entries: Map<number, XrefEntry>
  xrefOk: boolean
  /** Offsets of `n g obj` headers found in this revision's bytes, lazily. */
  scanned?: Map<number, number>
}

const EOF = new TextEncoder().encode("%%EOF")
const STARTXREF = new TextEncoder().encode("startxref")
const OBJ = new TextEncoder().encode("obj")

const MAX_REVISIONS = 1000
const MAX_XREF_ENTRIES = 5_000_000
const MAX_OBJSTM_CACHE = 256

export class PdfDocument {
  readonly revisions: Revision[] = []
  /** Non-white bytes after the last %%EOF: an unterminated increment. */
  readonly trailingData: boolean
  private readonly objStmCache = new Map<string, Map<number, PdfObject>>()
  private readonly parsed = new Map<number, PdfObject>()
  private lookups = 0

  constructor(readonly bytes: Uint8Array) {
    const b = bytes
    if (!looksLikePdf(b)) throw new PdfSyntaxError("not a PDF", 0)
    let start = 0
    let from = 0
    for (;;) {
      const at = indexOf(b, EOF, from)
      if (at < 0) break
      from = at + 5
      let end = at + 5
      const ends = [end]
      if (b[end] === 13) end++
      if (b[end] === 10) end++
      if (end !== at + 5) ends.push(end)
      if (this.revisions.length >= MAX_REVISIONS) throw new PdfSyntaxError("too many revisions", at)
      this.revisions.push({ index: this.revisions.length, start, eof: at, end, ends, trailer: undefined, entries: new Map(), xrefOk: false })
      start = end
    }
    if (this.revisions.length === 0) throw new PdfSyntaxError("no %%EOF: truncated or not a PDF", b.length)
    this.trailingData = skipWhite(b, start) < b.length
    // An unterminated increment (truncated file, appended bytes) is still read, so that what it
    // holds is judged: it ends nowhere a signature may end.
    if (this.trailingData) {
      this.revisions.push({ index: this.revisions.length, start, eof: b.length, end: b.length, ends: [], trailer: undefined, entries: new Map(), xrefOk: false })
    }
    for (const r of this.revisions) this.readXref(r)
  }

  /** The revision whose increment holds `offset`. */
  revisionAt(offset: number): Revision | undefined {
    for (const r of this.revisions) if (offset >= r.start && offset < r.end) return r
    return undefined
  }

  private readXref(r: Revision): void {
    const b = this.bytes
    const sx = lastIndexOf(b, STARTXREF, r.start, r.eof)
    if (sx < 0) return this.fallbackToScan(r)
    const p = new Parser(b, sx + 9, r.eof)
    let offset: PdfValue
    try {
      offset = p.value()
    } catch {
      return this.fallbackToScan(r)
    }
    if (typeof offset !== "number" || !Number.isInteger(offset) || offset < 0 || offset >= r.eof) return this.fallbackToScan(r)
    try {
      this.readSection(r, offset, 0)
      r.xrefOk = r.trailer !== undefined
    } catch {
      r.xrefOk = false
    }
    if (!r.xrefOk) this.fallbackToScan(r)
  }

  private readSection(r: Revision, offset: number, depth: number): void {
    if (depth > 2) return
    const b = this.bytes
    const pos = skipWhite(b, offset)
    if (keywordAt(b, pos, "xref")) {
      const p = new Parser(b, pos + 4, r.eof)
      let count = 0
      for (;;) {
        p.pos = skipWhite(b, p.pos, r.eof)
        if (keywordAt(b, p.pos, "trailer")) {
          p.pos += 7
          const t = p.value()
          if (!isDict(t)) throw new PdfSyntaxError("bad trailer", p.pos)
          r.trailer = t
          const xs = t.map.get("XRefStm")
          if (typeof xs === "number" && xs >= 0 && xs < b.length) {
            try {
              this.readXrefStream(r, xs, true)
            } catch {
              // A broken hybrid stream leaves the table entries.
            }
          }
          return
        }
        const first = p.value()
        const n = p.value()
        if (typeof first !== "number" || typeof n !== "number" || first < 0 || n < 0) throw new PdfSyntaxError("bad xref subsection", p.pos)
        if ((count += n) > MAX_XREF_ENTRIES) throw new PdfSyntaxError("xref too large", p.pos)
        for (let i = 0; i < n; i++) {
          const off = p.value()
          const gen = p.value()
          p.pos = skipWhite(b, p.pos, r.eof)
          const kind = b[p.pos++]
          if (typeof off !== "number" || typeof gen !== "number") throw new PdfSyntaxError("bad xref entry", p.pos)
          const num = first + i
          if (r.entries.has(num)) continue
          if (kind === 110) r.entries.set(num, { type: "offset", offset: off, gen })
          else if (kind === 102) r.entries.set(num, { type: "free" })
          else throw new PdfSyntaxError("bad xref entry type", p.pos)
        }
      }
    }
    this.readXrefStream(r, pos, false)
  }

  private readXrefStream(r: Revision, offset: number, hybrid: boolean): void {
    const b = this.bytes
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
      for (let i = 0; i < n; i++, row++) {
        const at = row * rowLen
        if (at + rowLen > data.length) return finish()
        const type = field(at, ws[0], 1)
        const f2 = field(at + ws[0], ws[1], 0)
        const f3 = field(at + ws[0] + ws[1], ws[2], 0)
        const num = first + i
        if (r.entries.has(num)) continue
        if (type === 0) r.entries.set(num, { type: "free" })
        else if (type === 1) r.entries.set(num, { type: "offset", offset: f2, gen: f3 })
        else if (type === 2) r.entries.set(num, { type: "compressed", stream: f2, index: f3 })
      }
    }
    return finish()
    function finish() {
      if (!hybrid) r.trailer = d as PdfDict
    }
  }

  /** Object headers found by scanning this revision's bytes (num → offset, last wins). */
  scan(r: Revision): Map<number, number> {
    if (r.scanned) return r.scanned
    const b = this.bytes
    const found = new Map<number, number>()
    let from = r.start
    for (let guard = 0; guard < 10_000_000; guard++) {
      const at = indexOf(b, OBJ, from, r.eof)
      if (at < 0) break
      from = at + 3
      if (b[at - 1] === 100 || (at + 3 < b.length && /[A-Za-z0-9]/.test(String.fromCharCode(b[at + 3])))) continue
      // Walk back over "num gen " to the start of the header.
      let p = at - 1
      while (p > r.start && (b[p] === 32 || b[p] === 10 || b[p] === 13)) p--
      while (p > r.start && b[p] >= 48 && b[p] <= 57) p--
      while (p > r.start && (b[p] === 32 || b[p] === 10 || b[p] === 13)) p--
      while (p > r.start && b[p] >= 48 && b[p] <= 57) p--
      const start = b[p] >= 48 && b[p] <= 57 ? p : p + 1
      const h = readObjectHeader(b, start)
      if (h && h.next === at + 3) found.set(h.num, start)
    }
    r.scanned = found
    return found
  }

  private fallbackToScan(r: Revision): void {
    const found = this.scan(r)
    for (const [num, offset] of found) if (!r.entries.has(num)) r.entries.set(num, { type: "offset", offset, gen: 0 })
    if (!r.trailer) {
      // Without a usable xref, take the trailer dictionary or the last xref stream of the increment.
      const t = lastIndexOf(this.bytes, new TextEncoder().encode("trailer"), r.start, r.eof)
      if (t >= 0) {
        try {
          const v = new Parser(this.bytes, t + 7, r.eof).value()
          if (isDict(v)) r.trailer = v
        } catch {
          // no trailer
        }
      }
    }
  }

  /** Where object `num` is defined as of revision `rev` (the newest entry at or before it). */
  entryOf(num: number, rev: number): { entry: XrefEntry; revision: number } | undefined {
    for (let i = Math.min(rev, this.revisions.length - 1); i >= 0; i--) {
      const e = this.revisions[i].entries.get(num)
      if (e) return { entry: e, revision: i }
    }
    return undefined
  }

  /** The trailer in force at revision `rev`. */
  trailerOf(rev: number): PdfDict | undefined {
    for (let i = Math.min(rev, this.revisions.length - 1); i >= 0; i--) if (this.revisions[i].trailer) return this.revisions[i].trailer
    return undefined
  }

  /** The indirect object `num` as of revision `rev`, or undefined (free, missing, unreadable). */
  object(num: number, rev: number): PdfObject | undefined {
    if (++this.lookups > 2_000_000) throw new PdfSyntaxError("too many object lookups", 0)
    const found = this.entryOf(num, rev)
    if (!found) return undefined
    return this.objectAt(num, found.entry, rev)
  }

  objectAt(num: number, entry: XrefEntry, rev: number): PdfObject | undefined {
    try {
      if (entry.type === "free") return undefined
      if (entry.type === "offset") {
        if (entry.offset < 0 || entry.offset >= this.bytes.length) return undefined
        // The same bytes parse the same way, except a stream whose /Length is indirect.
        let o = this.parsed.get(entry.offset)
        if (!o) {
          o = parseIndirectObject(this.bytes, entry.offset, (ref) => {
            const v = this.resolveShallow(ref, rev)
            return typeof v === "number" ? v : undefined
          })
          const len = isDict(o.value) ? o.value.map.get("Length") : undefined
          if (!isRef(len) && this.parsed.size < 200_000) this.parsed.set(entry.offset, o)
        }
        return o.num === num ? o : undefined
      }
      return this.fromObjectStream(entry.stream, entry.index, num, rev)
    } catch (e) {
      if (e instanceof PdfSyntaxError) return undefined
      throw e
    }
  }

  private fromObjectStream(streamNum: number, _index: number, num: number, rev: number): PdfObject | undefined {
    const where = this.entryOf(streamNum, rev)
    if (!where || where.entry.type !== "offset") return undefined
    const key = `${streamNum}@${where.entry.offset}`
    let objs = this.objStmCache.get(key)
    if (!objs) {
      objs = new Map()
      const s = parseIndirectObject(this.bytes, where.entry.offset)
      const d = s.value
      if (!isDict(d) || !s.stream || !isName(d.map.get("Type"), "ObjStm")) return undefined
      const data = decodeStream(d, this.bytes.subarray(s.stream.start, s.stream.end))
      const n = d.map.get("N")
      const first = d.map.get("First")
      if (typeof n !== "number" || typeof first !== "number" || n < 0 || n > 1_000_000) return undefined
      const head = new Parser(data, 0, Math.min(first, data.length))
      for (let i = 0; i < n; i++) {
        const on = head.value()
        const off = head.value()
        if (typeof on !== "number" || typeof off !== "number") break
        try {
          const v = new Parser(data, first + off).value()
          if (!objs.has(on)) objs.set(on, { num: on, gen: 0, value: v, offset: -1 })
        } catch {
          // one bad object does not spoil the others
        }
      }
      if (this.objStmCache.size > MAX_OBJSTM_CACHE) this.objStmCache.clear()
      this.objStmCache.set(key, objs)
    }
    return objs.get(num)
  }

  /** Follows a reference (chains of references too, bounded) as of revision `rev`. */
  resolve(v: PdfValue | undefined, rev: number): PdfValue | undefined {
    for (let i = 0; i < 32 && isRef(v); i++) v = this.object(v.num, rev)?.value
    return isRef(v) ? undefined : v
  }

  private resolveShallow(ref: PdfRef, rev: number): PdfValue | undefined {
    const e = this.entryOf(ref.num, rev)
    if (!e || e.entry.type !== "offset") return undefined
    try {
      const o = parseIndirectObject(this.bytes, e.entry.offset)
      return o.value
    } catch {
      return undefined
    }
  }

  /** The catalog as of revision `rev`. */
  catalog(rev: number): PdfDict | undefined {
    const t = this.trailerOf(rev)
    const root = this.resolve(t?.map.get("Root"), rev)
    return isDict(root) ? root : undefined
  }
}

/** `%PDF-` within the first 1024 bytes, as readers accept. */
export const looksLikePdf = (b: Uint8Array): boolean => {
  const head = b.subarray(0, 1024)
  return indexOf(head, new TextEncoder().encode("%PDF-"), 0) >= 0
}
