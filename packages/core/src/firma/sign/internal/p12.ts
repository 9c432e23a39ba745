// Reads a PKCS#12 with node-forge: the RSA private key (handed to WebCrypto as PKCS#8) and the
// certificates, signer first. Forge errors are mapped to reasons; none carries the passphrase.
import forge from "node-forge"
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

const toBinary = (b: Uint8Array): string => {
  let s = ""
  for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode(...b.subarray(i, i + 8192))
  return s
}
const fromBinary = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0))

const fail = (reason: ConstructorParameters<typeof FirmaSignError>[0]["reason"], detail: string): never => {
  throw new FirmaSignError({ reason, detail })
}

export const readP12 = (bytes: Uint8Array, passphrase: string): P12Identity => {
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
  if (!key || !("n" in key)) return fail("unsupported-key", "key is not RSA")
  const certBags = p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? []
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
