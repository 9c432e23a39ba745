// The report's strings: a signature's /Reason is reported, and an encrypted file's strings are
// withheld (they are not decrypted, and must never be shown encrypted).
import { beforeAll, describe, expect, it } from "vitest"
import { makePki, type TestPki } from "../../test/firma/pki.js"
import { TestPdf } from "../../test/firma/pdf.js"
import { verifyPdfAsync } from "./verify.js"

let pki: TestPki
beforeAll(async () => {
  pki = await makePki("rsa")
}, 60_000)

describe("report strings", () => {
  it("reports each signature's reason", async () => {
    const r = await verifyPdfAsync((await new TestPdf().sign(pki)).bytes)
    expect(r.encrypted).toBeUndefined()
    expect(r.signatures[0].reason).toBe("Soy el autor del documento")
  })

  it("withholds the reason of an encrypted PDF and says it is encrypted", async () => {
    const pdf = await new TestPdf().update({ 9: "<< /Filter /Standard /V 2 /R 3 /Length 128 /P -4 /O <00> /U <00> >>" }, " /Encrypt 9 0 R /ID [<01> <01>]").sign(pki)
    const r = await verifyPdfAsync(pdf.bytes)
    expect(r.encrypted).toBe(true)
    expect(r.signatures[0].reason).toBeNull()
    expect(r.signatures[0].intact).toBe(true)
  })
})
