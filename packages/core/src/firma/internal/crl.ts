// CRLs (RFC 5280 §5) read as raw DER. A CA's CRL lists every certificate it revoked: tens of
// thousands of entries and megabytes are ordinary. asn1js stops at 10,000 nodes by default (a
// CRL of some 2,000 entries), and with the limit raised pkijs took 5 s and 540 MB for 50,000
// entries. Here a CRL costs a pass over its bytes: the entries stay bytes until one is asked for.
import * as pkijs from "pkijs"
import { ByBytes } from "./by-bytes.js"
import { elements, isUniversal, malformed, minimalInteger, oidText, parseElement, readAlgorithm, tlv, type Tlv } from "./der.js"

/** A CRL as the revocation check reads it. */
export interface CrlView {
  /** The issuer's Name, as pkijs reads it (names compare as RFC 5280 §7.1 says). */
  readonly issuer: pkijs.RelativeDistinguishedNames
  /** What the CA signed (the DER of tbsCertList). */
  readonly tbsView: Uint8Array
  readonly signatureAlgorithm: pkijs.AlgorithmIdentifier
  readonly signatureValue: { readonly valueBlock: { readonly valueHexView: Uint8Array } }
  readonly thisUpdate: Date
  readonly nextUpdate: Date | undefined
  /** OIDs of the crlExtensions. */
  readonly extensionIds: ReadonlyArray<string>
  /** Some entry carries a critical extension (an indirect CRL's certificate issuer, or one unknown). */
  readonly criticalEntryExtensions: boolean
  /** How many entries it lists. */
  readonly entryCount: number
  /** The earliest revocation date it gives for this serial number (the DER of the INTEGER), if it lists it. */
  readonly revokedAt: (serial: Uint8Array) => Date | undefined
}

/** CRLs already read, by their exact bytes (the same CA's CRL comes with document after document). */
const cache = new ByBytes<CrlView>(64, 64 << 20)

/** Reads a CRL; throws on anything that is not a CertificateList (the caller then does not use it). */
export const readCrl = (der: Uint8Array): CrlView => cache.getOrMake(der, () => parseCrl(der))

/**
 * CertificateList ::= SEQUENCE { tbsCertList, signatureAlgorithm, signatureValue BIT STRING }
 * TBSCertList ::= SEQUENCE { version INTEGER OPTIONAL, signature AlgorithmIdentifier, issuer Name,
 *   thisUpdate Time, nextUpdate Time OPTIONAL, revokedCertificates SEQUENCE OF SEQUENCE {
 *   userCertificate INTEGER, revocationDate Time, crlEntryExtensions OPTIONAL } OPTIONAL,
 *   crlExtensions [0] EXPLICIT Extensions OPTIONAL }
 */
const parseCrl = (input: Uint8Array): CrlView => {
  // Its own copy: the view outlives the document it came in, and is cached.
  const b = input.slice()
  const outer = tlv(b, 0, b.length)
  if (!isUniversal(outer, 16, true) || outer.indefinite) malformed("CertificateList")
  const [tbs, algorithm, value, ...rest] = elements(b, outer)
  if (!tbs || !algorithm || !value || rest.length || !isUniversal(tbs, 16, true) || tbs.indefinite) malformed("CertificateList")
  if (!isUniversal(value, 3, false) || value.end - value.value < 1 || b[value.value] !== 0) malformed("CRL signature")
  const f = elements(b, tbs)
  let i = 0
  if (f[i] && isUniversal(f[i], 2, false)) {
    if (!minimalInteger(b, f[i]) || f[i].end - f[i].value !== 1 || b[f[i].value] > 1) malformed("CRL version") // v2 is 1
    i++
  }
  const innerAlgorithm = f[i++] ?? malformed("TBSCertList")
  const issuer = f[i++] ?? malformed("TBSCertList")
  if (!isUniversal(issuer, 16, true)) malformed("CRL issuer")
  const thisUpdate = timeOf(b, f[i++] ?? malformed("TBSCertList")) ?? malformed("CRL thisUpdate")
  let nextUpdate: Date | undefined
  if (f[i] && isTime(f[i])) nextUpdate = timeOf(b, f[i++]) ?? malformed("CRL nextUpdate")
  let revoked: Tlv | undefined
  if (f[i] && isUniversal(f[i], 16, true)) revoked = f[i++]
  let extensionIds: string[] = []
  if (f[i] && f[i].tagClass === 2 && f[i].tag === 0 && f[i].constructed) extensionIds = extensionIdsOf(b, f[i++])
  if (i !== f.length) malformed("TBSCertList")
  // RFC 5280 §5.1.1.2: the algorithm inside what was signed must be the one outside.
  const signatureAlgorithm = readAlgorithm(b, algorithm)
  if (readAlgorithm(b, innerAlgorithm).algorithmId !== signatureAlgorithm.algorithmId) malformed("CRL algorithm")
  const { offsets: entries, critical } = revoked ? entriesOf(b, revoked) : { offsets: new Int32Array(0), critical: false }
  return {
    issuer: new pkijs.RelativeDistinguishedNames({ schema: parseElement(b, issuer) }),
    tbsView: b.subarray(tbs.start, tbs.end),
    signatureAlgorithm,
    signatureValue: { valueBlock: { valueHexView: b.subarray(value.value + 1, value.end) } },
    thisUpdate,
    nextUpdate,
    extensionIds,
    criticalEntryExtensions: critical,
    entryCount: entries.length / 3,
    revokedAt: (serial) => {
      const want = integerValue(serial)
      let earliest: Date | undefined
      for (let k = 0; k < entries.length; k += 3) {
        // The entry's INTEGER value without sign padding, compared in place.
        const end = entries[k + 1]
        let s = entries[k]
        while (end - s > 1 && ((b[s] === 0 && b[s + 1] < 0x80) || (b[s] === 0xff && b[s + 1] >= 0x80))) s++
        if (end - s !== want.length) continue
        let same = true
        for (let j = 0; j < want.length && same; j++) same = b[s + j] === want[j]
        if (!same) continue
        const at = timeOf(b, tlv(b, entries[k + 1], entries[k + 2]))
        // An entry whose date cannot be read still says revoked: at the earliest time there is.
        const when = at ?? new Date(0)
        if (!earliest || when < earliest) earliest = when
      }
      return earliest
    }
  }
}

/** The value offset and end of the definite-length element at `at` (short tags only), written to `head`. */
const head = { value: 0, end: 0 }
const header = (b: Uint8Array, at: number, limit: number, tag: number): boolean => {
  if (at + 2 > limit || b[at] !== tag) return false
  let p = at + 1
  let len = b[p++]
  if (len & 0x80) {
    const n = len & 0x7f
    if (n === 0 || n > 4 || p + n > limit) return false
    len = 0
    for (let k = 0; k < n; k++) len = len * 256 + b[p++]
  }
  if (p + len > limit) return false
  head.value = p
  head.end = p + len
  return true
}

/**
 * Every entry as three offsets (its serial number's value, the end of it, the entry's end): no
 * object per entry. An entry is SEQUENCE { INTEGER, UTCTime | GeneralizedTime, crlEntryExtensions
 * SEQUENCE OF Extension OPTIONAL }, each with a definite length. `critical` tells whether some
 * entry carries a critical extension.
 */
const entriesOf = (b: Uint8Array, list: Tlv): { offsets: Int32Array; critical: boolean } => {
  const stop = list.indefinite ? list.end - 2 : list.end
  let out = new Int32Array(3 * 1024)
  let n = 0
  let critical = false
  for (let p = list.value; p < stop; ) {
    if (!header(b, p, stop, 0x30)) malformed("CRL entry")
    const entryEnd = head.end
    if (!header(b, head.value, entryEnd, 0x02) || head.end === head.value) malformed("CRL entry serial")
    const serialStart = head.value
    const serialEnd = head.end
    if (!header(b, serialEnd, entryEnd, 0x17) && !header(b, serialEnd, entryEnd, 0x18)) malformed("CRL entry date")
    if (head.end < entryEnd) critical = entryExtensions(b, head.end, entryEnd) || critical
    if (n + 3 > out.length) {
      const bigger = new Int32Array(out.length * 2)
      bigger.set(out)
      out = bigger
    }
    out[n++] = serialStart
    out[n++] = serialEnd
    out[n++] = entryEnd
    p = entryEnd
  }
  return { offsets: out.subarray(0, n), critical }
}

/**
 * crlEntryExtensions at `at`, the rest of an entry: SEQUENCE OF Extension { extnID OID, critical
 * BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }. True when one is critical (a certificate
 * issuer of an indirect CRL, or one not known here: RFC 5280 §5.3).
 */
const entryExtensions = (b: Uint8Array, at: number, end: number): boolean => {
  if (!header(b, at, end, 0x30) || head.end !== end) malformed("CRL entry extensions")
  let critical = false
  for (let p = head.value; p < end; ) {
    if (!header(b, p, end, 0x30)) malformed("CRL entry extension")
    const extEnd = head.end
    if (!header(b, head.value, extEnd, 0x06)) malformed("CRL entry extension")
    if (header(b, head.end, extEnd, 0x01)) {
      if (head.end - head.value !== 1) malformed("CRL entry extension")
      if (b[head.value] !== 0) critical = true
    }
    p = extEnd
  }
  return critical
}

/** crlExtensions [0] EXPLICIT SEQUENCE OF Extension { extnID OID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }. */
const extensionIdsOf = (b: Uint8Array, t: Tlv): string[] => {
  const [list, ...rest] = elements(b, t)
  if (!list || rest.length || !isUniversal(list, 16, true)) malformed("crlExtensions")
  return elements(b, list).map((e) => {
    const [id] = isUniversal(e, 16, true) ? elements(b, e) : []
    if (!id || !isUniversal(id, 6, false)) malformed("CRL extension")
    return oidText(b.subarray(id.value, id.end)) ?? malformed("CRL extension")
  })
}

const isTime = (t: Tlv): boolean => t.tagClass === 0 && !t.constructed && (t.tag === 23 || t.tag === 24)

/**
 * UTCTime YYMMDDHHMM[SS]Z (years 50–99 are 19xx, RFC 5280 §4.1.2.5.1) or GeneralizedTime
 * YYYYMMDDHHMMSS[.f]Z; undefined for anything else (a local time, an offset, a bad date).
 */
export const timeOf = (b: Uint8Array, t: Tlv): Date | undefined => {
  if (!isTime(t)) return undefined
  let s = ""
  for (let k = t.value; k < t.end && s.length <= 32; k++) s += String.fromCharCode(b[k])
  const m = t.tag === 23 ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(s) : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\.\d{1,9})?Z$/.exec(s)
  if (!m) return undefined
  const year = t.tag === 23 ? (Number(m[1]) >= 50 ? 1900 : 2000) + Number(m[1]) : Number(m[1])
  const [month, day, hour, minute, second] = [m[2], m[3], m[4], m[5], m[6] ?? "0"].map(Number)
  const ms = t.tag === 24 && m[7] ? Math.floor(Number(`0${m[7]}`) * 1000) : 0
  const d = new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms))
  // Date.UTC rolls 31 February over to March: such a time is not one.
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return undefined
  return d
}

/** An INTEGER's value bytes without sign padding, so that equal numbers compare equal however encoded. */
const integerValue = (der: Uint8Array): Uint8Array => {
  let v = der.subarray(tlv(der, 0, der.length).value)
  while (v.length > 1 && ((v[0] === 0 && v[1] < 0x80) || (v[0] === 0xff && v[1] >= 0x80))) v = v.subarray(1)
  return v
}
