import * as Effect from "effect/Effect"
import { PDFDocument, type PDFArray as PDFArrayT, type PDFDict as PDFDictT, type PDFNumber as PDFNumberT } from "pdf-lib"
import { beforeAll, describe, expect, it } from "vitest"
import { makeSigningIdentity, p12Of, type SigningIdentity } from "../../../test/firma/p12.js"
import { largeCrlDer, makeCrl } from "../../../test/firma/pki.js"
import { TestPdf } from "../../../test/firma/pdf.js"
import { verifyPdfAsync } from "../verify.js"
import { FirmaSignError, openFirmaSigningKey, signFirmaPdf, signFirmaPdfEffect, type FirmaSignOptions } from "./index.js"

let id: SigningIdentity
let blank: Uint8Array
// The root's CRL, embedded in every signature here: a strict verifier that requires revocation
// data then still finds the signatures valid.
let crl: Uint8Array
const at = new Date("2026-11-27T17:04:05Z") // 12:04:05 in Lima

beforeAll(async () => {
  id = await makeSigningIdentity()
  crl = new Uint8Array((await makeCrl(id.pki, [])).toSchema().toBER())
  const d = await PDFDocument.create()
  d.addPage([595, 842])
  d.addPage([595, 842])
  blank = await d.save()
}, 60_000)

const opts = (o: Partial<FirmaSignOptions> = {}): FirmaSignOptions => ({ p12: id.p12, passphrase: id.passphrase, as: "titular", now: at, crls: [crl], ...o }) as FirmaSignOptions
const latin1 = (b: Uint8Array) => new TextDecoder("latin1").decode(b)
const verify = (b: Uint8Array) => verifyPdfAsync(b, { trustAnchors: [id.pki.rootPem] })
const failure = async (p: Promise<unknown>): Promise<FirmaSignError> => {
  try {
    await p
  } catch (e) {
    expect(e).toBeInstanceOf(FirmaSignError)
    return e as FirmaSignError
  }
  throw new Error("expected a FirmaSignError")
}

describe("signFirmaPdf", () => {
  it("signs an unsigned PDF as titular: valid with the root, CGR stamp in Lima time", async () => {
    const out = await signFirmaPdf(blank, opts())
    const r = await verify(out)
    expect(r.verdict).toBe("valid")
    expect(r.signatures).toHaveLength(1)
    expect(r.signatures[0]).toMatchObject({
      field: "FirmaTitular",
      intact: true,
      coversWholeDocument: true,
      indication: "TOTAL_PASSED",
      subFilter: "ETSI.CAdES.detached",
      reason: "Soy el autor del documento",
      signingTime: "2026-11-27T17:04:05.000Z",
      signer: { ruc: "20131378972", dni: "10117410" }
    })
    const text = latin1(out)
    expect(text).toContain("(Firmado digitalmente por PEREZ ROJAS Juan FAU")
    expect(text).toContain("(Motivo: Soy el autor del documento)")
    expect(text).toContain("(Fecha: 27/11/2026 12:04:05 -05:00)")
    expect(text).toContain("/M (D:20261127120405-05'00')")
  })

  it("embeds the CRLs given, so the revocation check needs nothing else", async () => {
    const pem = new TextEncoder().encode(`-----BEGIN X509 CRL-----\n${btoa(String.fromCharCode(...crl))}\n-----END X509 CRL-----\n`)
    for (const c of [crl, pem]) {
      const r = await verify(await signFirmaPdf(blank, opts({ crls: [c] })))
      expect(r.verdict).toBe("valid")
      expect(r.signatures[0].revocation).toBe("good")
    }
    expect((await verifyPdfAsync(await signFirmaPdf(blank, opts({ crls: [] })), { policy: "pdf", trustAnchors: [id.pki.rootPem] })).signatures[0].revocation).toBe("not-checked")
    expect((await failure(signFirmaPdf(blank, opts({ crls: [new Uint8Array([48, 3, 2, 1, 1])] })))).reason).toBe("bad-crl")
    // A large CRL (thousands of revoked certificates) still fits: the placeholder grows with it.
    const many = await Promise.all(Array.from({ length: 3 }, () => makeSigningIdentity()))
    const big = new Uint8Array((await makeCrl(id.pki, Array.from({ length: 1000 }, (_, i) => many[i % 3].pki.signer.cert))).toSchema().toBER())
    expect(big.length).toBeGreaterThan(16384)
    expect((await verify(await signFirmaPdf(blank, opts({ crls: [big] })))).verdict).toBe("valid")
    // A national CA's CRL: 25,000 entries, more than pkijs reads at asn1js' default limits.
    const national = await largeCrlDer(id.pki.root, 25_000)
    const signed = await verify(await signFirmaPdf(blank, opts({ crls: [national] })))
    expect(signed.verdict).toBe("valid")
    expect(signed.signatures[0].revocation).toBe("good")
    // …and one that lists the signer: embedded as given, it says revoked.
    const listing = await largeCrlDer(id.pki.root, 25_000, [id.pki.signer.cert])
    expect((await verify(await signFirmaPdf(blank, opts({ crls: [listing] })))).signatures[0].revocation).toBe("revoked")
  })

  it("adds a notification signature as an incremental update that keeps the first one valid", async () => {
    const first = await signFirmaPdf(blank, opts())
    const second = await signFirmaPdf(first, opts({ as: "notificacion", now: new Date(at.getTime() + 60_000) }))
    // The signed bytes are untouched: the update is appended.
    expect(second.subarray(0, first.length)).toEqual(first)
    const r = await verify(second)
    expect(r.verdict).toBe("valid")
    expect(r.revisions).toBe(2)
    expect(r.signatures.map((s) => [s.field, s.intact, s.modification, s.indication])).toEqual([
      ["FirmaTitular", true, "signatures-only", "TOTAL_PASSED"],
      ["FirmaNotificacion", true, "none", "TOTAL_PASSED"]
    ])
    expect(r.signatures[1].reason).toMatch(/^Notificación/)
    expect(latin1(second.subarray(first.length))).toContain("(Fecha: 27/11/2026 12:05:05 -05:00)")
  })

  it("adds a notification signature to a PDF signed elsewhere (indirect AcroForm, inline /Annots)", async () => {
    const pdf = await new TestPdf().sign(id.pki, { crls: [await makeCrl(id.pki, [])] })
    const before = pdf.bytes
    const out = await signFirmaPdf(before, opts({ as: "notificacion" }))
    expect(out.subarray(0, before.length)).toEqual(before)
    const r = await verify(out)
    expect(r.verdict).toBe("valid")
    expect(r.signatures.map((s) => s.modification)).toEqual(["signatures-only", "none"])
    // The text field of the original form is still there.
    const form = (await PDFDocument.load(out)).getForm()
    expect(form.getFields().map((f) => f.getName())).toEqual(["Nombre", "Firma1", "FirmaNotificacion"])
  })

  it("refuses a titular signature on a signed PDF unless allowed, then appends it", async () => {
    const first = await signFirmaPdf(blank, opts())
    const e = await failure(signFirmaPdf(first, opts()))
    expect(e.reason).toBe("already-signed")
    const again = await signFirmaPdf(first, opts({ allowSigned: true, visa: true }))
    expect(again.subarray(0, first.length)).toEqual(first)
    const r = await verify(again)
    expect(r.verdict).toBe("valid")
    expect(r.signatures[1]).toMatchObject({ field: "FirmaVisto", reason: "Doy Visto Bueno", modification: "none" })
    expect(r.signatures[0].modification).toBe("signatures-only")
  })

  it("places the stamp on the page and position asked for, and refuses one off the page", async () => {
    const out = await signFirmaPdf(blank, opts({ page: 2, x: 300, y: 700, reason: "Conformidad del área usuaria" }))
    const doc = await PDFDocument.load(out)
    const annots = doc.getPages()[1].node.Annots()
    expect(annots?.size()).toBe(1)
    expect(doc.getPages()[0].node.Annots()).toBeUndefined()
    expect(latin1(out)).toMatch(/\/Rect \[ 300 700 510 7\d\d/)
    expect((await verify(out)).signatures[0].reason).toBe("Conformidad del área usuaria")
    expect((await failure(signFirmaPdf(blank, opts({ page: 3 })))).reason).toBe("bad-page")
    expect((await failure(signFirmaPdf(blank, opts({ x: 500, y: 10 })))).reason).toBe("bad-position")
  })

  it("fails with typed reasons, never naming the passphrase", async () => {
    const wrong = await failure(signFirmaPdf(blank, opts({ passphrase: "otra-clave" })))
    expect(wrong.reason).toBe("bad-passphrase")
    expect(`${wrong.message} ${wrong.detail}`).not.toContain("otra-clave")
    expect(`${wrong.message} ${wrong.detail}`).not.toContain(id.passphrase)
    expect((await failure(signFirmaPdf(new TextEncoder().encode("hola"), opts()))).reason).toBe("not-a-pdf")
    expect((await failure(signFirmaPdf(blank, opts({ p12: new Uint8Array([1, 2, 3]) })))).reason).toBe("bad-p12")
    const expired = await makeSigningIdentity({ notBefore: new Date("2020-06-01T00:00:00Z"), notAfter: new Date("2022-01-01T00:00:00Z") })
    expect((await failure(signFirmaPdf(blank, { ...opts(), p12: expired.p12, passphrase: expired.passphrase }))).reason).toBe("certificate-expired")
    expect((await failure(signFirmaPdf(blank, opts({ now: new Date("2020-06-01T00:00:00Z") })))).reason).toBe("certificate-not-yet-valid")
    const encrypted = new TestPdf().update({ 9: "<< /Filter /Standard /V 2 /R 3 /Length 128 /P -4 /O <00> /U <00> >>" }, " /Encrypt 9 0 R /ID [<01> <01>]")
    expect((await failure(signFirmaPdf(encrypted.bytes, opts()))).reason).toBe("encrypted")
    const effect = await Effect.runPromise(Effect.flip(signFirmaPdfEffect(blank, opts({ passphrase: "x" }))))
    expect(effect.reason).toBe("bad-passphrase")
  })

  it("a wrong passphrase is caught without a MAC too", async () => {
    const p12 = await p12Of(id.pki, "secreta", { withMac: false })
    expect(await signFirmaPdf(blank, opts({ p12, passphrase: "secreta" }))).toBeInstanceOf(Uint8Array)
    expect((await failure(signFirmaPdf(blank, opts({ p12, passphrase: "no-es" })))).reason).toBe("bad-passphrase")
  })
})

describe("openFirmaSigningKey", () => {
  it("opens a PKCS#12 once and signs several documents with it", async () => {
    const key = await openFirmaSigningKey(id.p12, id.passphrase)
    expect(key.notAfter.toISOString()).toBe("2035-01-01T00:00:00.000Z")
    const first = await signFirmaPdf(blank, { key, as: "titular", now: at, crls: [crl] })
    const second = await signFirmaPdf(first, { key, as: "notificacion", now: at, crls: [crl] })
    const r = await verify(second)
    expect(r.verdict).toBe("valid")
    expect(r.signatures).toHaveLength(2)
    expect((await failure(openFirmaSigningKey(id.p12, "mala"))).reason).toBe("bad-passphrase")
    // Validity is checked at each signing time.
    expect((await failure(signFirmaPdf(blank, { key, as: "titular", now: new Date("2036-01-01T00:00:00Z") }))).reason).toBe("certificate-expired")
  })
})

describe("in a page that signed", () => {
  it("verification still works with the browser's `buffer` package as the global Buffer", async () => {
    const out = await signFirmaPdf(blank, opts())
    const g = globalThis as { Buffer?: unknown }
    const native = g.Buffer
    // What signing installs in a browser (see ensureBuffer): the npm `buffer` package.
    g.Buffer = (await import("buffer/")).Buffer
    try {
      const r = await verify(out)
      expect(r.verdict).toBe("valid")
    } finally {
      g.Buffer = native
    }
  })
})

describe("signFirmaPdf on rotated pages", () => {
  // A page turned by /Rotate is seen turned: the stamp goes where the reader sees the
  // bottom-left corner, and its text reads upright there (checked by rendering with poppler).
  const rotated = async (angle: number) => {
    const { degrees } = await import("pdf-lib")
    const d = await PDFDocument.create()
    d.addPage([595, 842]).setRotation(degrees(angle))
    return d.save()
  }
  const widget = async (bytes: Uint8Array) => {
    const { PDFArray, PDFDict, PDFName } = await import("pdf-lib")
    const doc = await PDFDocument.load(bytes)
    const annots = doc.getPage(0).node.lookup(PDFName.of("Annots"), PDFArray)
    const w = annots.lookup(annots.size() - 1, PDFDict)
    const nums = (a: unknown) => (a as PDFArrayT).asArray().map((n) => (n as PDFNumberT).asNumber())
    const ap = (w.lookup(PDFName.of("AP"), PDFDict).lookup(PDFName.of("N")) as unknown as { dict: PDFDictT }).dict
    const matrix = ap.lookup(PDFName.of("Matrix"))
    return { rect: nums(w.lookup(PDFName.of("Rect"))), matrix: matrix ? nums(matrix) : undefined }
  }
  const pdftotext = async (bytes: Uint8Array): Promise<string | undefined> => {
    const { execFileSync } = await import("node:child_process")
    const { mkdtempSync, writeFileSync, rmSync } = await import("node:fs")
    const { join } = await import("node:path")
    const { tmpdir } = await import("node:os")
    const dir = mkdtempSync(join(tmpdir(), "rot-"))
    try {
      writeFileSync(join(dir, "a.pdf"), bytes)
      return execFileSync("pdftotext", ["-layout", join(dir, "a.pdf"), "-"], { encoding: "utf8" })
    } catch {
      return undefined
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }

  it.each([
    [90, [0, 1, -1, 0, 0, 0]],
    [180, [-1, 0, 0, -1, 0, 0]],
    [270, [0, -1, 1, 0, 0, 0]]
  ])("/Rotate %i: the stamp sits at the seen bottom-left, turned to read upright; the signature stays valid", async (angle, matrix) => {
    const out = await signFirmaPdf(await rotated(angle), opts())
    expect((await verify(out)).signatures[0]).toMatchObject({ intact: true, indication: "TOTAL_PASSED" })
    const { rect, matrix: m } = await widget(out)
    expect(m).toEqual(matrix)
    const [x1, y1, x2, y2] = rect
    // On a quarter turn the stamp's width runs along the page's y axis.
    const [w, h] = angle === 180 ? [x2 - x1, y2 - y1] : [y2 - y1, x2 - x1]
    expect(w).toBe(210)
    expect(h).toBeGreaterThanOrEqual(52)
    // The seen bottom-left corner, 36 pt in: where each turn puts it in the page's own space.
    const corner = { 90: [595 - 36 - h, 36], 180: [595 - 36 - w, 842 - 36 - h], 270: [36, 842 - 36 - w] }[angle as 90 | 180 | 270]
    expect([x1, y1]).toEqual(corner)
    const text = await pdftotext(out)
    if (text === undefined) return void console.warn("pdftotext (poppler-utils) not found: the rendering check of the rotated stamp is skipped")
    // Upright where it is seen: poppler extracts the stamp's lines as whole words, in order.
    expect(text).toMatch(/Firmado digitalmente por PEREZ ROJAS Juan/)
    expect(text).toMatch(/Motivo: Soy el autor del documento/)
  })

  it("an explicit position is read on the page as seen, and refused when it falls off it", async () => {
    const page = await rotated(90)
    const out = await signFirmaPdf(page, opts({ x: 600, y: 100 }))
    const { rect } = await widget(out)
    // Seen as 842 wide by 595 high: x 600 fits there (it would not on the unturned page).
    expect(rect[1]).toBe(600)
    expect((await failure(signFirmaPdf(page, opts({ x: 100, y: 560 }))))).toMatchObject({ reason: "bad-position" })
  })
})

describe("signature timestamp (PAdES B-T) from an RFC 3161 TSA", () => {
  // A TSA on 127.0.0.1 speaking RFC 3161 over HTTP, issued by the test root with the
  // timeStamping usage: the signing code reaches it with rfc3161Tsa(url), as it would a real one.
  const startTsa = async (answer: "grant" | "reject" | "garbage" = "grant") => {
    const http = await import("node:http")
    const pkijs = await import("pkijs")
    const { makeTsa } = await import("../../../test/firma/pki.js")
    const { timestampToken } = await import("../../../test/firma/cms.js")
    const tsa = await makeTsa(id.pki)
    const genTime = new Date("2026-11-27T17:04:07Z")
    const server = http.createServer((req, res) => {
      const chunks: Array<Buffer> = []
      req.on("data", (c: Buffer) => chunks.push(c))
      req.on("end", async () => {
        const body = Buffer.concat(chunks)
        res.writeHead(200, { "content-type": "application/timestamp-reply" })
        if (answer === "garbage") return void res.end("not DER")
        const request = pkijs.TimeStampReq.fromBER(new Uint8Array(body))
        const imprint = new Uint8Array(request.messageImprint.hashedMessage.valueBlock.valueHexView)
        const status = new pkijs.PKIStatusInfo({ status: answer === "grant" ? 0 : 2 })
        const token = answer === "grant"
          ? pkijs.ContentInfo.fromBER(
            (await timestampToken(tsa, new Uint8Array(), genTime, { imprint, chain: [id.pki.root.cert], crls: id.pki.crls, ...(request.nonce ? { nonce: request.nonce } : {}) })) as Uint8Array<ArrayBuffer>
          )
          : undefined
        res.end(Buffer.from(new pkijs.TimeStampResp({ status, ...(token ? { timeStampToken: token } : {}) }).toSchema().toBER()))
      })
    })
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()))
    const { port } = server.address() as { port: number }
    return { url: `http://127.0.0.1:${port}/tsa`, genTime, close: () => new Promise<void>((r) => server.close(() => r())) }
  }

  it("the signature carries the TSA's token over its value, and the verifier takes it as the proof of time", async () => {
    const { rfc3161Tsa } = await import("./index.js")
    const tsa = await startTsa()
    try {
      const out = await signFirmaPdf(blank, opts({ tsa: rfc3161Tsa(tsa.url) }))
      const report = await verify(out)
      expect(report.signatures[0]).toMatchObject({ intact: true, indication: "TOTAL_PASSED", proofOfTime: tsa.genTime.toISOString() })
      // Without a TSA there is no proof of time: the signer's own claim does not count.
      expect((await verify(await signFirmaPdf(blank, opts()))).signatures[0].proofOfTime).toBe(null)
    } finally {
      await tsa.close()
    }
  })

  it("the request's nonce is always a minimally encoded positive INTEGER (DER), which the TSA echoes into its TSTInfo", async () => {
    const { rfc3161Tsa } = await import("./index.js")
    const pkijs = await import("pkijs")
    const bodies: Uint8Array[] = []
    const tsa = rfc3161Tsa("http://127.0.0.1:9/tsa", {
      fetch: async (_url, init) => {
        bodies.push(new Uint8Array(init!.body as Uint8Array))
        return new Response(null, { status: 503 })
      }
    })
    // A leading 0x00 before a byte below 0x80 came one time in 256: 3,000 draws find it nearly surely.
    for (let i = 0; i < 3000; i++) await tsa(Uint8Array.of(i & 255)).catch(() => undefined)
    expect(bodies.length).toBe(3000)
    for (const body of bodies) {
      const nonce = new Uint8Array(pkijs.TimeStampReq.fromBER(body as Uint8Array<ArrayBuffer>).nonce!.valueBlock.valueHexView)
      expect(nonce[0] < 0x80 && !(nonce[0] === 0 && nonce.length > 1 && nonce[1] < 0x80)).toBe(true)
    }
  })

  it("a TSA that refuses or answers garbage fails the signing with tsa-failed, and nothing is signed", async () => {
    const { rfc3161Tsa } = await import("./index.js")
    for (const answer of ["reject", "garbage"] as const) {
      const tsa = await startTsa(answer)
      try {
        expect(await failure(signFirmaPdf(blank, opts({ tsa: rfc3161Tsa(tsa.url) })))).toMatchObject({ reason: "tsa-failed" })
      } finally {
        await tsa.close()
      }
    }
    expect(await failure(signFirmaPdf(blank, opts({ tsa: rfc3161Tsa("http://127.0.0.1:9/none") })))).toMatchObject({ reason: "tsa-failed" })
  })
})

describe("signing with an elliptic curve key (ECDSA)", () => {
  it("a P-256 PKCS#12 signs: the verifier finds the signature valid and trusted, and a change after signing invalid", async () => {
    const { makePki } = await import("../../../test/firma/pki.js")
    const { p12ViaOpenssl } = await import("../../../test/firma/p12.js")
    const pki = await makePki("ecdsa")
    const p12 = await p12ViaOpenssl(pki, "clave-ec")
    if (!p12) return void console.warn("openssl not found: the ECDSA signing test is skipped")
    const eccrl = new Uint8Array((await makeCrl(pki, [])).toSchema().toBER())
    const out = await signFirmaPdf(blank, { p12, passphrase: "clave-ec", as: "titular", now: new Date(), crls: [eccrl] })
    const report = await verifyPdfAsync(out, { trustAnchors: [pki.rootPem], policy: "strict" })
    expect(report.verdict).toBe("valid")
    expect(report.signatures[0]).toMatchObject({ intact: true, indication: "TOTAL_PASSED" })
    expect(report.signatures[0].signatureAlgorithm).toMatch(/ECDSA/i)
    const tampered = out.slice()
    const at = latin1(tampered).indexOf("/MediaBox")
    tampered[at + 1] = "N".charCodeAt(0)
    expect((await verifyPdfAsync(tampered, { trustAnchors: [pki.rootPem] })).verdict).toBe("invalid")
    expect(await failure(signFirmaPdf(blank, { p12, passphrase: "otra", as: "titular" }))).toMatchObject({ reason: "bad-passphrase" })
  })
})
