// A tiny PDF writer for tests: a one-page document with a text field, incremental updates,
// and signing into a new signature field. Byte offsets are exact, so ByteRange and xref are real.
import { signCms, timestampToken, type CmsOptions } from "./cms.js"
import type { TestIdentity, TestPki } from "./pki.js"

const enc = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0) & 255)
const dec = (b: Uint8Array): string => {
  let s = ""
  for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode(...b.subarray(i, i + 8192))
  return s
}

export interface SignOptions extends CmsOptions {
  readonly field?: string
  readonly subFilter?: string
  /** Certification signature with DocMDP P. */
  readonly docMdp?: 1 | 2 | 3
  readonly contentsSize?: number
  /** A document timestamp (subFilter ETSI.RFC3161) by this TSA at `genTime` instead of a signature. */
  readonly documentTimestamp?: { tsa: TestIdentity; genTime: Date }
  /** Field, AcroForm and page in an object stream listed by an xref stream (the /Sig dictionary stays direct). */
  readonly compressed?: boolean
  /** Extra text inside the /Sig dictionary (before /Contents). */
  readonly sigExtra?: string
  /** Widget rectangle and appearance of the new signature field (invisible by default). */
  readonly widget?: { readonly rect: string; readonly ap: string }
}

/** Options of {@link TestPdf.updateCompressed}. */
export interface CompressedUpdate {
  /** Objects written into the object stream in this order; a number may repeat. Default: `objects`. */
  readonly pairs?: ReadonlyArray<readonly [number, string]>
  /** Index the xref names for an object (default: its first place in `pairs`). */
  readonly index?: Readonly<Record<number, number>>
  /** Objects written directly (outside the object stream). */
  readonly direct?: Readonly<Record<number, string>>
  /** Xref entries pointing into an existing object stream: number → [stream, index]. */
  readonly refs?: Readonly<Record<number, readonly [number, number]>>
}

export class TestPdf {
  private text: string
  private lastXref: number
  private size: number
  fields: string[] = ["6 0 R"]
  annots: string[] = ["6 0 R"]
  catalogExtra = ""
  pageContents = "4 0 R"
  pageResources = "<< /Font << /F1 7 0 R >> >>"
  acroFormExtra = ""
  /** Extra entries of every later trailer (e.g. " /Info 7 0 R"). */
  trailerExtra = ""

  constructor(options: { pageText?: string; padding?: number } = {}) {
    const content = `BT /F1 24 Tf 72 700 Td (${options.pageText ?? "Resolucion de prueba"}) Tj ET`
    const pad = options.padding ? `\n% ${"x".repeat(options.padding)}\n` : ""
    const objs = [
      `<< /Type /Catalog /Pages 2 0 R /AcroForm 5 0 R >>`,
      `<< /Type /Pages /Kids [3 0 R] /Count 1 >>`,
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 7 0 R >> >> /Annots [6 0 R] >>`,
      `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
      `<< /Fields [6 0 R] /DA (/Helv 0 Tf 0 g) >>`,
      `<< /FT /Tx /T (Nombre) /Type /Annot /Subtype /Widget /Rect [72 600 300 620] /P 3 0 R /F 4 >>`,
      `<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>`,
      // An unused object in the signed revision: the "shadow" a later increment may point to.
      `<< /Length 40 >>\nstream\nBT /F1 24 Tf 72 700 Td (Pague 1000) Tj ET\nendstream`
    ]
    let s = `%PDF-1.7\n%\xe2\xe3\xcf\xd3\n${pad}`
    const offsets: number[] = []
    objs.forEach((o, i) => {
      offsets.push(s.length)
      s += `${i + 1} 0 obj\n${o}\nendobj\n`
    })
    this.size = objs.length + 1
    this.lastXref = s.length
    s += `xref\n0 ${this.size}\n0000000000 65535 f \n`
    for (const o of offsets) s += `${String(o).padStart(10, "0")} 00000 n \n`
    s += `trailer\n<< /Size ${this.size} /Root 1 0 R >>\nstartxref\n${this.lastXref}\n%%EOF\n`
    this.text = s
  }

  get bytes(): Uint8Array {
    return enc(this.text)
  }

  /** Offset of the newest cross-reference section (what the last startxref names). */
  get xrefOffset(): number {
    return this.lastXref
  }

  get length(): number {
    return this.text.length
  }

  /** Appends raw text: a hand-made increment. */
  append(raw: string): this {
    this.text += raw
    return this
  }

  /** Appends an incremental update defining the given objects (number → body); `prev` overrides the trailer's /Prev. */
  update(objects: Record<number, string>, trailerExtra = "", options: { prev?: number } = {}): this {
    let s = this.text
    const entries: Array<[number, number]> = []
    for (const [num, body] of Object.entries(objects)) {
      entries.push([Number(num), s.length])
      s += `${num} 0 obj\n${body}\nendobj\n`
      this.size = Math.max(this.size, Number(num) + 1)
    }
    const xref = s.length
    s += `xref\n`
    for (const [num, off] of entries.sort((a, b) => a[0] - b[0])) s += `${num} 1\n${String(off).padStart(10, "0")} 00000 n \n`
    s += `trailer\n<< /Size ${this.size} /Root 1 0 R /Prev ${options.prev ?? this.lastXref}${this.trailerExtra}${trailerExtra} >>\nstartxref\n${xref}\n%%EOF\n`
    this.lastXref = xref
    this.text = s
    return this
  }

  /**
   * An incremental update as PDF 1.5 writers make it: objects in an object stream (uncompressed,
   * so tests can read it), the section an xref stream. Returns the object stream's number.
   */
  updateCompressed(objects: Record<number, string>, options: CompressedUpdate = {}): number {
    const pairs = options.pairs ?? Object.entries(objects).map(([n, b]) => [Number(n), b] as const)
    const stm = Math.max(this.size, ...pairs.map(([n]) => n + 1), ...Object.keys(options.direct ?? {}).map((n) => Number(n) + 1))
    const xrefNum = stm + 1
    this.size = xrefNum + 1
    let head = ""
    let body = ""
    for (const [num, b] of pairs) {
      head += `${num} ${body.length} `
      body += `${b}\n`
    }
    const rows = new Map<number, [number, number, number]>()
    pairs.forEach(([num], i) => {
      if (!rows.has(num)) rows.set(num, [2, stm, options.index?.[num] ?? i])
    })
    for (const [num, i] of Object.entries(options.index ?? {})) rows.set(Number(num), [2, stm, i])
    for (const [num, [s, i]] of Object.entries(options.refs ?? {})) rows.set(Number(num), [2, s, i])
    let s = this.text
    for (const [num, b] of Object.entries(options.direct ?? {})) {
      rows.set(Number(num), [1, s.length, 0])
      s += `${num} 0 obj\n${b}\nendobj\n`
    }
    if (pairs.length) {
      rows.set(stm, [1, s.length, 0])
      const data = head + body
      s += `${stm} 0 obj\n<< /Type /ObjStm /N ${pairs.length} /First ${head.length} /Length ${data.length} >>\nstream\n${data}\nendstream\nendobj\n`
    }
    const xref = s.length
    rows.set(xrefNum, [1, xref, 0])
    const nums = [...rows.keys()].sort((a, b) => a - b)
    const bin = (v: number, w: number) => Array.from({ length: w }, (_, k) => String.fromCharCode((v >> (8 * (w - 1 - k))) & 255)).join("")
    const data = nums.map((n) => rows.get(n)!).map(([t, a, b]) => bin(t, 1) + bin(a, 4) + bin(b, 2)).join("")
    const index = nums.map((n) => `${n} 1`).join(" ")
    s += `${xrefNum} 0 obj\n<< /Type /XRef /Size ${this.size} /W [1 4 2] /Index [${index}] /Root 1 0 R /Prev ${this.lastXref} /Length ${data.length} >>\nstream\n${data}\nendstream\nendobj\n`
    s += `startxref\n${xref}\n%%EOF\n`
    this.lastXref = xref
    this.text = s
    return stm
  }

  nextNumber(): number {
    return this.size
  }

  /** Signs the document as an incremental update adding a signature field. */
  async sign(pki: TestPki, options: SignOptions = {}): Promise<this> {
    const sigNum = this.size
    const fieldNum = sigNum + 1
    const refNum = sigNum + 2
    const hexLen = (options.contentsSize ?? 8192) * 2
    const reference = options.docMdp
      ? ` /Reference [${refNum} 0 R]`
      : ""
    const sigBody =
      `<< /Type /${options.documentTimestamp ? "DocTimeStamp" : "Sig"} /Filter /Adobe.PPKLite /SubFilter /${options.documentTimestamp ? "ETSI.RFC3161" : (options.subFilter ?? "ETSI.CAdES.detached")}` +
      ` /ByteRange [0 0000000000 0000000000 0000000000] /M (D:20261127120000-05'00') /Reason (Soy el autor del documento)${reference}${options.sigExtra ?? ""} /Contents <${"0".repeat(hexLen)}> >>`
    this.fields.push(`${fieldNum} 0 R`)
    this.annots.push(`${fieldNum} 0 R`)
    const objects: Record<number, string> = {
      [sigNum]: sigBody,
      [fieldNum]: options.widget
        ? `<< /FT /Sig /T (${options.field ?? `Firma${this.fields.length - 1}`}) /V ${sigNum} 0 R /Type /Annot /Subtype /Widget /Rect ${options.widget.rect} /AP << /N ${options.widget.ap} >> /P 3 0 R /F 4 >>`
        : `<< /FT /Sig /T (${options.field ?? `Firma${this.fields.length - 1}`}) /V ${sigNum} 0 R /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /P 3 0 R /F 132 >>`,
      5: `<< /Fields [${this.fields.join(" ")}] /SigFlags 3 /DA (/Helv 0 Tf 0 g)${this.acroFormExtra} >>`,
      3: `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents ${this.pageContents} /Resources ${this.pageResources} /Annots [${this.annots.join(" ")}] >>`
    }
    if (options.docMdp) {
      objects[refNum] = `<< /Type /SigRef /TransformMethod /DocMDP /TransformParams << /Type /TransformParams /P ${options.docMdp} /V /1.2 >> >>`
      objects[1] = `<< /Type /Catalog /Pages 2 0 R /AcroForm 5 0 R /Perms << /DocMDP ${sigNum} 0 R >>${this.catalogExtra} >>`
    }
    const before = this.text.length
    if (options.compressed) {
      const { [sigNum]: sig, ...rest } = objects
      this.updateCompressed(rest, { direct: { [sigNum]: sig } })
    } else this.update(objects)
    let s = this.text
    const sigStart = s.indexOf(`${sigNum} 0 obj\n`, before)
    const lt = s.indexOf("/Contents <", sigStart) + "/Contents ".length
    const gt = lt + hexLen + 2
    const br = `[0 ${lt} ${gt} ${s.length - gt}]`.padEnd("[0 0000000000 0000000000 0000000000]".length, " ")
    const brAt = s.indexOf("/ByteRange [", sigStart) + "/ByteRange ".length
    s = s.slice(0, brAt) + br + s.slice(brAt + br.length)
    const bytes = enc(s)
    const covered = new Uint8Array(lt + (bytes.length - gt))
    covered.set(bytes.subarray(0, lt))
    covered.set(bytes.subarray(gt), lt)
    const ts = options.documentTimestamp
    const cms = ts
      ? await timestampToken(ts.tsa, covered, ts.genTime, { chain: [pki.root.cert], crls: options.crls ?? pki.crls })
      : await signCms(pki, covered, options)
    if (cms.length * 2 > hexLen) throw new Error("CMS larger than the /Contents placeholder")
    const hex = Array.from(cms, (b) => b.toString(16).padStart(2, "0")).join("").padEnd(hexLen, "0")
    this.text = s.slice(0, lt + 1) + hex + s.slice(gt - 1)
    return this
  }

  /** Replaces bytes at an offset (same length), for tampering. */
  patch(offset: number, replacement: string): this {
    this.text = this.text.slice(0, offset) + replacement + this.text.slice(offset + replacement.length)
    return this
  }

  indexOf(needle: string, from = 0): number {
    return this.text.indexOf(needle, from)
  }

  lastIndexOf(needle: string): number {
    return this.text.lastIndexOf(needle)
  }

  static fromBytes(b: Uint8Array): string {
    return dec(b)
  }
}
