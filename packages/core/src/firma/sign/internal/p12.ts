// Reads a PKCS#12 with node-forge: the private key (handed to WebCrypto as PKCS#8) and the
// certificates, signer first. Forge decrypts the bags whatever the key type; it only models
// RSA keys, so an EC key (and its certificate) comes out as the decrypted ASN.1, matched to
// its certificate with WebCrypto in `ecIdentity`. Forge errors are mapped to reasons; none
// carries the passphrase.
import * as pkijs from "pkijs"
import forge from "node-forge/lib/forge.js"
// What reading a PKCS#12 needs, without the rest of forge (see forge-modules.d.ts).
import "node-forge/lib/asn1.js"
import "node-forge/lib/pki.js"
import "node-forge/lib/pkcs12.js"
import { FirmaSignError } from "../errors.js"

export interface P12Identity {
  /** PKCS#8 DER of the private key. */
  readonly pkcs8: Uint8Array
  /** DER of the signer's certificate, then the other certificates of the file. */
  readonly certificates: ReadonlyArray<Uint8Array>
  readonly subject: ReadonlyArray<{ readonly type: string; readonly value: string }>
  readonly notBefore: Date
  readonly notAfter: Date
  readonly modulusBits: number
}

/** An EC key read from the file, and the certificates the key must be matched against. */
export interface P12EcKey {
  readonly _tag: "ec"
  readonly pkcs8: Uint8Array
  readonly certificates: ReadonlyArray<Uint8Array>
}

const toBinary = (b: Uint8Array): string => {
  let s = ""
  for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode(...b.subarray(i, i + 8192))
  return s
}
const fromBinary = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0))

const fail = (reason: ConstructorParameters<typeof FirmaSignError>[0]["reason"], detail: string): never => {
  throw new FirmaSignError({ reason, detail })
}

export const readP12 = (bytes: Uint8Array, passphrase: string): P12Identity | P12EcKey => {
  let asn1: forge.asn1.Asn1
  try {
    asn1 = forge.asn1.fromDer(toBinary(bytes), false)
  } catch {
    return fail("bad-p12", "not DER")
  }
  let p12: forge.pkcs12.Pkcs12Pfx
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(asn1, false, passphrase)
  } catch (e) {
    const text = e instanceof Error ? e.message : ""
    // Forge's message names the MAC check; without a MAC a wrong passphrase decrypts to garbage.
    if (/not an PKCS#12 PFX|Unsupported PKCS#12 PFX/i.test(text)) return fail("bad-p12", "not a PKCS#12")
    if (/MAC could not be verified|Invalid password/i.test(text)) return fail("bad-passphrase", "MAC check failed")
    // The PFX envelope was read: what fails inside it is the decryption with this passphrase.
    return fail("bad-passphrase", "the contents do not decrypt")
  }
  const keyBags = [
    ...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag] ?? []),
    ...(p12.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag] ?? [])
  ]
  if (keyBags.length === 0) return fail("bad-p12", "no private key")
  const key = keyBags[0].key as forge.pki.rsa.PrivateKey | null | undefined
  const certBags = p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? []
  if (!key || !("n" in key)) {
    const asn1Of = (b: { asn1?: forge.asn1.Asn1 }) => (b.asn1 ? fromBinary(forge.asn1.toDer(b.asn1).getBytes()) : undefined)
    const pkcs8 = asn1Of(keyBags[0] as { asn1?: forge.asn1.Asn1 })
    if (!pkcs8) return fail("unsupported-key", "the key could not be read")
    const certificates = certBags.flatMap((b) => {
      const der = b.cert ? fromBinary(forge.asn1.toDer(forge.pki.certificateToAsn1(b.cert)).getBytes()) : asn1Of(b as { asn1?: forge.asn1.Asn1 })
      return der ? [der] : []
    })
    return { _tag: "ec", pkcs8, certificates }
  }
  const certs = certBags.flatMap((b) => (b.cert ? [b.cert] : []))
  const own = certs.find((c) => {
    const pub = c.publicKey as forge.pki.rsa.PublicKey
    return pub && "n" in pub && pub.n.compareTo(key.n) === 0 && pub.e.compareTo(key.e) === 0
  })
  if (!own) return fail("no-certificate", "no certificate matches the key")
  const der = (c: forge.pki.Certificate) => fromBinary(forge.asn1.toDer(forge.pki.certificateToAsn1(c)).getBytes())
  const pkcs8 = fromBinary(forge.asn1.toDer(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(key))).getBytes())
  return {
    pkcs8,
    certificates: [der(own), ...certs.filter((c) => c !== own).map(der)],
    subject: own.subject.attributes.map((a) => ({ type: String(a.type ?? ""), value: String(a.value ?? "") })),
    notBefore: own.validity.notBefore,
    notAfter: own.validity.notAfter,
    modulusBits: key.n.bitLength()
  }
}

const EC_CURVES: Record<string, string> = { "1.2.840.10045.3.1.7": "P-256", "1.3.132.0.34": "P-384", "1.3.132.0.35": "P-521" }

/**
 * The identity of an EC key: its curve (P-256, P-384, P-521), and the certificate whose public
 * key is the key's (compared as WebCrypto exports them), first.
 */
export const ecIdentity = async (ec: P12EcKey): Promise<P12Identity & { readonly namedCurve: string }> => {
  let info: pkijs.PrivateKeyInfo
  try {
    info = pkijs.PrivateKeyInfo.fromBER(ec.pkcs8 as Uint8Array<ArrayBuffer>)
  } catch {
    return fail("unsupported-key", "the key is not PKCS#8")
  }
  if (info.privateKeyAlgorithm.algorithmId !== "1.2.840.10045.2.1") return fail("unsupported-key", `key algorithm ${info.privateKeyAlgorithm.algorithmId} (RSA or EC expected)`)
  const params = info.privateKeyAlgorithm.algorithmParams as { valueBlock?: { toString(): string } } | undefined
  const curveOid = params && "getValue" in (params as object) ? (params as unknown as { getValue(): string }).getValue() : String(params?.valueBlock ?? "")
  const namedCurve = EC_CURVES[curveOid]
  if (!namedCurve) return fail("unsupported-key", `curve ${curveOid}`)
  const subtle = globalThis.crypto.subtle
  const alg = { name: "ECDSA", namedCurve }
  let point: string
  try {
    const jwk = await subtle.exportKey("jwk", await subtle.importKey("pkcs8", ec.pkcs8 as Uint8Array<ArrayBuffer>, alg, true, ["sign"]))
    point = `${jwk.x}.${jwk.y}`
  } catch (e) {
    return fail("unsupported-key", e instanceof Error ? e.message : String(e))
  }
  const certs = ec.certificates.map((der) => ({ der, cert: pkijs.Certificate.fromBER(der as Uint8Array<ArrayBuffer>) }))
  let own: (typeof certs)[number] | undefined
  for (const c of certs) {
    try {
      const spki = new Uint8Array(c.cert.subjectPublicKeyInfo.toSchema().toBER())
      const jwk = await subtle.exportKey("jwk", await subtle.importKey("spki", spki, alg, true, ["verify"]))
      if (`${jwk.x}.${jwk.y}` === point) {
        own = c
        break
      }
    } catch {
      // another kind of key (a CA's RSA certificate): not the signer's
    }
  }
  if (!own) return fail("no-certificate", "no certificate matches the key")
  return {
    namedCurve,
    pkcs8: ec.pkcs8,
    certificates: [own.der, ...certs.filter((c) => c !== own).map((c) => c.der)],
    subject: own.cert.subject.typesAndValues.map((t) => ({ type: t.type, value: String(t.value.valueBlock.value) })),
    notBefore: own.cert.notBefore.value,
    notAfter: own.cert.notAfter.value,
    modulusBits: 0
  }
}
