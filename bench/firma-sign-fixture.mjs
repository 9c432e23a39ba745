// Fixtures of the signing benchmarks: a throwaway PKCS#12 (RSA-2048, RENIEC-style subject, made
// with pkijs + WebCrypto + node-forge, new keys every run) and an unsigned one-page PDF whose
// image stream carries the bulk.
import * as asn1js from "asn1js"
import forge from "node-forge"
import * as pkijs from "pkijs"

const subtle = globalThis.crypto.subtle
const rsa = { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" }
const rdn = (parts) =>
  new pkijs.RelativeDistinguishedNames({
    typesAndValues: parts.map(([type, value]) => new pkijs.AttributeTypeAndValue({ type, value: new asn1js.Utf8String({ value }) }))
  })
const binary = (b) => {
  const u = new Uint8Array(b)
  let s = ""
  for (let i = 0; i < u.length; i += 8192) s += String.fromCharCode(...u.subarray(i, i + 8192))
  return s
}

async function certificate(subject, issuer, publicKey, signKey, serial, ca = false) {
  const c = new pkijs.Certificate()
  c.extensions = [new pkijs.Extension({ extnID: "2.5.29.19", critical: true, extnValue: new pkijs.BasicConstraints({ cA: ca }).toSchema().toBER(false) })]
  c.version = 2
  c.serialNumber = new asn1js.Integer({ value: serial })
  c.subject = subject
  c.issuer = issuer
  c.notBefore.value = new Date(Date.now() - 86400_000)
  c.notAfter.value = new Date(Date.now() + 365 * 86400_000)
  await c.subjectPublicKeyInfo.importKey(publicKey)
  await c.sign(signKey, "SHA-256")
  return c
}

/** `{ p12, passphrase, rootPem }` */
export async function makeP12() {
  const rootKeys = await subtle.generateKey(rsa, true, ["sign", "verify"])
  const leafKeys = await subtle.generateKey(rsa, true, ["sign", "verify"])
  const rootName = rdn([["2.5.4.3", "Raiz bench"]])
  const root = await certificate(rootName, rootName, rootKeys.publicKey, rootKeys.privateKey, 1, true)
  const leaf = await certificate(rdn([["2.5.4.3", "FIRMANTE Bench FAU 20131378972 soft"]]), rootName, leafKeys.publicKey, rootKeys.privateKey, 2)
  const toForge = (c) => forge.pki.certificateFromAsn1(forge.asn1.fromDer(binary(c.toSchema().toBER())))
  const key = forge.pki.privateKeyFromAsn1(forge.asn1.fromDer(binary(await subtle.exportKey("pkcs8", leafKeys.privateKey))))
  const passphrase = "bench"
  const der = forge.asn1.toDer(forge.pkcs12.toPkcs12Asn1(key, [toForge(leaf), toForge(root)], passphrase, { algorithm: "aes256" })).getBytes()
  const rootDer = binary(root.toSchema().toBER())
  const rootPem = new TextEncoder().encode(`-----BEGIN CERTIFICATE-----\n${btoa(rootDer).replace(/.{64}/g, "$&\n")}\n-----END CERTIFICATE-----\n`)
  return { p12: Uint8Array.from(der, (c) => c.charCodeAt(0)), passphrase, rootPem }
}

/** An unsigned one-page PDF of about `bulkBytes` bytes (incompressible image stream). */
export function makeUnsignedPdf(bulkBytes) {
  const enc = (s) => Uint8Array.from(s, (c) => c.charCodeAt(0) & 255)
  const bulk = new Uint8Array(bulkBytes)
  for (let i = 0; i < bulk.length; i += 65536) globalThis.crypto.getRandomValues(bulk.subarray(i, Math.min(bulk.length, i + 65536)))
  const pieces = []
  const offsets = []
  let size = 0
  const push = (b) => (pieces.push(b), (size += b.length))
  const obj = (body, raw) => {
    offsets.push(size)
    push(enc(`${offsets.length} 0 obj\n${body}`))
    if (raw) push(raw), push(enc("\nendstream"))
    push(enc("\nendobj\n"))
  }
  push(enc("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"))
  obj("<< /Type /Catalog /Pages 2 0 R >>")
  obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
  obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /XObject << /Im1 5 0 R >> >> >>")
  obj("<< /Length 31 >>\nstream\nq 595 0 0 842 0 0 cm /Im1 Do Q\nendstream")
  obj(`<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length ${bulk.length} >>\nstream\n`, bulk)
  const xref = size
  let tail = `xref\n0 ${offsets.length + 1}\n0000000000 65535 f \n`
  for (const o of offsets) tail += `${String(o).padStart(10, "0")} 00000 n \n`
  tail += `trailer\n<< /Size ${offsets.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  push(enc(tail))
  const pdf = new Uint8Array(size)
  let at = 0
  for (const p of pieces) pdf.set(p, at), (at += p.length)
  return pdf
}
