/*
 * What an Office file really is, read from its structure rather than a few magic bytes:
 * the central directory of an OOXML zip, the directory stream of an OLE compound file, and
 * whole-file UTF-8 for text. Bounded loops only: the input is hostile.
 */

/** The Office kinds a container can hold. */
export type OfficeKind = "word" | "excel" | "powerpoint"

const u16 = (b: Uint8Array, at: number): number => b[at] | (b[at + 1] << 8)
const u32 = (b: Uint8Array, at: number): number => (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16)) + b[at + 3] * 0x1000000

const latin1 = (b: Uint8Array, from: number, to: number): string => {
  let s = ""
  for (let i = from; i < to; i++) s += String.fromCharCode(b[i])
  return s
}

/**
 * The entry names of a zip's central directory, or `undefined` when there is no readable
 * directory (not a zip, truncated, ZIP64 or a lying end record).
 */
export const zipEntryNames = (b: Uint8Array): ReadonlyArray<string> | undefined => {
  // End of central directory: 22 bytes plus a comment of at most 65535, at the very end.
  const lowest = Math.max(0, b.length - 22 - 65535)
  let eocd = -1
  for (let i = b.length - 22; i >= lowest; i--) {
    if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 0x05 && b[i + 3] === 0x06 && i + 22 + u16(b, i + 20) === b.length) {
      eocd = i
      break
    }
  }
  if (eocd < 0) return undefined
  const count = u16(b, eocd + 10)
  const size = u32(b, eocd + 12)
  const offset = u32(b, eocd + 16)
  if (count === 0xffff || offset === 0xffffffff || offset + size > eocd) return undefined
  const names: Array<string> = []
  let at = offset
  for (let n = 0; n < count; n++) {
    if (at + 46 > eocd || u32(b, at) !== 0x02014b50) return undefined
    const nameLength = u16(b, at + 28)
    const next = at + 46 + nameLength + u16(b, at + 30) + u16(b, at + 32)
    if (next > eocd) return undefined
    names.push(latin1(b, at + 46, at + 46 + nameLength))
    at = next
  }
  return names
}

const OOXML_FOLDERS: ReadonlyArray<readonly [string, OfficeKind]> = [["word/", "word"], ["xl/", "excel"], ["ppt/", "powerpoint"]]

/**
 * The Office kind of an OOXML package: a zip whose directory has `[Content_Types].xml` and
 * the kind's part folder (`word/`, `xl/`, `ppt/`). `undefined` for any other zip.
 */
export const ooxmlKindOf = (b: Uint8Array): OfficeKind | undefined => {
  const names = zipEntryNames(b)
  if (!names || !names.includes("[Content_Types].xml")) return undefined
  const kinds = OOXML_FOLDERS.filter(([folder]) => names.some((n) => n.startsWith(folder))).map(([, kind]) => kind)
  return kinds.length === 1 ? kinds[0] : undefined
}

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]
const END_OF_CHAIN = 0xfffffffe
const MAX_REGULAR_SECTOR = 0xfffffffa

/** What the directory of an OLE compound file holds: the root CLSID and the stream names. */
export interface OleDirectory {
  readonly rootClsid: string
  readonly streams: ReadonlyArray<string>
}

const clsidAt = (b: Uint8Array, at: number): string => {
  const hex = (from: number, n: number, reverse: boolean) => {
    const out: Array<string> = []
    for (let i = 0; i < n; i++) out.push(b[from + (reverse ? n - 1 - i : i)].toString(16).padStart(2, "0"))
    return out.join("")
  }
  return `${hex(at, 4, true)}-${hex(at + 4, 2, true)}-${hex(at + 6, 2, true)}-${hex(at + 8, 2, false)}-${hex(at + 10, 6, false)}`.toUpperCase()
}

/**
 * Reads the directory stream of an OLE compound file (MS-CFB): the FAT from the header's
 * DIFAT (and DIFAT sectors), then the directory sector chain. `undefined` when the
 * structure is not sound.
 */
export const oleDirectory = (b: Uint8Array): OleDirectory | undefined => {
  if (b.length < 512 || OLE_SIGNATURE.some((x, i) => b[i] !== x)) return undefined
  const shift = u16(b, 0x1e)
  if (shift !== 9 && shift !== 12) return undefined
  const sectorSize = 1 << shift
  const sectors = Math.floor((b.length - 512 + sectorSize - 1) / sectorSize)
  const sectorAt = (n: number) => 512 + n * sectorSize
  const valid = (n: number) => n <= MAX_REGULAR_SECTOR && n < sectors

  // FAT sector numbers: 109 in the header, the rest in the DIFAT chain.
  const fatCount = u32(b, 0x2c)
  if (fatCount > sectors) return undefined
  const fatSectors: Array<number> = []
  for (let i = 0; i < 109 && fatSectors.length < fatCount; i++) fatSectors.push(u32(b, 0x4c + i * 4))
  let difat = u32(b, 0x44)
  for (let guard = 0; fatSectors.length < fatCount && difat !== END_OF_CHAIN && guard < sectors; guard++) {
    if (!valid(difat)) return undefined
    const per = sectorSize / 4 - 1
    for (let i = 0; i < per && fatSectors.length < fatCount; i++) fatSectors.push(u32(b, sectorAt(difat) + i * 4))
    difat = u32(b, sectorAt(difat) + per * 4)
  }
  if (fatSectors.length < fatCount || !fatSectors.every(valid)) return undefined
  const perFat = sectorSize / 4
  const nextSector = (n: number): number | undefined => {
    const fat = fatSectors[Math.floor(n / perFat)]
    const at = sectorAt(fat) + (n % perFat) * 4
    return fat === undefined || at + 4 > b.length ? undefined : u32(b, at)
  }

  let rootClsid: string | undefined
  const streams: Array<string> = []
  let sector = u32(b, 0x30)
  for (let guard = 0; sector !== END_OF_CHAIN; guard++) {
    if (guard >= sectors || !valid(sector)) return undefined
    for (let at = sectorAt(sector); at + 128 <= sectorAt(sector) + sectorSize && at + 128 <= b.length; at += 128) {
      const type = b[at + 66]
      const nameBytes = u16(b, at + 64)
      if (type === 0 || nameBytes < 2 || nameBytes > 64) continue
      let name = ""
      for (let i = 0; i < nameBytes - 2; i += 2) name += String.fromCharCode(u16(b, at + i))
      if (type === 5 && rootClsid === undefined) rootClsid = clsidAt(b, at + 80)
      else if (type === 2) streams.push(name)
    }
    const next = nextSector(sector)
    if (next === undefined) return undefined
    sector = next
  }
  return rootClsid === undefined ? undefined : { rootClsid, streams }
}

// Root CLSIDs of Windows Installer files (MSI, MSP patch, MST transform): never documents.
const INSTALLER_CLSIDS = new Set([
  "000C1084-0000-0000-C000-000000000046",
  "000C1086-0000-0000-C000-000000000046",
  "000C1082-0000-0000-C000-000000000046"
])

/**
 * The Office kind of a legacy binary document: the stream each application writes
 * (`WordDocument`, `Workbook`/`Book`, `PowerPoint Document`). An installer, or any other
 * compound file, is `undefined`.
 */
export const oleKindOf = (b: Uint8Array): OfficeKind | undefined => {
  const dir = oleDirectory(b)
  if (!dir || INSTALLER_CLSIDS.has(dir.rootClsid)) return undefined
  const has = (name: string) => dir.streams.includes(name)
  const kinds: Array<OfficeKind> = []
  if (has("WordDocument")) kinds.push("word")
  if (has("Workbook") || has("Book")) kinds.push("excel")
  if (has("PowerPoint Document")) kinds.push("powerpoint")
  return kinds.length === 1 ? kinds[0] : undefined
}

/**
 * Text: the whole file is valid UTF-8 (a BOM allowed) with no NUL and no control character
 * other than tab, line feed, form feed and carriage return.
 */
export const isPlainText = (b: Uint8Array): boolean => {
  for (let i = 0; i < b.length; i++) {
    const c = b[i]
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d) || c === 0x7f) return false
  }
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(b)
    return true
  } catch {
    return false
  }
}
