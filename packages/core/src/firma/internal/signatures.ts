// Signature fields, their /Sig dictionaries, and the ByteRange rules.
import type { PdfDocument } from "./pdf/document.js"
import { scanHeaders } from "./pdf/xref.js"
import {
  isArray,
  isDict,
  isName,
  isRef,
  isString,
  nameOf,
  parseIndirectObject,
  textOf,
  type PdfDict,
  type PdfObject,
  type PdfString,
  type PdfValue
} from "./pdf/objects.js"

const MAX_FIELDS = 20_000
const EMPTY_SIG: PdfDict = { kind: "dict", map: new Map(), duplicateKeys: [], start: 0, end: 0 }
const MAX_FIELD_DEPTH = 32

/** A signature found in the document, with the /Sig dictionary as first written. */
export interface FoundSignature {
  readonly field: string
  readonly fieldNum: number | undefined
  /** Object number of the /Sig dictionary, or of the field when the dictionary is direct. */
  readonly sigNum: number | undefined
  readonly dict: PdfDict
  /** Offset of the object holding the dictionary; -1 inside an object stream. */
  readonly objectOffset: number
  /** The revision whose increment first defines the dictionary. */
  readonly definedIn: number
}

const fieldName = (partial: string | undefined, parent: string): string =>
  partial === undefined ? parent : parent ? `${parent}.${partial}` : partial

/** Every definition of object `num` across revisions, oldest first (xref entries and scanned headers). */
export const definitionsOf = (doc: PdfDocument, num: number): Array<{ revision: number; object: PdfObject }> => {
  const out: Array<{ revision: number; object: PdfObject }> = []
  for (const r of doc.revisions) {
    const e = r.entries.get(num)
    const o = e ? doc.objectAt(num, e, r.index) : undefined
    if (o) out.push({ revision: r.index, object: o })
  }
  return out
}

/** Signature fields with a value, collected from the AcroForm of every revision. */
export const findSignatures = (doc: PdfDocument): FoundSignature[] => {
  const found = new Map<string, FoundSignature>()
  let visited = 0
  const last = doc.revisions.length - 1
  // Older revisions too: a signature whose field was later removed or redirected must still be judged.
  const revs = doc.revisions.length <= 64 ? doc.revisions.map((r) => r.index) : [last]
  // The objects the previous revision's walk read: a revision that redefines none of them (nor
  // the trailer's /Root) holds the same form, and is not walked again.
  let used: Set<number> | undefined
  let root: PdfValue | undefined
  // Likewise per top-level field: what its subtree read, and in which revision.
  const subtrees = new Map<number, { reads: Set<number>; rev: number }>()
  const changedSince = (from: number, to: number, reads: Set<number>): boolean => {
    for (let k = from + 1; k <= to; k++) for (const n of doc.revisions[k].entries.keys()) if (reads.has(n)) return true
    return false
  }
  let current: Set<number> | undefined
  for (const rev of revs) {
    const rootNow = doc.trailerOf(rev)?.map.get("Root")
    if (used && isRef(root) && isRef(rootNow) && root.num === rootNow.num && root.gen === rootNow.gen && ![...doc.revisions[rev].entries.keys()].some((n) => used!.has(n)))
      continue
    used = new Set<number>()
    root = rootNow
    const reads = used
    const get = (v: PdfValue | undefined): PdfValue | undefined => {
      for (let i = 0; i < 32 && isRef(v); i++) {
        reads.add(v.num)
        current?.add(v.num)
        const e = doc.entryOf(v.num, rev)?.entry
        if (e?.type === "compressed") reads.add(e.stream), current?.add(e.stream)
        v = doc.object(v.num, rev)?.value
      }
      return isRef(v) ? undefined : v
    }
    const catalog = get(rootNow)
    const acro = isDict(catalog) ? get(catalog.map.get("AcroForm")) : undefined
    if (!isDict(acro)) continue
    const fields = get(acro.map.get("Fields"))
    if (!isArray(fields)) continue
    const seen = new Set<number>()
    const walk = (v: PdfValue, parent: string, inheritedFt: string | undefined, depth: number): void => {
      if (depth > MAX_FIELD_DEPTH || ++visited > MAX_FIELDS) return
      const num = isRef(v) ? v.num : undefined
      if (num !== undefined) {
        if (seen.has(num)) return
        seen.add(num)
      }
      const d = get(v)
      if (!isDict(d)) return
      const name = fieldName(textOf(d.map.get("T")), parent)
      const ft = nameOf(d.map.get("FT")) ?? inheritedFt
      const kids = get(d.map.get("Kids"))
      if (isArray(kids) && kids.items.length > 0) {
        for (const k of kids.items) walk(k, name, ft, depth + 1)
      }
      if (ft !== "Sig") return
      const vRef = d.map.get("V")
      if (vRef === undefined || vRef === null) return
      const key = isRef(vRef) ? `o${vRef.num}` : `f${num}`
      if (found.has(key)) return
      // A field that claims a value but holds no signature dictionary is still judged (and fails):
      // otherwise a fake "signed" stamp could ride along unverified.
      const sig = signatureDefinition(doc, vRef, num) ?? { sigNum: isRef(vRef) ? vRef.num : num, dict: EMPTY_SIG, objectOffset: -1, definedIn: rev }
      found.set(key, { field: name || `(campo ${num ?? "?"})`, fieldNum: num, ...sig })
    }
    for (const f of fields.items) {
      const prior = isRef(f) ? subtrees.get(f.num) : undefined
      if (prior && !changedSince(prior.rev, rev, prior.reads)) {
        for (const n of prior.reads) reads.add(n)
        continue
      }
      current = new Set()
      walk(f, "", undefined, 0)
      if (isRef(f)) subtrees.set(f.num, { reads: current, rev })
      current = undefined
    }
  }
  for (const o of orphanSignatures(doc, [...found.values()])) found.set(`x${o.objectOffset}`, o)
  return [...found.values()].sort((a, b) => a.definedIn - b.definedIn || a.objectOffset - b.objectOffset)
}

const BYTE_RANGE = new TextEncoder().encode("/ByteRange")
const ORPHAN_WINDOW = 1 << 20

/**
 * Signature dictionaries written in the file that no form lists: a signed tail moved elsewhere,
 * a field dropped by a rewritten cross-reference. They are judged (and fail their ByteRange)
 * rather than letting the document pass for unsigned. Another definition of a listed
 * signature's own object is left to the difference analysis.
 */
const orphanSignatures = (doc: PdfDocument, known: ReadonlyArray<FoundSignature>): FoundSignature[] => {
  const b = doc.bytes
  const inside = known.filter((k) => k.objectOffset >= 0).map((k) => [k.dict.start, k.dict.end] as const)
  const nums = new Set(known.map((k) => k.sigNum))
  const out: FoundSignature[] = []
  const hits: number[] = []
  doc.searchOutsideBulk(BYTE_RANGE, (at) => hits.push(at) < 64)
  for (const at of hits) {
    if (inside.some(([s, e]) => at >= s && at < e)) continue
    // The object around it: the last header in the window before it (a signature dictionary
    // holds its /Contents, tens of kilobytes, before or after its /ByteRange).
    let h: [number, number] | undefined
    scanHeaders(b, Math.max(0, at - ORPHAN_WINDOW), at, (num, _gen, offset) => (h = [offset, num]))
    if (!h || nums.has(h[1])) continue
    let o: PdfObject
    try {
      o = parseIndirectObject(b, h[0])
    } catch {
      continue
    }
    const top = o.value
    const inner = isDict(top) ? top.map.get("V") : undefined
    const dict = [top, inner].find((d): d is PdfDict => isDict(d) && d.map.has("ByteRange") && d.start <= at && at < d.end)
    // Usage-rights signatures (Reader extensions, /Perms /UR3) vouch for no content.
    if (!dict || usageRights(doc, dict)) continue
    nums.add(h[1])
    inside.push([dict.start, dict.end])
    out.push({ field: `(sin campo, objeto ${h[1]})`, fieldNum: undefined, sigNum: h[1], dict, objectOffset: h[0], definedIn: doc.revisionAt(h[0])?.index ?? doc.revisions.length - 1 })
  }
  return out
}

const usageRights = (doc: PdfDocument, dict: PdfDict): boolean => {
  const last = doc.revisions.length - 1
  const refs = doc.resolve(dict.map.get("Reference"), last)
  return isArray(refs) && refs.items.some((r) => {
    const d = doc.resolve(r, last)
    const m = isDict(d) ? nameOf(d.map.get("TransformMethod")) : undefined
    return m === "UR" || m === "UR3"
  })
}

/** The first definition of a /Sig value that looks like a signature dictionary. */
const signatureDefinition = (
  doc: PdfDocument,
  v: PdfValue,
  fieldNum: number | undefined
): Omit<FoundSignature, "field" | "fieldNum"> | undefined => {
  if (isRef(v)) {
    for (const d of definitionsOf(doc, v.num)) {
      if (isDict(d.object.value) && (d.object.value.map.has("ByteRange") || d.object.value.map.has("Contents"))) {
        return { sigNum: v.num, dict: d.object.value, objectOffset: d.object.offset, definedIn: d.revision }
      }
    }
    return undefined
  }
  if (isDict(v) && fieldNum !== undefined) {
    // A direct dictionary inside the field object: take the field's first definition that holds it.
    for (const d of definitionsOf(doc, fieldNum)) {
      const inner = isDict(d.object.value) ? d.object.value.map.get("V") : undefined
      if (isDict(inner) && inner.map.has("ByteRange")) {
        return { sigNum: fieldNum, dict: inner, objectOffset: d.object.offset, definedIn: d.revision }
      }
    }
  }
  return undefined
}

export type ByteRangeProblem =
  | "byte-range-missing"
  | "byte-range-malformed"
  | "byte-range-not-from-start"
  | "byte-range-outside-file"
  | "byte-range-gap-not-contents"
  | "byte-range-not-revision-end"
  | "contents-missing"
  | "contents-duplicated"
  | "signature-dictionary-in-object-stream"

export interface ByteRangeCheck {
  readonly ok: boolean
  readonly problems: ByteRangeProblem[]
  /** The covered ranges as [start, end) pairs, when they lie inside the file. */
  readonly ranges: ReadonlyArray<readonly [number, number]>
  /** The revision the signature covers exactly, when it does. */
  readonly signedRevision: number | undefined
  readonly contents: Uint8Array | undefined
}

/**
 * The ByteRange rules: four non-negative integers from 0; the gap is exactly this
 * dictionary's own /Contents hex string (located by parsing, not by searching); the covered
 * end is exactly a revision end.
 */
export const checkByteRange = (doc: PdfDocument, sig: FoundSignature): ByteRangeCheck => {
  const problems: ByteRangeProblem[] = []
  const size = doc.bytes.length
  const br = sig.dict.map.get("ByteRange")
  const contentsV = sig.dict.map.get("Contents")
  const contents = isString(contentsV) ? (contentsV as PdfString) : undefined
  if (!contents) problems.push("contents-missing")
  if (sig.dict.duplicateKeys.includes("Contents") || sig.dict.duplicateKeys.includes("ByteRange")) problems.push("contents-duplicated")
  if (sig.objectOffset < 0) problems.push("signature-dictionary-in-object-stream")
  const nums = isArray(br) ? br.items : undefined
  if (!nums) {
    problems.push("byte-range-missing")
    return { ok: false, problems, ranges: [], signedRevision: undefined, contents: contents?.bytes }
  }
  const ints = nums.every((x) => typeof x === "number" && Number.isSafeInteger(x) && x >= 0)
  if (!ints || nums.length % 2 !== 0 || nums.length === 0) {
    problems.push("byte-range-malformed")
    return { ok: false, problems, ranges: [], signedRevision: undefined, contents: contents?.bytes }
  }
  const n = nums as number[]
  const ranges: Array<readonly [number, number]> = []
  for (let i = 0; i < n.length; i += 2) ranges.push([n[i], n[i] + n[i + 1]])
  if (ranges.some(([, e]) => e > size)) {
    problems.push("byte-range-outside-file")
    return { ok: false, problems, ranges: [], signedRevision: undefined, contents: contents?.bytes }
  }
  if (n.length !== 4) problems.push("byte-range-malformed")
  if (n[0] !== 0) problems.push("byte-range-not-from-start")
  const end = ranges[ranges.length - 1][1]
  if (n.length === 4) {
    const [a, b] = [ranges[0][1], ranges[1][0]]
    if (!contents || sig.objectOffset < 0 || a !== contents.start || b !== contents.end) problems.push("byte-range-gap-not-contents")
  }
  let signedRevision: number | undefined
  for (const r of doc.revisions) if (r.ends.includes(end)) signedRevision = r.index
  if (signedRevision === undefined) problems.push("byte-range-not-revision-end")
  else if (signedRevision !== sig.definedIn) problems.push("byte-range-gap-not-contents")
  return { ok: problems.length === 0, problems, ranges, signedRevision, contents: contents?.bytes }
}

/** DocMDP and FieldMDP settings of a signature dictionary. */
export interface Permissions {
  readonly docMdp: 1 | 2 | 3 | undefined
  /** Fields locked by FieldMDP: "all", or names included/excluded. */
  readonly fieldMdp: ReadonlyArray<{ action: "All" | "Include" | "Exclude"; fields: ReadonlyArray<string> }>
}

export const permissionsOf = (doc: PdfDocument, dict: PdfDict, rev: number): Permissions => {
  let docMdp: 1 | 2 | 3 | undefined
  const fieldMdp: Array<{ action: "All" | "Include" | "Exclude"; fields: string[] }> = []
  const refs = doc.resolve(dict.map.get("Reference"), rev)
  for (const item of isArray(refs) ? refs.items.slice(0, 16) : []) {
    const r = doc.resolve(item, rev)
    if (!isDict(r)) continue
    const method = nameOf(r.map.get("TransformMethod"))
    const params = doc.resolve(r.map.get("TransformParams"), rev)
    if (method === "DocMDP") {
      const p = isDict(params) ? params.map.get("P") : undefined
      docMdp = p === 1 || p === 3 ? p : 2
    } else if (method === "FieldMDP" && isDict(params)) {
      const action = nameOf(params.map.get("Action"))
      const fields = doc.resolve(params.map.get("Fields"), rev)
      if (action === "All" || action === "Include" || action === "Exclude") {
        fieldMdp.push({ action, fields: isArray(fields) ? fields.items.map((f) => textOf(doc.resolve(f, rev)) ?? "") : [] })
      }
    }
  }
  return { docMdp, fieldMdp }
}

/** Is this /Sig dictionary a document timestamp? */
export const isDocTimeStamp = (dict: PdfDict): boolean =>
  isName(dict.map.get("Type"), "DocTimeStamp") || nameOf(dict.map.get("SubFilter")) === "ETSI.RFC3161"
