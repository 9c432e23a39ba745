// What the verifier made of some exact bytes (a parsed certificate, CRL or trust anchor, a
// public key), kept for the next document: a backend verifies notification after notification
// under the same CA chain, with the same CRLs and the same anchors, and parsing them again is
// most of what it would otherwise do besides hashing. A value is only ever returned for bytes
// equal to the ones it was made from, compared byte by byte (the fingerprint only finds the
// candidate), so no input can reach another input's result. Values must be treated as
// immutable by every caller.

/** Every cache, so that `firmaClearCaches` can empty them all. */
const all = new Set<ByBytes<unknown>>()

/** Empties every cache of the verifier (`firmaClearCaches`). */
export const clearAllByBytes = (): void => {
  for (const c of all) c.clear()
}

/** A bounded cache from exact bytes to a value made from them. */
export class ByBytes<T> {
  private readonly map = new Map<string, { readonly bytes: Uint8Array; readonly value: T }>()
  private held = 0

  constructor(
    /** Most entries kept; the cache starts over when full. */
    private readonly maxEntries: number,
    /** Most bytes kept in all; inputs larger than a quarter of it are never kept. */
    private readonly maxBytes: number
  ) {
    all.add(this as ByBytes<unknown>)
  }

  clear(): void {
    this.map.clear()
    this.held = 0
  }

  get(bytes: Uint8Array): T | undefined {
    const hit = this.map.get(fingerprint(bytes))
    return hit && equalBytes(hit.bytes, bytes) ? hit.value : undefined
  }

  set(bytes: Uint8Array, value: T): void {
    if (bytes.length > this.maxBytes / 4) return
    if (this.map.size >= this.maxEntries || this.held + bytes.length > this.maxBytes) this.clear()
    const key = fingerprint(bytes)
    const old = this.map.get(key)
    if (old) this.held -= old.bytes.length
    // A copy: a view would keep alive the whole buffer it looks into (a CMS, a PDF).
    this.map.set(key, { bytes: bytes.slice(), value })
    this.held += bytes.length
  }

  /** The value for `bytes`, made by `make` the first time; a `make` that throws keeps nothing. */
  getOrMake(bytes: Uint8Array, make: () => T): T {
    const hit = this.get(bytes)
    if (hit !== undefined) return hit
    const value = make()
    this.set(bytes, value)
    return value
  }
}

export const equalBytes = (a: Uint8Array, b: Uint8Array): boolean => {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/** Bytes fingerprinted in full; longer inputs (CRLs run to megabytes) are sampled. */
const FULL = 4096
const SAMPLES = 512

/**
 * A lookup key, never a proof (a hit is confirmed byte by byte): the length and two 32-bit
 * FNV-style hashes, from both ends, of the bytes, or, past 4 kB, of the first and last 2 kB and
 * 512 bytes spread evenly between them.
 */
const fingerprint = (b: Uint8Array): string => {
  const n = b.length
  let h1 = 0x811c9dc5
  let h2 = 0x01000193
  const mix = (i: number): void => {
    h1 = Math.imul(h1 ^ b[i], 0x01000193)
    h2 = Math.imul(h2 ^ b[n - 1 - i], 0x5bd1e995)
  }
  if (n <= FULL) for (let i = 0; i < n; i++) mix(i)
  else {
    const half = FULL >> 1
    for (let i = 0; i < half; i++) mix(i)
    const step = Math.floor((n - FULL) / SAMPLES) || 1
    for (let i = half; i < n - half; i += step) mix(i)
  }
  return `${n}:${h1 >>> 0}:${h2 >>> 0}`
}
