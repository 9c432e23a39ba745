// Object-level difference analysis of the revisions that follow a signature. Every object an
// increment (re)defines — by its xref section or merely by bytes — is compared with its previous
// state and classified; what cannot be explained as a signature, form filling or annotation is
// "other". Unknown is never harmless.
import { buildReferrerIndex, isDSSPart, sameStream, visibility, type Visibility } from "./diff-graph.js"
import { structuralChanges } from "./diff-structure.js"
import type { PdfDocument } from "./pdf/document.js"
import {
  isArray,
  isDict,
  isName,
  isRef,
  nameOf,
  sameValue,
  skipWhite,
  textOf,
  type PdfDict,
  type PdfObject,
  type PdfValue
} from "./pdf/objects.js"

/**
 * How far later revisions changed a signed document.
 *
 * @since 0.2.0
 * @category models
 */
export type ModificationLevel = "none" | "signatures-only" | "form-filling" | "annotations" | "other"

export const LEVELS: ReadonlyArray<ModificationLevel> = ["none", "signatures-only", "form-filling", "annotations", "other"]
export const maxLevel = (a: ModificationLevel, b: ModificationLevel): ModificationLevel => (LEVELS.indexOf(a) >= LEVELS.indexOf(b) ? a : b)

export interface RevisionDiff {
  level: ModificationLevel
  /** New approval signatures (not timestamps, not DSS) appeared. */
  newSignatures: boolean
  /** Names of form fields whose value changed. */
  changedFields: Set<string>
  /** Short English notes: what made the level. */
  notes: string[]
}

const MAX_CHANGED = 20_000
const EMPTY: PdfDict = { kind: "dict", map: new Map(), duplicateKeys: [], start: 0, end: 0 }
const MAX_REFERRER_SCAN = 50_000

const ALLOWED_CATALOG_KEYS: Record<string, ModificationLevel> = {
  DSS: "signatures-only",
  Extensions: "signatures-only",
  Metadata: "signatures-only",
  Version: "signatures-only"
}
const ALLOWED_ACROFORM_KEYS: Record<string, ModificationLevel> = {
  SigFlags: "signatures-only",
  NeedAppearances: "form-filling",
  DR: "form-filling",
  DA: "form-filling"
}
const FIELD_VALUE_KEYS = new Set(["V", "AS", "AP", "M", "I"])

class Analysis {
  readonly diff: RevisionDiff = { level: "none", newSignatures: false, changedFields: new Set(), notes: [] }
  private readonly handled = new Set<number>()

  constructor(
    readonly doc: PdfDocument,
    readonly t: number
  ) {}

  bump(level: ModificationLevel, note: string): void {
    if (LEVELS.indexOf(level) > LEVELS.indexOf(this.diff.level)) this.diff.level = level
    if (level !== "none" && this.diff.notes.length < 20) this.diff.notes.push(note)
  }

  /** A finding reported without changing the level. */
  note(text: string): void {
    if (this.diff.notes.length < 20) this.diff.notes.push(text)
  }

  private vis: Visibility | null | undefined
  /** Shown by the previous revision (page content, resources, annotations, form): never whitelisted. */
  visibleBefore(num: number): boolean {
    if (this.vis === undefined) this.vis = visibility(this.doc, this.t - 1)
    return this.vis === null || this.vis.visible.has(num)
  }
  /** Page content or resources of the previous revision (not only an annotation or field). */
  contentBefore(num: number): boolean {
    if (this.vis === undefined) this.vis = visibility(this.doc, this.t - 1)
    return this.vis === null || this.vis.content.has(num)
  }

  old(v: PdfValue | undefined): PdfValue | undefined {
    return this.doc.resolve(v, this.t - 1)
  }
  now(v: PdfValue | undefined): PdfValue | undefined {
    return this.doc.resolve(v, this.t)
  }

  /** Classifies additions to /Fields or /Annots: items in `after` that were not in `before`. */
  additions(before: PdfValue | undefined, after: PdfValue | undefined, what: "Fields" | "Annots"): void {
    const b = this.old(before)
    const a = this.now(after)
    const oldItems = isArray(b) ? b.items : []
    const newItems = isArray(a) ? a.items : []
    const key = (v: PdfValue) => (isRef(v) ? `r${v.num}` : JSON.stringify(v))
    const newKeys = new Set(newItems.map(key))
    if (oldItems.some((v) => !newKeys.has(key(v)))) return this.bump("other", `${what} lost entries`)
    const oldKeys = new Set(oldItems.map(key))
    for (const item of newItems) if (!oldKeys.has(key(item))) this.newEntry(item, what)
  }

  private newEntry(item: PdfValue, what: "Fields" | "Annots"): void {
    const d = this.now(item)
    if (!isDict(d)) return this.bump("other", `odd ${what} entry`)
    if (isRef(item) && this.doc.object(item.num, this.t - 1)) {
      // An existing object newly listed: judged by its own changes, but listing it is a change too.
      const prev = this.doc.object(item.num, this.t - 1)
      if (prev && !isDict(prev.value)) return this.bump("other", "non-dictionary entry reused")
    }
    const ft = this.fieldType(d, this.t)
    const subtype = nameOf(d.map.get("Subtype"))
    if (isRef(item) && what === "Fields") this.fieldsAdded.add(item.num)
    if (ft === "Sig") {
      this.signing = true
      if (isRef(item) && what === "Annots") this.sigWidgetsAdded.push([item.num, d])
      const signed = d.map.get("V") !== undefined
      if (signed && !this.isTimestamp(d.map.get("V"))) this.diff.newSignatures = true
      if (signed && this.reusedSignature(d.map.get("V"))) return
      // An empty signature field that shows something is an overlay no signature vouches for.
      if (!signed && this.visible(d)) return this.bump("annotations", "empty signature field with a visible appearance added")
      if (signed && this.visible(d) && what === "Annots") this.paintsOver(isRef(item) ? item.num : undefined, d)
      return this.bump("signatures-only", "signature field added")
    }
    // Only signature fields may be added after signing (pyHanko's rule too): a new text field
    // or a widget of no field is new content, whatever its permissions.
    if (ft !== undefined) return this.bump("other", `form field ${textOf(d.map.get("T")) ?? ""} added`)
    if (what === "Annots" && subtype === "Widget") return this.bump("other", "widget without a signature field added")
    if (what === "Annots") return this.bump("annotations", `annotation ${subtype ?? "?"} added`)
    return this.bump("other", "unknown field entry added")
  }

  /** A signature value that points at a signature dictionary the previous revision already had. */
  private reusedSignature(v: PdfValue | undefined): boolean {
    if (!isRef(v) || !this.doc.object(v.num, this.t - 1)) return false
    this.bump("other", `new signature value ${v.num} reuses an existing signature dictionary`)
    return true
  }

  /** A visible signature stamp paints over what the page showed when it was signed: say so. */
  private paintsOver(num: number | undefined, d: PdfDict): void {
    const rect = this.now(d.map.get("Rect"))
    const r = isArray(rect) ? rect.items.map((x) => (typeof x === "number" ? Math.round(x) : 0)) : []
    this.note(`signature widget ${num ?? "?"} paints over page content at [${r.join(" ")}]`)
  }

  private readonly fieldsAdded = new Set<number>()
  private readonly sigWidgetsAdded: Array<[number, PdfDict]> = []

  /** Does this widget show anything? (an appearance, a non-empty rectangle, not hidden) */
  private visible(d: PdfDict): boolean {
    const flags = d.map.get("F")
    if (typeof flags === "number" && (flags & 2) !== 0) return false
    const rect = this.now(d.map.get("Rect"))
    const r = isArray(rect) ? rect.items.map((x) => (typeof x === "number" ? x : 0)) : []
    if (r.length === 4 && (r[2] - r[0] === 0 || r[3] - r[1] === 0)) return false
    return d.map.has("AP")
  }

  /** A document timestamp (PAdES-LTA) is not a new signature: DocMDP P=1 permits it. */
  private isTimestamp(v: PdfValue | undefined): boolean {
    const d = this.now(v)
    return isDict(d) && (isName(d.map.get("Type"), "DocTimeStamp") || nameOf(d.map.get("SubFilter")) === "ETSI.RFC3161")
  }

  fieldType(d: PdfDict, rev: number): string | undefined {
    let cur: PdfDict | undefined = d
    for (let i = 0; i < 32 && cur; i++) {
      const ft = nameOf(cur.map.get("FT"))
      if (ft) return ft
      const p = this.doc.resolve(cur.map.get("Parent"), rev)
      cur = isDict(p) ? p : undefined
    }
    return undefined
  }

  fieldFullName(d: PdfDict, rev: number): string {
    const parts: string[] = []
    let cur: PdfDict | undefined = d
    for (let i = 0; i < 32 && cur; i++) {
      const t = textOf(cur.map.get("T"))
      if (t !== undefined) parts.unshift(t)
      const p = this.doc.resolve(cur.map.get("Parent"), rev)
      cur = isDict(p) ? p : undefined
    }
    return parts.join(".")
  }

  /** Keys whose values differ between two dictionaries. */
  changedKeys(a: PdfDict, b: PdfDict): string[] {
    const keys = new Set([...a.map.keys(), ...b.map.keys()])
    return [...keys].filter((k) => !a.map.has(k) || !b.map.has(k) || !sameValue(a.map.get(k)!, b.map.get(k)!))
  }

  catalogChange(before: PdfDict, after: PdfDict): void {
    for (const k of this.changedKeys(before, after)) {
      if (k === "AcroForm") {
        const a = this.old(before.map.get("AcroForm"))
        const b = this.now(after.map.get("AcroForm"))
        if (isDict(a) && isDict(b)) this.acroFormChange(a, b)
        else if (!isDict(a) && isDict(b)) this.additions(undefined, b.map.get("Fields"), "Fields")
        else this.bump("other", "AcroForm removed")
        continue
      }
      if (k === "Names") {
        const a = this.old(before.map.get("Names"))
        const b = this.now(after.map.get("Names"))
        const keys = this.changedKeys(isDict(a) ? a : EMPTY, isDict(b) ? b : EMPTY)
        // Named appearance streams (comment icons) come with annotations; any other name tree is content.
        for (const n of keys) this.bump(n === "AP" ? "annotations" : "other", `catalog /Names /${n} changed`)
        continue
      }
      const level = ALLOWED_CATALOG_KEYS[k]
      this.bump(level ?? "other", `catalog /${k} changed`)
    }
  }

  acroFormChange(before: PdfDict, after: PdfDict): void {
    for (const k of this.changedKeys(before, after)) {
      if (k === "Fields") this.additions(before.map.get("Fields"), after.map.get("Fields"), "Fields")
      else if ((k === "DR" && this.grows(this.old(before.map.get("DR")), this.now(after.map.get("DR")), 0)) || (k === "DA" && !before.map.has("DA")))
        // Signing libraries add default resources (a font for the stamp) and a default
        // appearance when the form had none: harmless next to a new signature.
        this.resourcesAdded.push(`AcroForm /${k} extended`)
      else this.bump(ALLOWED_ACROFORM_KEYS[k] ?? "other", `AcroForm /${k} changed`)
    }
  }

  private readonly resourcesAdded: string[] = []
  private signing = false

  /** Does `after` keep every entry of `before` (nested resource dictionaries may grow)? */
  private grows(before: PdfValue | undefined, after: PdfValue | undefined, depth: number): boolean {
    if (before === undefined) return true
    if (!isDict(before) || !isDict(after) || depth > 2) return false
    for (const [k, v] of before.map) {
      const w = after.map.get(k)
      if (w === undefined) return false
      if (sameValue(v, w)) continue
      if (!this.grows(this.old(v), this.now(w), depth + 1)) return false
    }
    return true
  }

  pageChange(before: PdfDict, after: PdfDict): void {
    for (const k of this.changedKeys(before, after)) {
      if (k === "Annots") this.additions(before.map.get("Annots"), after.map.get("Annots"), "Annots")
      else this.bump("other", `page /${k} changed`)
    }
  }

  /** A field or widget changed: value and appearance keys are form filling (or signing). */
  fieldChange(num: number, before: PdfDict, after: PdfDict): void {
    const ft = this.fieldType(before, this.t - 1) ?? this.fieldType(after, this.t)
    const isWidgetOnly = ft === undefined && isName(before.map.get("Subtype"), "Widget")
    const keys = this.changedKeys(before, after)
    const signing = ft === "Sig" && keys.includes("V") && before.map.get("V") === undefined
    if (ft === "Sig" && !signing) {
      // A signature's field after the fact: its value and its stamp are what the signer showed.
      if (before.map.get("V") !== undefined || after.map.get("V") !== undefined) return this.bump("other", `signed field ${num} changed`)
      return this.bump(this.visible(after) ? "annotations" : "signatures-only", `empty signature field ${num} changed`)
    }
    const level: ModificationLevel = ft === "Sig" ? "signatures-only" : "form-filling"
    for (const k of keys) {
      if (!FIELD_VALUE_KEYS.has(k)) {
        if (k === "Kids") {
          this.additions(before.map.get("Kids"), after.map.get("Kids"), "Fields")
          continue
        }
        // Signing a field may set its lock and its widget flags (Adobe Reader does).
        if (signing && (k === "Lock" || k === "F" || k === "MK")) continue
        return this.bump("other", `field /${k} changed`)
      }
      if (ft === "Sig" && k === "V") {
        if (!signing) return this.bump("other", "signature value replaced")
        if (this.reusedSignature(after.map.get("V"))) return
        this.signing = true
        if (!this.isTimestamp(after.map.get("V"))) this.diff.newSignatures = true
        if (this.visible(after)) this.paintsOver(num, after)
      }
    }
    if (ft === undefined && !isWidgetOnly) return this.bump("other", `annotation ${num} changed`)
    // An appearance that changes while the value stays is what a shadow "replace" attack does.
    if (ft !== "Sig" && keys.includes("AP") && !keys.some((k) => k === "V" || k === "AS" || k === "I") && !this.parentValueChanged(after)) {
      return this.bump("other", `appearance of ${this.fieldFullName(after, this.t)} changed without its value`)
    }
    if (ft !== "Sig") this.diff.changedFields.add(this.fieldFullName(after, this.t))
    this.bump(level, ft === "Sig" ? "signature field signed" : `field ${this.fieldFullName(after, this.t)} filled`)
    for (const n of this.appearanceRefs(after)) this.allowedStreams.set(n, level)
  }

  private parentValueChanged(d: PdfDict): boolean {
    const a = this.now(d.map.get("Parent"))
    const b = this.old(d.map.get("Parent"))
    if (!isDict(a) || !isDict(b)) return false
    const va = a.map.get("V")
    const vb = b.map.get("V")
    return !(va === undefined && vb === undefined) && !(va !== undefined && vb !== undefined && sameValue(va, vb))
  }

  /** Streams a filled field's new appearance points to: these may be rewritten in place. */
  readonly allowedStreams = new Map<number, ModificationLevel>()
  appearanceRefs(d: PdfDict): number[] {
    const out: number[] = []
    const ap = this.now(d.map.get("AP"))
    if (!isDict(ap)) return out
    for (const v of ap.map.values()) {
      if (isRef(v)) out.push(v.num)
      const sub = this.now(v)
      if (isDict(sub) && !isRef(v)) for (const w of sub.map.values()) if (isRef(w)) out.push(w.num)
    }
    return out
  }

  private referrerIndex: Map<number, number[]> | null | undefined
  /** Objects of the previous revision that refer to `num`; [-1] when the document is too large to index. */
  referrers(num: number): number[] {
    if (this.referrerIndex === undefined) this.referrerIndex = buildReferrerIndex(this.doc, this.t - 1, MAX_REFERRER_SCAN)
    if (this.referrerIndex === null) return [-1]
    return (this.referrerIndex.get(num) ?? []).filter((n) => n !== num)
  }

  run(): RevisionDiff {
    const doc = this.doc
    const t = this.t
    const rev = doc.revisions[t]
    const tOld = doc.trailerOf(t - 1)
    const tNew = rev.trailer
    if (tNew && tOld) {
      for (const k of ["Root", "Encrypt"]) {
        const a = tOld.map.get(k)
        const b = tNew.map.get(k)
        if ((a || b) && !(a && b && sameValue(a, b))) this.bump("other", `trailer /${k} changed`)
      }
    } else if (!tNew) this.bump("other", "increment without a trailer")
    structuralChanges(doc, t, (level, note) => this.bump(level, note))
    const rootNum = isRef(tOld?.map.get("Root")) ? (tOld!.map.get("Root") as { num: number }).num : -1
    const infoNum = isRef(tOld?.map.get("Info")) ? (tOld!.map.get("Info") as { num: number }).num : -1
    const changed = new Map<number, PdfObject | undefined>()
    for (const [num, e] of rev.entries) changed.set(num, doc.objectAt(num, e, t))
    for (const [num, offset] of doc.scan(rev)) {
      const e = rev.entries.get(num)
      if (e?.type === "offset" && skipWhite(doc.bytes, e.offset) === offset) continue
      if (e && e.type !== "free") {
        // Bytes define the object a second time in the same increment: readers disagree on which wins.
        this.bump("other", `object ${num} defined twice in one increment`)
        continue
      }
      if (!changed.has(num)) changed.set(num, doc.objectAt(num, { type: "offset", offset, gen: 0 }, t))
    }
    if (changed.size > MAX_CHANGED) {
      this.bump("other", "too many changed objects")
      return this.diff
    }
    // An object stream rewritten in place changes every object it holds, without their numbers
    // appearing in this increment's xref: compare those objects too.
    for (const [num, now] of [...changed]) {
      const before = doc.object(num, t - 1)
      if (!before || !now || !isDict(before.value) || !isName(before.value.map.get("Type"), "ObjStm")) continue
      if (sameValue(before.value, now.value) && sameStream(doc, before, now)) continue
      for (let i = 0; i < t; i++) {
        for (const [n, e] of doc.revisions[i].entries) {
          if (e.type === "compressed" && e.stream === num && !changed.has(n) && doc.entryOf(n, t - 1)?.entry === e) changed.set(n, doc.object(n, t))
        }
      }
    }
    const streams: Array<[number, PdfObject]> = []
    for (const [num, now] of changed) {
      if (num === 0) continue
      const before = doc.object(num, t - 1)
      if (!now) {
        if (before) this.bump("other", `object ${num} deleted`)
        continue
      }
      if (!before) {
        // A new object is judged where something starts to refer to it, unless the signed
        // revision already referred to it: then it fills a dangling reference (a hidden change).
        const refs = this.referrers(num)
        for (const r of refs.includes(-1) ? [] : refs.filter((r) => !changed.has(r))) {
          // The catalog's own harmless entries (XMP /Metadata, /DSS) may be filled in later.
          const cat = r === rootNum ? doc.object(r, t - 1)?.value : undefined
          const key = isDict(cat) ? [...cat.map].find(([, v]) => isRef(v) && v.num === num)?.[0] : undefined
          const level = key ? ALLOWED_CATALOG_KEYS[key] : undefined
          this.bump(level ?? "other", `object ${num} fills a dangling reference${key ? ` (catalog /${key})` : ""}`)
        }
        continue
      }
      if (sameValue(before.value, now.value) && sameStream(doc, before, now)) continue
      this.handled.add(num)
      const b = before.value
      const a = now.value
      if (num === rootNum && isDict(b) && isDict(a)) this.catalogChange(b, a)
      else if (num === infoNum && !this.visibleBefore(num)) this.bump("signatures-only", "document information updated")
      else if (isDict(b) && isDict(a)) this.dictChange(num, b, a, before, now, streams)
      else if (isArray(b) && isArray(a)) this.arrayChange(num, b, a)
      else this.bump("other", `object ${num} changed`)
    }
    for (const [num, now] of streams) this.streamChange(num, now)
    for (const note of this.resourcesAdded) this.bump(this.signing ? "signatures-only" : "form-filling", note)
    // A signature widget put on a page but not into the form is not verified by anyone.
    for (const [num, d] of this.sigWidgetsAdded) {
      const parent = d.map.get("Parent")
      const inForm = this.fieldsAdded.has(num) || (isRef(parent) && (this.fieldsAdded.has(parent.num) || !!doc.object(parent.num, t - 1)))
      if (!inForm && this.visible(d)) this.bump("annotations", `signature widget ${num} outside the form`)
    }
    return this.diff
  }

  private dictChange(num: number, b: PdfDict, a: PdfDict, before: PdfObject, now: PdfObject, streams: Array<[number, PdfObject]>): void {
    const type = nameOf(b.map.get("Type"))
    // Whitelisted parts are whitelisted only while nothing the document shows uses them.
    const hidden = !this.visibleBefore(num)
    if ((type === "XRef" || type === "ObjStm") && hidden) return
    if (type === "Sig" || type === "DocTimeStamp" || b.map.has("ByteRange")) return this.bump("other", `signature dictionary ${num} redefined`)
    if (type === "Page" && isName(a.map.get("Type"), "Page")) return this.pageChange(b, a)
    if (hidden && (type === "DSS" || b.map.has("VRI") || isDSSPart(this.doc, num, this.t))) return this.bump("signatures-only", "DSS updated")
    // The logical structure (tagged PDF) grows with new widgets; it does not change what is shown.
    if (hidden && (type === "StructTreeRoot" || type === "StructElem" || (b.map.has("Nums") && !b.map.has("Type"))))
      return this.bump("signatures-only", "structure tree updated")
    const acro = this.old(this.doc.catalog(this.t - 1)?.map.get("AcroForm"))
    if (isDict(acro) && isRef(this.doc.catalog(this.t - 1)?.map.get("AcroForm")) && (this.doc.catalog(this.t - 1)!.map.get("AcroForm") as { num: number }).num === num)
      return this.acroFormChange(b, a)
    if (before.stream || now.stream) {
      streams.push([num, now])
      return
    }
    const fieldLike = b.map.has("FT") || b.map.has("T") || isName(b.map.get("Subtype"), "Widget") || (b.map.has("Parent") && b.map.has("Kids"))
    // A dictionary the page draws with (resources, a font…) dressed up as a field or an annotation.
    if ((fieldLike || isName(b.map.get("Type"), "Annot")) && this.contentBefore(num)) return this.bump("other", `object ${num}, used by page content, changed`)
    if (fieldLike) return this.fieldChange(num, b, a)
    if (nameOf(b.map.get("Subtype")) && isName(b.map.get("Type"), "Annot")) return this.bump("annotations", `annotation ${num} changed`)
    this.bump("other", `object ${num} (${type ?? "dictionary"}) changed`)
  }

  private arrayChange(num: number, _b: { items: ReadonlyArray<PdfValue> }, _a: { items: ReadonlyArray<PdfValue> }): void {
    // An indirect /Fields or /Annots array: which one is it?
    const cat = this.doc.catalog(this.t - 1)
    const acro = this.old(cat?.map.get("AcroForm"))
    const fields = isDict(acro) ? acro.map.get("Fields") : undefined
    if (isRef(fields) && fields.num === num) return this.additions(fields, fields, "Fields")
    const refs = this.referrers(num)
    if (refs.length === 0 || refs.includes(-1)) return this.bump("other", `array ${num} changed`)
    for (const r of refs) {
      const o = this.doc.object(r, this.t - 1)?.value
      if (isDict(o) && isName(o.map.get("Type"), "Page") && isRef(o.map.get("Annots")) && (o.map.get("Annots") as { num: number }).num === num) continue
      if (isDict(o) && isRef(o.map.get("Kids")) && this.fieldType(o, this.t - 1)) continue
      return this.bump("other", `array ${num} changed`)
    }
    const ref = { kind: "ref" as const, num, gen: 0 }
    this.additions(ref, ref, "Annots")
  }

  /** A rewritten stream is allowed only as the appearance of a field filled in this increment, used by nothing else. */
  private streamChange(num: number, _now: PdfObject): void {
    const hidden = !this.visibleBefore(num)
    if (hidden && isDSSPart(this.doc, num, this.t)) return this.bump("signatures-only", "DSS stream updated")
    const catalog = this.doc.catalog(this.t - 1)
    if (hidden && isRef(catalog?.map.get("Metadata")) && (catalog!.map.get("Metadata") as { num: number }).num === num)
      return this.bump("signatures-only", "XMP metadata updated")
    if (!this.allowedStreams.has(num)) return this.bump("other", `stream ${num} rewritten`)
    for (const r of this.referrers(num)) {
      if (r === -1) return this.bump("other", `stream ${num} rewritten`)
      const o = this.doc.object(r, this.t - 1)?.value
      const isAp = isDict(o) && (isName(o.map.get("Subtype"), "Widget") || o.map.has("FT"))
      // Referred by a widget's /AP that this increment also touched, or by an /AP subdictionary of one.
      if (!(isAp && this.handled.has(r))) return this.bump("other", `shared stream ${num} rewritten`)
    }
    this.bump(this.allowedStreams.get(num)!, `appearance ${num} rewritten`)
  }
}

/** Differences introduced by revision `t` relative to `t - 1`. */
export const diffRevision = (doc: PdfDocument, t: number): RevisionDiff => new Analysis(doc, t).run()
