// Object-level difference analysis of the revisions that follow a signature. Every object an
// increment (re)defines — by its xref section or merely by bytes, or by the way readers reach it —
// is compared with its previous state and classified; what cannot be explained as a signature,
// form filling or annotation is "other". Unknown is never harmless.
import { ALLOWED_CATALOG_KEYS, FormRules } from "./diff-fields.js"
import { isDSSPart, sameStream } from "./diff-graph.js"
import type { ModificationLevel, RevisionDiff } from "./diff-levels.js"
import { structuralChanges } from "./diff-structure.js"
import type { PdfDocument } from "./pdf/document.js"
import { isArray, isDict, isName, isRef, nameOf, sameValue, skipWhite, type PdfDict, type PdfObject, type PdfValue } from "./pdf/objects.js"

export { LEVELS, maxLevel, type ModificationLevel, type RevisionDiff } from "./diff-levels.js"

const MAX_CHANGED = 20_000

class Analysis extends FormRules {
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
    const hidden = () => !this.visibleBefore(num)
    if ((type === "XRef" || type === "ObjStm") && hidden()) return
    if (type === "Sig" || type === "DocTimeStamp" || b.map.has("ByteRange")) return this.bump("other", `signature dictionary ${num} redefined`)
    if (type === "Page" && isName(a.map.get("Type"), "Page")) return this.pageChange(b, a)
    if ((type === "DSS" || b.map.has("VRI") || isDSSPart(this.doc, num, this.t)) && hidden()) return this.bump("signatures-only", "DSS updated")
    // The logical structure (tagged PDF) grows with new widgets; it does not change what is shown.
    if ((type === "StructTreeRoot" || type === "StructElem" || (b.map.has("Nums") && !b.map.has("Type"))) && hidden())
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
    const hidden = () => !this.visibleBefore(num)
    if (isDSSPart(this.doc, num, this.t) && hidden()) return this.bump("signatures-only", "DSS stream updated")
    const catalog = this.doc.catalog(this.t - 1)
    if (isRef(catalog?.map.get("Metadata")) && (catalog!.map.get("Metadata") as { num: number }).num === num && hidden())
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
