// The sample documents of the <firma-verify> playground page, made at build time with our own
// signer and a throwaway PKI (new keys every build; no key is ever written to the site or the
// repository): a valid signed PDF, the same PDF edited after signing, and one signed twice
// (titular, then notification, as an incremental update). The root certificate is published so
// the page can trust these samples.
import * as asn1js from "asn1js"
import forge from "node-forge"
import { PDFDocument, StandardFonts, rgb } from "pdf-lib"
import * as pkijs from "pkijs"
import { signFirmaPdf } from "@ecasilla/core/firma/sign"
import { appendIncrement, snapshot } from "../../packages/core/src/firma/sign/internal/incremental.js"

const subtle = globalThis.crypto.subtle
const rsa = { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" }

const name = (parts: Array<[string, string]>) =>
  new pkijs.RelativeDistinguishedNames({
    typesAndValues: parts.map(([type, value]) => new pkijs.AttributeTypeAndValue({ type, value: type === "2.5.4.6" || type === "2.5.4.5" ? new asn1js.PrintableString({ value }) : new asn1js.Utf8String({ value }) }))
  })

const certificate = async (subject: pkijs.RelativeDistinguishedNames, issuer: pkijs.RelativeDistinguishedNames, publicKey: CryptoKey, signKey: CryptoKey, serial: number, ca: boolean) => {
  const c = new pkijs.Certificate()
  c.version = 2
  c.serialNumber = new asn1js.Integer({ value: serial })
  c.subject = subject
  c.issuer = issuer
  c.notBefore.value = new Date(Date.now() - 400 * 86400_000)
  c.notAfter.value = new Date(Date.now() + 3 * 365 * 86400_000)
  c.extensions = [new pkijs.Extension({ extnID: "2.5.29.19", critical: true, extnValue: new pkijs.BasicConstraints({ cA: ca }).toSchema().toBER(false) })]
  await c.subjectPublicKeyInfo.importKey(publicKey)
  await c.sign(signKey, "SHA-256")
  return c
}

const binary = (b: ArrayBuffer | Uint8Array) => {
  const u = b instanceof Uint8Array ? b : new Uint8Array(b)
  let s = ""
  for (let i = 0; i < u.length; i += 8192) s += String.fromCharCode(...u.subarray(i, i + 8192))
  return s
}

const pem = (c: pkijs.Certificate) => `-----BEGIN CERTIFICATE-----\n${btoa(binary(c.toSchema().toBER())).replace(/.{64}/g, "$&\n")}\n-----END CERTIFICATE-----\n`

export interface FirmaSamples {
  readonly files: Record<string, Uint8Array | string>
}

export async function makeFirmaSamples(): Promise<FirmaSamples> {
  const rootKeys = (await subtle.generateKey(rsa, true, ["sign", "verify"])) as CryptoKeyPair
  const leafKeys = (await subtle.generateKey(rsa, true, ["sign", "verify"])) as CryptoKeyPair
  const rootName = name([["2.5.4.6", "PE"], ["2.5.4.10", "Playground ecasilla"], ["2.5.4.3", "Raíz de demostración ecasilla"]])
  const root = await certificate(rootName, rootName, rootKeys.publicKey, rootKeys.privateKey, 1, true)
  const leafName = name([
    ["2.5.4.6", "PE"],
    ["2.5.4.10", "CONTRALORIA GENERAL DE LA REPUBLICA"],
    ["2.5.4.11", "FAU 20131378972 soft"],
    ["2.5.4.3", "QUISPE MAMANI Rosa FAU 20131378972 soft"],
    ["2.5.4.5", "PNOPE-10117410"]
  ])
  const leaf = await certificate(leafName, rootName, leafKeys.publicKey, rootKeys.privateKey, 2, false)
  const toForge = (c: pkijs.Certificate) => forge.pki.certificateFromAsn1(forge.asn1.fromDer(binary(c.toSchema().toBER())))
  const key = forge.pki.privateKeyFromAsn1(forge.asn1.fromDer(binary(await subtle.exportKey("pkcs8", leafKeys.privateKey))))
  const passphrase = "demo"
  const p12 = Uint8Array.from(forge.asn1.toDer(forge.pkcs12.toPkcs12Asn1(key, [toForge(leaf), toForge(root)], passphrase, { algorithm: "aes256" })).getBytes(), (c) => c.charCodeAt(0))

  // The root's CRL (nothing revoked), embedded in each signature as Firma Perú does, so the strict
  // policy's revocation check is answered offline.
  const crl = new pkijs.CertificateRevocationList({
    version: 1,
    issuer: rootName,
    thisUpdate: new pkijs.Time({ type: 0, value: new Date(Date.now() - 86400_000) }),
    nextUpdate: new pkijs.Time({ type: 0, value: new Date(Date.now() + 30 * 86400_000) })
  })
  await crl.sign(rootKeys.privateKey, "SHA-256")
  const crls = [new Uint8Array(crl.toSchema().toBER())]

  const doc = await PDFDocument.create()
  const font = await doc.embedFont(StandardFonts.Helvetica)
  const page = doc.addPage([595, 842])
  page.drawText("CONTRALORÍA GENERAL DE LA REPÚBLICA", { x: 72, y: 770, size: 14, font })
  page.drawText("Resolución de Contraloría N.° 000-2026-CG (documento de demostración)", { x: 72, y: 740, size: 11, font })
  page.drawText("Monto autorizado: S/ 1 000,00", { x: 72, y: 700, size: 11, font })
  const unsigned = await doc.save()

  const valid = await signFirmaPdf(unsigned, { p12, passphrase, as: "titular", crls })
  const twice = await signFirmaPdf(valid, { p12, passphrase, as: "notificacion", now: new Date(Date.now() + 60_000), crls })

  // Edited after signing the way a PDF editor does it: an increment that draws on the page.
  const edit = await PDFDocument.load(valid, { updateMetadata: false })
  const before = snapshot(edit.context)
  edit.getPages()[0].drawText("Monto autorizado: S/ 9 000,00", { x: 72, y: 680, size: 11, color: rgb(0.6, 0, 0), font: await edit.embedFont(StandardFonts.Helvetica) })
  const modified = appendIncrement(valid, edit.context, before)

  return { files: { "valido.pdf": valid, "modificado.pdf": modified, "dos-firmas.pdf": twice, "raiz.pem": pem(root) } }
}
