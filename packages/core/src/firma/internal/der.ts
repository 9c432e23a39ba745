// DER and BER read as raw TLVs (X.690), for the parts of CMS and CRLs the verifier reads itself;
// asn1js only for small elements, through `parseElement`, with the BER rules checked.
import * as asn1js from "asn1js"
import * as pkijs from "pkijs"

/**
 * BER leniency has limits: an INTEGER must be minimally encoded in BER too (X.690 8.3.2).
 * pkijs accepts such a CMS; other verifiers reject it, and so do we.
 */
export const wellFormed = (node: asn1js.AsnType, depth: number): boolean => {
  if (depth > 64) return false
  const b = node as asn1js.BaseBlock & { valueBlock: { value?: asn1js.AsnType[]; valueHexView?: Uint8Array } }
  if (b.idBlock?.tagClass === 1 && b.idBlock.tagNumber === 2 && !b.idBlock.isConstructed) {
    const v = b.valueBlock.valueHexView
    if (v && v.length > 1 && ((v[0] === 0 && v[1] < 0x80) || (v[0] === 0xff && v[1] >= 0x80))) return false
  }
  const kids = b.valueBlock?.value
  return !Array.isArray(kids) || kids.every((k) => wellFormed(k, depth + 1))
}

export interface Tlv {
  readonly start: number
  readonly tagClass: number
  readonly constructed: boolean
  readonly tag: number
  /** Offset of the value and of the end of the whole element. */
  readonly value: number
  readonly end: number
  readonly indefinite: boolean
}

/** Reads one BER element's header and finds its end (indefinite lengths by walking to the EOC). */
export const tlv = (b: Uint8Array, at: number, limit: number, depth = 0): Tlv => {
  if (depth > 64 || at + 2 > limit) throw new Error("BER truncated")
  const id = b[at]
  let p = at + 1
  let tag = id & 0x1f
  if (tag === 0x1f) {
    tag = 0
    for (let k = 0; ; k++) {
      if (k > 4 || p >= limit) throw new Error("BER tag")
      const c = b[p++]
      tag = tag * 128 + (c & 0x7f)
      if (!(c & 0x80)) break
    }
  }
  const first = b[p++]
  const constructed = (id & 0x20) !== 0
  if (first === 0x80) {
    if (!constructed) throw new Error("BER indefinite primitive")
    let q = p
    for (;;) {
      if (q + 2 > limit) throw new Error("BER no end-of-contents")
      if (b[q] === 0 && b[q + 1] === 0) return { start: at, tagClass: id >> 6, constructed, tag, value: p, end: q + 2, indefinite: true }
      q = tlv(b, q, limit, depth + 1).end
    }
  }
  let len = first
  if (first & 0x80) {
    const n = first & 0x7f
    if (n > 4) throw new Error("BER length")
    len = 0
    for (let k = 0; k < n; k++) len = len * 256 + b[p++]
  }
  if (p + len > limit) throw new Error("BER length beyond data")
  return { start: at, tagClass: id >> 6, constructed, tag, value: p, end: p + len, indefinite: false }
}

export const elements = (b: Uint8Array, t: Tlv): Tlv[] => {
  const out: Tlv[] = []
  const stop = t.indefinite ? t.end - 2 : t.end
  for (let p = t.value; p < stop && out.length < 10_000; ) {
    const c = tlv(b, p, stop)
    out.push(c)
    p = c.end
  }
  return out
}

/** asn1js over one element only, with the BER rules checked. */
export const parseElement = (b: Uint8Array, t: Tlv): asn1js.AsnType => {
  // A copy of exactly this element: asn1js and pkijs copy the whole underlying buffer in places.
  const r = asn1js.fromBER(b.slice(t.start, t.end))
  if (r.offset === -1 || !wellFormed(r.result, 0)) throw new Error("BER element")
  return r.result
}

/** Thrown for a structure that is not what its RFC says: the CMS or CRL is undecodable. */
export const malformed = (what: string): never => {
  throw new Error(`BER ${what}`)
}

/** Dotted text of an OBJECT IDENTIFIER's content bytes; undefined when it is not a minimal encoding. */
export const oidText = (b: Uint8Array): string | undefined => {
  if (b.length === 0 || b.length > 128 || b[b.length - 1] & 0x80) return undefined
  const arcs: number[] = []
  let v = 0
  let fresh = true
  for (const c of b) {
    if (fresh && c === 0x80) return undefined // a leading 0x80 pads a subidentifier (X.690 8.19.2)
    v = v * 128 + (c & 0x7f)
    if (v > Number.MAX_SAFE_INTEGER / 128) return undefined
    fresh = !(c & 0x80)
    if (fresh) {
      arcs.push(v)
      v = 0
    }
  }
  const first = arcs[0] < 40 ? 0 : arcs[0] < 80 ? 1 : 2
  return [first, arcs[0] - 40 * first, ...arcs.slice(1)].join(".")
}

export const isUniversal = (t: Tlv, tag: number, constructed: boolean): boolean => t.tagClass === 0 && t.tag === tag && t.constructed === constructed

/** An INTEGER in its minimal encoding (X.690 8.3.2), as `wellFormed` requires of asn1js' trees. */
export const minimalInteger = (b: Uint8Array, t: Tlv): boolean => {
  const n = t.end - t.value
  if (n < 1) return false
  return n === 1 || !((b[t.value] === 0 && b[t.value + 1] < 0x80) || (b[t.value] === 0xff && b[t.value + 1] >= 0x80))
}

/** The checks asn1js and `wellFormed` make of a tree, on the raw TLVs: lengths, nesting, minimal INTEGERs. */
export const wellFormedBer = (b: Uint8Array, t: Tlv, depth: number): boolean => {
  if (depth > 64) return false
  if (t.tagClass === 0 && t.tag === 2 && !t.constructed) return minimalInteger(b, t)
  if (!t.constructed) return true
  return elements(b, t).every((c) => wellFormedBer(b, c, depth + 1))
}

/** AlgorithmIdentifier ::= SEQUENCE { algorithm OID, parameters ANY OPTIONAL }. */
export const readAlgorithm = (b: Uint8Array, t: Tlv): pkijs.AlgorithmIdentifier => {
  if (!isUniversal(t, 16, true)) malformed("AlgorithmIdentifier")
  const [oid, params, ...rest] = elements(b, t)
  if (!oid || !isUniversal(oid, 6, false) || rest.length) malformed("AlgorithmIdentifier")
  const algorithmId = oidText(b.subarray(oid.value, oid.end)) ?? malformed("OID")
  return params
    ? new pkijs.AlgorithmIdentifier({ algorithmId, algorithmParams: parseElement(b, params) })
    : new pkijs.AlgorithmIdentifier({ algorithmId })
}

