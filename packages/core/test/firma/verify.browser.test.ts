/// <reference types="mocha" />
// The verifier in a real Chromium: WebCrypto only (no node:crypto), PDFs signed in the page by
// a throwaway PKI.
import { expect } from "@open-wc/testing"
import { firmaRuntimeCrypto, firmaWebCrypto, verifyPdfAsync } from "@ecasilla/core/firma"
import { makePki } from "./pki.js"
import { TestPdf } from "./pdf.js"
import { hiddenPrevAttack, moveSignedTail } from "./attacks.js"
import { trustCases } from "./trust-cases.js"

describe("firma in the browser", () => {
  it("verifies RSA, ECDSA and RSA-PSS signatures with WebCrypto and catches a later edit", async () => {
    for (const kind of ["rsa", "ecdsa", "rsa-pss"] as const) {
      const pki = await makePki(kind)
      const pdf = await new TestPdf().sign(pki)
      const trusted = await verifyPdfAsync(pdf.bytes, { trustAnchors: [pki.rootPem] })
      expect(trusted.verdict, kind).to.equal("valid")
      expect(trusted.signatures[0].indication).to.equal("TOTAL_PASSED")
      const text = "BT /F1 24 Tf 72 700 Td (Pague 9999) Tj ET"
      pdf.update({ 4: `<< /Length ${text.length} >>\nstream\n${text}\nendstream` })
      const edited = await verifyPdfAsync(pdf.bytes, { trustAnchors: [pki.rootPem] })
      expect(edited.verdict, kind).to.equal("invalid")
    }
  })

  it("reads the file as readers do: same verdicts as in Node for the reading rules", async () => {
    const pki = await makePki("rsa")
    const anchors = { trustAnchors: [pki.rootPem] }
    const hidden = await verifyPdfAsync((await hiddenPrevAttack(pki)).pdf.bytes, anchors)
    expect(hidden.verdict).to.equal("invalid")
    const moved = await verifyPdfAsync(moveSignedTail(await new TestPdf().sign(pki)), anchors)
    expect(moved.verdict).to.equal("invalid")
    const dup = await new TestPdf().sign(pki)
    dup.updateCompressed({}, { pairs: [[7, "<< /Type /Font >>"], [7, "<< /Type /Font /Subtype /Type1 >>"]] })
    expect((await verifyPdfAsync(dup.bytes, { ...anchors, policy: "pdf" })).verdict).to.equal("invalid")
    const eof = new TestPdf()
    const data = "startxref\n9\n%%EOF\n(%%EOF)"
    eof.update({ 20: `<< /Length ${data.length} >>\nstream\n${data}\nendstream` })
    await (await eof.sign(pki, { field: "Titular" })).sign(pki, { field: "Notificacion", compressed: true })
    const ok = await verifyPdfAsync(eof.bytes, anchors)
    expect([ok.verdict, ok.revisions]).to.deep.equal(["valid", 4])
  })

  it("the runtime port is the WebCrypto port here", async () => {
    const data = new TextEncoder().encode("hola")
    const a = await firmaRuntimeCrypto.digest("SHA-256", [data])
    const b = await firmaWebCrypto.digest("SHA-256", [data])
    expect(Array.from(a!)).to.deep.equal(Array.from(b!))
    // SHA-3 is not in WebCrypto: undefined, so such signatures end INDETERMINATE.
    expect(await firmaRuntimeCrypto.digest("SHA3-256", [data])).to.equal(undefined)
  })

  it("hashes a signature's ranges in place: the digest of their concatenation, and the bytes put back before anything else runs", async () => {
    const bytes = new Uint8Array(3 << 20).map((_, i) => (i * 7919) & 255)
    const before = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes))
    const ranges: Array<[number, number]> = [[0, 2_000_000], [2_016_000, 2_020_000], [2_500_000, 2_500_100]]
    const parts = ranges.map(([s, e]) => bytes.subarray(s, e))
    const joined = new Uint8Array(ranges.reduce((n, [s, e]) => n + e - s, 0))
    let o = 0
    for (const p of parts) (joined.set(p, o), (o += p.length))
    const want = Array.from(new Uint8Array(await crypto.subtle.digest("SHA-256", joined)))
    const pending = firmaWebCrypto.digest("SHA-256", parts)
    // Synchronously after the call, before WebCrypto answers: the caller's bytes are intact.
    expect(Array.from(bytes.subarray(2_000_000, 2_004_100))).to.deep.equal(Array.from({ length: 4100 }, (_, k) => ((2_000_000 + k) * 7919) & 255))
    expect(Array.from((await pending)!)).to.deep.equal(want)
    expect(Array.from(new Uint8Array(await crypto.subtle.digest("SHA-256", bytes)))).to.deep.equal(Array.from(before))
    // Two digests in flight over the same buffer (two signatures of one document).
    const [a, b] = await Promise.all([firmaWebCrypto.digest("SHA-256", parts), firmaWebCrypto.digest("SHA-256", [parts[0], parts[2]])])
    expect(Array.from(a!)).to.deep.equal(want)
    const ac = new Uint8Array(parts[0].length + parts[2].length)
    ac.set(parts[0])
    ac.set(parts[2], parts[0].length)
    expect(Array.from(b!)).to.deep.equal(Array.from(new Uint8Array(await crypto.subtle.digest("SHA-256", ac))))
  })
})

describe("firma trust and time in the browser: same verdicts as the API and the CLI in Node", () => {
  for (const c of trustCases) {
    it(c.name, async () => {
      const { pdf, root } = await c.make()
      const r = await verifyPdfAsync(pdf, { trustAnchors: [root] })
      expect([r.verdict, r.signatures[0].indication, r.signatures[0].subIndication]).to.deep.equal([c.verdict, c.indication, c.subIndication])
    })
  }
})
