// Decoding of the only streams the verifier must read: cross-reference streams and
// object streams (FlateDecode, PNG predictors). Output is capped: a zip bomb is an error.
import { Unzlib, Inflate } from "fflate"
import { concatBytes } from "../bytes.js"
import { isArray, isDict, isName, PdfSyntaxError, type PdfDict, type PdfValue } from "./objects.js"

/** Upper bound on the decoded size of one structural stream. */
export const MAX_DECODED = 64 * 1024 * 1024

interface NodeZlib {
  inflateSync(data: Uint8Array, options: { maxOutputLength: number }): Uint8Array
}
let zlibCache: NodeZlib | null | undefined
/** node:zlib when the runtime has it (reached through process.getBuiltinModule, never imported). */
const nodeZlib = (): NodeZlib | undefined => {
  if (zlibCache === undefined) {
    try {
      const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process
      zlibCache = (proc?.getBuiltinModule?.("node:zlib") as NodeZlib | undefined) ?? null
    } catch {
      zlibCache = null
    }
  }
  return zlibCache ?? undefined
}

/** Native inflate in Node (an order of magnitude faster); anything unusual goes the portable way. */
const inflateBounded = (data: Uint8Array, limit: number): Uint8Array => {
  const z = nodeZlib()
  if (z) {
    try {
      return new Uint8Array(z.inflateSync(data, { maxOutputLength: limit }))
    } catch (e) {
      if (e instanceof RangeError) throw new PdfSyntaxError("decoded stream too large", 0)
      // A missing zlib header or a truncated tail: the portable decoder is lenient about both.
    }
  }
  return inflatePortable(data, limit)
}

const inflatePortable = (data: Uint8Array, limit: number): Uint8Array => {
  const chunks: Uint8Array[] = []
  let total = 0
  let failed: unknown
  const onData = (chunk: Uint8Array) => {
    total += chunk.length
    if (total > limit) throw new PdfSyntaxError("decoded stream too large", 0)
    chunks.push(chunk)
  }
  const run = (raw: boolean) => {
    chunks.length = 0
    total = 0
    const s = raw ? new Inflate(onData) : new Unzlib(onData)
    const step = 65536
    for (let i = 0; i < data.length; i += step) s.push(data.subarray(i, Math.min(data.length, i + step)), false)
    s.push(new Uint8Array(0), true)
  }
  try {
    run(false)
  } catch (e) {
    if (e instanceof PdfSyntaxError) throw e
    failed = e
  }
  if (failed !== undefined) {
    // Some writers omit the zlib header; a truncated tail still yields what was decoded.
    try {
      run(true)
    } catch (e) {
      if (e instanceof PdfSyntaxError) throw e
      if (total === 0) throw new PdfSyntaxError("bad Flate data", 0)
    }
  }
  return concatBytes(chunks)
}

const unpredict = (data: Uint8Array, parms: PdfDict | undefined): Uint8Array => {
  if (!parms) return data
  const predictor = parms.map.get("Predictor")
  if (typeof predictor !== "number" || predictor < 2) return data
  if (predictor < 10) throw new PdfSyntaxError("TIFF predictor not supported", 0)
  const colorsV = parms.map.get("Colors")
  const bpcV = parms.map.get("BitsPerComponent")
  const columnsV = parms.map.get("Columns")
  const colors = typeof colorsV === "number" ? colorsV : 1
  const bpc = typeof bpcV === "number" ? bpcV : 8
  const columns = typeof columnsV === "number" ? columnsV : 1
  const bpp = Math.max(1, Math.ceil((colors * bpc) / 8))
  const rowLen = Math.ceil((colors * bpc * columns) / 8)
  if (!(rowLen > 0 && rowLen < 1 << 20)) throw new PdfSyntaxError("bad predictor parameters", 0)
  const rows = Math.floor(data.length / (rowLen + 1))
  const out = new Uint8Array(rows * rowLen)
  const prev = new Uint8Array(rowLen)
  for (let r = 0; r < rows; r++) {
    const type = data[r * (rowLen + 1)]
    const src = r * (rowLen + 1) + 1
    const row = out.subarray(r * rowLen, (r + 1) * rowLen)
    for (let i = 0; i < rowLen; i++) {
      const x = data[src + i]
      const a = i >= bpp ? row[i - bpp] : 0
      const b = prev[i]
      const c = i >= bpp ? prev[i - bpp] : 0
      let v: number
      switch (type) {
        case 0:
          v = x
          break
        case 1:
          v = x + a
          break
        case 2:
          v = x + b
          break
        case 3:
          v = x + ((a + b) >> 1)
          break
        case 4: {
          const p = a + b - c
          const pa = Math.abs(p - a)
          const pb = Math.abs(p - b)
          const pc = Math.abs(p - c)
          v = x + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c)
          break
        }
        default:
          throw new PdfSyntaxError("bad PNG predictor row", 0)
      }
      row[i] = v & 255
    }
    prev.set(row)
  }
  return out
}

/** Decodes a structural stream's raw bytes according to its /Filter and /DecodeParms. */
export const decodeStream = (dict: PdfDict, raw: Uint8Array, limit = MAX_DECODED): Uint8Array => {
  const filter = dict.map.get("Filter")
  const parms = dict.map.get("DecodeParms")
  const filters: PdfValue[] = filter === undefined ? [] : isArray(filter) ? [...filter.items] : [filter]
  const parmList: PdfValue[] = parms === undefined ? [] : isArray(parms) ? [...parms.items] : [parms]
  if (filters.length > 4) throw new PdfSyntaxError("too many filters", 0)
  let data = raw
  filters.forEach((f, i) => {
    if (!isName(f)) throw new PdfSyntaxError("bad filter", 0)
    if (f.value !== "FlateDecode" && f.value !== "Fl") throw new PdfSyntaxError(`filter ${f.value} not supported here`, 0)
    const p = parmList[i]
    data = unpredict(inflateBounded(data, limit), isDict(p) ? p : undefined)
  })
  return data
}
