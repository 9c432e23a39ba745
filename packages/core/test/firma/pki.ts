// A throwaway test PKI built in-process with pkijs and WebCrypto: a root CA and a leaf
// signer with a RENIEC-style subject, for RSA PKCS#1, RSA-PSS and ECDSA.
import * as asn1js from "asn1js"
import * as pkijs from "pkijs"

export type KeyKind = "rsa" | "rsa-pss" | "ecdsa" | "rsa-1024"

export interface TestIdentity {
  readonly cert: pkijs.Certificate
  readonly privateKey: CryptoKey
  readonly hash: "SHA-256" | "SHA-1"
}

export interface TestPki {
  readonly root: TestIdentity
  readonly signer: TestIdentity
  /** The root certificate, PEM. */
  readonly rootPem: Uint8Array
}

const subtle = globalThis.crypto.subtle

const algorithmOf = (kind: KeyKind): RsaHashedKeyGenParams | EcKeyGenParams => {
  switch (kind) {
    case "rsa":
      return { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" }
    case "rsa-1024":
      return { name: "RSASSA-PKCS1-v1_5", modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" }
    case "rsa-pss":
      return { name: "RSA-PSS", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" }
    case "ecdsa":
      return { name: "ECDSA", namedCurve: "P-256" }
  }
}

const name = (parts: Array<[string, string]>): pkijs.RelativeDistinguishedNames =>
  new pkijs.RelativeDistinguishedNames({
    typesAndValues: parts.map(
      ([type, value]) =>
        new pkijs.AttributeTypeAndValue({
          type,
          value: type === "2.5.4.5" || type === "2.5.4.6" ? new asn1js.PrintableString({ value }) : new asn1js.Utf8String({ value })
        })
    )
  })

let serial = 1000

const makeCert = async (options: {
  subject: Array<[string, string]>
  issuer?: pkijs.Certificate
  issuerKey?: CryptoKey
  publicKey: CryptoKey
  signKey: CryptoKey
  ca: boolean
  notBefore: Date
  notAfter: Date
  hash: string
}): Promise<pkijs.Certificate> => {
  const cert = new pkijs.Certificate()
  cert.version = 2
  cert.serialNumber = new asn1js.Integer({ value: serial++ })
  cert.subject = name(options.subject)
  cert.issuer = options.issuer ? options.issuer.subject : cert.subject
  cert.notBefore.value = options.notBefore
  cert.notAfter.value = options.notAfter
  await cert.subjectPublicKeyInfo.importKey(options.publicKey)
  const ski = new Uint8Array(await subtle.digest("SHA-1", cert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView as Uint8Array<ArrayBuffer>))
  cert.extensions = [
    new pkijs.Extension({
      extnID: "2.5.29.19",
      critical: true,
      extnValue: new pkijs.BasicConstraints({ cA: options.ca }).toSchema().toBER(false),
      parsedValue: new pkijs.BasicConstraints({ cA: options.ca })
    }),
    new pkijs.Extension({ extnID: "2.5.29.14", extnValue: new asn1js.OctetString({ valueHex: ski }).toBER(false) })
  ]
  await cert.sign(options.signKey, options.hash)
  return cert
}

const pem = (cert: pkijs.Certificate): Uint8Array => {
  const der = new Uint8Array(cert.toSchema().toBER())
  const b64 = btoa(String.fromCharCode(...der)).replace(/.{64}/g, "$&\n")
  return new TextEncoder().encode(`-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`)
}

/** A root CA and a signer under it; validity [notBefore, notAfter] for the signer. */
export const makePki = async (
  kind: KeyKind = "rsa",
  options: { notBefore?: Date; notAfter?: Date; hash?: "SHA-256" | "SHA-1" } = {}
): Promise<TestPki> => {
  const hash = options.hash ?? "SHA-256"
  const rootKeys = (await subtle.generateKey(algorithmOf("rsa"), true, ["sign", "verify"])) as CryptoKeyPair
  const root = await makeCert({
    subject: [
      ["2.5.4.6", "PE"],
      ["2.5.4.10", "Prueba ECEP"],
      ["2.5.4.3", "Raíz de prueba ecasilla"]
    ],
    publicKey: rootKeys.publicKey,
    signKey: rootKeys.privateKey,
    ca: true,
    notBefore: new Date("2020-01-01T00:00:00Z"),
    notAfter: new Date("2040-01-01T00:00:00Z"),
    hash: "SHA-256"
  })
  const leafKeys = (await subtle.generateKey(algorithmOf(kind), true, ["sign", "verify"])) as CryptoKeyPair
  const signer = await makeCert({
    subject: [
      ["2.5.4.6", "PE"],
      ["2.5.4.10", "CONTRALORIA GENERAL DE LA REPUBLICA"],
      ["2.5.4.11", "FAU 20131378972 soft"],
      ["2.5.4.3", "PEREZ ROJAS Juan FAU 20131378972 soft"],
      ["2.5.4.5", "PNOPE-10117410"]
    ],
    issuer: root,
    publicKey: leafKeys.publicKey,
    signKey: rootKeys.privateKey,
    ca: false,
    notBefore: options.notBefore ?? new Date("2021-01-01T00:00:00Z"),
    notAfter: options.notAfter ?? new Date("2035-01-01T00:00:00Z"),
    hash: "SHA-256"
  })
  return { root: { cert: root, privateKey: rootKeys.privateKey, hash: "SHA-256" }, signer: { cert: signer, privateKey: leafKeys.privateKey, hash }, rootPem: pem(root) }
}

/** A detached CMS SignedData (CAdES-style signed attributes) over `content`. */
export const signCms = async (
  pki: TestPki,
  content: Uint8Array,
  options: {
    signingTime?: Date
    signedAttributes?: boolean
    crls?: ReadonlyArray<pkijs.CertificateRevocationList>
    /** CRLs in Adobe's revocationInfoArchival signed attribute instead of the SignedData. */
    archivedCrls?: ReadonlyArray<pkijs.CertificateRevocationList>
  } = {}
): Promise<Uint8Array> => {
  const { signer, root } = pki
  const digest = new Uint8Array(await subtle.digest(signer.hash, content as Uint8Array<ArrayBuffer>))
  const certDer = new Uint8Array(signer.cert.toSchema().toBER())
  const certHash = new Uint8Array(await subtle.digest("SHA-256", certDer))
  const attrs = [
    new pkijs.Attribute({ type: "1.2.840.113549.1.9.3", values: [new asn1js.ObjectIdentifier({ value: "1.2.840.113549.1.7.1" })] }),
    new pkijs.Attribute({ type: "1.2.840.113549.1.9.5", values: [new asn1js.UTCTime({ valueDate: options.signingTime ?? new Date("2026-11-27T12:00:00Z") })] }),
    new pkijs.Attribute({ type: "1.2.840.113549.1.9.4", values: [new asn1js.OctetString({ valueHex: digest })] }),
    new pkijs.Attribute({
      type: "1.2.840.113549.1.9.16.2.47",
      values: [new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: certHash })] })] })] })]
    })
  ]
  if (options.archivedCrls) {
    attrs.push(
      new pkijs.Attribute({
        type: "1.2.840.113623.1.1.8",
        values: [
          new asn1js.Sequence({
            value: [new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [new asn1js.Sequence({ value: options.archivedCrls.map((c) => c.toSchema()) })] })]
          })
        ]
      })
    )
  }
  const sd = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: "1.2.840.113549.1.7.1" }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: signer.cert.issuer, serialNumber: signer.cert.serialNumber }),
        ...(options.signedAttributes === false ? {} : { signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: attrs }) })
      })
    ],
    certificates: [signer.cert, root.cert],
    ...(options.crls ? { crls: [...options.crls] } : {})
  })
  await sd.sign(signer.privateKey, 0, signer.hash, options.signedAttributes === false ? (content as Uint8Array<ArrayBuffer>).slice().buffer : undefined)
  const ci = new pkijs.ContentInfo({ contentType: "1.2.840.113549.1.7.2", content: sd.toSchema(true) })
  return new Uint8Array(ci.toSchema().toBER())
}

/** A CRL of the test root, listing the given certificates as revoked at `revokedAt`. */
export const makeCrl = async (pki: TestPki, revoked: ReadonlyArray<pkijs.Certificate>, revokedAt = new Date("2025-01-01T00:00:00Z")) => {
  const crl = new pkijs.CertificateRevocationList({
    version: 1,
    issuer: pki.root.cert.subject,
    thisUpdate: new pkijs.Time({ type: 0, value: new Date("2026-11-01T00:00:00Z") }),
    nextUpdate: new pkijs.Time({ type: 0, value: new Date("2027-11-01T00:00:00Z") }),
    ...(revoked.length
      ? {
          revokedCertificates: revoked.map(
            (c) => new pkijs.RevokedCertificate({ userCertificate: c.serialNumber, revocationDate: new pkijs.Time({ type: 0, value: revokedAt }) })
          )
        }
      : {})
  })
  await crl.sign(pki.root.privateKey, "SHA-256")
  return crl
}
