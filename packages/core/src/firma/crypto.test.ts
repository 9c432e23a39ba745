// The WebCrypto port hashes a signature's ranges in place (no copy of the whole document):
// the digest must be that of the concatenation, the caller's bytes must come back unchanged,
// and whatever the trick cannot take (other buffers, overlaps, shared memory, a large move)
// falls back to a copy with the same answer.
import { createHash } from "node:crypto"
import { describe, expect, it } from "vitest"
import { firmaWebCrypto } from "./crypto.js"

const sha256 = (parts: ReadonlyArray<Uint8Array>): string => {
  const h = createHash("sha256")
  for (const p of parts) h.update(p)
  return h.digest("hex")
}
const hex = (b: Uint8Array | undefined): string => Buffer.from(b ?? []).toString("hex")
const filled = (n: number, buffer: ArrayBufferLike = new ArrayBuffer(n)): Uint8Array => {
  const b = new Uint8Array(buffer, 0, n)
  for (let i = 0; i < n; i++) b[i] = (i * 7919) & 255
  return b
}

describe("firmaWebCrypto.digest over a ByteRange", () => {
  it("is the digest of the parts one after another, and leaves the bytes as they were", async () => {
    const bytes = filled(1 << 21)
    const copy = bytes.slice()
    const parts = [bytes.subarray(10, 1_500_000), bytes.subarray(1_516_000, 1_520_000), bytes.subarray(2_000_000, 2_000_050)]
    const pending = firmaWebCrypto.digest("SHA-256", parts)
    expect(Buffer.compare(bytes, copy)).toBe(0)
    expect(hex(await pending)).toBe(sha256(parts))
    expect(Buffer.compare(bytes, copy)).toBe(0)
    expect(hex(await firmaWebCrypto.digest("SHA-384", parts))).toBe(createHash("sha384").update(Buffer.concat(parts)).digest("hex"))
  })

  it("two digests in flight over one buffer each get their own ranges", async () => {
    const bytes = filled(1 << 20)
    const a = [bytes.subarray(0, 600_000), bytes.subarray(610_000, 620_000)]
    const b = [bytes.subarray(0, 800_000), bytes.subarray(810_000, 1 << 20)]
    const [da, db] = await Promise.all([firmaWebCrypto.digest("SHA-256", a), firmaWebCrypto.digest("SHA-256", b)])
    expect([hex(da), hex(db)]).toEqual([sha256(a), sha256(b)])
  })

  it("falls back to a copy where it cannot move bytes, with the same digest", async () => {
    const bytes = filled(1 << 20)
    const other = filled(1000)
    const cases: Array<ReadonlyArray<Uint8Array>> = [
      [bytes.subarray(0, 1000), other], // another buffer
      [bytes.subarray(5000, 6000), bytes.subarray(0, 1000)], // out of order
      [bytes.subarray(0, 2000), bytes.subarray(1000, 3000)], // overlapping
      [bytes.subarray(0, 10), bytes.subarray(20, (1 << 20) - 1)], // more than 1 MB to move
      [filled(5000, new SharedArrayBuffer(5000)).subarray(0, 100), new Uint8Array(0)], // shared memory
      [bytes.subarray(0, 100)] // one part
    ]
    for (const parts of cases) {
      const copy = bytes.slice()
      expect(hex(await firmaWebCrypto.digest("SHA-256", parts))).toBe(sha256(parts))
      expect(Buffer.compare(bytes, copy)).toBe(0)
    }
  })
})
