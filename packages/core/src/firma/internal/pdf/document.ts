// Revisions and object lookup, the way conforming readers resolve objects. A revision ends at a
// %%EOF that follows a `startxref` naming a cross-reference section (or object) before it, so
// %%EOF bytes inside a stream or a string end nothing. What a revision shows is what a reader
// of its bytes shows: the sections reached from its startxref through the /Prev chain, or, when
// that chain is broken, the objects a reconstructing reader finds by scanning (the last
// definition of each number wins, as in qpdf and pdf.js).
import {
  indexOf,
  isDict,
  isName,
  isRef,
  lastIndexOf,
  parseIndirectObject,
  Parser,
  PdfSyntaxError,
  skipWhite,
  type PdfDict,
  type PdfObject,
  type PdfRef,
  type PdfValue
} from "./objects.js"
import { decodeStream } from "./streams.js"
import { readSection, sameEntry, scanHeaders, startxrefBefore, type XrefEntry, type XrefSection } from "./xref.js"

export type { XrefEntry, XrefSection } from "./xref.js"

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
  /** The offset its `startxref` names, when there is one. */
  readonly startxref: number | undefined
  /** The sections readers follow from that startxref, newest first (empty when reconstructed). */
  readonly sections: ReadonlyArray<XrefSection>
  /** Readers rebuild this revision's cross-reference by scanning: startxref, a section or the /Prev chain is broken. */
  readonly reconstructed: boolean
  /** Its chain is its own section followed by the previous revision's chain (both reconstructed counts too). */
  readonly continues: boolean
  readonly trailer: PdfDict | undefined
  /** Entries whose resolution differs from the previous revision's: what this increment (re)defines for readers. */
  readonly entries: ReadonlyMap<number, XrefEntry>
  readonly xrefOk: boolean
  /** Offsets of `n g obj` headers found in this revision's bytes (last wins), lazily. */
  scanned?: Map<number, number>
}

/** What an object stream holds: object numbers in header order. */
export interface ObjectStreamInfo {
  readonly nums: ReadonlyArray<number>
  /** A number that occurs more than once: readers disagree on which one they show. */
  readonly duplicates: ReadonlyArray<number>
}

const EOF = new TextEncoder().encode("%%EOF")
const STARTXREF = new TextEncoder().encode("startxref")
const BULK = 1 << 20
const TRAILER = new TextEncoder().encode("trailer")

const MAX_REVISIONS = 1000
const MAX_OBJSTM_CACHE = 256

interface MutableRevision extends Omit<Revision, "entries" | "sections" | "reconstructed" | "continues" | "trailer" | "xrefOk"> {
  entries: ReadonlyMap<number, XrefEntry>
  sections: ReadonlyArray<XrefSection>
  reconstructed: boolean
  continues: boolean
  trailer: PdfDict | undefined
  xrefOk: boolean
  /** The reconstructed view (all objects), for reconstructed revisions. */
  rebuilt?: Map<number, XrefEntry>
}

export class PdfDocument {
  readonly revisions: Revision[] = []
  /** Non-white bytes after the last %%EOF: an unterminated increment. */
  readonly trailingData: boolean
  /** Stream data over 1 MB that byte searches skip, sorted: [start, end). */
  readonly bulk: ReadonlyArray<readonly [number, number]>
  private readonly objStmCache = new Map<string, { info: ObjectStreamInfo; offsets: number[]; data: Uint8Array; first: number; values: Map<number, PdfObject> }>()
  private readonly parsed = new Map<number, { object: PdfObject; length: { ref: PdfRef; value: PdfValue | undefined } | undefined }>()
  private readonly sectionCache = new Map<number, XrefSection | null>()
  private lookups = 0

  constructor(readonly bytes: Uint8Array) {
    const b = bytes
    if (!looksLikePdf(b)) throw new PdfSyntaxError("not a PDF", 0)
    const revs: MutableRevision[] = []
    this.bulk = this.bulkStreams()
    const candidates: number[] = []
    this.searchOutsideBulk(EOF, (at) => candidates.push(at) < 1_000_000)
    let start = 0
    candidates.forEach((at, i) => {
      const sx = startxrefBefore(b, at, start)
      // A %%EOF ends a revision only after a startxref naming a readable section before it; the
      // last one ends the file whatever precedes it (a broken one is then rebuilt by scanning).
      if (i < candidates.length - 1 && (sx === undefined || sx >= at || !this.section(sx))) return
      let end = at + 5
      const ends = [end]
      if (b[end] === 13) end++
      if (b[end] === 10) end++
      if (end !== at + 5) ends.push(end)
      if (revs.length >= MAX_REVISIONS) throw new PdfSyntaxError("too many revisions", at)
      revs.push(blank(revs.length, start, at, end, ends, sx))
      start = end
    })
    if (revs.length === 0) throw new PdfSyntaxError("no %%EOF: truncated or not a PDF", b.length)
    this.trailingData = skipWhite(b, start) < b.length
    // An unterminated increment (truncated file, appended bytes) is still read, so that what it
    // holds is judged: it ends nowhere a signature may end.
    if (this.trailingData) revs.push(blank(revs.length, start, b.length, b.length, [], undefined))
    for (const r of revs) this.readChain(r, revs[r.index - 1])
    this.revisions = revs as Revision[]
  }

  /**
   * Calls `found` with every offset of `needle` outside the bulk stream data; `found` returns
   * false to stop.
   */
  searchOutsideBulk(needle: Uint8Array, found: (at: number) => boolean): void {
    let from = 0
    for (const [start, end] of [...this.bulk, [this.bytes.length, this.bytes.length] as const]) {
      for (;;) {
        const at = indexOf(this.bytes, needle, from, start)
        if (at < 0) break
        if (!found(at)) return
        from = at + needle.length
      }
      from = Math.max(from, end)
    }
  }

  /**
   * Data of streams over 1 MB (scanned pages, images) as the file's last startxref and its
   * /Prev chain place them, each checked against its `endstream`: no %%EOF, object header or
   * signature dictionary there can mean anything, so byte searches skip them, and a 30 MB
   * document costs its structure, not its size. Empty when that chain is not readable.
   */
  private bulkStreams(): Array<readonly [number, number]> {
    const b = this.bytes
    const sx = lastIndexOf(b, STARTXREF, Math.max(0, b.length - 4096), b.length)
    if (sx < 0) return []
    let off: PdfValue | undefined
    try {
      off = new Parser(b, sx + 9, b.length).value()
    } catch {
      return []
    }
    const entries = new Map<number, XrefEntry>()
    const seen = new Set<number>()
    for (let k = 0; typeof off === "number" && k < MAX_REVISIONS && !seen.has(off); k++) {
      seen.add(off)
      const s = this.section(off)
      if (!s) return []
      for (const [num, e] of s.entries) if (!entries.has(num)) entries.set(num, e)
      off = s.prev
    }
    const offsets = [...entries].flatMap(([num, e]) => (e.type === "offset" && e.offset >= 0 && e.offset < b.length ? [[e.offset, num] as const] : []))
    offsets.sort((x, y) => x[0] - y[0])
    const out: Array<readonly [number, number]> = []
    offsets.forEach(([at, num], i) => {
      const next = i + 1 < offsets.length ? offsets[i + 1][0] : b.length
      if (next - at < BULK) return
      try {
        const o = parseIndirectObject(b, at, (ref) => {
          const e = entries.get(ref.num)
          const v = e?.type === "offset" ? parseIndirectObject(b, e.offset).value : undefined
          return typeof v === "number" ? v : undefined
        })
        if (o.num === num && o.stream && o.stream.end - o.stream.start >= BULK && o.stream.end <= next) out.push([o.stream.start, o.stream.end])
      } catch {
        // not a stream readers can read: searched like any other bytes
      }
    })
    return out
  }

  /** The revision whose increment holds `offset`. */
  revisionAt(offset: number): Revision | undefined {
    for (const r of this.revisions) if (offset >= r.start && offset < r.end) return r
    return undefined
  }

  private section(offset: number): XrefSection | undefined {
    let s = this.sectionCache.get(offset)
    if (s === undefined) {
      try {
        s = readSection(this.bytes, offset)
      } catch (e) {
        if (!(e instanceof PdfSyntaxError)) throw e
        s = null
      }
      this.sectionCache.set(offset, s)
    }
    return s ?? undefined
  }

  private readChain(r: MutableRevision, prev: MutableRevision | undefined): void {
    const sections: XrefSection[] = []
    const seen = new Set<number>()
    let off = r.startxref
    let broken = off === undefined
    while (!broken && off !== undefined) {
      // A reader of this revision's bytes cannot follow an offset past them, nor a loop.
      if (seen.has(off) || off < 0 || off >= r.eof || sections.length >= MAX_REVISIONS) broken = true
      else {
        seen.add(off)
        const s = this.section(off)
        if (!s) broken = true
        else {
          sections.push(s)
          off = s.prev
        }
      }
    }
    r.reconstructed = broken
    r.xrefOk = !broken
    if (broken) {
      r.sections = []
      r.rebuilt = this.reconstruct(r)
      r.trailer = this.reconstructedTrailer(r)
    } else {
      r.sections = sections
      r.trailer = sections[0].trailer
    }
    if (!prev) {
      r.continues = true
      r.entries = this.view(r)
      return
    }
    // The increment's own sections (one, or several chained inside its bytes) come first.
    let own = 0
    while (own < r.sections.length && r.sections[own].offset >= r.start && r.sections[own].offset < r.eof) own++
    r.continues =
      (r.reconstructed && prev.reconstructed) ||
      (!r.reconstructed &&
        !prev.reconstructed &&
        own >= 1 &&
        r.sections.length === prev.sections.length + own &&
        prev.sections.every((s, i) => s === r.sections[i + own]))
    if (r.continues && !r.reconstructed && own === 1) {
      r.entries = r.sections[0].entries
      return
    }
    const now = this.view(r)
    const before = this.view(prev)
    const delta = new Map<number, XrefEntry>()
    for (const [num, e] of now) if (!sameEntry(e, before.get(num))) delta.set(num, e)
    for (const num of before.keys()) if (!now.has(num)) delta.set(num, { type: "free" })
    r.entries = delta
  }

  /** Every object of revision `rev` as its readers resolve it (free entries included). */
  objectsOf(rev: number): ReadonlyMap<number, XrefEntry> {
    return this.view(this.revisions[rev] as MutableRevision)
  }

  private view(r: MutableRevision): Map<number, XrefEntry> {
    if (r.rebuilt) return r.rebuilt
    const out = new Map<number, XrefEntry>()
    for (const s of r.sections) for (const [num, e] of s.entries) if (!out.has(num)) out.set(num, e)
    return out
  }

  private reconstruct(r: MutableRevision): Map<number, XrefEntry> {
    const out = new Map<number, XrefEntry>()
    scanHeaders(this.bytes, 0, r.eof, (num, gen, offset) => out.set(num, { type: "offset", offset, gen }))
    return out
  }

  private reconstructedTrailer(r: MutableRevision): PdfDict | undefined {
    for (const [from, to] of [
      [r.start, r.eof],
      [0, r.start]
    ]) {
      const t = lastIndexOf(this.bytes, TRAILER, from, to)
      if (t < 0) continue
      try {
        const v = new Parser(this.bytes, t + 7, r.eof).value()
        if (isDict(v)) return v
      } catch {
        // no trailer here
      }
    }
    // A file of xref streams: the last one found carries the trailer entries.
    const offsets = [...r.rebuilt!.values()].flatMap((e) => (e.type === "offset" ? [e.offset] : [])).sort((a, b) => b - a)
    for (const off of offsets.slice(0, 64)) {
      try {
        const o = parseIndirectObject(this.bytes, off)
        if (isDict(o.value) && isName(o.value.map.get("Type"), "XRef")) return o.value
      } catch {
        // not readable
      }
    }
    return undefined
  }

  /** Object headers found by scanning this revision's own bytes (num → offset, last wins). */
  scan(r: Revision): Map<number, number> {
    if (r.scanned) return r.scanned
    const found = new Map<number, number>()
    scanHeaders(this.bytes, r.start, r.eof, (num, _gen, offset) => found.set(num, offset))
    r.scanned = found
    return found
  }

  /** Every header of object `num` in [from, to), in file order. */
  headersOf(from: number, to: number): Map<number, number[]> {
    const out = new Map<number, number[]>()
    scanHeaders(this.bytes, from, to, (num, _gen, offset) => {
      const list = out.get(num) ?? []
      list.push(offset)
      out.set(num, list)
    })
    return out
  }

  /** How readers of revision `rev` locate object `num`. */
  entryOf(num: number, rev: number): { entry: XrefEntry } | undefined {
    const r = this.revisions[Math.min(rev, this.revisions.length - 1)] as MutableRevision
    if (r.rebuilt) {
      const e = r.rebuilt.get(num)
      return e ? { entry: e } : undefined
    }
    for (const s of r.sections) {
      const e = s.entries.get(num)
      if (e) return { entry: e }
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
    let memo = this.memo.get(rev)
    if (!memo) this.memo.set(rev, (memo = new Map()))
    if (memo.has(num)) return memo.get(num)
    const found = this.entryOf(num, rev)
    const o = found ? this.objectAt(num, found.entry, rev) : undefined
    if (this.memoSize++ < 1_000_000) memo.set(num, o)
    return o
  }
  /** Objects as revision `rev` resolves them: the analyses look the same objects up many times. */
  private readonly memo = new Map<number, Map<number, PdfObject | undefined>>()
  private memoSize = 0

  objectAt(num: number, entry: XrefEntry, rev: number): PdfObject | undefined {
    try {
      if (entry.type === "free") return undefined
      if (entry.type === "offset") {
        if (entry.offset < 0 || entry.offset >= this.bytes.length) return undefined
        // The same bytes parse the same way, except a stream whose /Length is indirect: that one
        // is kept with the length it was cut at, and parsed again where a revision resolves
        // the length otherwise.
        const hit = this.parsed.get(entry.offset)
        let o = hit?.object
        if (hit && hit.length !== undefined && this.resolveShallow(hit.length.ref, rev) !== hit.length.value) o = undefined
        if (!o) {
          let used: { ref: PdfRef; value: PdfValue | undefined } | undefined
          o = parseIndirectObject(this.bytes, entry.offset, (ref) => {
            const v = this.resolveShallow(ref, rev)
            used = { ref, value: v }
            return typeof v === "number" ? v : undefined
          })
          if (this.parsed.size < 200_000) this.parsed.set(entry.offset, { object: o, length: used })
        }
        return o.num === num ? o : undefined
      }
      return this.fromObjectStream(entry.stream, entry.index, num, rev)
    } catch (e) {
      if (e instanceof PdfSyntaxError) return undefined
      throw e
    }
  }

  /** The header of object stream `streamNum` as of revision `rev`, when it is one. */
  objectStream(streamNum: number, rev: number): ObjectStreamInfo | undefined {
    try {
      return this.loadObjectStream(streamNum, rev)?.info
    } catch (e) {
      if (e instanceof PdfSyntaxError) return undefined
      throw e
    }
  }

  private loadObjectStream(streamNum: number, rev: number) {
    const where = this.entryOf(streamNum, rev)
    if (!where || where.entry.type !== "offset") return undefined
    const key = `${streamNum}@${where.entry.offset}`
    let cached = this.objStmCache.get(key)
    if (!cached) {
      const s = parseIndirectObject(this.bytes, where.entry.offset)
      const d = s.value
      if (s.num !== streamNum || !isDict(d) || !s.stream || !isName(d.map.get("Type"), "ObjStm")) return undefined
      const data = decodeStream(d, this.bytes.subarray(s.stream.start, s.stream.end))
      const n = d.map.get("N")
      const first = d.map.get("First")
      if (typeof n !== "number" || typeof first !== "number" || n < 0 || n > 1_000_000) return undefined
      const head = new Parser(data, 0, Math.min(first, data.length))
      const nums: number[] = []
      const offsets: number[] = []
      const seen = new Set<number>()
      const duplicates = new Set<number>()
      for (let i = 0; i < n; i++) {
        let on: PdfValue
        let off: PdfValue | undefined
        try {
          on = head.value()
          off = head.value()
        } catch {
          break
        }
        if (typeof on !== "number" || typeof off !== "number") break
        if (seen.has(on)) duplicates.add(on)
        seen.add(on)
        nums.push(on)
        offsets.push(off)
      }
      cached = { info: { nums, duplicates: [...duplicates] }, offsets, data, first, values: new Map() }
      if (this.objStmCache.size > MAX_OBJSTM_CACHE) this.objStmCache.clear()
      this.objStmCache.set(key, cached)
    }
    return cached
  }

  /** ISO 32000-1 §7.5.8.3: the object is the one at the index the xref names, and must carry that number. */
  private fromObjectStream(streamNum: number, index: number, num: number, rev: number): PdfObject | undefined {
    const s = this.loadObjectStream(streamNum, rev)
    if (!s || index < 0 || index >= s.info.nums.length || s.info.nums[index] !== num) return undefined
    let o = s.values.get(index)
    if (!o) {
      const v = new Parser(s.data, s.first + s.offsets[index]).value()
      o = { num, gen: 0, value: v, offset: -1 }
      s.values.set(index, o)
    }
    return o
  }

  /** Follows a reference (chains of references too, bounded) as of revision `rev`. */
  resolve(v: PdfValue | undefined, rev: number): PdfValue | undefined {
    for (let i = 0; i < 32 && isRef(v); i++) v = this.object(v.num, rev)?.value
    return isRef(v) ? undefined : v
  }

  private resolveShallow(ref: PdfRef, rev: number): PdfValue | undefined {
    const e = this.entryOf(ref.num, rev)
    if (!e || e.entry.type !== "offset") return undefined
    const hit = this.parsed.get(e.entry.offset)
    if (hit && !hit.object.stream) return hit.object.value
    try {
      const o = parseIndirectObject(this.bytes, e.entry.offset)
      if (!o.stream && this.parsed.size < 200_000) this.parsed.set(e.entry.offset, { object: o, length: undefined })
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

const blank = (index: number, start: number, eof: number, end: number, ends: number[], startxref: number | undefined): MutableRevision => ({
  index,
  start,
  eof,
  end,
  ends,
  startxref,
  sections: [],
  reconstructed: false,
  continues: true,
  trailer: undefined,
  entries: new Map(),
  xrefOk: false
})

/** `%PDF-` within the first 1024 bytes, as readers accept. */
export const looksLikePdf = (b: Uint8Array): boolean => {
  const head = b.subarray(0, 1024)
  return indexOf(head, new TextEncoder().encode("%PDF-"), 0) >= 0
}
