// The crypto port of the verifier: WebCrypto in browsers, node:crypto in Node, reached through
// `process.getBuiltinModule` (Node ≥ 20.16), never through an import, so bundles for the
// browser stay clean. `undefined` means "this runtime cannot tell": the verifier then says
// INDETERMINATE, never valid.
import { ByBytes } from "./internal/by-bytes.js"
import { concatBytes } from "./internal/bytes.js"

/**
 * Digest algorithms the verifier knows by name.
 *
 * @since 0.2.0
 * @category crypto
 */
export type FirmaDigestName =
  | "SHA-1"
  | "SHA-224"
  | "SHA-256"
  | "SHA-384"
  | "SHA-512"
  | "SHA3-224"
  | "SHA3-256"
  | "SHA3-384"
  | "SHA3-512"
  | "SHAKE128"
  | "SHAKE256"

/**
 * The public key of a signer or issuer, as the certificate states it.
 *
 * @since 0.2.0
 * @category crypto
 */
export type FirmaPublicKey =
  | { readonly type: "rsa"; readonly bits: number }
  | { readonly type: "ec"; readonly curve: string; readonly bits: number }
  | { readonly type: "ed25519" }
  | { readonly type: "ed448" }

/**
 * One signature check: the key, the scheme and its parameters, the signed data.
 *
 * @since 0.2.0
 * @category crypto
 */
export interface FirmaSignatureCheck {
  /** DER SubjectPublicKeyInfo; for RSA always with the rsaEncryption OID. */
  readonly spki: Uint8Array
  readonly key: FirmaPublicKey
  readonly scheme: "pkcs1" | "pss" | "ecdsa" | "eddsa"
  readonly hash?: FirmaDigestName
  readonly saltLength?: number
  /** For ECDSA: the signature in IEEE P1363 form (r‖s), converted by the caller. */
  readonly signature: Uint8Array
  readonly data: Uint8Array
}

/**
 * What the verifier needs from a runtime's cryptography.
 *
 * @since 0.2.0
 * @category crypto
 */
export interface FirmaCrypto {
  /** Digest of the concatenation of `parts`; `undefined` when the runtime lacks the algorithm. */
  readonly digest: (algorithm: FirmaDigestName, parts: ReadonlyArray<Uint8Array>) => Promise<Uint8Array | undefined>
  /** `true`/`false` for a checked signature, `undefined` when the runtime cannot check it. */
  readonly verify: (check: FirmaSignatureCheck) => Promise<boolean | undefined>
}

interface NodeCrypto {
  createHash(name: string, options?: { outputLength?: number }): { update(b: Uint8Array): unknown; digest(): Uint8Array }
  createPublicKey(input: { key: Uint8Array; format: "der"; type: "spki" }): unknown
  verify(algorithm: string | null, data: Uint8Array, key: unknown, signature: Uint8Array): boolean
  verify(
    algorithm: string | null,
    data: Uint8Array,
    key: { key: unknown; padding?: number; saltLength?: number; dsaEncoding?: "der" | "ieee-p1363" },
    signature: Uint8Array
  ): boolean
  constants: { RSA_PKCS1_PSS_PADDING: number; RSA_PKCS1_PADDING: number }
}

let nodeCryptoCache: NodeCrypto | null | undefined
const nodeCrypto = (): NodeCrypto | undefined => {
  if (nodeCryptoCache === undefined) {
    try {
      const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process
      nodeCryptoCache = (proc?.getBuiltinModule?.("node:crypto") as NodeCrypto | undefined) ?? null
    } catch {
      nodeCryptoCache = null
    }
  }
  return nodeCryptoCache ?? undefined
}

const subtle = (): SubtleCrypto | undefined => (globalThis as { crypto?: Crypto }).crypto?.subtle

const WEB_DIGESTS = new Set<FirmaDigestName>(["SHA-1", "SHA-256", "SHA-384", "SHA-512"])
const NODE_DIGESTS: Record<FirmaDigestName, [string, number?]> = {
  "SHA-1": ["sha1"],
  "SHA-224": ["sha224"],
  "SHA-256": ["sha256"],
  "SHA-384": ["sha384"],
  "SHA-512": ["sha512"],
  "SHA3-224": ["sha3-224"],
  "SHA3-256": ["sha3-256"],
  "SHA3-384": ["sha3-384"],
  "SHA3-512": ["sha3-512"],
  // CMS fixes SHAKE output lengths (RFC 8419, RFC 8702): 256 bits for SHAKE128, 512 for SHAKE256.
  SHAKE128: ["shake128", 32],
  SHAKE256: ["shake256", 64]
}


const hashWithNode = (n: NodeCrypto, algorithm: FirmaDigestName, parts: ReadonlyArray<Uint8Array>): Uint8Array | undefined => {
  const spec = NODE_DIGESTS[algorithm]
  if (!spec) return undefined
  const h = n.createHash(spec[0], spec[1] ? { outputLength: spec[1] } : undefined)
  for (const p of parts) h.update(p)
  return new Uint8Array(h.digest())
}


const webHash = (h: FirmaDigestName): string | undefined => (WEB_DIGESTS.has(h) ? h : undefined)
const WEB_CURVES = new Set(["P-256", "P-384", "P-521"])

const viaWebCrypto = async (c: FirmaSignatureCheck, s: SubtleCrypto): Promise<boolean | undefined> => {
  const spki = c.spki as Uint8Array<ArrayBuffer>
  const sig = c.signature as Uint8Array<ArrayBuffer>
  const data = c.data as Uint8Array<ArrayBuffer>
  switch (c.scheme) {
    case "pkcs1":
    case "pss": {
      const hash = c.hash && webHash(c.hash)
      if (!hash || c.key.type !== "rsa") return undefined
      const name = c.scheme === "pkcs1" ? "RSASSA-PKCS1-v1_5" : "RSA-PSS"
      const key = await s.importKey("spki", spki, { name, hash }, false, ["verify"])
      const params = c.scheme === "pkcs1" ? { name } : { name, saltLength: c.saltLength ?? 20 }
      return s.verify(params, key, sig, data)
    }
    case "ecdsa": {
      const hash = c.hash && webHash(c.hash)
      if (!hash || c.key.type !== "ec" || !WEB_CURVES.has(c.key.curve)) return undefined
      const key = await s.importKey("spki", spki, { name: "ECDSA", namedCurve: c.key.curve }, false, ["verify"])
      return s.verify({ name: "ECDSA", hash }, key, sig, data)
    }
    case "eddsa": {
      if (c.key.type !== "ed25519") return undefined
      const key = await s.importKey("spki", spki, { name: "Ed25519" }, false, ["verify"])
      return s.verify({ name: "Ed25519" }, key, sig, data)
    }
  }
}

/** Node key objects by their SubjectPublicKeyInfo: the same CA keys check every document of a batch. */
const nodeKeys = new ByBytes<unknown>(256, 1 << 20)

const viaNode = (c: FirmaSignatureCheck, n: NodeCrypto): boolean | undefined => {
  const key = nodeKeys.getOrMake(c.spki, () => n.createPublicKey({ key: c.spki, format: "der", type: "spki" }))
  const hash = c.hash ? NODE_DIGESTS[c.hash]?.[0] : undefined
  switch (c.scheme) {
    case "pkcs1":
      return hash ? n.verify(hash, c.data, { key, padding: n.constants.RSA_PKCS1_PADDING }, c.signature) : undefined
    case "pss":
      return hash
        ? n.verify(hash, c.data, { key, padding: n.constants.RSA_PKCS1_PSS_PADDING, saltLength: c.saltLength ?? 20 }, c.signature)
        : undefined
    case "ecdsa":
      return hash ? n.verify(hash, c.data, { key, dsaEncoding: "ieee-p1363" }, c.signature) : undefined
    case "eddsa":
      return n.verify(null, c.data, key, c.signature)
  }
}

/** Most a signed range leaves out and puts back around a digest: a /Contents hole and the tail after it. */
const IN_PLACE_MAX_MOVED = 1 << 20

/**
 * The digest of the parts of one buffer (a signature's ByteRange) without a copy of the whole:
 * WebCrypto takes one contiguous view, and a 30 MB document would otherwise be copied once
 * per signature before WebCrypto copies it again. The later parts (the bytes after the
 * /Contents hole, usually a few kB) are moved down against the first, WebCrypto takes its copy
 * of the view synchronously (WebCrypto `digest`, step 2: "get a copy of the bytes held by the
 * data parameter"), and the moved-over bytes are put back before anything else can run.
 * `undefined` when the parts do not allow it (other buffers, out of order, a SharedArrayBuffer
 * another thread could read, or more than 1 MB to move): the caller then concatenates.
 */
const digestInPlace = (s: SubtleCrypto, algorithm: FirmaDigestName, parts: ReadonlyArray<Uint8Array>): Promise<ArrayBuffer> | undefined => {
  const first = parts[0]
  if (!first || parts.length < 2) return undefined
  const buffer = first.buffer
  if (typeof SharedArrayBuffer !== "undefined" && buffer instanceof SharedArrayBuffer) return undefined
  let end = first.byteOffset + first.length
  let moved = 0
  for (let i = 1; i < parts.length; i++) {
    const p = parts[i]
    if (p.buffer !== buffer || p.byteOffset < end) return undefined
    end = p.byteOffset + p.length
    moved += p.length
  }
  if (moved > IN_PLACE_MAX_MOVED) return undefined
  const all = new Uint8Array(buffer)
  const from = first.byteOffset + first.length
  const saved = all.slice(from, from + moved)
  let at = from
  try {
    for (let i = 1; i < parts.length; i++) {
      const p = parts[i]
      all.copyWithin(at, p.byteOffset, p.byteOffset + p.length)
      at += p.length
    }
  } catch {
    // Bytes that cannot be written (an immutable buffer): put back whatever moved, and copy.
    try {
      all.set(saved, from)
    } catch {
      // nothing was written
    }
    return undefined
  }
  try {
    return s.digest(algorithm, all.subarray(first.byteOffset, at) as Uint8Array<ArrayBuffer>)
  } finally {
    all.set(saved, from)
  }
}

/**
 * The crypto port on WebCrypto alone (browsers, workers, any runtime): what WebCrypto lacks
 * (brainpool, Ed448, SHA-3, SHAKE; Ed25519 in older browsers) comes back `undefined`, which the
 * verifier reports as INDETERMINATE.
 *
 * @since 0.2.0
 * @category crypto
 */
export const firmaWebCrypto: FirmaCrypto = {
  async digest(algorithm, parts) {
    const s = subtle()
    if (!s || !WEB_DIGESTS.has(algorithm)) return undefined
    return new Uint8Array(await digestInPlace(s, algorithm, parts) ?? await s.digest(algorithm, concatBytes(parts) as Uint8Array<ArrayBuffer>))
  },
  async verify(check) {
    const s = subtle()
    if (!s) return undefined
    try {
      return await viaWebCrypto(check, s)
    } catch {
      return undefined
    }
  }
}

/**
 * The crypto port of the current runtime: node:crypto in Node (reached without an import, so
 * bundles stay browser-safe), WebCrypto elsewhere. In Node it hashes the covered ranges of a
 * PDF in place (WebCrypto needs one contiguous copy) and checks signatures without a round
 * trip through the thread pool, and it covers brainpool, Ed448, SHA-3 and SHAKE.
 *
 * @since 0.2.0
 * @category crypto
 */
export const firmaRuntimeCrypto: FirmaCrypto = {
  async digest(algorithm, parts) {
    const n = nodeCrypto()
    return n ? hashWithNode(n, algorithm, parts) : firmaWebCrypto.digest(algorithm, parts)
  },
  async verify(check) {
    const n = nodeCrypto()
    if (!n) return firmaWebCrypto.verify(check)
    try {
      return viaNode(check, n)
    } catch {
      return undefined
    }
  }
}
