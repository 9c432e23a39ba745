// Builds a signed PDF of a given size for the firma benchmarks: a throwaway RSA-2048 PKI
// (pkijs + WebCrypto) and a one-page PDF whose image stream carries the bulk, signed with a
// detached CAdES-style CMS over the exact ByteRange.
import * as asn1js from "asn1js"
import * as pkijs from "pkijs"

const subtle = globalThis.crypto.subtle

const rdn = (cn) =>
  new pkijs.RelativeDistinguishedNames({
    typesAndValues: [
      new pkijs.AttributeTypeAndValue({ type: "2.5.4.6", value: new asn1js.PrintableString({ value: "PE" }) }),
      new pkijs.AttributeTypeAndValue({ type: "2.5.4.3", value: new asn1js.Utf8String({ value: cn }) })
    ]
  })

async function certificate(subject, issuer, publicKey, signKey, serial) {
  const c = new pkijs.Certificate()
  c.version = 2
  c.serialNumber = new asn1js.Integer({ value: serial })
  c.subject = rdn(subject)
  c.issuer = rdn(issuer)
  c.notBefore.value = new Date("2020-01-01T00:00:00Z")
  c.notAfter.value = new Date("2040-01-01T00:00:00Z")
  await c.subjectPublicKeyInfo.importKey(publicKey)
  await c.sign(signKey, "SHA-256")
  return c
}

const rsa = { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" }

export async function makeSignedPdf(bulkBytes) {
  const rootKeys = await subtle.generateKey(rsa, true, ["sign", "verify"])
  const leafKeys = await subtle.generateKey(rsa, true, ["sign", "verify"])
  const root = await certificate("Raiz bench", "Raiz bench", rootKeys.publicKey, rootKeys.privateKey, 1)
  const leaf = await certificate("Firmante bench FAU 20131378972 soft", "Raiz bench", leafKeys.publicKey, rootKeys.privateKey, 2)

  // Incompressible bulk, as in a scanned document's image stream.
  const bulk = new Uint8Array(bulkBytes)
  for (let i = 0; i < bulk.length; i += 65536) globalThis.crypto.getRandomValues(bulk.subarray(i, Math.min(bulk.length, i + 65536)))
  const enc = (s) => Uint8Array.from(s, (c) => c.charCodeAt(0) & 255)
  const hexLen = 16384
  const pieces = []
  let size = 0
  const offsets = {}
  const push = (b) => {
    pieces.push(b)
    size += b.length
  }
  const obj = (n, body) => {
    offsets[n] = size
    push(enc(`${n} 0 obj\n${body}\nendobj\n`))
  }
  push(enc("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"))
  obj(1, "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [6 0 R] /SigFlags 3 >> >>")
  obj(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
  obj(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /XObject << /Im1 5 0 R >> >> /Annots [6 0 R] >>")
  obj(4, "<< /Length 31 >>\nstream\nq 612 0 0 792 0 0 cm /Im1 Do Q\nendstream")
  offsets[5] = size
  push(enc(`5 0 obj\n<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length ${bulk.length} >>\nstream\n`))
  push(bulk)
  push(enc("\nendstream\nendobj\n"))
  obj(6, "<< /FT /Sig /T (Firma1) /V 7 0 R /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /P 3 0 R /F 132 >>")
  offsets[7] = size
  const sigHead = `7 0 obj\n<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange `
  const brWidth = "[0 0000000000 0000000000 0000000000]".length
  const lt = size + sigHead.length + brWidth + " /Contents ".length
  const gt = lt + hexLen + 2
  const tailText = ` >>\nendobj\n`
  let tail = tailText
  const xrefAt = gt + tail.length
  tail += `xref\n0 8\n0000000000 65535 f \n`
  for (let n = 1; n <= 7; n++) tail += `${String(offsets[n]).padStart(10, "0")} 00000 n \n`
  tail += `trailer\n<< /Size 8 /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`
  const total = gt + tail.length
  const br = `[0 ${lt} ${gt} ${total - gt}]`.padEnd(brWidth, " ")
  push(enc(`${sigHead}${br} /Contents <`))
  const contentsAt = size
  push(new Uint8Array(hexLen).fill(48))
  push(enc(">" + tail))

  const pdf = new Uint8Array(size)
  let o = 0
  for (const p of pieces) {
    pdf.set(p, o)
    o += p.length
  }
  const covered = new Uint8Array(lt + (pdf.length - gt))
  covered.set(pdf.subarray(0, lt))
  covered.set(pdf.subarray(gt), lt)
  const digest = new Uint8Array(await subtle.digest("SHA-256", covered))
  const sd = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: "1.2.840.113549.1.7.1" }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: leaf.issuer, serialNumber: leaf.serialNumber }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({
          type: 0,
          attributes: [
            new pkijs.Attribute({ type: "1.2.840.113549.1.9.3", values: [new asn1js.ObjectIdentifier({ value: "1.2.840.113549.1.7.1" })] }),
            new pkijs.Attribute({ type: "1.2.840.113549.1.9.5", values: [new asn1js.UTCTime({ valueDate: new Date() })] }),
            new pkijs.Attribute({ type: "1.2.840.113549.1.9.4", values: [new asn1js.OctetString({ valueHex: digest })] })
          ]
        })
      })
    ],
    certificates: [leaf, root]
  })
  await sd.sign(leafKeys.privateKey, 0, "SHA-256")
  const cms = new Uint8Array(new pkijs.ContentInfo({ contentType: "1.2.840.113549.1.7.2", content: sd.toSchema(true) }).toSchema().toBER())
  const hex = Array.from(cms, (b) => b.toString(16).padStart(2, "0")).join("")
  pdf.set(enc(hex), contentsAt)
  return pdf
}
