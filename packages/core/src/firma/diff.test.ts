// Difference analysis: a whitelisted part (DSS, XMP /Metadata, /Info, structure tree) never
// launders a rewrite of something the page shows, and DocMDP P=2 allows only filling existing
// fields and adding signatures. Each rule: an attack that must fail, a benign update that must pass.
import { beforeAll, describe, expect, it } from "vitest"
import { makePki, type TestPki } from "../../test/firma/pki.js"
import { TestPdf } from "../../test/firma/pdf.js"
import { verifyPdfAsync, type VerifyPdfOptions } from "./verify.js"

let rsa: TestPki
beforeAll(async () => {
  rsa = await makePki("rsa")
}, 60_000)

const verify = (pdf: TestPdf, options: VerifyPdfOptions = {}) => verifyPdfAsync(pdf.bytes, { trustAnchors: [rsa.rootPem], ...options })

const PAGUE = "BT /F1 24 Tf 72 700 Td (Pague 9999) Tj ET"
const content = `<< /Length ${PAGUE.length} >>\nstream\n${PAGUE}\nendstream`
const courier = "<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>"
const catalog = (extra: string) => `<< /Type /Catalog /Pages 2 0 R /AcroForm 5 0 R${extra} >>`
const page = (pdf: TestPdf, extra = "", resources = "<< /Font << /F1 7 0 R >> >>") =>
  `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources ${resources} /Annots [${pdf.annots.join(" ")}]${extra} >>`

const expectInvalid = async (pdf: TestPdf, note: string) => {
  for (const policy of ["strict", "pdf"] as const) {
    const r = await verify(pdf, { policy })
    expect(r.verdict, JSON.stringify(r.signatures[0].changes)).toBe("invalid")
    expect(r.signatures[0].modification).toBe("other")
    expect(r.signatures[0].changes.join("\n")).toContain(note)
  }
}

describe("whitelisted parts do not launder what the page shows", () => {
  it("DSS: a /Certs entry naming the page's content stream does not make its rewrite 'signatures only'", async () => {
    const pdf = await new TestPdf().sign(rsa)
    const n = pdf.nextNumber()
    pdf.update({ [n]: "<< /Certs [4 0 R] >>", 1: catalog(` /DSS ${n} 0 R`), 4: content })
    await expectInvalid(pdf, "stream 4 rewritten")
  })

  it("DSS: validation data added after signing, used by nothing the page shows, stays 'signatures only'", async () => {
    const pdf = await new TestPdf().sign(rsa)
    const n = pdf.nextNumber()
    const der = "0\x03\x02\x01\x00"
    pdf.update({ [n]: `<< /Length ${der.length} >>\nstream\n${der}\nendstream`, [n + 1]: `<< /Certs [${n} 0 R] >>`, 1: catalog(` /DSS ${n + 1} 0 R`) })
    const r = await verify(pdf)
    expect([r.verdict, r.signatures[0].modification]).toEqual(["valid", "signatures-only"])
  })

  it("XMP /Metadata: a catalog /Metadata that is also the page's content stream is visible", async () => {
    const pdf = new TestPdf()
    pdf.update({ 1: catalog(" /Metadata 4 0 R") })
    await pdf.sign(rsa)
    pdf.update({ 4: content })
    await expectInvalid(pdf, "stream 4 rewritten")
  })

  it("XMP /Metadata: rewriting the document's own XMP stream stays 'signatures only'", async () => {
    const pdf = new TestPdf()
    const xmp = "<x:xmpmeta xmlns:x='adobe:ns:meta/'/>"
    pdf.update({ 20: `<< /Type /Metadata /Subtype /XML /Length ${xmp.length} >>\nstream\n${xmp}\nendstream`, 1: catalog(" /Metadata 20 0 R") })
    await pdf.sign(rsa)
    const xmp2 = "<x:xmpmeta xmlns:x='adobe:ns:meta/'><!-- firmado --></x:xmpmeta>"
    pdf.update({ 20: `<< /Type /Metadata /Subtype /XML /Length ${xmp2.length} >>\nstream\n${xmp2}\nendstream` })
    const r = await verify(pdf)
    expect([r.verdict, r.signatures[0].modification]).toEqual(["valid", "signatures-only"])
  })

  it("/Info: a trailer /Info that is the page's font does not launder the font's rewrite", async () => {
    const pdf = new TestPdf()
    pdf.trailerExtra = " /Info 7 0 R"
    await pdf.sign(rsa)
    pdf.update({ 7: courier })
    await expectInvalid(pdf, "object 7 (Font) changed")
  })

  it("/Info: updating the real document information stays 'signatures only'", async () => {
    const pdf = new TestPdf()
    pdf.trailerExtra = " /Info 20 0 R"
    pdf.update({ 20: "<< /Producer (ecasilla) >>" })
    await pdf.sign(rsa)
    pdf.update({ 20: "<< /Producer (ecasilla) /ModDate (D:20261128) >>" })
    const r = await verify(pdf)
    expect([r.verdict, r.signatures[0].modification]).toEqual(["valid", "signatures-only"])
  })

  it("structure tree: page resources dressed as a number tree are still the page's resources", async () => {
    const pdf = new TestPdf()
    pdf.pageResources = "20 0 R"
    pdf.update({ 20: "<< /Font << /F1 7 0 R >> /Nums [] >>", 3: page(pdf, "", "20 0 R") })
    await pdf.sign(rsa)
    pdf.update({ 20: "<< /Font << /F1 21 0 R >> /Nums [] >>", 21: courier })
    await expectInvalid(pdf, "object 20 (dictionary) changed")
  })

  it("structure tree: a structure element growing with a new signature widget stays 'signatures only'", async () => {
    const pdf = new TestPdf()
    pdf.update({ 20: "<< /Type /StructTreeRoot /K [21 0 R] >>", 21: "<< /Type /StructElem /S /Document /P 20 0 R /K [] >>", 1: catalog(" /StructTreeRoot 20 0 R") })
    await pdf.sign(rsa)
    pdf.update({ 21: "<< /Type /StructElem /S /Document /P 20 0 R /K [<< /Type /OBJR /Obj 6 0 R >>] >>" })
    const r = await verify(pdf)
    expect([r.verdict, r.signatures[0].modification]).toEqual(["valid", "signatures-only"])
  })

  it("an object stream's /Type on a content stream does not hide its rewrite", async () => {
    const pdf = new TestPdf()
    const text = "BT /F1 24 Tf 72 700 Td (Resolucion) Tj ET"
    pdf.update({ 4: `<< /Type /ObjStm /Length ${text.length} >>\nstream\n${text}\nendstream` })
    await pdf.sign(rsa)
    pdf.update({ 4: `<< /Type /ObjStm /Length ${PAGUE.length} >>\nstream\n${PAGUE}\nendstream` })
    await expectInvalid(pdf, "stream 4 rewritten")
  })

  it("resources dressed as an annotation are not an annotation change", async () => {
    const pdf = new TestPdf()
    pdf.pageResources = "20 0 R"
    pdf.update({ 20: "<< /Type /Annot /Subtype /Text /Font << /F1 7 0 R >> >>", 3: page(pdf, "", "20 0 R") })
    await pdf.sign(rsa)
    pdf.update({ 20: "<< /Type /Annot /Subtype /Text /Font << /F1 21 0 R >> >>", 21: courier })
    await expectInvalid(pdf, "used by page content")
  })
})

describe("DocMDP P=2: fill existing fields, add signatures", () => {
  const certified = () => new TestPdf().sign(rsa, { docMdp: 2 })
  const addToForm = (pdf: TestPdf, n: number, body: string, inFields = true) => {
    pdf.annots.push(`${n} 0 R`)
    if (inFields) pdf.fields.push(`${n} 0 R`)
    pdf.update({ [n]: body, 5: `<< /Fields [${pdf.fields.join(" ")}] /SigFlags 3 /DA (/Helv 0 Tf 0 g) >>`, 3: page(pdf) })
  }

  it("filling the existing field and signing into a new signature field is valid", async () => {
    const pdf = await certified()
    pdf.update({ 6: "<< /FT /Tx /T (Nombre) /V (Juan) /Type /Annot /Subtype /Widget /Rect [72 600 300 620] /P 3 0 R /F 4 >>" })
    await pdf.sign(rsa, { field: "Aprobacion" })
    const r = await verify(pdf, { policy: "pdf" })
    expect(r.signatures.map((s) => [s.indication, s.modification])).toEqual([
      ["TOTAL_PASSED", "form-filling"],
      ["TOTAL_PASSED", "none"]
    ])
    expect(r.verdict).toBe("valid")
  })

  it("a new non-signature field is INVALID", async () => {
    const pdf = await certified()
    addToForm(pdf, pdf.nextNumber(), "<< /FT /Tx /T (Monto) /V (9999) /Type /Annot /Subtype /Widget /Rect [72 500 300 520] /P 3 0 R /F 4 >>")
    const r = await verify(pdf, { policy: "pdf" })
    expect(r.verdict).toBe("invalid")
    expect(r.signatures[0].changes.join("\n")).toContain("form field Monto added")
  })

  it("a new widget that belongs to no field is INVALID", async () => {
    const pdf = await certified()
    addToForm(pdf, pdf.nextNumber(), "<< /Type /Annot /Subtype /Widget /Rect [72 500 300 520] /P 3 0 R /F 4 >>", false)
    const r = await verify(pdf, { policy: "pdf" })
    expect(r.verdict).toBe("invalid")
    expect(r.signatures[0].changes.join("\n")).toContain("widget without a signature field")
  })

  it("a new signature field whose /V borrows the existing signature dictionary is INVALID", async () => {
    const pdf = await certified()
    const sigNum = pdf.nextNumber() - 3
    addToForm(pdf, pdf.nextNumber(), `<< /FT /Sig /T (Ministro) /V ${sigNum} 0 R /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /P 3 0 R /F 132 >>`)
    const r = await verify(pdf, { policy: "pdf" })
    expect(r.verdict).toBe("invalid")
    expect(r.signatures[0].changes.join("\n")).toContain(`reuses an existing signature dictionary`)
  })

  it("a new signature whose visible stamp paints over the page is reported, and stays valid", async () => {
    const pdf = await certified()
    const stamp = "q 0 0 1 rg 0 0 200 50 re f Q"
    const ap = pdf.nextNumber()
    pdf.update({ [ap]: `<< /Type /XObject /Subtype /Form /BBox [0 0 200 50] /Length ${stamp.length} >>\nstream\n${stamp}\nendstream` })
    await pdf.sign(rsa, { field: "Aprobacion", widget: { rect: "[72 690 272 740]", ap: `${ap} 0 R` } })
    const r = await verify(pdf, { policy: "pdf" })
    expect(r.signatures[0].changes.join("\n")).toContain("paints over page content at [72 690 272 740]")
    expect(r.signatures[1].changes).toEqual([])
  })
})

describe("what the document shows, forwards and upwards", () => {
  it("the forward walk (fallback above 50 000 objects) and the upward answer agree on every object", async () => {
    const { PdfDocument } = await import("./internal/pdf/document.js")
    const { buildReferrerIndex, reachesContent, visibility } = await import("./internal/diff-graph.js")
    const pdf = new TestPdf()
    pdf.pageResources = "20 0 R"
    const xmp = "<x:xmpmeta xmlns:x='adobe:ns:meta/'/>"
    pdf.update({
      20: "<< /Type /Annot /Subtype /Text /Font << /F1 7 0 R >> >>",
      21: `<< /Type /Metadata /Subtype /XML /Length ${xmp.length} >>\nstream\n${xmp}\nendstream`,
      22: "<< /Certs [4 0 R] >>",
      1: catalog(" /Metadata 21 0 R /DSS 22 0 R"),
      3: page(pdf, "", "20 0 R")
    })
    await pdf.sign(rsa, { docMdp: 2 })
    const doc = new PdfDocument(pdf.bytes)
    for (let rev = 0; rev < doc.revisions.length; rev++) {
      const forward = visibility(doc, rev)!
      const index = buildReferrerIndex(doc, rev, 50_000)!
      for (const n of doc.objectsOf(rev).keys()) {
        expect([rev, n, "content", reachesContent(doc, rev, index, n)]).toEqual([rev, n, "content", forward.content.has(n)])
        expect([rev, n, "visible", reachesContent(doc, rev, index, n, true)]).toEqual([rev, n, "visible", forward.visible.has(n)])
      }
    }
  })
})
