// Graph helpers of the difference analysis: who refers to whom, what belongs to the DSS,
// whether two stream objects hold the same bytes.
import type { PdfDocument } from "./pdf/document.js"
import { isDict, isName, sameBytes, type PdfObject, type PdfValue } from "./pdf/objects.js"

/**
 * For every object number, the objects of revision `rev` that refer to it; null when the
 * document has more than `max` objects (too large to index within the time budget).
 */
export const buildReferrerIndex = (doc: PdfDocument, rev: number, max: number): Map<number, number[]> | null => {
  const nums = new Set<number>()
  for (let i = 0; i <= rev; i++) for (const n of doc.revisions[i].entries.keys()) nums.add(n)
  if (nums.size > max) return null
  const index = new Map<number, number[]>()
  const collect = (from: number, v: PdfValue | undefined, depth: number): void => {
    if (depth > 32 || v === null || typeof v !== "object" || v === undefined) return
    if (v.kind === "ref") {
      const list = index.get(v.num) ?? []
      if (list[list.length - 1] !== from) list.push(from)
      index.set(v.num, list)
    } else if (v.kind === "array") v.items.forEach((x) => collect(from, x, depth + 1))
    else if (v.kind === "dict") v.map.forEach((x) => collect(from, x, depth + 1))
  }
  for (const n of nums) {
    const v = doc.object(n, rev)?.value
    // Cross-reference streams are trailers: /Root and /Encrypt are compared apart, /Info is harmless.
    if (isDict(v) && isName(v.map.get("Type"), "XRef")) continue
    collect(n, v, 0)
  }
  return index
}

export const sameStream = (doc: PdfDocument, a: PdfObject, b: PdfObject): boolean => {
  if (!a.stream && !b.stream) return true
  if (!a.stream || !b.stream) return false
  return sameBytes(doc.bytes.subarray(a.stream.start, a.stream.end), doc.bytes.subarray(b.stream.start, b.stream.end))
}

/** Objects reachable from the catalog's /DSS (a few levels into VRI and its arrays), within a budget. */
const dssMembers = new WeakMap<PdfDocument, Map<number, Set<number>>>()
export const isDSSPart = (doc: PdfDocument, num: number, rev: number): boolean => {
  let perDoc = dssMembers.get(doc)
  if (!perDoc) dssMembers.set(doc, (perDoc = new Map()))
  let members = perDoc.get(rev)
  if (!members) {
    members = new Set()
    perDoc.set(rev, members)
    const found = members
    let budget = 100_000
    const dssRef = doc.catalog(rev)?.map.get("DSS")
    const walk = (v: PdfValue | undefined, depth: number): void => {
      if (--budget < 0 || depth > 5 || v === undefined || v === null || typeof v !== "object") return
      if (v.kind === "ref") {
        if (found.has(v.num)) return
        found.add(v.num)
        walk(doc.object(v.num, rev)?.value, depth + 1)
      } else if (v.kind === "array") v.items.forEach((x) => walk(x, depth + 1))
      else if (v.kind === "dict") v.map.forEach((x) => walk(x, depth + 1))
    }
    walk(dssRef, 0)
  }
  return members.has(num)
}


/**
 * What the document shows as of revision `rev`. `content`: reachable from the catalog (page tree,
 * resources, content streams, outlines, names, actions…) without passing through an annotation
 * list or the form; `visible`: that plus everything reachable from pages' /Annots and the
 * AcroForm. Only the DSS, the XMP /Metadata, the structure tree and /Perms are left out as roots:
 * an object they share with the visible document is visible. Null when the walk exceeds its budget.
 */
export interface Visibility {
  readonly content: ReadonlySet<number>
  readonly visible: ReadonlySet<number>
}

const HIDDEN_ROOTS = new Set(["DSS", "Metadata", "StructTreeRoot", "Perms"])
const visibilityCache = new WeakMap<PdfDocument, Map<number, Visibility | null>>()
const MAX_VISIBLE = 100_000

export const visibility = (doc: PdfDocument, rev: number): Visibility | null => {
  let perDoc = visibilityCache.get(doc)
  if (!perDoc) visibilityCache.set(doc, (perDoc = new Map()))
  if (perDoc.has(rev)) return perDoc.get(rev)!
  const catalog = doc.catalog(rev)
  let out: Visibility | null = null
  if (catalog) {
    // One walk, two modes: `content` follows everything but pages' /Annots; an annotation list or
    // the form switches to `visible`. An object first met as visible is walked again as content
    // when content reaches it too.
    const content = new Set<number>()
    const visible = new Set<number>()
    const values = new Map<number, PdfValue | undefined>()
    const rootRef = doc.trailerOf(rev)?.map.get("Root")
    if (rootRef && typeof rootRef === "object" && rootRef.kind === "ref") content.add(rootRef.num), visible.add(rootRef.num)
    const stack: Array<[PdfValue | undefined, number, boolean]> = []
    for (const [k, v] of catalog.map) if (!HIDDEN_ROOTS.has(k)) stack.push([v, 0, k !== "AcroForm"])
    let budget = 2 * MAX_VISIBLE
    let ok = true
    while (stack.length) {
      const [v, depth, isContent] = stack.pop()!
      if (v === undefined || v === null || typeof v !== "object" || depth > 64) continue
      if (v.kind === "ref") {
        if (isContent ? content.has(v.num) : visible.has(v.num)) continue
        if (--budget < 0) {
          ok = false
          break
        }
        visible.add(v.num)
        if (isContent) content.add(v.num)
        if (!values.has(v.num)) values.set(v.num, doc.object(v.num, rev)?.value)
        stack.push([values.get(v.num), depth + 1, isContent])
      } else if (v.kind === "array") for (const x of v.items) stack.push([x, depth + 1, isContent])
      else if (v.kind === "dict") {
        const page = isName(v.map.get("Type"), "Page")
        // An outline item's /SE points into the structure tree, which shows nothing by itself.
        for (const [k, x] of v.map) if (k !== "SE") stack.push([x, depth + 1, isContent && !(page && k === "Annots")])
      }
    }
    if (ok) out = { content, visible }
  }
  perDoc.set(rev, out)
  return out
}

/** Top-level keys of `v` whose value holds a reference to `num`. */
const keysReferring = (v: PdfValue | undefined, num: number): string[] => {
  if (!isDict(v)) return []
  const holds = (x: PdfValue | undefined, depth: number): boolean =>
    !!x && typeof x === "object" && depth < 16 &&
    (x.kind === "ref" ? x.num === num : x.kind === "array" ? x.items.some((y) => holds(y, depth + 1)) : x.kind === "dict" ? [...x.map.values()].some((y) => holds(y, depth + 1)) : false)
  return [...v.map].filter(([, x]) => holds(x, 0)).map(([k]) => k)
}

/**
 * {@link visibility}'s `content`, answered upwards for one object through the referrer index: is
 * there a path from the catalog (not through the DSS, XMP, structure tree, /Perms or the form)
 * down to `num` that does not pass through a page's /Annots or an outline's /SE? Walks only the
 * object's ancestors. With `visibleToo`, `visible` instead: annotation lists and the form count.
 */
export const reachesContent = (doc: PdfDocument, rev: number, index: Map<number, number[]>, num: number, visibleToo = false): boolean => {
  const rootRef = doc.trailerOf(rev)?.map.get("Root")
  const root = rootRef && typeof rootRef === "object" && rootRef.kind === "ref" ? rootRef.num : -1
  if (num === root) return true
  const seen = new Set([num])
  const stack = [num]
  let budget = 20_000
  while (stack.length) {
    const n = stack.pop()!
    for (const r of index.get(n) ?? []) {
      if (r === n || seen.has(r)) continue
      if (--budget < 0) return true
      const v = doc.object(r, rev)?.value
      const keys = isDict(v) ? keysReferring(v, n).filter((k) => k !== "SE") : ["(array)"]
      if (r === root) {
        if (keys.some((k) => !HIDDEN_ROOTS.has(k) && (visibleToo || k !== "AcroForm"))) return true
        continue
      }
      if (isDict(v) && isName(v.map.get("Type"), "Page")) {
        if (keys.some((k) => visibleToo || k !== "Annots")) return true
        continue
      }
      if (keys.length === 0) continue
      seen.add(r)
      stack.push(r)
    }
  }
  return false
}
