// Hand-made attacks on signed test PDFs, shared by the API and CLI tests: a cross-reference
// table hidden in the signed bytes and reached through a later /Prev, a signed tail moved
// behind a new xref.
import { TestPdf } from "./pdf.js"
import type { TestPki } from "./pki.js"

export const PAGUE = "BT /F1 24 Tf 72 700 Td (Pague 9999) Tj ET"
export const pad10 = (n: number) => String(n).padStart(10, "0")

/** Where the newest definition of object `num` starts. */
export const offsetOf = (pdf: TestPdf, num: number) => pdf.lastIndexOf(`\n${num} 0 obj\n`) + 1

/** Appends a hand-made increment: an xref table of `entries`, a trailer with /Prev `prev`. */
export const handIncrement = (pdf: TestPdf, objects: Record<number, string>, entries: Array<[number, number]>, prev: number, size = 40) => {
  const all = [...entries]
  for (const [num, body] of Object.entries(objects)) {
    all.push([Number(num), pdf.length])
    pdf.append(`${num} 0 obj\n${body}\nendobj\n`)
  }
  const xref = pdf.length
  let s = "xref\n"
  for (const [num, off] of all.sort((a, b) => a[0] - b[0])) s += `${num} 1\n${pad10(off)} 00000 n \n`
  pdf.append(`${s}trailer\n<< /Size ${size} /Root 1 0 R /Prev ${prev} >>\nstartxref\n${xref}\n%%EOF\n`)
}

/**
 * An update (before signing) whose stream object 20 carries, inside its data, a second
 * definition of the page content (object 4) and an xref table naming it: both invisible to a
 * reader of the signed revision.
 */
export const withHiddenTable = (pdf: TestPdf, bulk = 0) => {
  const hiddenObj = `4 0 obj\n<< /Length ${PAGUE.length} >>\nstream\n${PAGUE}\nendstream\nendobj\n`
  const table = `xref\n4 1\n${pad10(0)} 00000 n \ntrailer\n<< /Size 40 /Root 1 0 R /Prev ${pad10(0)} >>\n`
  const data = `${hiddenObj}${table}${"\x00".repeat(bulk)}`
  pdf.update({ 20: `<< /Length ${data.length} >>\nstream\n${data}\nendstream` })
  const stream = pdf.lastIndexOf("\n20 0 obj\n")
  const obj = pdf.indexOf("4 0 obj\n", stream)
  const xref = pdf.indexOf("xref\n4 1\n", stream)
  pdf.patch(xref + 9, pad10(obj))
  // The hidden table continues to the real chain (this very increment's own section).
  pdf.patch(pdf.indexOf("/Prev ", xref) + 6, pad10(pdf.xrefOffset))
  return xref
}


/**
 * Signed, then an attacker's increment that re-lists the signature's objects where they are and
 * chains (/Prev) to the hidden table, which makes readers show the hidden page content.
 */
export const hiddenPrevAttack = async (pki: TestPki, bulk = 0) => {
  const pdf = new TestPdf()
  const hidden = withHiddenTable(pdf, bulk)
  await pdf.sign(pki)
  const sigNum = pdf.nextNumber() - 2
  const keep = [sigNum, sigNum + 1, 5, 3].map((n) => [n, offsetOf(pdf, n)] as [number, number])
  handIncrement(pdf, { 30: "<< /Producer (x) >>" }, keep, hidden)
  return { pdf, hidden }
}

/**
 * The signed increment of a once-signed PDF moved further into the file, with an xref of the
 * unsigned document at the offset its own startxref names.
 */
export const moveSignedTail = (signed: TestPdf): Uint8Array => {
  const text = TestPdf.fromBytes(signed.bytes)
  const firstEnd = text.indexOf("%%EOF\n") + 6
  const head = signed.bytes.subarray(0, firstEnd)
  const tail = signed.bytes.subarray(firstEnd)
  const oldStartxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)![1])
  const rev0Xref = Number(/startxref\n(\d+)\n%%EOF\n/.exec(text)![1])
  const table = `xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 9 /Root 1 0 R /Prev ${rev0Xref} >>\n`
  const filler = "%".padEnd(oldStartxref - head.length, " ") + "\n"
  const junk = new TextEncoder().encode(filler.slice(0, oldStartxref - head.length) + table)
  const moved = new Uint8Array([...head, ...junk, ...tail])
  if (TestPdf.fromBytes(moved).slice(oldStartxref, oldStartxref + 4) !== "xref") throw new Error("moved tail misplaced")
  return moved
}
