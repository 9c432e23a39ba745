import fc from "fast-check"
import { beforeAll, describe, expect, it } from "vitest"
import { largeCrlDer, makeCrl, makePki, type TestPki } from "../../test/firma/pki.js"
import { TestPdf } from "../../test/firma/pdf.js"
import { firmaWebCrypto, type FirmaCrypto } from "./crypto.js"
import { FirmaError } from "./errors.js"
import * as Effect from "effect/Effect"
import { firmaErrorMessage } from "./messages.js"
import { verifyPdfOutcome } from "./outcome.js"
import { verifyPdf, verifyPdfAsync, type VerifyPdfOptions } from "./verify.js"

let rsa: TestPki
let ecdsa: TestPki
let pss: TestPki
let other: TestPki

beforeAll(async () => {
  ;[rsa, ecdsa, pss, other] = await Promise.all([makePki("rsa"), makePki("ecdsa"), makePki("rsa-pss"), makePki("rsa")])
}, 60_000)

const verify = (pdf: TestPdf | Uint8Array, options: VerifyPdfOptions = {}) =>
  verifyPdfAsync(pdf instanceof Uint8Array ? pdf : pdf.bytes, options)

describe("signed by a throwaway PKI", () => {
  it.each([
    ["RSA PKCS#1 v1.5", () => rsa, "RSASSA-PKCS1-v1_5"],
    ["ECDSA P-256", () => ecdsa, "ECDSA"],
    ["RSA-PSS", () => pss, "RSASSA-PSS"]
  ])("%s: intact and untrusted without anchors, valid with the root", async (_, pki, algorithm) => {
    const pdf = await new TestPdf().sign(pki())
    const untrusted = await verify(pdf)
    expect(untrusted.verdict).toBe("indeterminate")
    const s = untrusted.signatures[0]
    expect(s).toMatchObject({
      intact: true,
      coversWholeDocument: true,
      modification: "none",
      indication: "INDETERMINATE",
      subIndication: "NO_CERTIFICATE_CHAIN_FOUND",
      digestAlgorithm: "SHA-256",
      signatureAlgorithm: algorithm,
      revocation: "not-checked"
    })
    expect(s.signer).toEqual({
      commonName: "PEREZ ROJAS Juan FAU 20131378972 soft",
      serialNumber: "PNOPE-10117410",
      organization: "CONTRALORIA GENERAL DE LA REPUBLICA",
      ruc: "20131378972",
      dni: "10117410"
    })
    const trusted = await verify(pdf, { trustAnchors: [pki().rootPem] })
    expect(trusted.verdict).toBe("valid")
    expect(trusted.signatures[0].indication).toBe("TOTAL_PASSED")
    expect(trusted.signatures[0].subIndication).toBeNull()
    expect(trusted.signatures[0].chain.map((c) => c.trustAnchor)).toEqual([false, true])
  })

  it("a root that did not issue the signer gives no chain", async () => {
    const pdf = await new TestPdf().sign(rsa)
    const r = await verify(pdf, { trustAnchors: [other.rootPem] })
    expect(r.verdict).toBe("indeterminate")
    expect(r.signatures[0].subIndication).toBe("NO_CERTIFICATE_CHAIN_FOUND")
  })

  it("accepts DER trust anchors and rejects garbage ones with a typed error", async () => {
    const pdf = await new TestPdf().sign(rsa)
    const der = new Uint8Array(rsa.root.cert.toSchema().toBER())
    expect((await verify(pdf, { trustAnchors: [der] })).verdict).toBe("valid")
    await expect(verify(pdf, { trustAnchors: [new TextEncoder().encode("no soy un certificado")] })).rejects.toMatchObject({
      reason: "bad-trust-anchor"
    })
  })

  it("a certificate not yet valid at signing time is INDETERMINATE / OUT_OF_BOUNDS_NO_POE", async () => {
    const late = await makePki("rsa", { notBefore: new Date("2030-01-01T00:00:00Z") })
    const pdf = await new TestPdf().sign(late)
    const r = await verify(pdf, { trustAnchors: [late.rootPem] })
    expect(r.signatures[0]).toMatchObject({ indication: "INDETERMINATE", subIndication: "OUT_OF_BOUNDS_NO_POE" })
  })

  it("flags weak keys and digests (RSA-1024, SHA-1) and never passes them", async () => {
    const weak = await makePki("rsa-1024", { hash: "SHA-1" })
    const pdf = await new TestPdf().sign(weak)
    const r = await verify(pdf, { trustAnchors: [weak.rootPem] })
    expect(r.signatures[0].weak).toEqual(["SHA-1", "RSA-1024"])
    // SHA-1 is refused under strict; under pdf it is reported as weak without proof of time.
    expect(r.signatures[0]).toMatchObject({ intact: true, indication: "INDETERMINATE", subIndication: "CRYPTO_CONSTRAINTS_FAILURE" })
    const lax = await verify(pdf, { trustAnchors: [weak.rootPem], policy: "pdf" })
    expect(lax.signatures[0]).toMatchObject({ intact: true, indication: "INDETERMINATE", subIndication: "CRYPTO_CONSTRAINTS_FAILURE_NO_POE" })
  })

  it("verifies a signature without signed attributes (over the content)", async () => {
    const pdf = await new TestPdf().sign(rsa, { signedAttributes: false, subFilter: "adbe.pkcs7.detached" })
    const r = await verify(pdf, { trustAnchors: [rsa.rootPem] })
    expect(r.signatures[0]).toMatchObject({ intact: true, indication: "TOTAL_PASSED" })
  })
})

describe("crypto port and revocation", () => {
  it("the WebCrypto-only port (browsers) verifies RSA, ECDSA and RSA-PSS the same way", async () => {
    for (const pki of [rsa, ecdsa, pss]) {
      const r = await verify(await new TestPdf().sign(pki), { trustAnchors: [pki.rootPem], crypto: firmaWebCrypto })
      expect(r.signatures[0]).toMatchObject({ intact: true, indication: "TOTAL_PASSED" })
    }
  })

  it("what the runtime cannot check is INDETERMINATE, never valid", async () => {
    const blind: FirmaCrypto = { digest: async () => undefined, verify: async () => undefined }
    const r = await verify(await new TestPdf().sign(rsa), { trustAnchors: [rsa.rootPem], crypto: blind })
    expect(r.verdict).toBe("indeterminate")
    expect(r.signatures[0]).toMatchObject({ intact: false, indication: "INDETERMINATE", subIndication: "CRYPTO_CONSTRAINTS_FAILURE" })
  })

  it("an embedded CRL of the issuer that lists the signer gives REVOKED_NO_POE; one that does not, revocation good", async () => {
    const revoked = await verify(await new TestPdf().sign(rsa, { crls: [await makeCrl(rsa, [rsa.signer.cert])] }), { trustAnchors: [rsa.rootPem] })
    expect(revoked.signatures[0]).toMatchObject({ revocation: "revoked", indication: "INDETERMINATE", subIndication: "REVOKED_NO_POE" })
    const good = await verify(await new TestPdf().sign(rsa, { crls: [await makeCrl(rsa, [])] }), { trustAnchors: [rsa.rootPem] })
    expect(good.signatures[0]).toMatchObject({ revocation: "good", indication: "TOTAL_PASSED" })
    // Adobe's revocationInfoArchival signed attribute counts too.
    const archived = await verify(await new TestPdf().sign(rsa, { archivedCrls: [await makeCrl(rsa, [rsa.signer.cert])] }), { trustAnchors: [rsa.rootPem] })
    expect(archived.signatures[0]).toMatchObject({ revocation: "revoked", subIndication: "REVOKED_NO_POE" })
    // And a CRL in the document security store (PAdES-LT), added after signing.
    const lt = withDssCrl(await new TestPdf().sign(rsa), new Uint8Array((await makeCrl(rsa, [rsa.signer.cert])).toSchema().toBER()))
    const dss = await verify(lt, { trustAnchors: [rsa.rootPem] })
    expect(dss.signatures[0]).toMatchObject({ modification: "signatures-only", revocation: "revoked", subIndication: "REVOKED_NO_POE" })
    // A national CA's CRL: 25,000 entries in the document security store (over asn1js' default
    // limits, which once left such a CRL unread and the revocation unchecked).
    for (const listed of [true, false]) {
      const large = withDssCrl(await new TestPdf().sign(rsa), await largeCrlDer(rsa.root, 25_000, listed ? [rsa.signer.cert] : []))
      const r = await verify(large, { trustAnchors: [rsa.rootPem] })
      expect(r.signatures[0]).toMatchObject(listed ? { revocation: "revoked", subIndication: "REVOKED_NO_POE" } : { revocation: "good", indication: "TOTAL_PASSED" })
    }
    // An entry with a critical extension (an indirect CRL's certificate issuer): the CRL still
    // proves a revocation, but cannot say the signer is not revoked.
    for (const listed of [true, false]) {
      const crl = await largeCrlDer(rsa.root, 10, listed ? [rsa.signer.cert] : [], { criticalEntryExtension: true })
      const r = await verify(withDssCrl(await new TestPdf().sign(rsa, { crls: [] }), crl), { trustAnchors: [rsa.rootPem] })
      expect(r.signatures[0]).toMatchObject(listed ? { revocation: "revoked", subIndication: "REVOKED_NO_POE" } : { revocation: "not-checked", subIndication: "TRY_LATER" })
    }
    // A CRL signed by someone else is ignored: revocation unchecked, TRY_LATER under strict, reported under pdf.
    const forgedPdf = await new TestPdf().sign(rsa, { crls: [await makeCrl(other, [rsa.signer.cert])] })
    const forged = await verify(forgedPdf, { trustAnchors: [rsa.rootPem] })
    expect(forged.signatures[0]).toMatchObject({ revocation: "not-checked", indication: "INDETERMINATE", subIndication: "TRY_LATER" })
    const forgedPdfPolicy = await verify(forgedPdf, { trustAnchors: [rsa.rootPem], policy: "pdf" })
    expect(forgedPdfPolicy.signatures[0]).toMatchObject({ revocation: "not-checked", indication: "TOTAL_PASSED" })
    expect(forgedPdfPolicy.signatures[0].problems).toContain("signer-revocation-not-checked")
  })
})

/** `pdf` with `crl` (DER) in its document security store (PAdES-LT), as an update after signing. */
const withDssCrl = (pdf: TestPdf, crl: Uint8Array): TestPdf => {
  const n = pdf.nextNumber()
  return pdf.update({
    [n]: `<< /Length ${crl.length} >>\nstream\n${Buffer.from(crl).toString("latin1")}\nendstream`,
    [n + 1]: `<< /CRLs [${n} 0 R] >>`,
    1: `<< /Type /Catalog /Pages 2 0 R /AcroForm 5 0 R /DSS ${n + 1} 0 R >>`
  })
}

describe("changes after signing", () => {
  it("two signatures: the second one is the only change, valid under strict", async () => {
    const pdf = await (await new TestPdf().sign(rsa, { field: "Titular" })).sign(ecdsa, { field: "Notificacion" })
    const r = await verify(pdf, { trustAnchors: [rsa.rootPem, ecdsa.rootPem] })
    expect(r.verdict).toBe("valid")
    expect(r.revisions).toBe(3)
    expect(r.signatures.map((s) => [s.field, s.modification, s.coversWholeDocument, s.indication])).toEqual([
      ["Titular", "signatures-only", false, "TOTAL_PASSED"],
      ["Notificacion", "none", true, "TOTAL_PASSED"]
    ])
  })

  it("a second signer adding default resources (a font for its stamp) is still 'signatures only'; changing them is not", async () => {
    const pdf = await new TestPdf().sign(rsa, { field: "Titular" })
    pdf.acroFormExtra = " /DR << /Font << /Helv 7 0 R >> >>"
    await pdf.sign(rsa, { field: "Notificacion" })
    const r = await verify(pdf, { trustAnchors: [rsa.rootPem] })
    expect(r.signatures.map((s) => s.modification)).toEqual(["signatures-only", "none"])
    expect(r.verdict).toBe("valid")
    pdf.update({ 5: `<< /Fields [${pdf.fields.join(" ")}] /SigFlags 3 /DA (/Helv 0 Tf 0 g) /DR << /Font << /Helv 9 0 R >> >> >>` })
    expect((await verify(pdf, { trustAnchors: [rsa.rootPem] })).signatures[1].modification).toBe("form-filling")
  })

  it("page content changed after signing is invalid under both policies", async () => {
    const pdf = await new TestPdf().sign(rsa)
    const text = "BT /F1 24 Tf 72 700 Td (Pague 9999) Tj ET"
    pdf.update({ 4: `<< /Length ${text.length} >>\nstream\n${text}\nendstream` })
    for (const policy of ["strict", "pdf"] as const) {
      const r = await verify(pdf, { policy, trustAnchors: [rsa.rootPem] })
      expect(r.verdict).toBe("invalid")
      expect(r.signatures[0]).toMatchObject({ intact: true, modification: "other", indication: "TOTAL_FAILED", subIndication: "FORMAT_FAILURE" })
    }
  })

  it("shadow attack: a later revision points the page at an object hidden in the signed bytes", async () => {
    const pdf = await new TestPdf().sign(rsa)
    pdf.update({
      3: `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 8 0 R /Resources << /Font << /F1 7 0 R >> >> /Annots [${pdf.annots.join(" ")}] >>`
    })
    const r = await verify(pdf, { policy: "pdf", trustAnchors: [rsa.rootPem] })
    expect(r.verdict).toBe("invalid")
    expect(r.signatures[0].modification).toBe("other")
    expect(r.signatures[0].changes.join(" ")).toContain("page /Contents changed")
  })

  it("shadow attack without xref: an object redefined only in the bytes of a later increment", async () => {
    const pdf = await new TestPdf().sign(rsa)
    // A new increment whose xref admits only the Info object, while the bytes redefine object 4.
    const text = "BT /F1 24 Tf 72 700 Td (Pague 9999) Tj ET"
    const hidden = `4 0 obj\n<< /Length ${text.length} >>\nstream\n${text}\nendstream\nendobj\n`
    pdf.update({ 20: `${"<< /Producer (x) >>"}\nendobj\n${hidden}%` })
    const r = await verify(pdf, { policy: "pdf" })
    expect(r.verdict).toBe("invalid")
    expect(r.signatures[0].modification).toBe("other")
  })

  it("redefining the signature dictionary later (spoofing) is invalid", async () => {
    const pdf = await new TestPdf().sign(rsa)
    const sigNum = pdf.nextNumber() - 2
    pdf.update({ [sigNum]: "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /Reason (Otra razon) >>" })
    const r = await verify(pdf, { policy: "pdf" })
    expect(r.verdict).toBe("invalid")
  })

  it("filling a reference the signed revision left dangling is a modification", async () => {
    const pdf = new TestPdf()
    // Before signing, the page asks for a second content stream (object 40) that does not exist.
    pdf.pageContents = "[4 0 R 40 0 R]"
    await pdf.sign(rsa)
    const text = "BT /F1 24 Tf 72 650 Td (Pague 9999) Tj ET"
    pdf.update({ 40: `<< /Length ${text.length} >>\nstream\n${text}\nendstream` })
    const r = await verify(pdf, { policy: "pdf" })
    expect(r.verdict).toBe("invalid")
    expect(r.signatures[0].changes.join(" ")).toContain("fills a dangling reference")
  })

  it("changing a signed field's appearance afterwards is a modification", async () => {
    const pdf = await new TestPdf().sign(rsa)
    const fieldNum = pdf.nextNumber() - 1
    const sigNum = fieldNum - 1
    pdf.update({ [fieldNum]: `<< /FT /Sig /T (Firma1) /V ${sigNum} 0 R /Type /Annot /Subtype /Widget /Rect [0 0 300 100] /P 3 0 R /F 4 /AP << /N 8 0 R >> >>` })
    const r = await verify(pdf, { policy: "pdf" })
    expect(r.verdict).toBe("invalid")
    expect(r.signatures[0].modification).toBe("other")
  })

  it("an empty signature field with a visible appearance, or a signature widget outside the form, is not 'signatures only'", async () => {
    for (const inForm of [true, false]) {
      const pdf = await new TestPdf().sign(rsa)
      const n = pdf.nextNumber()
      const annots = [...pdf.annots, `${n} 0 R`]
      const fields = inForm ? [...pdf.fields, `${n} 0 R`] : pdf.fields
      pdf.update({
        [n]: `<< /FT /Sig /T (Vacia) /Type /Annot /Subtype /Widget /Rect [0 0 612 792] /P 3 0 R /F 4 /AP << /N 8 0 R >> >>`,
        5: `<< /Fields [${fields.join(" ")}] /SigFlags 3 >>`,
        3: `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 7 0 R >> >> /Annots [${annots.join(" ")}] >>`
      })
      const r = await verify(pdf)
      expect(r.signatures[0].modification).toBe("annotations")
      expect(r.verdict).toBe("invalid")
    }
  })

  it("a later field that claims a signature without a signature dictionary fails (USF-style stamp)", async () => {
    const pdf = await new TestPdf().sign(rsa)
    const n = pdf.nextNumber()
    pdf.fields.push(`${n} 0 R`)
    pdf.annots.push(`${n} 0 R`)
    pdf.update({
      [n]: `<< /FT /Sig /T (Ministro) /V ${n + 1} 0 R /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /P 3 0 R /F 132 >>`,
      [n + 1]: "<< /Type /Sig /Filter /Adobe.PPKLite /Name (Ministro de Prueba) >>",
      5: `<< /Fields [${pdf.fields.join(" ")}] /SigFlags 3 /DA (/Helv 0 Tf 0 g) >>`,
      3: `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 7 0 R >> >> /Annots [${pdf.annots.join(" ")}] >>`
    })
    const r = await verify(pdf, { trustAnchors: [rsa.rootPem] })
    expect(r.verdict).toBe("invalid")
    expect(r.signatures.map((s) => [s.field, s.indication])).toEqual([
      ["Firma1", "TOTAL_PASSED"],
      ["Ministro", "TOTAL_FAILED"]
    ])
  })

  it("form filling: invalid under strict, allowed under pdf for an approval signature", async () => {
    const pdf = await new TestPdf().sign(rsa)
    pdf.update({ 6: "<< /FT /Tx /T (Nombre) /V (Juan) /Type /Annot /Subtype /Widget /Rect [72 600 300 620] /P 3 0 R /F 4 >>" })
    const strict = await verify(pdf, { trustAnchors: [rsa.rootPem] })
    expect(strict.verdict).toBe("invalid")
    expect(strict.signatures[0].modification).toBe("form-filling")
    const pdfPolicy = await verify(pdf, { policy: "pdf", trustAnchors: [rsa.rootPem] })
    expect(pdfPolicy.verdict).toBe("valid")
  })

  it("an appearance changed without its value is not form filling", async () => {
    const pdf = await new TestPdf().sign(rsa)
    pdf.update({ 6: "<< /FT /Tx /T (Nombre) /AP << /N 8 0 R >> /Type /Annot /Subtype /Widget /Rect [72 600 300 620] /P 3 0 R /F 4 >>" })
    const r = await verify(pdf, { policy: "pdf" })
    expect(r.verdict).toBe("invalid")
    expect(r.signatures[0].modification).toBe("other")
  })

  it("DocMDP P=1 forbids even form filling; P=2 allows it under pdf", async () => {
    for (const [p, verdict] of [
      [1, "invalid"],
      [2, "valid"]
    ] as const) {
      const pdf = await new TestPdf().sign(rsa, { docMdp: p })
      pdf.update({ 6: "<< /FT /Tx /T (Nombre) /V (Juan) /Type /Annot /Subtype /Widget /Rect [72 600 300 620] /P 3 0 R /F 4 >>" })
      const r = await verify(pdf, { policy: "pdf", trustAnchors: [rsa.rootPem] })
      expect(r.signatures[0].docMdp).toBe(p)
      expect(r.verdict).toBe(verdict)
    }
  })

  it("an annotation added after signing is invalid under strict", async () => {
    const pdf = await new TestPdf().sign(rsa)
    const n = pdf.nextNumber()
    pdf.annots.push(`${n} 0 R`)
    pdf.update({
      [n]: "<< /Type /Annot /Subtype /Text /Rect [10 10 30 30] /Contents (nota) >>",
      3: `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 7 0 R >> >> /Annots [${pdf.annots.join(" ")}] >>`
    })
    expect((await verify(pdf)).signatures[0].modification).toBe("annotations")
    expect((await verify(pdf)).verdict).toBe("invalid")
    expect((await verify(pdf, { policy: "pdf" })).verdict).toBe("indeterminate")
  })

  it("bytes appended after the last %%EOF count as a modification", async () => {
    const pdf = await new TestPdf().sign(rsa)
    const bytes = new Uint8Array([...pdf.bytes, ...new TextEncoder().encode("4 0 obj\n<< >>\nendobj\n")])
    const r = await verify(bytes, { policy: "pdf" })
    expect(r.verdict).toBe("invalid")
    expect(r.signatures[0].coversWholeDocument).toBe(false)
  })
})

describe("tampering with the signed bytes", () => {
  it("one changed byte inside the covered range is a HASH_FAILURE", async () => {
    const pdf = await new TestPdf().sign(rsa)
    const at = pdf.indexOf("Resolucion")
    pdf.patch(at, "Revocacion")
    const r = await verify(pdf, { trustAnchors: [rsa.rootPem] })
    expect(r.verdict).toBe("invalid")
    expect(r.signatures[0]).toMatchObject({ intact: false, indication: "TOTAL_FAILED", subIndication: "HASH_FAILURE" })
  })

  it("a ByteRange that does not frame its own /Contents is a FORMAT_FAILURE", async () => {
    const pdf = await new TestPdf().sign(rsa)
    const at = pdf.lastIndexOf("/ByteRange [0 ") + "/ByteRange [0 ".length
    // Shift the first range's end by one: the gap no longer is exactly the /Contents string.
    const text = TestPdf.fromBytes(pdf.bytes)
    const m = /^(\d+) (\d+) (\d+)\]/.exec(text.slice(at))!
    const shifted = `${Number(m[1]) - 1} ${Number(m[2]) - 1} ${Number(m[3]) + 1}]`
    pdf.patch(at, shifted.padEnd(m[0].length, " "))
    const r = await verify(pdf)
    expect(r.verdict).toBe("invalid")
    expect(r.signatures[0].subIndication).toBe("FORMAT_FAILURE")
    expect(r.signatures[0].problems).toContain("byte-range-gap-not-contents")
  })

  it("a ByteRange that stops before the end of its revision is a FORMAT_FAILURE", async () => {
    const pdf = await new TestPdf().sign(rsa)
    const at = pdf.lastIndexOf("/ByteRange [0 ") + "/ByteRange [0 ".length
    const text = TestPdf.fromBytes(pdf.bytes)
    const m = /^(\d+) (\d+) (\d+)\]/.exec(text.slice(at))!
    pdf.patch(at, `${m[1]} ${m[2]} ${Number(m[3]) - 7}]`.padEnd(m[0].length, " "))
    const r = await verify(pdf)
    expect(r.signatures[0].problems).toContain("byte-range-not-revision-end")
    expect(r.verdict).toBe("invalid")
  })
})

describe("API shapes", () => {
  it("verifyPdf fails with a tagged FirmaError (reason literal, Spanish message, English available)", async () => {
    const error = await Effect.runPromise(Effect.flip(verifyPdf(new TextEncoder().encode("hola"))))
    expect(error).toBeInstanceOf(FirmaError)
    expect(error._tag).toBe("@ecasilla/core/firma/FirmaError")
    expect(error.reason).toBe("not-a-pdf")
    expect(error.message).toBe("El archivo no es un PDF.")
    expect(firmaErrorMessage(error.reason, "en")).toBe("The file is not a PDF.")
  })

  it("verifyPdfOutcome never rejects for bad input", async () => {
    expect(await verifyPdfOutcome(new Uint8Array([1, 2, 3]))).toMatchObject({ _tag: "Failure", reason: "not-a-pdf" })
    const ok = await verifyPdfOutcome((await new TestPdf().sign(rsa)).bytes, { locale: "en" })
    expect(ok._tag).toBe("Report")
    if (ok._tag === "Report") expect(ok.report.signatures[0].summary).toContain("does not chain to a trusted root")
  })
})

describe("hostile input ends quickly in a typed error or an invalid verdict", () => {
  const expectHandled = async (bytes: Uint8Array) => {
    const start = performance.now()
    try {
      const r = await verify(bytes)
      expect(["invalid", "unsigned"]).toContain(r.verdict)
    } catch (e) {
      expect(e).toBeInstanceOf(FirmaError)
    }
    expect(performance.now() - start).toBeLessThan(5000)
  }
  const text = (s: string) => new TextEncoder().encode(s)

  it("empty, not a PDF, or truncated", async () => {
    await expect(verify(new Uint8Array(0))).rejects.toMatchObject({ reason: "not-a-pdf" })
    await expect(verify(text("hola mundo"))).rejects.toMatchObject({ reason: "not-a-pdf" })
    const signed = (await new TestPdf().sign(rsa)).bytes
    await expect(verify(signed.subarray(0, 500))).rejects.toMatchObject({ reason: "truncated" })
    for (const cut of [100, 1000, signed.length >> 1, signed.length - 2000, signed.length - 10]) await expectHandled(signed.subarray(0, cut))
  })

  it("lengths claiming gigabytes", async () => {
    const pdf = new TestPdf()
    pdf.update({ 4: "<< /Length 9999999999 >>\nstream\nBT ET\nendstream" })
    await expectHandled(pdf.bytes)
    const signed = await new TestPdf().sign(rsa)
    const at = signed.lastIndexOf("/ByteRange [0 ") + "/ByteRange [0 ".length
    signed.patch(at, "9999999999 9999999999 99999]")
    await expectHandled(signed.bytes)
  })

  it("deep nesting", async () => {
    const deep = "[".repeat(100_000) + "]".repeat(100_000)
    const pdf = new TestPdf()
    pdf.update({ 5: `<< /Fields ${deep} >>`, 9: `<< /A ${"<< /A ".repeat(50_000)}1${" >>".repeat(50_000)} >>` })
    await expectHandled(pdf.bytes)
  })

  it("reference loops", async () => {
    const pdf = await new TestPdf().sign(rsa)
    const n = pdf.nextNumber()
    pdf.update({
      [n]: `<< /FT /Sig /T (Bucle) /Kids [${n} 0 R ${n + 1} 0 R] /Parent ${n + 1} 0 R >>`,
      [n + 1]: `<< /Kids [${n} 0 R] /Parent ${n} 0 R /V ${n + 1} 0 R >>`,
      [n + 2]: `${n + 3} 0 R`,
      [n + 3]: `${n + 2} 0 R`,
      5: `<< /Fields [${pdf.fields.join(" ")} ${n} 0 R ${n + 2} 0 R] >>`,
      4: `<< /Length ${n + 2} 0 R >>\nstream\nBT ET\nendstream`
    })
    await expectHandled(pdf.bytes)
  })

  it("a compressed xref stream that inflates to more than the cap", async () => {
    const { zlibSync } = await import("fflate")
    const bomb = zlibSync(new Uint8Array(80 * 1024 * 1024), { level: 9 })
    const head = "%PDF-1.7\n1 0 obj\n<< /Type /XRef /W [1 4 2] /Size 3 /Filter /FlateDecode /Length " + bomb.length + " >>\nstream\n"
    const tail = `\nendstream\nendobj\nstartxref\n9\n%%EOF\n`
    await expectHandled(new Uint8Array([...text(head), ...bomb, ...text(tail)]))
  })

  it("thousands of %%EOF markers and garbage everywhere", async () => {
    await expectHandled(text("%PDF-1.7\n" + "%%EOF\n".repeat(5000)))
    const junk = new Uint8Array(200_000)
    for (let i = 0; i < junk.length; i++) junk[i] = (i * 2654435761) >>> 24
    await expectHandled(new Uint8Array([...text("%PDF-1.4\n"), ...junk, ...text("\nstartxref\n12\n%%EOF\n")]))
  })

  it("property: any edit of the signed bytes (flip, cut, insert) ends in a report or a typed failure, never in trust", async () => {
    const signed = (await new TestPdf().sign(rsa)).bytes
    const text = TestPdf.fromBytes(signed)
    const lt = text.lastIndexOf("/Contents <") + 10
    const anchors = [rsa.rootPem]
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.record({ kind: fc.constant("flip" as const), at: fc.integer({ min: 0, max: lt - 1 }), bit: fc.integer({ min: 0, max: 7 }) }),
          fc.record({ kind: fc.constant("cut" as const), at: fc.integer({ min: 0, max: signed.length - 1 }), bit: fc.constant(0) }),
          fc.record({ kind: fc.constant("insert" as const), at: fc.integer({ min: 0, max: lt - 1 }), bit: fc.integer({ min: 0, max: 255 }) })
        ),
        async ({ kind, at, bit }) => {
          const bytes =
            kind === "flip"
              ? signed.map((b, i) => (i === at ? b ^ (1 << bit) : b))
              : kind === "cut"
                ? signed.slice(0, at)
                : new Uint8Array([...signed.subarray(0, at), bit, ...signed.subarray(at)])
          const start = performance.now()
          const o = await verifyPdfOutcome(bytes, { trustAnchors: anchors })
          expect(performance.now() - start).toBeLessThan(3000)
          if (o._tag === "Report") expect(["invalid", "unsigned"]).toContain(o.report.verdict)
        }
      ),
      { numRuns: 120, seed: 20261127 }
    )
  }, 60_000)

  it("random single-byte changes inside a signed range never verify", async () => {
    const signed = (await new TestPdf().sign(rsa)).bytes
    const text = TestPdf.fromBytes(signed)
    const lt = text.lastIndexOf("/Contents <") + 10
    for (let k = 0; k < 40; k++) {
      const at = (k * 7919) % lt
      const copy = signed.slice()
      copy[at] ^= 1 << k % 8
      try {
        const r = await verify(copy, { trustAnchors: [rsa.rootPem] })
        expect(["invalid", "unsigned"]).toContain(r.verdict)
      } catch (e) {
        expect(e).toBeInstanceOf(FirmaError)
      }
    }
  })
})
