// The signature placeholder, added with pdf-lib: a /Sig dictionary whose /ByteRange and
// /Contents @signpdf fills in later, and a visible widget carrying the CGR stamp. Unlike
// @signpdf/placeholder-pdf-lib it keeps indirect /Annots and /Fields arrays (growing them in
// place, which the verifier reads as "signatures only"), names each field uniquely and draws
// the appearance.
import { PDFArray, PDFDict, PDFHexString, PDFInvalidObject, PDFName, PDFNumber, PDFRef, PDFString, type PDFDocument } from "pdf-lib"
import { FirmaSignError } from "../errors.js"
import { limaPdfDate, STAMP_WIDTH, stampContent, stampHeight, stampLines, type StampText } from "./stamp.js"

/** Room for a CMS with a chain of several RSA-4096 certificates. */
export const CONTENTS_BYTES = 16384

export interface PlaceholderInput {
  readonly doc: PDFDocument
  /** 0-based. */
  readonly pageIndex: number
  readonly position?: { readonly x: number; readonly y: number }
  readonly fieldBase: string
  readonly stamp: StampText
  /** Bytes reserved for the CMS (default {@link CONTENTS_BYTES}). */
  readonly contentsBytes?: number
}

const MARGIN = 36
const GAP = 8

// pdf-lib hides its constructors: `Function const resolve = <T>(doc: PDFDocument, v: unknown, type: new (...a: never[]) => T): T | undefined => { { prototype: T }` is what instanceof needs.
const resolve = <T>(doc: PDFDocument, v: unknown, type: Function & { prototype: T }): T | undefined => {
  if (v instanceof PDFRef) {
    const o = doc.context.lookup(v)
    return o instanceof type ? (o as T) : undefined
  }
  return v instanceof type ? (v as T) : undefined
}

const fieldNames = (doc: PDFDocument, fields: PDFArray | undefined): Set<string> => {
  const names = new Set<string>()
  for (const item of fields?.asArray() ?? []) {
    const f = resolve(doc, item, PDFDict)
    const t = f?.lookup(PDFName.of("T"))
    if (t instanceof PDFString || t instanceof PDFHexString) names.add(t.decodeText())
  }
  return names
}

/** How many visible signature widgets a page already carries: the next stamp goes beside them. */
const stampsOn = (doc: PDFDocument, annots: PDFArray | undefined): number =>
  (annots?.asArray() ?? []).filter((a) => {
    const w = resolve(doc, a, PDFDict)
    if (!w) return false
    const ft = w.lookup(PDFName.of("FT")) ?? resolve(doc, w.get(PDFName.of("Parent")), PDFDict)?.lookup(PDFName.of("FT"))
    const rect = w.lookup(PDFName.of("Rect"))
    if (!(ft instanceof PDFName) || ft.asString() !== "/Sig" || !(rect instanceof PDFArray)) return false
    const [x1, y1, x2, y2] = rect.asArray().map((n) => (n instanceof PDFNumber ? n.asNumber() : 0))
    return x2 - x1 > 0 && y2 - y1 > 0
  }).length

type Rotation = 0 | 90 | 180 | 270

/** /Rotate as one of the four turns a page can have (anything else counts as none). */
const rotationOf = (angle: number): Rotation => {
  const a = ((Math.round(angle) % 360) + 360) % 360
  return a === 90 || a === 180 || a === 270 ? a : 0
}

// The appearance's /Matrix on a page turned clockwise by /Rotate: the same turn counter-
// clockwise, so the stamp reads upright where the reader sees it.
const UPRIGHT: Record<Exclude<Rotation, 0>, ReadonlyArray<number>> = {
  90: [0, 1, -1, 0, 0, 0],
  180: [-1, 0, 0, -1, 0, 0],
  270: [0, -1, 1, 0, 0, 0]
}

/**
 * The widget's /Rect in the page's own space for a stamp at (x, y), `w` by `h`, on the page
 * as seen (the viewer turns the page clockwise by `rotation` to show it).
 */
export const toPageSpace = (rotation: Rotation, box: { x: number; y: number; width: number; height: number }, x: number, y: number, w: number, h: number): Array<number> => {
  const { width: W, height: H } = box
  const [x1, y1, x2, y2] = rotation === 90
    ? [W - y - h, x, W - y, x + w]
    : rotation === 180
      ? [W - x - w, H - y - h, W - x, H - y]
      : rotation === 270
        ? [y, H - x - w, y + h, H - x]
        : [x, y, x + w, y + h]
  return [box.x + x1, box.y + y1, box.x + x2, box.y + y2]
}

export const addPlaceholder = (input: PlaceholderInput): { fieldName: string } => {
  const { doc } = input
  const ctx = doc.context
  const pages = doc.getPages()
  const page = pages[input.pageIndex]
  if (!page) throw new FirmaSignError({ reason: "bad-page", detail: `page ${input.pageIndex + 1} of ${pages.length}` })
  // Positions are given and laid out as the page is seen: on a page with /Rotate the stamp's
  // rectangle is mapped to the page's own space, and its appearance turned to read upright.
  const rotation = rotationOf(page.getRotation().angle)
  const box = page.getMediaBox()
  const [pageW, pageH] = rotation % 180 === 0 ? [box.width, box.height] : [box.height, box.width]
  const width = STAMP_WIDTH
  const height = stampHeight(stampLines(input.stamp, width).length)

  const annotsRaw = page.node.get(PDFName.of("Annots"))
  const annots = resolve(doc, annotsRaw, PDFArray)
  let x: number
  let y: number
  if (input.position) {
    ;({ x, y } = input.position)
    if (!(x >= 0 && y >= 0 && x + width <= pageW + 0.01 && y + height <= pageH + 0.01)) {
      throw new FirmaSignError({ reason: "bad-position", detail: `${width}x${height} at (${x}, ${y}) on a ${pageW}x${pageH} page` })
    }
  } else {
    // Bottom-left first, then to the right, then a row up: a notification stamp never covers
    // the titular one.
    const perRow = Math.max(1, Math.floor((pageW - 2 * MARGIN + GAP) / (width + GAP)))
    const n = stampsOn(doc, annots)
    x = MARGIN + (n % perRow) * (width + GAP)
    y = Math.min(MARGIN + Math.floor(n / perRow) * (height + GAP), Math.max(0, pageH - height))
  }

  // The catalog's AcroForm and its /Fields, grown in place wherever they live.
  let acroForm = resolve(doc, doc.catalog.get(PDFName.of("AcroForm")), PDFDict)
  if (!acroForm) {
    acroForm = ctx.obj({ Fields: [] })
    doc.catalog.set(PDFName.of("AcroForm"), ctx.register(acroForm))
  }
  let fields = resolve(doc, acroForm.get(PDFName.of("Fields")), PDFArray)
  if (!fields) {
    fields = ctx.obj([])
    acroForm.set(PDFName.of("Fields"), fields)
  }
  const taken = fieldNames(doc, fields)
  let fieldName = input.fieldBase
  for (let i = 2; taken.has(fieldName); i++) fieldName = `${input.fieldBase}${i}`

  const sig = ctx.obj({
    Type: "Sig",
    Filter: "Adobe.PPKLite",
    SubFilter: "ETSI.CAdES.detached",
    ByteRange: [0, PDFName.of("**********"), PDFName.of("**********"), PDFName.of("**********")],
    Contents: PDFHexString.of("0".repeat((input.contentsBytes ?? CONTENTS_BYTES) * 2)),
    Reason: PDFHexString.fromText(input.stamp.reason),
    Name: PDFHexString.fromText(input.stamp.signer),
    M: PDFString.of(limaPdfDate(input.stamp.date))
  })
  // Raw bytes: never compressed into an object stream, so @signpdf finds the placeholder.
  const raw = new Uint8Array(sig.sizeInBytes())
  sig.copyBytesInto(raw, 0)
  const sigRef = ctx.register(PDFInvalidObject.of(raw))

  const helvetica = (base: string) => ctx.obj({ Type: "Font", Subtype: "Type1", BaseFont: base, Encoding: "WinAnsiEncoding" })
  const ap = ctx.stream(stampContent(input.stamp, width, height), {
    Type: "XObject",
    Subtype: "Form",
    BBox: [0, 0, width, height],
    ...(rotation === 0 ? {} : { Matrix: UPRIGHT[rotation] }),
    Resources: ctx.obj({ Font: ctx.obj({ F1: helvetica("Helvetica"), F2: helvetica("Helvetica-Bold") }) })
  })
  const widgetRef = ctx.register(
    ctx.obj({
      Type: "Annot",
      Subtype: "Widget",
      FT: "Sig",
      T: PDFHexString.fromText(fieldName),
      V: sigRef,
      F: 4,
      P: page.ref,
      Rect: toPageSpace(rotation, box, x, y, width, height),
      AP: ctx.obj({ N: ctx.register(ap) })
    })
  )
  if (annots) annots.push(widgetRef)
  else page.node.set(PDFName.of("Annots"), ctx.obj([widgetRef]))
  fields.push(widgetRef)
  const flags = acroForm.lookup(PDFName.of("SigFlags"))
  acroForm.set(PDFName.of("SigFlags"), PDFNumber.of((flags instanceof PDFNumber ? flags.asNumber() : 0) | 3))
  return { fieldName }
}
