// Byte search over large buffers.

type BufferLike = { indexOf(value: Uint8Array, from: number): number }
type BufferCtor = { from(buffer: ArrayBufferLike, offset: number, length: number): BufferLike; prototype: { _isBuffer?: boolean } }

/**
 * Offset of `needle` in `hay` from `from`, or -1. In Node the native Buffer search is an
 * order of magnitude faster than a JavaScript loop over tens of megabytes; it is reached
 * through the global, never imported, so the core stays browser-safe.
 */
export const indexOf = (hay: Uint8Array, needle: Uint8Array, from = 0, to = hay.length): number => {
  const B = (globalThis as { Buffer?: BufferCtor }).Buffer
  // Only Node's own Buffer: a page that signed has the `buffer` package as its global Buffer
  // (marked `_isBuffer`), whose indexOf is a JavaScript loop refusing Uint8Array needles.
  if (B && !B.prototype._isBuffer) {
    const view = B.from(hay.buffer, hay.byteOffset + from, Math.max(0, to - from))
    const i = view.indexOf(needle, 0)
    return i < 0 ? -1 : i + from
  }
  const first = needle[0]
  const last = to - needle.length
  for (let i = hay.indexOf(first, from); i >= 0 && i <= last; i = hay.indexOf(first, i + 1)) {
    let k = 1
    while (k < needle.length && hay[i + k] === needle[k]) k++
    if (k === needle.length) return i
  }
  return -1
}

/** Last offset of `needle` starting in [from, to), or -1. */
export const lastIndexOf = (hay: Uint8Array, needle: Uint8Array, from: number, to: number): number => {
  for (let i = Math.min(to, hay.length - needle.length); i >= from; i--) {
    if (hay[i] !== needle[0]) continue
    let k = 1
    while (k < needle.length && hay[i + k] === needle[k]) k++
    if (k === needle.length) return i
  }
  return -1
}

