// Throwaway PKCS#12 files made at test time from the test PKI (no key is ever committed).
import forge from "node-forge"
import { makePki, type KeyKind, type TestPki } from "./pki.js"

const binary = (b: Uint8Array): string => {
  let s = ""
  for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode(...b.subarray(i, i + 8192))
  return s
}

/** A .p12 of the PKI's signer (key + signer certificate + root), encrypted with `passphrase`. */
export const p12Of = async (pki: TestPki, passphrase: string, options: { withMac?: boolean } = {}): Promise<Uint8Array> => {
  const pkcs8 = new Uint8Array(await globalThis.crypto.subtle.exportKey("pkcs8", pki.signer.privateKey))
  const key = forge.pki.privateKeyFromAsn1(forge.asn1.fromDer(binary(pkcs8)))
  const cert = (c: typeof pki.signer.cert) => forge.pki.certificateFromAsn1(forge.asn1.fromDer(binary(new Uint8Array(c.toSchema().toBER()))))
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, [cert(pki.signer.cert), cert(pki.root.cert)], passphrase, {
    algorithm: "aes256",
    ...(options.withMac === false ? { useMac: false } : {})
  })
  return Uint8Array.from(forge.asn1.toDer(asn1).getBytes(), (c) => c.charCodeAt(0))
}

export interface SigningIdentity {
  readonly pki: TestPki
  readonly p12: Uint8Array
  readonly passphrase: string
}

/** A PKI and its signer's .p12, RSA unless told. */
export const makeSigningIdentity = async (
  options: { kind?: KeyKind; notBefore?: Date; notAfter?: Date; passphrase?: string } = {}
): Promise<SigningIdentity> => {
  const pki = await makePki(options.kind ?? "rsa", {
    ...(options.notBefore ? { notBefore: options.notBefore } : {}),
    ...(options.notAfter ? { notAfter: options.notAfter } : {})
  })
  const passphrase = options.passphrase ?? "clave-de-prueba"
  return { pki, p12: await p12Of(pki, passphrase), passphrase }
}
