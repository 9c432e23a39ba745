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

/**
 * A .p12 made by the openssl CLI (forge builds RSA ones only): the signer's key (any type,
 * e.g. EC), its certificate and the root. Undefined where openssl is not installed.
 */
export const p12ViaOpenssl = async (pki: TestPki, passphrase: string): Promise<Uint8Array | undefined> => {
  const { execFileSync } = await import("node:child_process")
  const { mkdtempSync, readFileSync, rmSync, writeFileSync } = await import("node:fs")
  const { join } = await import("node:path")
  const { tmpdir } = await import("node:os")
  const pem = (label: string, der: Uint8Array) => `-----BEGIN ${label}-----\n${btoa(binary(der)).replace(/.{64}/g, "$&\n")}\n-----END ${label}-----\n`
  const dir = mkdtempSync(join(tmpdir(), "p12-"))
  try {
    writeFileSync(join(dir, "key.pem"), pem("PRIVATE KEY", new Uint8Array(await globalThis.crypto.subtle.exportKey("pkcs8", pki.signer.privateKey))))
    writeFileSync(join(dir, "cert.pem"), pem("CERTIFICATE", new Uint8Array(pki.signer.cert.toSchema().toBER())))
    writeFileSync(join(dir, "root.pem"), pem("CERTIFICATE", new Uint8Array(pki.root.cert.toSchema().toBER())))
    execFileSync("openssl", ["pkcs12", "-export", "-inkey", join(dir, "key.pem"), "-in", join(dir, "cert.pem"), "-certfile", join(dir, "root.pem"), "-passout", `pass:${passphrase}`, "-out", join(dir, "id.p12")], { stdio: "ignore" })
    return new Uint8Array(readFileSync(join(dir, "id.p12")))
  } catch {
    return undefined
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
