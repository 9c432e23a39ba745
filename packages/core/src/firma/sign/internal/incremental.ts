// An incremental update written by hand: pdf-lib can only rewrite a whole file, which would
// break every signature already in it. The objects pdf-lib created or changed are appended after
// the original bytes, untouched, with their own xref section whose /Prev is the old one.
import { PDFRawStream, type PDFContext, type PDFObject } from "pdf-lib"
import { FirmaSignError } from "../errors.js"

const enc = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0) & 255)

const serialize = (o: PDFObject): Uint8Array => {
  const b = new Uint8Array(o.sizeInBytes())
  o.copyBytesInto(b, 0)
  return b
}

const same = (a: Uint8Array, b: Uint8Array): boolean => {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/** The serialized state of every object before the placeholder is added (streams by identity). */
export type Snapshot = Map<string, Uint8Array | PDFObject>

export const snapshot = (ctx: PDFContext): Snapshot => {
  const s: Snapshot = new Map()
  // Streams are never edited in place by the placeholder: comparing their identity spares
  // copying a scanned document's images.
  for (const [ref, obj] of ctx.enumerateIndirectObjects()) s.set(ref.tag, obj instanceof PDFRawStream ? obj : serialize(obj))
  return s
}

/** Offset of the last `startxref` section's target. */
export const lastStartXref = (pdf: Uint8Array): number => {
  const tail = String.fromCharCode(...pdf.subarray(Math.max(0, pdf.length - 2048)))
  const m = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail)
  // An increment must chain to the last xref section; a file that does not end in one is broken.
  if (!m) throw new FirmaSignError({ reason: "unreadable", detail: "no startxref … %%EOF at the end" })
  return Number(m[1])
}

export const appendIncrement = (original: Uint8Array, ctx: PDFContext, before: Snapshot): Uint8Array => {
  const changed: Array<{ num: number; gen: number; bytes: Uint8Array }> = []
  for (const [ref, obj] of ctx.enumerateIndirectObjects()) {
    const old = before.get(ref.tag)
    if (old === obj) continue
    const bytes = serialize(obj)
    if (old instanceof Uint8Array && same(old, bytes)) continue
    changed.push({ num: ref.objectNumber, gen: ref.generationNumber, bytes })
  }
  changed.sort((a, b) => a.num - b.num)
  const prev = lastStartXref(original)
  const parts: Uint8Array[] = [original]
  let offset = original.length
  const push = (b: Uint8Array) => {
    parts.push(b)
    offset += b.length
  }
  const last = original[original.length - 1]
  if (last !== 0x0a && last !== 0x0d) push(enc("\n"))
  const offsets = new Map<number, { at: number; gen: number }>()
  for (const c of changed) {
    offsets.set(c.num, { at: offset, gen: c.gen })
    push(enc(`${c.num} ${c.gen} obj\n`))
    push(c.bytes)
    push(enc("\nendobj\n"))
  }
  const xrefAt = offset
  let xref = "xref\n"
  const nums = [...offsets.keys()]
  for (let i = 0; i < nums.length; ) {
    let j = i
    while (j + 1 < nums.length && nums[j + 1] === nums[j] + 1) j++
    xref += `${nums[i]} ${j - i + 1}\n`
    for (let k = i; k <= j; k++) {
      const e = offsets.get(nums[k])!
      xref += `${String(e.at).padStart(10, "0")} ${String(e.gen).padStart(5, "0")} n\r\n`
    }
    i = j + 1
  }
  const t = ctx.trailerInfo
  const entries = [`/Size ${ctx.largestObjectNumber + 1}`, `/Root ${String(t.Root)}`]
  if (t.Info) entries.push(`/Info ${String(t.Info)}`)
  if (t.ID) entries.push(`/ID ${String(t.ID)}`)
  entries.push(`/Prev ${prev}`)
  push(enc(`${xref}trailer\n<< ${entries.join(" ")} >>\nstartxref\n${xrefAt}\n%%EOF\n`))
  const out = new Uint8Array(offset)
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}
