// A throwaway test PKI built in-process with pkijs and WebCrypto: a root CA, optional
// intermediate CAs, a leaf signer with a RENIEC-style subject (RSA PKCS#1, RSA-PSS, ECDSA), a
// time-stamping authority, and fresh CRLs of every CA. Each certificate's extensions can be
// bent to build the paths RFC 5280 rejects. CMS signing and timestamp tokens are in cms.ts.
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
  /** Intermediate CAs, the root's child first; the signer's issuer is the last one (or the root). */
  readonly intermediates: ReadonlyArray<TestIdentity>
  readonly signer: TestIdentity
  /** The root certificate, PEM. */
  readonly rootPem: Uint8Array
  /** An empty (nothing revoked), current CRL of every CA of the path: what `TestPdf.sign` embeds by default. */
  readonly crls: ReadonlyArray<pkijs.CertificateRevocationList>
}

/** How a certificate is bent. Defaults: a CA has cA + keyCertSign/cRLSign, a leaf has no keyUsage/EKU. */
export interface CertOptions {
  readonly subject?: Array<[string, string]>
  readonly ca?: boolean
  /** Leave basicConstraints out altogether. */
  readonly noBasicConstraints?: boolean
  readonly pathLen?: number
  /** First keyUsage byte: digitalSignature 0x80, nonRepudiation 0x40, keyCertSign 0x04, cRLSign 0x02; null leaves it out. */
  readonly keyUsage?: number | null
  readonly eku?: ReadonlyArray<string>
  readonly ekuCritical?: boolean
  /** Adds a critical extension with this OID that no validator knows. */
  readonly unknownCritical?: string
  readonly notBefore?: Date
  readonly notAfter?: Date
  /** The hash the issuer signs this certificate with. */
  readonly certHash?: "SHA-256" | "SHA-1"
  readonly kind?: KeyKind
  /** Name another issuer than the one whose key signs (broken name chaining). */
  readonly issuerName?: Array<[string, string]>
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

/**
 * The same RSA private key bound to another hash: WebCrypto fixes an RSA key's hash at import,
 * and pkijs signs with the key's hash whatever it is asked for.
 */
export const withHash = async (key: CryptoKey, hash: "SHA-256" | "SHA-1"): Promise<CryptoKey> => {
  const alg = key.algorithm as RsaHashedKeyAlgorithm
  if (!("hash" in alg) || alg.hash.name === hash) return key
  const der = await subtle.exportKey("pkcs8", key)
  return subtle.importKey("pkcs8", der, { name: alg.name, hash }, false, ["sign"])
}

/** The signer's RENIEC-style subject: a CGR official. */
export const OFFICIAL: Array<[string, string]> = [
  ["2.5.4.6", "PE"],
  ["2.5.4.10", "CONTRALORIA GENERAL DE LA REPUBLICA"],
  ["2.5.4.11", "FAU 20131378972 soft"],
  ["2.5.4.3", "PEREZ ROJAS Juan FAU 20131378972 soft"],
  ["2.5.4.5", "PNOPE-10117410"]
]

const DAY = 86_400_000

/** Issues a certificate under `issuer` (or self-signed when `issuer` is undefined). */
export const issue = async (issuer: TestIdentity | undefined, options: CertOptions = {}): Promise<TestIdentity> => {
  const kind = options.kind ?? "rsa"
  const keys = (await subtle.generateKey(algorithmOf(kind), true, ["sign", "verify"])) as CryptoKeyPair
  const ca = options.ca ?? false
  const cert = new pkijs.Certificate()
  cert.version = 2
  cert.serialNumber = new asn1js.Integer({ value: serial++ })
  cert.subject = name(options.subject ?? [["2.5.4.3", `Prueba ${serial}`]])
  cert.issuer = options.issuerName ? name(options.issuerName) : issuer ? issuer.cert.subject : cert.subject
  cert.notBefore.value = options.notBefore ?? new Date("2020-01-01T00:00:00Z")
  cert.notAfter.value = options.notAfter ?? new Date("2040-01-01T00:00:00Z")
  await cert.subjectPublicKeyInfo.importKey(keys.publicKey)
  const ski = new Uint8Array(await subtle.digest("SHA-1", cert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView as Uint8Array<ArrayBuffer>))
  const extensions: pkijs.Extension[] = []
  if (!options.noBasicConstraints) {
    const bc = new pkijs.BasicConstraints({ cA: ca, ...(options.pathLen !== undefined ? { pathLenConstraint: options.pathLen } : {}) })
    extensions.push(new pkijs.Extension({ extnID: "2.5.29.19", critical: true, extnValue: bc.toSchema().toBER(false), parsedValue: bc }))
  }
  const ku = options.keyUsage === undefined ? (ca ? 0x06 : null) : options.keyUsage
  if (ku !== null) {
    const bits = new asn1js.BitString({ valueHex: Uint8Array.of(ku).buffer, unusedBits: 1 })
    extensions.push(new pkijs.Extension({ extnID: "2.5.29.15", critical: true, extnValue: bits.toBER(false) }))
  }
  if (options.eku) {
    const eku = new pkijs.ExtKeyUsage({ keyPurposes: [...options.eku] })
    extensions.push(new pkijs.Extension({ extnID: "2.5.29.37", critical: options.ekuCritical ?? false, extnValue: eku.toSchema().toBER(false) }))
  }
  if (options.unknownCritical) {
    extensions.push(new pkijs.Extension({ extnID: options.unknownCritical, critical: true, extnValue: new asn1js.Null().toBER(false) }))
  }
  extensions.push(new pkijs.Extension({ extnID: "2.5.29.14", extnValue: new asn1js.OctetString({ valueHex: ski }).toBER(false) }))
  cert.extensions = extensions
  const hash = options.certHash ?? "SHA-256"
  await cert.sign(await withHash(issuer?.privateKey ?? keys.privateKey, hash), hash)
  // Round-trip through DER so the certificate looks exactly as a verifier parses it (tbsView, parsed extensions).
  const parsed = new pkijs.Certificate({ schema: asn1js.fromBER(cert.toSchema().toBER()).result })
  return { cert: parsed, privateKey: keys.privateKey, hash: "SHA-256" }
}

export const pem = (cert: pkijs.Certificate): Uint8Array => {
  const der = new Uint8Array(cert.toSchema().toBER())
  const b64 = btoa(String.fromCharCode(...der)).replace(/.{64}/g, "$&\n")
  return new TextEncoder().encode(`-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`)
}

/** A CRL of `by`, listing the given certificates as revoked at `revokedAt`; current around now unless told. */
export const crlOf = async (
  by: TestIdentity,
  revoked: ReadonlyArray<pkijs.Certificate> = [],
  options: { revokedAt?: Date; thisUpdate?: Date; nextUpdate?: Date; extensions?: ReadonlyArray<pkijs.Extension> } = {}
): Promise<pkijs.CertificateRevocationList> => {
  const now = Date.now()
  const crl = new pkijs.CertificateRevocationList({
    version: 1,
    issuer: by.cert.subject,
    thisUpdate: new pkijs.Time({ type: 1, value: options.thisUpdate ?? new Date(now - DAY) }),
    nextUpdate: new pkijs.Time({ type: 1, value: options.nextUpdate ?? new Date(now + 365 * DAY) }),
    ...(revoked.length
      ? {
          revokedCertificates: revoked.map(
            (c) =>
              new pkijs.RevokedCertificate({
                userCertificate: c.serialNumber,
                revocationDate: new pkijs.Time({ type: 1, value: options.revokedAt ?? new Date("2025-01-01T00:00:00Z") })
              })
          )
        }
      : {}),
    ...(options.extensions ? { crlExtensions: new pkijs.Extensions({ extensions: [...options.extensions] }) } : {})
  })
  await crl.sign(by.privateKey, "SHA-256")
  return new pkijs.CertificateRevocationList({ schema: asn1js.fromBER(crl.toSchema().toBER()).result })
}

/** A CRL of the test root, listing the given certificates as revoked at `revokedAt`. */
export const makeCrl = (pki: TestPki, revoked: ReadonlyArray<pkijs.Certificate>, revokedAt = new Date("2025-01-01T00:00:00Z")) =>
  crlOf(pki.root, revoked, { revokedAt })

/** DER, by hand: a CA's CRL can be larger than pkijs writes or reads (asn1js' 10,000-node default). */
const derLength = (n: number): number[] => {
  if (n < 0x80) return [n]
  const out: number[] = []
  for (let v = n; v > 0; v = Math.floor(v / 256)) out.unshift(v & 255)
  return [0x80 | out.length, ...out]
}
const derTlv = (tag: number, ...content: ReadonlyArray<Uint8Array>): Uint8Array => {
  const length = content.reduce((a, c) => a + c.length, 0)
  const head = [tag, ...derLength(length)]
  const out = new Uint8Array(head.length + length)
  out.set(head)
  let at = head.length
  for (const c of content) out.set(c, at), (at += c.length)
  return out
}
const derTime = (d: Date): Uint8Array => derTlv(0x17, new TextEncoder().encode(d.toISOString().replace(/^\d\d|[-:T]|\.\d+/g, "").slice(0, 12) + "Z"))
const derPositive = (v: Uint8Array): Uint8Array => derTlv(0x02, v[0] & 0x80 ? Uint8Array.of(0, ...v) : v)

/**
 * The DER of a large CRL of `by` (RSA, SHA-256): `count` entries with made-up serial numbers, and
 * the given certificates among them (revoked at `revokedAt`), as a national CA's CRL is.
 */
export const largeCrlDer = async (
  by: TestIdentity,
  count: number,
  revoked: ReadonlyArray<pkijs.Certificate> = [],
  options: { revokedAt?: Date; thisUpdate?: Date; nextUpdate?: Date; criticalEntryExtension?: boolean } = {}
): Promise<Uint8Array> => {
  const now = Date.now()
  const algorithm = derTlv(0x30, derTlv(0x06, Uint8Array.of(0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b)), Uint8Array.of(0x05, 0x00))
  const revokedAt = derTime(options.revokedAt ?? new Date("2025-01-01T00:00:00Z"))
  const reason = derTlv(0x30, derTlv(0x30, derTlv(0x06, Uint8Array.of(0x55, 0x1d, 0x15)), derTlv(0x04, Uint8Array.of(0x0a, 0x01, 0x01))))
  const serials: Uint8Array[] = []
  let x = 0x12345678
  for (let i = 0; i < count; i++) {
    const v = new Uint8Array(16)
    for (let k = 0; k < 16; k++) v[k] = (x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 24
    v[0] = (v[0] & 0x7f) | 1
    serials.push(derPositive(v))
  }
  const at = Math.floor(count / 2)
  serials.splice(at, 0, ...revoked.map((c) => new Uint8Array(c.serialNumber.toBER())))
  // An indirect CRL's certificateIssuer (critical) on the first entry, when asked.
  const certificateIssuer = derTlv(0x30, derTlv(0x30, derTlv(0x06, Uint8Array.of(0x55, 0x1d, 0x1d)), Uint8Array.of(0x01, 0x01, 0xff), derTlv(0x04, Uint8Array.of(0x30, 0x00))))
  const entries = derTlv(0x30, ...serials.map((serial, i) => derTlv(0x30, serial, revokedAt, options.criticalEntryExtension && i === 0 ? certificateIssuer : reason)))
  const crlNumber = derTlv(0xa0, derTlv(0x30, derTlv(0x30, derTlv(0x06, Uint8Array.of(0x55, 0x1d, 0x14)), derTlv(0x04, derTlv(0x02, Uint8Array.of(1))))))
  const tbs = derTlv(
    0x30,
    Uint8Array.of(0x02, 0x01, 0x01),
    algorithm,
    new Uint8Array(by.cert.subject.toSchema().toBER()),
    derTime(options.thisUpdate ?? new Date(now - DAY)),
    derTime(options.nextUpdate ?? new Date(now + 30 * DAY)),
    entries,
    crlNumber
  )
  const signature = new Uint8Array(await subtle.sign("RSASSA-PKCS1-v1_5", await withHash(by.privateKey, "SHA-256"), tbs as Uint8Array<ArrayBuffer>))
  return derTlv(0x30, tbs, algorithm, derTlv(0x03, Uint8Array.of(0), signature))
}

/**
 * A root CA, `intermediates` CAs under it, and a signer under the last; validity
 * [notBefore, notAfter] for the signer.
 */
export const makePki = async (
  kind: KeyKind = "rsa",
  options: {
    notBefore?: Date
    notAfter?: Date
    hash?: "SHA-256" | "SHA-1"
    root?: CertOptions
    intermediates?: ReadonlyArray<CertOptions>
    signer?: CertOptions
  } = {}
): Promise<TestPki> => {
  const root = await issue(undefined, {
    subject: [
      ["2.5.4.6", "PE"],
      ["2.5.4.10", "Prueba ECEP"],
      ["2.5.4.3", "Raíz de prueba ecasilla"]
    ],
    ca: true,
    ...options.root
  })
  const intermediates: TestIdentity[] = []
  let parent = root
  for (const [i, o] of (options.intermediates ?? []).entries()) {
    parent = await issue(parent, { subject: [["2.5.4.6", "PE"], ["2.5.4.3", `EC intermedia de prueba ${i + 1}`]], ca: true, ...o })
    intermediates.push(parent)
  }
  const signer = await issue(parent, {
    subject: OFFICIAL,
    kind,
    notBefore: options.notBefore ?? new Date("2021-01-01T00:00:00Z"),
    notAfter: options.notAfter ?? new Date("2035-01-01T00:00:00Z"),
    ...options.signer
  })
  const crls = await Promise.all([root, ...intermediates].map((ca) => crlOf(ca)))
  return { root, intermediates, signer: { ...signer, hash: options.hash ?? "SHA-256" }, rootPem: pem(root.cert), crls }
}

/** A time-stamping authority under the test root: id-kp-timeStamping, critical, as RFC 3161 asks. */
export const makeTsa = async (pki: TestPki, options: CertOptions = {}): Promise<TestIdentity> =>
  issue(pki.root, {
    subject: [["2.5.4.6", "PE"], ["2.5.4.3", "TSA de prueba ecasilla"]],
    keyUsage: 0xc0,
    eku: ["1.3.6.1.5.5.7.3.8"],
    ekuCritical: true,
    ...options
  })

/** A delegated OCSP responder under `issuer`: id-kp-OCSPSigning unless told otherwise. */
export const makeResponder = async (issuer: TestIdentity, options: CertOptions = {}): Promise<TestIdentity> =>
  issue(issuer, { subject: [["2.5.4.6", "PE"], ["2.5.4.3", "OCSP de prueba ecasilla"]], keyUsage: 0x80, eku: ["1.3.6.1.5.5.7.3.9"], ...options })

export interface OcspOptions {
  readonly status?: "good" | "revoked" | "unknown"
  readonly revokedAt?: Date
  /** Around now unless told; `nextUpdate: null` leaves it out. */
  readonly thisUpdate?: Date
  readonly nextUpdate?: Date | null
  /** Who signs the response: the issuer itself by default, or a delegated responder (its certificate goes in `certs`). */
  readonly signedBy?: TestIdentity
  /** The CertID's hash (SHA-256 by default). */
  readonly certIdHash?: "SHA-256" | "SHA-1"
  /** Name another serial in the CertID. */
  readonly serial?: number
  /** Flip a bit of one of the CertID's issuer hashes (another issuer's name or key). */
  readonly certIdFlip?: "issuerNameHash" | "issuerKeyHash"
  /** responseStatus (0 successful). */
  readonly responseStatus?: number
}

/** A DER OCSPResponse (RFC 6960) of `issuer` about `cert`, minted with pkijs and WebCrypto. */
export const ocspResponse = async (issuer: TestIdentity, cert: pkijs.Certificate, options: OcspOptions = {}): Promise<Uint8Array> => {
  const now = Date.now()
  const signer = options.signedBy ?? issuer
  const certID = new pkijs.CertID()
  await certID.createForCertificate(cert, { hashAlgorithm: options.certIdHash ?? "SHA-256", issuerCertificate: issuer.cert })
  if (options.serial !== undefined) certID.serialNumber = new asn1js.Integer({ value: options.serial })
  if (options.certIdFlip) {
    const h = certID[options.certIdFlip].valueBlock.valueHexView.slice()
    h[0] ^= 1
    certID[options.certIdFlip] = new asn1js.OctetString({ valueHex: h })
  }
  const status = options.status ?? "good"
  const certStatus =
    status === "revoked"
      ? new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 1 }, value: [new asn1js.GeneralizedTime({ valueDate: options.revokedAt ?? new Date("2025-01-01T00:00:00Z") })] })
      : new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: status === "good" ? 0 : 2 } })
  const single = new pkijs.SingleResponse({ certID, certStatus, thisUpdate: options.thisUpdate ?? new Date(now - DAY) })
  if (options.nextUpdate !== null) single.nextUpdate = options.nextUpdate ?? new Date(now + 7 * DAY)
  const basic = new pkijs.BasicOCSPResponse()
  basic.tbsResponseData.responderID = signer.cert.subject
  basic.tbsResponseData.producedAt = options.thisUpdate ?? new Date(now - DAY)
  basic.tbsResponseData.responses.push(single)
  if (signer !== issuer) basic.certs = [signer.cert]
  await basic.sign(signer.privateKey, "SHA-256")
  const response = new pkijs.OCSPResponse({
    responseStatus: new asn1js.Enumerated({ value: options.responseStatus ?? 0 }),
    responseBytes: new pkijs.ResponseBytes({
      responseType: "1.3.6.1.5.5.7.48.1.1",
      response: new asn1js.OctetString({ valueHex: basic.toSchema().toBER(false) })
    })
  })
  return new Uint8Array(response.toSchema().toBER(false))
}

export { signCms, timestampToken } from "./cms.js"
