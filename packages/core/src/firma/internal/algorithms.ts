// Algorithm identification: the key type comes from the certificate, the scheme from the
// key type (RSA, RSA-PSS, EC, EdDSA), and labels in the CMS are only hints. Signers in the
// wild mislabel OIDs (rsaEncryption as signature algorithm, sha256WithRSA as digest).
import * as asn1js from "asn1js"
import * as pkijs from "pkijs"
import type { FirmaDigestName, FirmaPublicKey, FirmaSignatureCheck } from "../crypto.js"

const DIGEST_OIDS: Record<string, FirmaDigestName> = {
  "1.3.14.3.2.26": "SHA-1",
  "2.16.840.1.101.3.4.2.4": "SHA-224",
  "2.16.840.1.101.3.4.2.1": "SHA-256",
  "2.16.840.1.101.3.4.2.2": "SHA-384",
  "2.16.840.1.101.3.4.2.3": "SHA-512",
  "2.16.840.1.101.3.4.2.7": "SHA3-224",
  "2.16.840.1.101.3.4.2.8": "SHA3-256",
  "2.16.840.1.101.3.4.2.9": "SHA3-384",
  "2.16.840.1.101.3.4.2.10": "SHA3-512",
  "2.16.840.1.101.3.4.2.11": "SHAKE128",
  "2.16.840.1.101.3.4.2.12": "SHAKE256"
}

/** Signature algorithm OIDs that name a hash: the hint a mislabelled digest OID falls back to. */
const SIG_HASH_OIDS: Record<string, FirmaDigestName> = {
  "1.2.840.113549.1.1.5": "SHA-1",
  "1.2.840.113549.1.1.14": "SHA-224",
  "1.2.840.113549.1.1.11": "SHA-256",
  "1.2.840.113549.1.1.12": "SHA-384",
  "1.2.840.113549.1.1.13": "SHA-512",
  "2.16.840.1.101.3.4.3.13": "SHA3-224",
  "2.16.840.1.101.3.4.3.14": "SHA3-256",
  "2.16.840.1.101.3.4.3.15": "SHA3-384",
  "2.16.840.1.101.3.4.3.16": "SHA3-512",
  "1.2.840.10045.4.1": "SHA-1",
  "1.2.840.10045.4.3.1": "SHA-224",
  "1.2.840.10045.4.3.2": "SHA-256",
  "1.2.840.10045.4.3.3": "SHA-384",
  "1.2.840.10045.4.3.4": "SHA-512",
  "2.16.840.1.101.3.4.3.9": "SHA3-224",
  "2.16.840.1.101.3.4.3.10": "SHA3-256",
  "2.16.840.1.101.3.4.3.11": "SHA3-384",
  "2.16.840.1.101.3.4.3.12": "SHA3-512",
  // BSI TR-03111 plain ECDSA (r‖s) with SHA-1/224/256/384/512
  "0.4.0.127.0.7.1.1.4.1.1": "SHA-1",
  "0.4.0.127.0.7.1.1.4.1.2": "SHA-224",
  "0.4.0.127.0.7.1.1.4.1.3": "SHA-256",
  "0.4.0.127.0.7.1.1.4.1.4": "SHA-384",
  "0.4.0.127.0.7.1.1.4.1.5": "SHA-512"
}

const PLAIN_ECDSA_PREFIX = "0.4.0.127.0.7.1.1.4.1."
export const RSA_ENCRYPTION = "1.2.840.113549.1.1.1"
const RSA_PSS = "1.2.840.113549.1.1.10"
const EC_PUBLIC_KEY = "1.2.840.10045.2.1"
const ED25519 = "1.3.101.112"
const ED448 = "1.3.101.113"

const CURVES: Record<string, [string, number]> = {
  "1.2.840.10045.3.1.7": ["P-256", 256],
  "1.3.132.0.34": ["P-384", 384],
  "1.3.132.0.35": ["P-521", 521],
  "1.3.36.3.3.2.8.1.1.7": ["brainpoolP256r1", 256],
  "1.3.36.3.3.2.8.1.1.9": ["brainpoolP320r1", 320],
  "1.3.36.3.3.2.8.1.1.11": ["brainpoolP384r1", 384],
  "1.3.36.3.3.2.8.1.1.13": ["brainpoolP512r1", 512]
}

/** Signature algorithm OIDs accepted for each key family: labels may be loose, not absurd. */
export const ACCEPTED: Record<string, RegExp> = {
  rsa: /^(1\.2\.840\.113549\.1\.1\.(1|4|5|10|11|12|13|14|15|16)|2\.16\.840\.1\.101\.3\.4\.3\.(13|14|15|16)|1\.3\.14\.3\.2\.29)$/,
  ec: /^(1\.2\.840\.10045\.(2\.1|4\.1|4\.3\.[1-4])|2\.16\.840\.1\.101\.3\.4\.3\.(9|10|11|12)|0\.4\.0\.127\.0\.7\.1\.1\.4\.1\.[1-5])$/,
  ed25519: /^1\.3\.101\.112$/,
  ed448: /^1\.3\.101\.113$/
}

export const digestOfOid = (oid: string): FirmaDigestName | undefined => DIGEST_OIDS[oid] ?? SIG_HASH_OIDS[oid]
export const hashOfSignatureOid = (oid: string): FirmaDigestName | undefined => SIG_HASH_OIDS[oid]

type KeyInfo = { readonly kind: FirmaPublicKey; readonly der: Uint8Array; readonly pssParams?: asn1js.AsnType }

/** Per parsed key (certificates are parsed once per exact bytes, so their keys are too). */
const keys = new WeakMap<pkijs.PublicKeyInfo, KeyInfo | null>()

/** The key a certificate carries, and its SPKI normalised for WebCrypto (RSA-PSS keys as rsaEncryption). */
export const keyOf = (spki: pkijs.PublicKeyInfo): KeyInfo | undefined => {
  let k = keys.get(spki)
  if (k === undefined) keys.set(spki, (k = readKey(spki) ?? null))
  return k ?? undefined
}

const readKey = (spki: pkijs.PublicKeyInfo): KeyInfo | undefined => {
  const oid = spki.algorithm.algorithmId
  if (oid === RSA_ENCRYPTION || oid === RSA_PSS) {
    let bits = 0
    try {
      const seq = asn1js.fromBER(spki.subjectPublicKey.valueBlock.valueHexView)
      const mod = (seq.result as asn1js.Sequence).valueBlock.value[0] as asn1js.Integer
      const m = mod.valueBlock.valueHexView
      let i = 0
      while (i < m.length && m[i] === 0) i++
      bits = (m.length - i) * 8 - (i < m.length ? Math.clz32(m[i]) - 24 : 0)
    } catch {
      return undefined
    }
    const normalised =
      oid === RSA_ENCRYPTION
        ? spki
        : new pkijs.PublicKeyInfo({
            algorithm: new pkijs.AlgorithmIdentifier({ algorithmId: RSA_ENCRYPTION, algorithmParams: new asn1js.Null() }),
            subjectPublicKey: spki.subjectPublicKey
          })
    return {
      kind: { type: "rsa", bits },
      der: new Uint8Array(normalised.toSchema().toBER()),
      ...(oid === RSA_PSS && spki.algorithm.algorithmParams ? { pssParams: spki.algorithm.algorithmParams } : {})
    }
  }
  const der = new Uint8Array(spki.toSchema().toBER())
  if (oid === EC_PUBLIC_KEY) {
    const p = spki.algorithm.algorithmParams
    const curveOid = p instanceof asn1js.ObjectIdentifier ? p.valueBlock.toString() : ""
    const curve = CURVES[curveOid]
    return curve ? { kind: { type: "ec", curve: curve[0], bits: curve[1] }, der } : undefined
  }
  if (oid === ED25519) return { kind: { type: "ed25519" }, der }
  if (oid === ED448) return { kind: { type: "ed448" }, der }
  return undefined
}

/** RSASSA-PSS-params: hash and salt length (RFC 4055 defaults SHA-1 and 20). */
const pssParamsOf = (params: unknown): { hash: FirmaDigestName; saltLength: number } | undefined => {
  if (!params || !(params instanceof asn1js.Sequence)) return { hash: "SHA-1", saltLength: 20 }
  try {
    const p = new pkijs.RSASSAPSSParams({ schema: params })
    const hash = DIGEST_OIDS[p.hashAlgorithm.algorithmId]
    return hash ? { hash, saltLength: p.saltLength } : undefined
  } catch {
    return undefined
  }
}

/** Converts a DER ECDSA signature to r‖s; passes r‖s through. */
const toP1363 = (sig: Uint8Array, bits: number): Uint8Array | undefined => {
  const n = Math.ceil(bits / 8)
  if (sig.length === 2 * n && sig[0] !== 0x30) return sig
  try {
    const r = asn1js.fromBER(sig)
    if (r.offset === -1) return sig.length === 2 * n ? sig : undefined
    const seq = r.result as asn1js.Sequence
    const parts = seq.valueBlock.value.map((x) => (x as asn1js.Integer).valueBlock.valueHexView)
    if (parts.length !== 2) return undefined
    const out = new Uint8Array(2 * n)
    parts.forEach((v, i) => {
      let s = 0
      while (s < v.length - 1 && v[s] === 0) s++
      const t = v.subarray(s)
      if (t.length > n) throw new Error("integer too long")
      out.set(t, (i + 1) * n - t.length)
    })
    return out
  } catch {
    return sig.length === 2 * n ? sig : undefined
  }
}

/** The checks of one signature value (several only where the encoding is ambiguous). */
export const candidateChecks = (input: {
  key: { kind: FirmaPublicKey; der: Uint8Array; pssParams?: asn1js.AsnType }
  signatureOid: string
  signatureParams: unknown
  digest: FirmaDigestName | undefined
  signature: Uint8Array
  data: Uint8Array
}): { checks: FirmaSignatureCheck[]; scheme: string } => {
  const { key, signatureOid, digest, signature, data } = input
  const hashes: FirmaDigestName[] = []
  const add = (h: FirmaDigestName | undefined) => h && !hashes.includes(h) && hashes.push(h)
  // RFC 5652 §5.4: the SignerInfo digestAlgorithm is the hash; a value made over another hash
  // is a wrong signature, never retried with the hash the signature OID names.
  add(digest ?? SIG_HASH_OIDS[signatureOid])
  const base = { spki: key.der, key: key.kind, data }
  switch (key.kind.type) {
    case "rsa": {
      if (signatureOid === RSA_PSS || key.pssParams) {
        const p = pssParamsOf(signatureOid === RSA_PSS ? input.signatureParams : key.pssParams)
        if (!p) return { checks: [], scheme: "RSASSA-PSS" }
        return { checks: [{ ...base, scheme: "pss", hash: p.hash, saltLength: p.saltLength, signature }], scheme: "RSASSA-PSS" }
      }
      return { checks: hashes.map((hash) => ({ ...base, scheme: "pkcs1", hash, signature })), scheme: "RSASSA-PKCS1-v1_5" }
    }
    case "ec": {
      const sig = toP1363(signature, key.kind.bits)
      const plain = signatureOid.startsWith(PLAIN_ECDSA_PREFIX)
      return {
        checks: sig ? hashes.map((hash) => ({ ...base, scheme: "ecdsa", hash, signature: sig })) : [],
        scheme: plain ? "ECDSA (plain)" : "ECDSA"
      }
    }
    case "ed25519":
      return { checks: [{ ...base, scheme: "eddsa", signature }], scheme: "Ed25519" }
    case "ed448":
      return { checks: [{ ...base, scheme: "eddsa", signature }], scheme: "Ed448" }
  }
}
