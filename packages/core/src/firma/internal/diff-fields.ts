// The form and annotation half of the difference analysis: fields filled or added, widgets,
// signature values, appearances. Only signature fields may be added; a signature value must be a
// new signature dictionary; a visible stamp is reported as painting over the page.
import { buildReferrerIndex, reachesContent, visibility, type Visibility } from "./diff-graph.js"
import { LEVELS, type ModificationLevel, type RevisionDiff } from "./diff-levels.js"
import type { PdfDocument } from "./pdf/document.js"
import { isArray, isDict, isName, isRef, nameOf, sameValue, textOf, type PdfDict, type PdfValue } from "./pdf/objects.js"

const EMPTY: PdfDict = { kind: "dict", map: new Map(), duplicateKeys: [], start: 0, end: 0 }
const MAX_REFERRER_SCAN = 50_000

export const ALLOWED_CATALOG_KEYS: Record<string, ModificationLevel> = {
  DSS: "signatures-only",
  Extensions: "signatures-only",
  Metadata: "signatures-only",
  Version: "signatures-only"
}
export const FIELD_VALUE_KEYS = new Set(["V", "AS", "AP", "M", "I"])
export const ALLOWED_ACROFORM_KEYS: Record<string, ModificationLevel> = {
  SigFlags: "signatures-only",
  NeedAppearances: "form-filling",
  DR: "form-filling",
  DA: "form-filling"
}

export abstract class FormRules {
  readonly diff: RevisionDiff = { level: "none", newSignatures: false, changedFields: new Set(), notes: [] }
  protected readonly handled = new Set<number>()

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

  protected vis: Visibility | null | undefined
  /** Shown by the previous revision (page content, resources, annotations, form): never whitelisted. */
  visibleBefore(num: number): boolean {
    if (this.referrerIndex === undefined) this.referrerIndex = buildReferrerIndex(this.doc, this.t - 1, MAX_REFERRER_SCAN)
    if (this.referrerIndex !== null) return reachesContent(this.doc, this.t - 1, this.referrerIndex, num, true)
    if (this.vis === undefined) this.vis = visibility(this.doc, this.t - 1)
    return this.vis === null || this.vis.visible.has(num)
  }

  /** Page content or resources of the previous revision (not only an annotation or field). */
  contentBefore(num: number): boolean {
    if (this.referrerIndex === undefined) this.referrerIndex = buildReferrerIndex(this.doc, this.t - 1, MAX_REFERRER_SCAN)
    if (this.referrerIndex !== null) return reachesContent(this.doc, this.t - 1, this.referrerIndex, num)
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

  protected newEntry(item: PdfValue, what: "Fields" | "Annots"): void {
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
  protected reusedSignature(v: PdfValue | undefined): boolean {
    if (!isRef(v) || !this.doc.object(v.num, this.t - 1)) return false
    this.bump("other", `new signature value ${v.num} reuses an existing signature dictionary`)
    return true
  }

  /** A visible signature stamp paints over what the page showed when it was signed: say so. */
  protected paintsOver(num: number | undefined, d: PdfDict): void {
    const rect = this.now(d.map.get("Rect"))
    const r = isArray(rect) ? rect.items.map((x) => (typeof x === "number" ? Math.round(x) : 0)) : []
    this.note(`signature widget ${num ?? "?"} paints over page content at [${r.join(" ")}]`)
  }

  protected readonly fieldsAdded = new Set<number>()
  protected readonly sigWidgetsAdded: Array<[number, PdfDict]> = []

  /** Does this widget show anything? (an appearance, a non-empty rectangle, not hidden) */
  protected visible(d: PdfDict): boolean {
    const flags = d.map.get("F")
    if (typeof flags === "number" && (flags & 2) !== 0) return false
    const rect = this.now(d.map.get("Rect"))
    const r = isArray(rect) ? rect.items.map((x) => (typeof x === "number" ? x : 0)) : []
    if (r.length === 4 && (r[2] - r[0] === 0 || r[3] - r[1] === 0)) return false
    return d.map.has("AP")
  }

  /** A document timestamp (PAdES-LTA) is not a new signature: DocMDP P=1 permits it. */
  protected isTimestamp(v: PdfValue | undefined): boolean {
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

  protected readonly resourcesAdded: string[] = []
  protected signing = false

  /** Does `after` keep every entry of `before` (nested resource dictionaries may grow)? */
  protected grows(before: PdfValue | undefined, after: PdfValue | undefined, depth: number): boolean {
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

  protected parentValueChanged(d: PdfDict): boolean {
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

  protected referrerIndex: Map<number, number[]> | null | undefined
  /** Objects of the previous revision that refer to `num`; [-1] when the document is too large to index. */
  referrers(num: number): number[] {
    if (this.referrerIndex === undefined) this.referrerIndex = buildReferrerIndex(this.doc, this.t - 1, MAX_REFERRER_SCAN)
    if (this.referrerIndex === null) return [-1]
    return (this.referrerIndex.get(num) ?? []).filter((n) => n !== num)
  }
}
