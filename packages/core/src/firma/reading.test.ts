// Reading the file as readers do: the /Prev chain, %%EOF inside content, object streams taken at
// their index, reconstruction of broken cross-references, a signed tail moved elsewhere. Each rule
// has an attack that must not verify and a benign file that must.
import { beforeAll, describe, expect, it } from "vitest"
import { makePki, type TestPki } from "../../test/firma/pki.js"
import { hiddenPrevAttack, moveSignedTail, withHiddenTable } from "../../test/firma/attacks.js"
import { TestPdf } from "../../test/firma/pdf.js"
import { verifyPdfAsync, type VerifyPdfOptions } from "./verify.js"

let rsa: TestPki
beforeAll(async () => {
  rsa = await makePki("rsa")
}, 60_000)

const verify = (pdf: TestPdf | Uint8Array, options: VerifyPdfOptions = {}) =>
  verifyPdfAsync(pdf instanceof Uint8Array ? pdf : pdf.bytes, { trustAnchors: [rsa.rootPem], ...options })

const PAGUE = "BT /F1 24 Tf 72 700 Td (Pague 9999) Tj ET"

describe("the /Prev chain, as readers follow it", () => {
  it.each([
    ["a small stream", 0],
    ["a 1.5 MB stream (bulk data byte searches skip)", 1_500_000]
  ])("a table hidden in the signed bytes (%s), reached through a later /Prev, is a change (INVALID under both policies)", async (_, bulk) => {
    const { pdf, hidden } = await hiddenPrevAttack(rsa, bulk)
    for (const policy of ["strict", "pdf"] as const) {
      const r = await verify(pdf, { policy })
      expect(r.verdict).toBe("invalid")
      expect(r.signatures[0]).toMatchObject({ intact: true, modification: "other", indication: "TOTAL_FAILED" })
      expect(r.signatures[0].changes.join("\n")).toContain(`cross-reference section at ${hidden}`)
      expect(r.signatures[0].changes.join("\n")).toContain("stream 4 rewritten")
    }
  })

  it("the same hidden table, never reached, changes nothing: a second signature keeps the first valid", async () => {
    const pdf = new TestPdf()
    withHiddenTable(pdf)
    await (await pdf.sign(rsa, { field: "Titular" })).sign(rsa, { field: "Notificacion" })
    const r = await verify(pdf)
    expect(r.verdict).toBe("valid")
    expect(r.revisions).toBe(4)
    expect(r.signatures.map((s) => s.modification)).toEqual(["signatures-only", "none"])
  })

  it("an increment whose own two sections chain inside its bytes continues the signed chain: valid", async () => {
    const pdf = await new TestPdf().sign(rsa)
    const prev = pdf.xrefOffset
    const o30 = pdf.length
    pdf.append("30 0 obj\n<< /Producer (x) >>\nendobj\n")
    const a = pdf.length
    pdf.append(`xref\n30 1\n${String(o30).padStart(10, "0")} 00000 n \ntrailer\n<< /Size 40 /Root 1 0 R /Prev ${prev} >>\n`)
    const b = pdf.length
    pdf.append(`xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 40 /Root 1 0 R /Prev ${a} >>\nstartxref\n${b}\n%%EOF\n`)
    const r = await verify(pdf)
    expect([r.verdict, r.revisions, r.signatures[0].modification]).toEqual(["valid", 3, "none"])
  })
})

describe("%%EOF inside a stream or a string", () => {
  it("is not a revision end: a document whose content and signature dictionary contain it is valid", async () => {
    const pdf = new TestPdf()
    const data = "% a PDF embedded as text\nstartxref\n9\n%%EOF\n(%%EOF) Tj"
    pdf.update({ 20: `<< /Length ${data.length} >>\nstream\n${data}\nendstream` })
    await pdf.sign(rsa, { field: "Titular" })
    await pdf.sign(rsa, { field: "Notificacion", sigExtra: " /Prop_Build << /App << /Name (Firma %%EOF Peru) >> >>" })
    const r = await verify(pdf)
    expect(r.revisions).toBe(4)
    expect(r.verdict).toBe("valid")
    expect(r.signatures.map((s) => [s.modification, s.coversWholeDocument])).toEqual([
      ["signatures-only", false],
      ["none", true]
    ])
  })

  it("in a 1.5 MB image next to signature-dictionary words: two signatures stay valid, three revisions", async () => {
    const pdf = new TestPdf()
    const data = `startxref\n9\n%%EOF\n/Type /Sig /ByteRange [0 1 2 3] /Contents <00>${"\xff".repeat(1_500_000)}%%EOF`
    pdf.update({ 20: `<< /Type /XObject /Subtype /Image /Length ${data.length} >>\nstream\n${data}\nendstream` })
    await (await pdf.sign(rsa, { field: "Titular" })).sign(rsa, { field: "Notificacion" })
    const r = await verify(pdf)
    expect([r.verdict, r.revisions, r.signatures.length]).toEqual(["valid", 4, 2])
  })

  it("an increment after signing that hides behind a %%EOF in its own stream is still judged whole", async () => {
    const pdf = await new TestPdf().sign(rsa)
    const text = `${PAGUE} %%EOF`
    pdf.update({ 4: `<< /Length ${text.length} >>\nstream\n${text}\nendstream`, 30: "<< /Producer (x %%EOF) >>" })
    const r = await verify(pdf, { policy: "pdf" })
    expect(r.revisions).toBe(3)
    expect(r.verdict).toBe("invalid")
    expect(r.signatures[0].changes.join("\n")).toContain("stream 4 rewritten")
  })
})

describe("object streams (ISO 32000-1 §7.5.8.3)", () => {
  const helv = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
  const courier = "<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>"

  it("a second signature written with an object stream and an xref stream keeps the first valid", async () => {
    const pdf = await (await new TestPdf().sign(rsa, { field: "Titular" })).sign(rsa, { field: "Notificacion", compressed: true })
    const r = await verify(pdf)
    expect(r.verdict).toBe("valid")
    expect(r.revisions).toBe(3)
    expect(r.signatures.map((s) => s.modification)).toEqual(["signatures-only", "none"])
  })

  it("an object stream that holds the same object twice is a change in itself", async () => {
    const pdf = await new TestPdf().sign(rsa)
    pdf.updateCompressed({}, { pairs: [[7, helv], [7, courier]] })
    const r = await verify(pdf, { policy: "pdf" })
    expect(r.verdict).toBe("invalid")
    expect(r.signatures[0].changes.join("\n")).toContain("holds object 7 more than once")
  })

  it("the object is the one at the index the xref names, not the first with its number", async () => {
    const pdf = new TestPdf()
    // Signed: font 7 at index 0 of an object stream that also holds another font 7 at index 1.
    const stm = pdf.updateCompressed({}, { pairs: [[7, helv], [7, courier]], index: { 7: 0 } })
    await pdf.sign(rsa)
    // Later: only an xref entry moving font 7 to index 1.
    pdf.updateCompressed({}, { refs: { 7: [stm, 1] } })
    const r = await verify(pdf, { policy: "pdf" })
    expect(r.verdict).toBe("invalid")
    expect(r.signatures[0].changes.join("\n")).toContain("object 7 (Font) changed")
  })
})

describe("broken cross-references, rebuilt as readers rebuild them", () => {
  it("an object header with TAB and FF between its tokens, outside the xref, is seen", async () => {
    const pdf = await new TestPdf().sign(rsa)
    pdf.update({ 30: `<< /Producer (x) >>\nendobj\n4\t0\fobj\n<< /Length ${PAGUE.length} >>\nstream\n${PAGUE}\nendstream` })
    const r = await verify(pdf, { policy: "pdf" })
    expect(r.verdict).toBe("invalid")
    expect(r.signatures[0].changes.join("\n")).toContain("stream 4 rewritten")
  })

  it("a startxref pointing at an object makes readers scan: an object hidden in a signed stream shows, INVALID", async () => {
    const pdf = new TestPdf()
    const hidden = `4 0 obj\n<< /Length ${PAGUE.length} >>\nstream\n${PAGUE}\nendstream\nendobj\n`
    pdf.update({ 20: `<< /Length ${hidden.length} >>\nstream\n${hidden}\nendstream` })
    await pdf.sign(rsa)
    const at = pdf.length
    pdf.append(`30 0 obj\n<< /Producer (x) >>\nendobj\nstartxref\n${at}\n%%EOF\n`)
    for (const policy of ["strict", "pdf"] as const) {
      const r = await verify(pdf, { policy })
      expect(r.verdict).toBe("invalid")
      expect(r.signatures[0].changes.join("\n")).toContain("stream 4 rewritten")
    }
  })

  it("…and so may a definition hidden before the one the signed revision shows", async () => {
    const pdf = new TestPdf()
    const hidden = `4 0 obj\n<< /Length ${PAGUE.length} >>\nstream\n${PAGUE}\nendstream\nendobj\n`
    pdf.update({ 20: `<< /Length ${hidden.length} >>\nstream\n${hidden}\nendstream` })
    const v2 = "BT /F1 24 Tf 72 700 Td (Resolucion v2) Tj ET"
    pdf.update({ 4: `<< /Length ${v2.length} >>\nstream\n${v2}\nendstream` })
    await pdf.sign(rsa)
    const at = pdf.length
    pdf.append(`30 0 obj\n<< /Producer (x) >>\nendobj\nstartxref\n${at}\n%%EOF\n`)
    const r = await verify(pdf, { policy: "pdf" })
    expect(r.verdict).toBe("invalid")
    expect(r.signatures[0].changes.join("\n")).toContain("a reconstructing reader may show object 4 hidden at offset")
  })

  it("a broken increment that shows nothing new leaves the signature valid, old versions included", async () => {
    const pdf = new TestPdf()
    const v2 = "BT /F1 24 Tf 72 700 Td (Resolucion v2) Tj ET"
    pdf.update({ 4: `<< /Length ${v2.length} >>\nstream\n${v2}\nendstream` })
    await pdf.sign(rsa)
    const at = pdf.length
    pdf.append(`30 0 obj\n<< /Producer (x) >>\nendobj\nstartxref\n${at}\n%%EOF\n`)
    const r = await verify(pdf)
    expect(r.revisions).toBe(4)
    expect(r.signatures[0].modification).toBe("none")
    expect(r.verdict).toBe("valid")
  })
})

describe("a signed tail moved elsewhere", () => {
  it("with a new xref where the old startxref points is INVALID, never unsigned", async () => {
    const pdf = await new TestPdf().sign(rsa)
    const moved = moveSignedTail(pdf)
    for (const policy of ["strict", "pdf"] as const) {
      const r = await verify(moved, { policy })
      expect(r.verdict).toBe("invalid")
      expect(r.signatures[0]).toMatchObject({ intact: false, indication: "TOTAL_FAILED" })
    }
    expect((await verify(pdf)).verdict).toBe("valid")
  })

  it("the words of a signature dictionary inside a content stream sign nothing: unsigned", async () => {
    const pdf = new TestPdf()
    const text = "BT (/Type /Sig /ByteRange [0 1 2 3] /Contents <00>) Tj ET"
    pdf.update({ 4: `<< /Length ${text.length} >>\nstream\n${text}\nendstream` })
    expect((await verify(pdf)).verdict).toBe("unsigned")
  })
})
