// Builds the signed PDF of the firma benchmarks as Firma Perú makes them: a document written with
// object streams and xref streams whose scanned page (an image stream) carries the bulk; the
// titular's signature as an incremental update, then the notification's signature as a second
// one (three revisions), each with a visible stamp, a CAdES detached CMS carrying the chain and
// the CRLs of its CAs. The PKI is throwaway: root → intermediate CA → two signers.
import { createHash } from "node:crypto"
import * as asn1js from "asn1js"
import { zlibSync } from "fflate"
import * as pkijs from "pkijs"

const subtle = globalThis.crypto.subtle
const rsa = { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" }
const enc = (s) => Uint8Array.from(s, (c) => c.charCodeAt(0) & 255)

const rdn = (parts) =>
  new pkijs.RelativeDistinguishedNames({
    typesAndValues: parts.map(
      ([type, value]) =>
        new pkijs.AttributeTypeAndValue({
          type,
          value: type === "2.5.4.6" || type === "2.5.4.5" ? new asn1js.PrintableString({ value }) : new asn1js.Utf8String({ value })
        })
    )
  })

/** keyUsage bits, first octet: digitalSignature 0x80, nonRepudiation 0x40, keyCertSign 0x04, cRLSign 0x02. */
const keyUsage = (bits) => new asn1js.BitString({ valueHex: new Uint8Array([bits]).buffer, unusedBits: 1 }).toBER(false)

async function certificate({ subject, issuer, publicKey, signKey, serial, ca }) {
  const c = new pkijs.Certificate()
  c.version = 2
  c.serialNumber = new asn1js.Integer({ value: serial })
  c.subject = rdn(subject)
  c.issuer = issuer ? issuer.subject : c.subject
  c.notBefore.value = new Date("2020-01-01T00:00:00Z")
  c.notAfter.value = new Date("2040-01-01T00:00:00Z")
  await c.subjectPublicKeyInfo.importKey(publicKey)
  const ski = createHash("sha1").update(new Uint8Array(c.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView)).digest()
  const bc = new pkijs.BasicConstraints({ cA: ca })
  c.extensions = [
    new pkijs.Extension({ extnID: "2.5.29.19", critical: true, extnValue: bc.toSchema().toBER(false), parsedValue: bc }),
    new pkijs.Extension({ extnID: "2.5.29.15", critical: true, extnValue: keyUsage(ca ? 0x06 : 0xc0) }),
    new pkijs.Extension({ extnID: "2.5.29.14", extnValue: new asn1js.OctetString({ valueHex: ski }).toBER(false) })
  ]
  await c.sign(signKey, "SHA-256")
  return c
}

async function crlOf(issuer, key, now) {
  const crl = new pkijs.CertificateRevocationList({
    version: 1,
    issuer: issuer.subject,
    thisUpdate: new pkijs.Time({ type: 0, value: new Date(now.getTime() - 86_400_000) }),
    nextUpdate: new pkijs.Time({ type: 0, value: new Date(now.getTime() + 30 * 86_400_000) })
  })
  await crl.sign(key, "SHA-256")
  return crl
}

/**
 * The DER of a national CA's CRL: `count` revoked certificates with 16-byte serial numbers and a
 * reason code each, signed by a fresh RSA key. Encoded through pkijs' and asn1js' writers and
 * signed with WebCrypto (pkijs' own sign() re-reads what it writes, and asn1js reads at most
 * 10,000 nodes by default).
 */
export async function makeLargeCrl(count) {
  const key = (await subtle.generateKey(rsa, true, ["sign", "verify"])).privateKey
  const algorithm = new pkijs.AlgorithmIdentifier({ algorithmId: "1.2.840.113549.1.1.11", algorithmParams: new asn1js.Null() })
  const reason = new pkijs.Extensions({ extensions: [new pkijs.Extension({ extnID: "2.5.29.21", extnValue: new asn1js.Enumerated({ value: 1 }).toBER() })] })
  let x = 0x2468ace0
  const serial = () => {
    const v = new Uint8Array(16)
    for (let k = 0; k < 16; k++) v[k] = (x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 24
    v[0] = (v[0] & 0x7f) | 1
    return new asn1js.Integer({ valueHex: v.buffer })
  }
  const crl = new pkijs.CertificateRevocationList({
    version: 1,
    signature: algorithm,
    issuer: rdn([["2.5.4.6", "PE"], ["2.5.4.3", "EREP bench RENIEC"]]),
    thisUpdate: new pkijs.Time({ type: 0, value: new Date(Date.now() - 86_400_000) }),
    nextUpdate: new pkijs.Time({ type: 0, value: new Date(Date.now() + 7 * 86_400_000) }),
    revokedCertificates: Array.from({ length: count }, () => new pkijs.RevokedCertificate({ userCertificate: serial(), revocationDate: new pkijs.Time({ type: 0, value: new Date("2025-01-01T00:00:00Z") }), crlEntryExtensions: reason }))
  })
  const tbs = crl.encodeTBS()
  const signature = await subtle.sign("RSASSA-PKCS1-v1_5", key, tbs.toBER())
  return new Uint8Array(new asn1js.Sequence({ value: [tbs, algorithm.toSchema(), new asn1js.BitString({ valueHex: signature })] }).toBER())
}

/** The throwaway PKI: root (the trust anchor), an intermediate CA, the titular and the notifier. */
export async function makeBenchPki() {
  const keys = await Promise.all([0, 1, 2, 3].map(() => subtle.generateKey(rsa, true, ["sign", "verify"])))
  const root = await certificate({ subject: [["2.5.4.6", "PE"], ["2.5.4.3", "Raiz bench ECERNEP"]], publicKey: keys[0].publicKey, signKey: keys[0].privateKey, serial: 1, ca: true })
  const ca = await certificate({ subject: [["2.5.4.6", "PE"], ["2.5.4.3", "EREP bench RENIEC"]], issuer: root, publicKey: keys[1].publicKey, signKey: keys[0].privateKey, serial: 2, ca: true })
  const signer = (cn, serialNumber, i, serial) =>
    certificate({ subject: [["2.5.4.6", "PE"], ["2.5.4.10", "CONTRALORIA GENERAL DE LA REPUBLICA"], ["2.5.4.3", cn], ["2.5.4.5", serialNumber]], issuer: ca, publicKey: keys[i].publicKey, signKey: keys[1].privateKey, serial, ca: false })
  const titular = await signer("PEREZ ROJAS Juan FAU 20131378972 soft", "PNOPE-10117410", 2, 3)
  const notifier = await signer("CASILLA ELECTRONICA FAU 20131378972 hard", "PNOPE-40404040", 3, 4)
  const now = new Date()
  const crls = [await crlOf(ca, keys[1].privateKey, now), await crlOf(root, keys[0].privateKey, now)]
  const der = new Uint8Array(root.toSchema().toBER())
  const rootPem = enc(`-----BEGIN CERTIFICATE-----\n${btoa(String.fromCharCode(...der)).replace(/.{64}/g, "$&\n")}\n-----END CERTIFICATE-----\n`)
  return { root, ca, crls, rootPem, titular: { cert: titular, key: keys[2].privateKey }, notifier: { cert: notifier, key: keys[3].privateKey } }
}

async function cms(pki, who, digest) {
  const certHash = createHash("sha256").update(new Uint8Array(who.cert.toSchema().toBER())).digest()
  const sd = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: "1.2.840.113549.1.7.1" }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: who.cert.issuer, serialNumber: who.cert.serialNumber }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({
          type: 0,
          attributes: [
            new pkijs.Attribute({ type: "1.2.840.113549.1.9.3", values: [new asn1js.ObjectIdentifier({ value: "1.2.840.113549.1.7.1" })] }),
            new pkijs.Attribute({ type: "1.2.840.113549.1.9.5", values: [new asn1js.UTCTime({ valueDate: new Date() })] }),
            new pkijs.Attribute({ type: "1.2.840.113549.1.9.4", values: [new asn1js.OctetString({ valueHex: digest })] }),
            new pkijs.Attribute({
              type: "1.2.840.113549.1.9.16.2.47",
              values: [new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: certHash })] })] })] })]
            })
          ]
        })
      })
    ],
    certificates: [who.cert, pki.ca, pki.root],
    crls: pki.crls
  })
  await sd.sign(who.key, 0, "SHA-256")
  return new Uint8Array(new pkijs.ContentInfo({ contentType: "1.2.840.113549.1.7.2", content: sd.toSchema(true) }).toSchema().toBER())
}

/** A PDF written piece by piece, with object streams and xref streams. */
class Writer {
  pieces = []
  size = 0
  rows = new Map()
  lastXref = undefined
  push(b) {
    this.pieces.push(b)
    this.size += b.length
  }
  obj(n, dict, data) {
    this.rows.set(n, [1, this.size, 0])
    if (!data) return this.push(enc(`${n} 0 obj\n${dict}\nendobj\n`))
    this.push(enc(`${n} 0 obj\n${dict.replace(/>>$/, ` /Length ${data.length} >>`)}\nstream\n`))
    this.push(data)
    this.push(enc("\nendstream\nendobj\n"))
  }
  objStm(n, objects) {
    let head = ""
    let body = ""
    objects.forEach(([num, b], i) => {
      head += `${num} ${body.length} `
      body += `${b}\n`
      this.rows.set(num, [2, n, i])
    })
    this.obj(n, `<< /Type /ObjStm /N ${objects.length} /First ${head.length} /Filter /FlateDecode >>`, zlibSync(enc(head + body)))
  }
  /** Ends the revision: an xref stream of this increment's rows, then startxref and %%EOF. */
  xref(n, root, size) {
    const at = this.size
    this.rows.set(n, [1, at, 0])
    const nums = [...this.rows.keys()].sort((a, b) => a - b)
    const row = ([t, a, b]) => [t, a >>> 24, (a >>> 16) & 255, (a >>> 8) & 255, a & 255, b >> 8, b & 255]
    const data = zlibSync(Uint8Array.from(nums.flatMap((k) => row(this.rows.get(k)))))
    const prev = this.lastXref === undefined ? "" : ` /Prev ${this.lastXref}`
    this.obj(n, `<< /Type /XRef /Size ${size} /W [1 4 2] /Index [${nums.map((k) => `${k} 1`).join(" ")}] /Root ${root} 0 R /Info 7 0 R${prev} /Filter /FlateDecode >>`, data)
    this.push(enc(`startxref\n${at}\n%%EOF\n`))
    this.lastXref = at
    this.rows = new Map()
  }
  bytes() {
    const out = new Uint8Array(this.size)
    let o = 0
    for (const p of this.pieces) out.set(p, o), (o += p.length)
    this.pieces = [out]
    return out
  }
}

const stamp = (text) => zlibSync(enc(`q 0.9 0.9 0.9 rg 0 0 200 60 re f Q BT /F1 9 Tf 6 40 Td (${text}) Tj ET`))

/** Appends one signature increment and signs it over everything before its /Contents. */
async function sign(w, pki, who, { first, field, fields, rect }) {
  const [sig, widget, ap, stm, xr] = [first, first + 1, first + 2, first + 3, first + 4]
  const hexLen = 24_000
  const brWidth = "[0 0000000000 0000000000 0000000000]".length
  const sigAt = w.size
  w.rows.set(sig, [1, sigAt, 0])
  const head = `${sig} 0 obj\n<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /M (D:20261203090000-05'00') /Reason (Firma Peru) /ByteRange `
  const lt = sigAt + head.length + brWidth + " /Contents ".length
  w.push(enc(`${head}${" ".repeat(brWidth)} /Contents <`))
  const contentsAt = w.size
  w.push(new Uint8Array(hexLen).fill(48))
  w.push(enc(">\n>>\nendobj\n"))
  const gt = lt + hexLen + 2
  w.obj(ap, "<< /Type /XObject /Subtype /Form /BBox [0 0 200 60] /Resources << /Font << /F1 6 0 R >> >> /Filter /FlateDecode >>", stamp(field))
  const all = [...fields, widget]
  w.objStm(stm, [
    [widget, `<< /FT /Sig /T (${field}) /V ${sig} 0 R /Type /Annot /Subtype /Widget /Rect ${rect} /AP << /N ${ap} 0 R >> /P 3 0 R /F 132 >>`],
    [3, `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /XObject << /Im1 5 0 R >> /Font << /F1 6 0 R >> >> /Annots [${all.map((f) => `${f} 0 R`).join(" ")}] >>`],
    [8, `<< /Fields [${all.map((f) => `${f} 0 R`).join(" ")}] /SigFlags 3 /DA (/Helv 0 Tf 0 g) >>`]
  ])
  w.xref(xr, 1, xr + 1)
  const pdf = w.bytes()
  const br = `[0 ${lt} ${gt} ${pdf.length - gt}]`.padEnd(brWidth, " ")
  pdf.set(enc(br), sigAt + head.length)
  const digest = createHash("sha256").update(pdf.subarray(0, lt)).update(pdf.subarray(gt)).digest()
  const der = await cms(pki, who, digest)
  if (der.length * 2 > hexLen) throw new Error("CMS larger than its placeholder")
  pdf.set(enc(Buffer.from(der).toString("hex")), contentsAt)
  return all
}

/**
 * The benchmark document: `bulkBytes` of incompressible image data (a scanned page), three
 * revisions, two signatures (`{ signatures: 1 }`: the titular's alone, two revisions). Returns
 * the bytes and the PKI (its root is the trust anchor).
 */
export async function makeFirmaPeruPdf(bulkBytes, { signatures = 2 } = {}) {
  const pki = await makeBenchPki()
  const w = new Writer()
  w.push(enc("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"))
  const content = zlibSync(enc("q 595 0 0 842 0 0 cm /Im1 Do Q BT /F1 11 Tf 72 800 Td (Notificacion electronica) Tj ET"))
  w.obj(4, "<< /Filter /FlateDecode >>", content)
  const bulk = new Uint8Array(bulkBytes)
  for (let i = 0; i < bulk.length; i += 65536) globalThis.crypto.getRandomValues(bulk.subarray(i, Math.min(bulk.length, i + 65536)))
  w.obj(5, `<< /Type /XObject /Subtype /Image /Width ${bulkBytes} /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 >>`, bulk)
  const xmp = enc("<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'/></x:xmpmeta>")
  w.obj(10, "<< /Type /Metadata /Subtype /XML >>", xmp)
  w.objStm(9, [
    [1, "<< /Type /Catalog /Pages 2 0 R /AcroForm 8 0 R /Metadata 10 0 R >>"],
    [2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"],
    [3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /XObject << /Im1 5 0 R >> /Font << /F1 6 0 R >> >> >>"],
    [6, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"],
    [7, "<< /Producer (ecasilla bench) /Title (Notificacion) >>"],
    [8, "<< /Fields [] /DA (/Helv 0 Tf 0 g) >>"]
  ])
  w.xref(11, 1, 12)
  const fields = await sign(w, pki, pki.titular, { first: 12, field: "Titular", fields: [], rect: "[350 60 550 120]" })
  if (signatures > 1) await sign(w, pki, pki.notifier, { first: 17, field: "Notificacion", fields, rect: "[350 130 550 190]" })
  return { pdf: w.bytes(), pki }
}
