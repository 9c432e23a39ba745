// The signatures of one document cover growing prefixes of the same bytes (each incremental
// signature covers the revisions before it), so within one verification a later signature's
// digest continues from the hash state of an earlier prefix instead of hashing it again. The
// states live only as long as the run: bytes a caller changes between two runs are hashed anew.
import { firmaRuntimeCrypto, type FirmaCrypto, type FirmaDigestName } from "../crypto.js"

interface NodeHash {
  update(b: Uint8Array): unknown
  digest(): Uint8Array
  copy(): NodeHash
}
type CreateHash = (name: string) => NodeHash

/** Fixed-length digests only: a copied SHAKE state would lose its output length. */
const NAMES: Partial<Record<FirmaDigestName, string>> = {
  "SHA-1": "sha1",
  "SHA-224": "sha224",
  "SHA-256": "sha256",
  "SHA-384": "sha384",
  "SHA-512": "sha512",
  "SHA3-256": "sha3-256",
  "SHA3-384": "sha3-384",
  "SHA3-512": "sha3-512"
}
const MIN_PREFIX = 1 << 20

const nodeCreateHash = (): CreateHash | undefined => {
  try {
    const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process
    const c = proc?.getBuiltinModule?.("node:crypto") as { createHash?: CreateHash } | undefined
    return c?.createHash && typeof c.createHash("sha256").copy === "function" ? c.createHash : undefined
  } catch {
    return undefined
  }
}

/**
 * The runtime port, for one verification run, sharing hashes of common prefixes (Node only).
 * `cuts` are buffer offsets where some signature's first range ends: hashing a longer prefix
 * keeps the state at each of them, so the order the signatures are hashed in does not matter.
 */
export const sharingPrefixes = (crypto: FirmaCrypto, cuts: ReadonlyArray<number> = []): FirmaCrypto => {
  const createHash = crypto === firmaRuntimeCrypto ? nodeCreateHash() : undefined
  if (!createHash) return crypto
  const states: Array<{ name: string; buffer: ArrayBufferLike; start: number; end: number; state: NodeHash }> = []
  return {
    verify: crypto.verify,
    digest: async (algorithm, parts) => {
      const name = NAMES[algorithm]
      const first = parts[0]
      if (!name || !first || first.length < MIN_PREFIX) return crypto.digest(algorithm, parts)
      const start = first.byteOffset
      const end = start + first.length
      let best: (typeof states)[number] | undefined
      for (const s of states) if (s.name === name && s.buffer === first.buffer && s.start === start && s.end <= end && (!best || s.end > best.end)) best = s
      const h = best ? best.state.copy() : createHash(name)
      let at = best ? best.end : start
      const keep = (to: number) => {
        h.update(new Uint8Array(first.buffer, at, to - at))
        at = to
        if (!states.some((s) => s.name === name && s.buffer === first.buffer && s.start === start && s.end === to))
          states.push({ name, buffer: first.buffer, start, end: to, state: h.copy() })
      }
      for (const cut of [...new Set(cuts)].sort((x, y) => x - y)) if (cut > at && cut < end) keep(cut)
      keep(end)
      for (const p of parts.slice(1)) h.update(p)
      return new Uint8Array(h.digest())
    }
  }
}
