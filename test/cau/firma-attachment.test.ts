// PDF attachments of a CAU ticket checked by the real firma verifier: real signatures from a
// throwaway test PKI, real cryptography, the verdict recorded on the attachment.
import { firmaPdfAttachmentVerifier } from "@ecasilla/core/cau"
import { beforeAll, describe, expect, it } from "vitest"
import { TestPdf } from "../../packages/core/test/firma/pdf.js"
import { makePki, type TestPki } from "../../packages/core/test/firma/pki.js"
import { makeCau, pdfBytes, requester, validDraft } from "./fixtures.js"

let pki: TestPki
beforeAll(async () => {
  pki = await makePki("rsa")
})

const file = (pdf: TestPdf | Uint8Array, name = "oficio.pdf") => ({ name, bytes: pdf instanceof TestPdf ? pdf.bytes : pdf })

describe("PDF attachments verified with firma", () => {
  it("records valid for an intact signature under the given trust anchor, indeterminate without it", async () => {
    const signed = await new TestPdf().sign(pki)
    const trusted = makeCau({ verifyPdf: firmaPdfAttachmentVerifier({ trustAnchors: [pki.rootPem] }) })
    const t1 = await trusted.run((s) => s.createTicket(requester, { ...validDraft, attachments: [file(signed)] }))
    expect(t1.attachments[0].firma?.verdict).toBe("valid")

    const untrusted = makeCau({ verifyPdf: firmaPdfAttachmentVerifier() })
    const t2 = await untrusted.run((s) => s.createTicket(requester, { ...validDraft, attachments: [file(signed)] }))
    expect(t2.attachments[0].firma?.verdict).toBe("indeterminate")
    expect(t2.attachments[0].firma?.detail).toMatch(/raíz de confianza/)
  })

  it("records invalid for a PDF edited after it was signed, and unsigned for one never signed", async () => {
    const edited = (await new TestPdf().sign(pki)).update({ 4: "<< /Length 44 >>\nstream\nBT /F1 24 Tf 72 700 Td (Pague 99999) Tj ET\nendstream" })
    const cau = makeCau({ verifyPdf: firmaPdfAttachmentVerifier({ trustAnchors: [pki.rootPem] }) })
    const t = await cau.run((s) =>
      s.createTicket(requester, { ...validDraft, attachments: [{ name: "editado.pdf", bytes: edited.bytes }, { name: "sin-firma.pdf", bytes: new TestPdf().bytes }] })
    )
    expect(t.attachments.map((a) => a.firma?.verdict)).toEqual(["invalid", "unsigned"])
  })

  it("records invalid, with the reason, for a file that only starts like a PDF", async () => {
    const cau = makeCau({ verifyPdf: firmaPdfAttachmentVerifier() })
    const broken = new TextEncoder().encode("%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R")
    const t = await cau.run((s) => s.createTicket(requester, { ...validDraft, attachments: [file(broken, "roto.pdf"), file(pdfBytes, "minimo.pdf")] }))
    expect(t.attachments[0].firma?.verdict).toBe("invalid")
    expect(t.attachments[0].firma?.detail).toBeTruthy()
    // A well-formed PDF without a signature field is simply unsigned.
    expect(t.attachments[1].firma?.verdict).toBe("unsigned")
  })
})
