// Hashes of common prefixes are shared between the signatures of one run (large documents), and
// never between runs: bytes changed in place after a run are hashed anew.
import { beforeAll, describe, expect, it } from "vitest"
import { makePki, type TestPki } from "../../test/firma/pki.js"
import { TestPdf } from "../../test/firma/pdf.js"
import { verifyPdfAsync } from "./verify.js"

let rsa: TestPki
beforeAll(async () => {
  rsa = await makePki("rsa")
}, 60_000)

describe("prefix hashing across the signatures of one document", () => {
  it("two signatures over 1.5 MB verify; a byte changed in place afterwards fails both", async () => {
    const pdf = await (await new TestPdf({ padding: 1_500_000 }).sign(rsa, { field: "Titular" })).sign(rsa, { field: "Notificacion" })
    const bytes = pdf.bytes
    const ok = await verifyPdfAsync(bytes, { trustAnchors: [rsa.rootPem] })
    expect(ok.verdict).toBe("valid")
    expect(ok.signatures.map((s) => s.intact)).toEqual([true, true])
    const at = TestPdf.fromBytes(bytes).indexOf("xxxxxxxx", 1_000_000)
    bytes[at] = 0x79
    const tampered = await verifyPdfAsync(bytes, { trustAnchors: [rsa.rootPem] })
    expect(tampered.signatures.map((s) => s.subIndication)).toEqual(["HASH_FAILURE", "HASH_FAILURE"])
  })

  it("a change after the first prefix fails only the signature that covers it", async () => {
    const pdf = await (await new TestPdf({ padding: 1_500_000 }).sign(rsa, { field: "Titular" })).sign(rsa, { field: "Notificacion" })
    const bytes = pdf.bytes
    const text = TestPdf.fromBytes(bytes)
    // Inside the second increment, before its /Contents: covered by the second signature only.
    const at = text.lastIndexOf("/Reason (Soy") + 9
    bytes[at] = bytes[at] ^ 1
    const r = await verifyPdfAsync(bytes, { trustAnchors: [rsa.rootPem] })
    expect(r.signatures.map((s) => s.field)).toEqual(["Titular", "Notificacion"])
    expect(r.signatures[1].subIndication).toBe("HASH_FAILURE")
    expect(r.signatures[0].intact).toBe(true)
  })
})
