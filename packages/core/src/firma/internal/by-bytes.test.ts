import { describe, expect, it } from "vitest"
import { ByBytes } from "./by-bytes.js"

describe("ByBytes", () => {
  it("returns a value only for bytes equal to the ones it was made from", () => {
    const cache = new ByBytes<string>(8, 1024)
    const a = Uint8Array.of(1, 2, 3)
    cache.set(a, "a")
    expect(cache.get(Uint8Array.of(1, 2, 3))).toBe("a")
    expect(cache.get(Uint8Array.of(1, 2, 4))).toBeUndefined()
    expect(cache.get(Uint8Array.of(1, 2))).toBeUndefined()
    expect(cache.get(new Uint8Array(0))).toBeUndefined()
  })

  it("keeps a copy: changing the caller's bytes afterwards changes nothing", () => {
    const cache = new ByBytes<string>(8, 1024)
    const a = Uint8Array.of(9, 9, 9)
    cache.set(a, "nine")
    a[0] = 1
    expect(cache.get(Uint8Array.of(9, 9, 9))).toBe("nine")
    expect(cache.get(a)).toBeUndefined()
  })

  it("finds bytes seen through a view into a larger buffer", () => {
    const cache = new ByBytes<number>(8, 1024)
    const big = Uint8Array.of(0, 5, 6, 7, 0)
    cache.set(big.subarray(1, 4), 42)
    expect(cache.get(Uint8Array.of(5, 6, 7))).toBe(42)
  })

  it("makes once, and keeps nothing when making throws", () => {
    const cache = new ByBytes<object>(8, 1024)
    let made = 0
    const make = () => ({ n: ++made })
    const first = cache.getOrMake(Uint8Array.of(1), make)
    expect(cache.getOrMake(Uint8Array.of(1), make)).toBe(first)
    expect(made).toBe(1)
    expect(() =>
      cache.getOrMake(Uint8Array.of(2), () => {
        throw new Error("bad")
      })
    ).toThrow("bad")
    expect(cache.get(Uint8Array.of(2))).toBeUndefined()
  })

  it("stays within its bounds", () => {
    const cache = new ByBytes<number>(2, 64)
    cache.set(new Uint8Array(17), 1) // over a quarter of 64 bytes: never kept
    expect(cache.get(new Uint8Array(17))).toBeUndefined()
    cache.set(Uint8Array.of(1), 1)
    cache.set(Uint8Array.of(2), 2)
    cache.set(Uint8Array.of(3), 3) // full: starts over
    expect(cache.get(Uint8Array.of(1))).toBeUndefined()
    expect(cache.get(Uint8Array.of(3))).toBe(3)
    const bytes = new ByBytes<number>(100, 40)
    for (let i = 0; i < 5; i++) bytes.set(new Uint8Array(10).fill(i), i) // 50 bytes > 40: starts over once
    expect(bytes.get(new Uint8Array(10).fill(4))).toBe(4)
    expect(bytes.get(new Uint8Array(10).fill(0))).toBeUndefined()
  })
})

describe("ByBytes with large inputs (sampled fingerprints)", () => {
  it("tells apart inputs that differ in one byte anywhere, and finds equal ones", () => {
    const cache = new ByBytes<number>(4096, 64 << 20)
    const base = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 7919) & 255)
    cache.set(base, -1)
    for (const at of [0, 1, 2047, 2048, 5000, 50_001, 97_951, 99_999]) {
      const other = base.slice()
      other[at] ^= 1
      expect(cache.get(other), `byte ${at}`).toBeUndefined()
      cache.set(other, at)
      expect(cache.get(other)).toBe(at)
      // Same key or not, the base is never answered with the other's value.
      expect(cache.get(base.slice())).not.toBe(at)
      cache.set(base, -1)
      expect(cache.get(base.slice())).toBe(-1)
    }
  })
})
