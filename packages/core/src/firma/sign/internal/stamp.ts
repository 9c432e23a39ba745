// The visible stamp of a Firma Perú signature as it appears on CGR documents (DOMAIN.md §5):
//   Firmado digitalmente por APELLIDOS Nombres FAU 20131378972 soft
//   Motivo: Soy el autor del documento
//   Fecha: 19/08/2022 16:22:14 -05:00
// drawn with the standard Helvetica fonts (no embedded font object: the appearance stream holds
// its own font dictionaries, so a later revision adds nothing beyond the signature's objects).
import { StandardFontEmbedder, StandardFonts } from "pdf-lib"

export { firmaLimaDateTime as limaStampDate, firmaLimaPdfDate as limaPdfDate } from "../../lima.js"
import { firmaLimaDateTime as limaStampDate } from "../../lima.js"

export interface StampText {
  /** "PEREZ ROJAS Juan FAU 20131378972 soft" */
  readonly signer: string
  readonly reason: string
  readonly date: Date
}

export const STAMP_WIDTH = 210
export const STAMP_HEIGHT = 52

const regular = StandardFontEmbedder.for(StandardFonts.Helvetica as never)
const bold = StandardFontEmbedder.for(StandardFonts.HelveticaBold as never)

const PADDING = 4
const SIZE = 7
const LEADING = 8.6

/** Greedy word wrap at the stamp's inner width. */
const wrap = (text: string, font: StandardFontEmbedder, width: number): string[] => {
  const lines: string[] = []
  let line = ""
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word
    if (line && font.widthOfTextAtSize(toWinAnsi(next), SIZE) > width) {
      lines.push(line)
      line = word
    } else line = next
  }
  if (line) lines.push(line)
  return lines
}

/** Characters outside WinAnsi become "?" rather than wrong glyphs. */
const toWinAnsi = (s: string): string => s.replace(/[^\x20-\x7e\xa0-\xff]/g, "?")

const pdfString = (s: string): string => {
  let out = "("
  for (const ch of toWinAnsi(s)) {
    const c = ch.charCodeAt(0)
    if (ch === "(" || ch === ")" || ch === "\\") out += "\\" + ch
    else if (c > 126) out += "\\" + c.toString(8).padStart(3, "0")
    else out += ch
  }
  return out + ")"
}

/** The lines of the stamp, wrapped to its width, each with its font. */
export const stampLines = (text: StampText, width = STAMP_WIDTH): Array<{ bold: boolean; text: string }> => {
  const inner = width - 2 * PADDING
  return [
    ...wrap(`Firmado digitalmente por ${text.signer}`, bold, inner).map((t) => ({ bold: true, text: t })),
    ...wrap(`Motivo: ${text.reason}`, regular, inner).map((t) => ({ bold: false, text: t })),
    { bold: false, text: `Fecha: ${limaStampDate(text.date)}` }
  ]
}

/** Height that fits the lines (at least the default). */
export const stampHeight = (lines: number): number => Math.max(STAMP_HEIGHT, PADDING * 2 + lines * LEADING + 2)

/** The appearance stream's content: a thin frame and the lines, top-down. */
export const stampContent = (text: StampText, width: number, height: number): string => {
  const lines = stampLines(text, width)
  const ops = [`q 0.35 0.35 0.35 RG 0.6 w 0.3 0.3 ${width - 0.6} ${height - 0.6} re S Q`, "BT", "0 0 0 rg"]
  let y = height - PADDING - SIZE
  let first = true
  for (const l of lines) {
    ops.push(`/${l.bold ? "F2" : "F1"} ${SIZE} Tf`)
    ops.push(first ? `${PADDING} ${y.toFixed(2)} Td` : `0 ${-LEADING} Td`)
    ops.push(`${pdfString(l.text)} Tj`)
    first = false
    y -= LEADING
  }
  ops.push("ET")
  return ops.join("\n")
}
