// Differential check of the firma PDF reader against qpdf: for every corpus file and every
// generated case, each revision (the file cut after its %%EOF) holds the same objects at the
// same places as `qpdf --show-xref` reads from those bytes, and the revisions are the ones qpdf
// reads cleanly. Files or revisions qpdf cannot read are skipped and listed.
import { spawnSync } from "node:child_process"
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { PdfDocument } from "../packages/core/src/firma/internal/pdf/document.js"
import { makePki } from "../packages/core/test/firma/pki.js"
import { TestPdf } from "../packages/core/test/firma/pdf.js"
import { corpusDir } from "./corpus.js"

const corpus = corpusDir
const hasCorpus = existsSync(resolve(corpus, "MANIFEST.tsv"))
const hasQpdf = spawnSync("qpdf", ["--version"]).status === 0
if (!hasQpdf) console.warn("[firma-qpdf] qpdf not found: differential check skipped (.ci/run installs it)")
if (!hasCorpus) console.warn(`[firma-qpdf] corpus not found at ${corpus} (set ECASILLA_PDF_CORPUS): only generated cases are compared`)

let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "ecasilla-qpdf-"))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

interface QpdfView {
  /** qpdf printed an xref (exit 0 or 3). */
  readonly read: boolean
  /** …without rebuilding a damaged xref (other warnings, e.g. a wrong /Size, are fine). */
  readonly clean: boolean
  readonly objects: ReadonlyArray<string>
  /** The trailer qpdf read (tells two revisions with the same objects apart). */
  readonly trailer: string
}

let seq = 0
const qpdf = (bytes: Uint8Array): QpdfView => {
  const file = join(dir, `f${seq++}.pdf`)
  writeFileSync(file, bytes)
  const r = spawnSync("qpdf", ["--show-object=trailer", "--show-xref", file], { encoding: "utf8", maxBuffer: 256 << 20 })
  rmSync(file)
  const objects: string[] = []
  for (const line of r.stdout.split("\n")) {
    const m = /^(\d+)\/(\d+): (?:uncompressed; offset = (\d+)|compressed; stream = (\d+), index = (\d+))$/.exec(line)
    if (m) objects.push(m[3] !== undefined ? `${m[1]}/${m[2]} @${m[3]}` : `${m[1]}/${m[2]} in ${m[4]}[${m[5]}]`)
  }
  const trailer = r.stdout.split("\n").find((l) => l.startsWith("<<")) ?? ""
  return { read: r.status === 0 || r.status === 3, clean: (r.status === 0 || r.status === 3) && !/damaged|reconstruct/i.test(r.stderr), objects: objects.sort(), trailer }
}

/** Our objects of revision `rev`, in qpdf's notation (free entries are not listed by qpdf). */
const ours = (doc: PdfDocument, rev: number): string[] =>
  [...doc.objectsOf(rev)]
    .flatMap(([num, e]) => (e.type === "offset" ? [`${num}/${e.gen} @${e.offset}`] : e.type === "compressed" ? [`${num}/0 in ${e.stream}[${e.index}]`] : []))
    .sort()

interface Outcome {
  readonly compared: number
  readonly skipped: ReadonlyArray<string>
}

/**
 * Compares one file. The revision count is checked against qpdf's: among all the prefixes that
 * end after a %%EOF, those qpdf reads cleanly with a trailer or xref different from the one before.
 */
const compare = (name: string, bytes: Uint8Array): Outcome => {
  const skipped: string[] = []
  let doc: PdfDocument
  try {
    doc = new PdfDocument(bytes)
  } catch (e) {
    const q = qpdf(bytes)
    expect(q.clean, `${name}: we refuse it (${String(e)}) but qpdf reads it cleanly`).toBe(false)
    return { compared: 0, skipped: [`${name} (neither reads it as a PDF)`] }
  }
  const text = TestPdf.fromBytes(bytes)
  const qpdfRevisions: number[] = []
  let previous = ""
  for (let at = text.indexOf("%%EOF"); at >= 0; at = text.indexOf("%%EOF", at + 5)) {
    let end = at + 5
    if (text[end] === "\r") end++
    if (text[end] === "\n") end++
    const q = qpdf(bytes.subarray(0, end))
    const key = `${q.trailer}\n${q.objects.join("\n")}`
    if (q.clean && key !== previous) qpdfRevisions.push(end)
    if (q.clean) previous = key
  }
  let compared = 0
  for (const r of doc.revisions) {
    if (r.ends.length === 0) continue
    const q = qpdf(bytes.subarray(0, r.end))
    if (!q.read) {
      skipped.push(`${name} revision ${r.index + 1} (qpdf cannot read it)`)
      continue
    }
    if (!q.clean || r.reconstructed) {
      // Both rebuild a damaged xref by scanning: the same objects must come out.
      expect(!q.clean && r.reconstructed, `${name} revision ${r.index + 1}: only ${r.reconstructed ? "we rebuild" : "qpdf rebuilds"}`).toBe(true)
      expect(ours(doc, r.index), `${name} revision ${r.index + 1} (rebuilt)`).toEqual(q.objects)
      compared++
      continue
    }
    expect(ours(doc, r.index), `${name} revision ${r.index + 1}`).toEqual(q.objects)
    compared++
  }
  const cleanEnds = doc.revisions.filter((r) => r.ends.length > 0 && !r.reconstructed).map((r) => r.end)
  if (cleanEnds.length === doc.revisions.filter((r) => r.ends.length > 0).length) {
    expect(cleanEnds, `${name}: revision ends`).toEqual(qpdfRevisions)
  } else skipped.push(`${name} (revision count: a rebuilt revision has no xref to compare)`)
  return { compared, skipped }
}

const report = (what: string, outcomes: ReadonlyArray<Outcome>) => {
  const compared = outcomes.reduce((n, o) => n + o.compared, 0)
  const skipped = outcomes.flatMap((o) => o.skipped)
  console.log(`[firma-qpdf] ${what}: ${outcomes.length} files, ${compared} revisions agree with qpdf; ${skipped.length} skipped${skipped.length ? `:\n  ${skipped.join("\n  ")}` : ""}`)
}

describe.skipIf(!hasQpdf)("firma reader vs qpdf", () => {
  it.skipIf(!hasCorpus)("every corpus file: revisions and their objects", () => {
    const files = readdirSync(corpus).filter((f) => f.endsWith(".pdf")).sort()
    const outcomes = files.map((f) => compare(f, readFileSync(resolve(corpus, f))))
    report("corpus", outcomes)
    expect(outcomes.reduce((n, o) => n + o.compared, 0)).toBeGreaterThan(files.length)
  }, 120_000)

  it("every generated case: revisions and their objects", async () => {
    const pki = await makePki("rsa")
    const PAGUE = "BT /F1 24 Tf 72 700 Td (Pague 9999) Tj ET"
    const cases: Array<[string, Uint8Array]> = []
    const add = async (name: string, build: () => Promise<TestPdf> | TestPdf) => cases.push([name, (await build()).bytes])
    await add("unsigned", () => new TestPdf())
    await add("signed", () => new TestPdf().sign(pki))
    await add("two signatures", async () => (await new TestPdf().sign(pki)).sign(pki))
    await add("second signature in an object stream", async () => (await new TestPdf().sign(pki)).sign(pki, { compressed: true }))
    await add("%%EOF in content", async () => {
      const pdf = new TestPdf()
      const data = "startxref\n9\n%%EOF\n(%%EOF) Tj"
      pdf.update({ 20: `<< /Length ${data.length} >>\nstream\n${data}\nendstream` })
      return (await pdf.sign(pki)).sign(pki, { sigExtra: " /Name (x %%EOF)" })
    })
    await add("object stream with a duplicate", async () => {
      const pdf = await new TestPdf().sign(pki)
      pdf.updateCompressed({}, { pairs: [[7, "<< /Type /Font >>"], [7, "<< /Type /Font /Subtype /Type1 >>"]] })
      return pdf
    })
    await add("page content rewritten", async () => {
      const pdf = await new TestPdf().sign(pki)
      return pdf.update({ 4: `<< /Length ${PAGUE.length} >>\nstream\n${PAGUE}\nendstream` })
    })
    await add("/Prev to another section", async () => {
      const pdf = await new TestPdf().sign(pki)
      const first = Number(/startxref\n(\d+)\n%%EOF\n/.exec(TestPdf.fromBytes(pdf.bytes))![1])
      return pdf.update({ 30: "<< /Producer (x) >>" }, "", { prev: first })
    })
    await add("xref broken after signing, an object hidden in a signed stream", async () => {
      const pdf = new TestPdf()
      const hidden = `4 0 obj\n<< /Length ${PAGUE.length} >>\nstream\n${PAGUE}\nendstream\nendobj\n`
      pdf.update({ 20: `<< /Length ${hidden.length} >>\nstream\n${hidden}\nendstream` })
      await pdf.sign(pki)
      const at = pdf.length
      return pdf.append(`30 0 obj\n<< /Producer (x) >>\nendobj\nstartxref\n${at}\n%%EOF\n`)
    })
    await add("object header with TAB and FF", async () => {
      const pdf = await new TestPdf().sign(pki)
      return pdf.update({ 30: `<< /Producer (x) >>\nendobj\n4\t0\fobj\n<< /Length ${PAGUE.length} >>\nstream\n${PAGUE}\nendstream` })
    })
    await add("object stream index naming another object", async () => {
      const pdf = await new TestPdf().sign(pki)
      pdf.updateCompressed({}, { pairs: [[30, "<< /Producer (x) >>"], [7, "<< /Type /Font >>"]], index: { 7: 0 } })
      return pdf
    })
    await add("an increment with two sections of its own", async () => {
      const pdf = await new TestPdf().sign(pki)
      const prev = pdf.xrefOffset
      const o30 = pdf.length
      pdf.append("30 0 obj\n<< /Producer (x) >>\nendobj\n")
      const a = pdf.length
      pdf.append(`xref\n30 1\n${String(o30).padStart(10, "0")} 00000 n \ntrailer\n<< /Size 40 /Root 1 0 R /Prev ${prev} >>\n`)
      const b = pdf.length
      return pdf.append(`xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 40 /Root 1 0 R /Prev ${a} >>\nstartxref\n${b}\n%%EOF\n`)
    })
    const outcomes = cases.map(([name, bytes]) => compare(name, bytes))
    report("generated", outcomes)
    expect(outcomes.reduce((n, o) => n + o.compared, 0)).toBeGreaterThanOrEqual(cases.length * 2)
  }, 60_000)
})
