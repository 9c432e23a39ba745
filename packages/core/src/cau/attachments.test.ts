import { strToU8, zipSync } from "fflate"
import { describe, expect, it } from "vitest"
import { checkAttachment, checkAttachments, cleanAttachmentName, defaultAttachmentPolicy, sniffContainer } from "./attachments.js"
import { oleDirectory, zipEntryNames } from "./internal/file-structure.js"

const bytes = (...parts: Array<string | ReadonlyArray<number>>): Uint8Array => {
  const out: Array<number> = []
  for (const p of parts) typeof p === "string" ? out.push(...Array.from(p, (c) => c.charCodeAt(0))) : out.push(...p)
  return new Uint8Array(out)
}

// Real OOXML packages, as fflate writes them (deflated, with a central directory).
const ooxml = (folder: string, main: string) =>
  zipSync({
    "[Content_Types].xml": strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    "_rels/.rels": strToU8("<Relationships/>"),
    [`${folder}${main}`]: strToU8("<document>hola</document>")
  })
const docx = () => ooxml("word/", "document.xml")
const xlsx = () => ooxml("xl/", "workbook.xml")
const pptx = () => ooxml("ppt/", "presentation.xml")

/**
 * A minimal but well-formed OLE compound file (MS-CFB v3, 512-byte sectors): header, one
 * FAT sector, directory sectors with the root entry (its CLSID) and empty streams.
 */
const ole = (streams: ReadonlyArray<string>, rootClsid = new Uint8Array(16)): Uint8Array => {
  const dirSectors = Math.ceil((streams.length + 1) / 4)
  const b = new Uint8Array(512 * (2 + dirSectors))
  const v = new DataView(b.buffer)
  b.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])
  v.setUint16(0x18, 0x3e, true)
  v.setUint16(0x1a, 3, true)
  v.setUint16(0x1c, 0xfffe, true)
  v.setUint16(0x1e, 9, true)
  v.setUint16(0x20, 6, true)
  v.setUint32(0x2c, 1, true) // one FAT sector…
  v.setUint32(0x30, 1, true) // …and the directory in sector 1
  v.setUint32(0x38, 4096, true)
  v.setUint32(0x3c, 0xfffffffe, true)
  v.setUint32(0x44, 0xfffffffe, true)
  for (let i = 0; i < 109; i++) v.setUint32(0x4c + i * 4, i === 0 ? 0 : 0xffffffff, true)
  const fat = 512
  // Sector 0 is the FAT; sectors 1… the directory, chained.
  for (let i = 0; i < 128; i++) {
    v.setUint32(fat + i * 4, i === 0 ? 0xfffffffd : i < dirSectors ? i + 1 : i === dirSectors ? 0xfffffffe : 0xffffffff, true)
  }
  const entry = (index: number, name: string, type: number, child: number, right: number) => {
    const at = 1024 + index * 128
    for (let i = 0; i < name.length; i++) v.setUint16(at + i * 2, name.charCodeAt(i), true)
    v.setUint16(at + 64, (name.length + 1) * 2, true)
    b[at + 66] = type
    b[at + 67] = 1
    v.setUint32(at + 68, 0xffffffff, true)
    v.setUint32(at + 72, right, true)
    v.setUint32(at + 76, child, true)
    if (type === 5) b.set(rootClsid, at + 80)
    v.setUint32(at + 116, 0xfffffffe, true)
  }
  entry(0, "Root Entry", 5, streams.length > 0 ? 1 : 0xffffffff, 0xffffffff)
  streams.forEach((name, i) => entry(i + 1, name, 2, 0xffffffff, i + 2 <= streams.length ? i + 2 : 0xffffffff))
  return b
}
/**
 * A compound file with 110 FAT sectors: 109 listed in the header, the 110th in a DIFAT
 * sector, as Office writes files over ~7 MB. The directory (sector 111) holds `WordDocument`.
 */
const oleWithDifat = (difatOk = true): Uint8Array => {
  const b = new Uint8Array(512 * (1 + 112))
  const v = new DataView(b.buffer)
  const sector = (n: number) => 512 + n * 512
  b.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])
  v.setUint16(0x18, 0x3e, true)
  v.setUint16(0x1a, 3, true)
  v.setUint16(0x1c, 0xfffe, true)
  v.setUint16(0x1e, 9, true)
  v.setUint32(0x2c, 110, true)
  v.setUint32(0x30, 111, true)
  v.setUint32(0x3c, 0xfffffffe, true)
  v.setUint32(0x44, difatOk ? 110 : 5000, true)
  v.setUint32(0x48, 1, true)
  for (let i = 0; i < 109; i++) v.setUint32(0x4c + i * 4, i, true)
  for (let i = 0; i < 128; i++) v.setUint32(sector(110) + i * 4, i === 0 ? 109 : i === 127 ? 0xfffffffe : 0xffffffff, true)
  for (let n = 0; n < 110; n++) for (let i = 0; i < 128; i++) v.setUint32(sector(n) + i * 4, 0xffffffff, true)
  for (let i = 0; i < 110; i++) v.setUint32(sector(0) + i * 4, 0xfffffffd, true)
  v.setUint32(sector(0) + 110 * 4, 0xfffffffc, true)
  v.setUint32(sector(0) + 111 * 4, 0xfffffffe, true)
  const entry = (index: number, name: string, type: number) => {
    const at = sector(111) + index * 128
    for (let i = 0; i < name.length; i++) v.setUint16(at + i * 2, name.charCodeAt(i), true)
    v.setUint16(at + 64, (name.length + 1) * 2, true)
    b[at + 66] = type
    for (const o of [68, 72, 76]) v.setUint32(at + o, 0xffffffff, true)
    v.setUint32(at + 116, 0xfffffffe, true)
  }
  entry(0, "Root Entry", 5)
  v.setUint32(sector(111) + 76, 1, true)
  entry(1, "WordDocument", 2)
  return b
}
// {000C1084-0000-0000-C000-000000000046}, the root CLSID of every .msi, as stored (little-endian fields).
const MSI_CLSID = new Uint8Array([0x84, 0x10, 0x0c, 0x00, 0x00, 0x00, 0x00, 0x00, 0xc0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46])
const msi = () => ole(["\u0005SummaryInformation", "\u4840\u3f3f\u4577\u446c\u3b6a\u45e4\u4824", "WordDocument"], MSI_CLSID)
const doc = () => ole(["\u0001CompObj", "WordDocument", "1Table", "\u0005SummaryInformation"])
const xls = () => ole(["Workbook", "\u0005SummaryInformation"])
const ppt = () => ole(["PowerPoint Document", "Current User"])
// A Windows executable: "MZ", its DOS header (NULs) and a PE signature.
const exe = () => { const b = new Uint8Array(256); b.set(bytes("MZ", [0x90, 0, 3, 0])); b.set(bytes("PE", [0, 0]), 128); return b }

describe("attachment signatures", () => {
  it.each([
    ["informe.pdf", bytes("%PDF-1.7\n"), "pdf"],
    ["acta.docx", docx(), "word"],
    ["acta.doc", doc(), "word"],
    ["acta.rtf", bytes("{\\rtf1\\ansi hola}"), "word"],
    ["cuadro.xlsx", xlsx(), "excel"],
    ["cuadro.xls", xls(), "excel"],
    ["diapos.pptx", pptx(), "powerpoint"],
    ["diapos.ppt", ppt(), "powerpoint"],
    ["captura.PNG", bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), "image"],
    ["foto.jpeg", bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), "image"],
    ["anim.gif", bytes("GIF89a", [1, 0]), "image"],
    ["img.webp", bytes("RIFF", [0, 0, 0, 0], "WEBPVP8 "), "image"],
    ["log.txt", new TextEncoder().encode("\uFEFFError 500 en el módulo\r\n\tlínea 2 ✓"), "text"],
    ["datos.csv", bytes("dni;nombre\n10117410;Ana\n"), "text"]
  ])("%s (case %#)", (name, content, kind) => {
    const r = checkAttachment({ name, bytes: content })
    expect(r.ok && r.value.kind).toBe(kind)
  })

  it.each([
    ["informe.pdf", bytes("<html><script>alert(1)</script>"), "signature-mismatch"],
    ["acta.docx", xlsx(), "signature-mismatch"],
    ["acta.docx", zipSync({ "leeme.txt": strToU8("hola") }), "signature-mismatch"],
    // Names in the file's bytes are not entries of its directory.
    ["acta.docx", zipSync({ "notas.txt": strToU8("word/document.xml [Content_Types].xml") }, { level: 0 }), "signature-mismatch"],
    ["acta.docx", zipSync({ "word/document.xml": strToU8("<w/>") }), "signature-mismatch"],
    ["acta.docx", docx().slice(0, -10), "signature-mismatch"],
    ["acta.doc", msi(), "signature-mismatch"],
    ["acta.doc", xls(), "signature-mismatch"],
    ["cuadro.xls", doc(), "signature-mismatch"],
    ["diapos.ppt", ole(["\u0005SummaryInformation"]), "signature-mismatch"],
    ["acta.doc", bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], [0, 0, 0, 0]), "signature-mismatch"],
    ["informe.pdf", exe(), "signature-mismatch"],
    ["acta.doc", exe(), "signature-mismatch"],
    ["notas.txt", exe(), "signature-mismatch"],
    ["notas.txt", bytes("m", [0xf3], "dulo en Windows-1252"), "signature-mismatch"],
    ["notas.txt", new Uint8Array(70_000).fill(0x61).map((c, i) => (i === 69_999 ? 0 : c)), "signature-mismatch"],
    ["cuadro.xlsx", bytes("%PDF-1.7"), "signature-mismatch"],
    ["foto.jpg", bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), "signature-mismatch"],
    ["nota.txt", bytes("MZ", [0x90, 0, 3, 0, 0, 0]), "signature-mismatch"],
    ["setup.exe", bytes("MZ", [0x90, 0]), "unsupported-type"],
    ["pagina.html", bytes("<html>"), "unsupported-type"],
    ["dibujo.svg", bytes("<svg onload=alert(1)>"), "unsupported-type"],
    ["sin-extension", bytes("%PDF-"), "unsupported-type"],
    ["vacio.pdf", new Uint8Array(0), "empty"],
    ["   ", bytes("%PDF-"), "bad-name"]
  ])("%s is refused (case %#)", (name, content, reason) => {
    const r = checkAttachment({ name, bytes: content })
    expect(r.ok ? "ok" : r.reason).toBe(reason)
  })

  it("applies size, count and total limits", () => {
    const policy = { ...defaultAttachmentPolicy, maxBytes: 10, maxCount: 2, maxTotalBytes: 15 }
    const pdf = (n: number) => ({ name: "a.pdf", bytes: new Uint8Array(n).map((_, i) => (i < 5 ? "%PDF-".charCodeAt(i) : 32)) })
    expect(checkAttachment(pdf(11), policy)).toMatchObject({ ok: false, reason: "too-large" })
    expect(checkAttachments([pdf(8), pdf(8)], policy)).toMatchObject({ ok: false, reason: "total-too-large" })
    expect(checkAttachments([pdf(5), pdf(5), pdf(5)], policy)).toMatchObject({ ok: false, reason: "too-many" })
    expect(checkAttachments([pdf(5), pdf(5)], policy)).toMatchObject({ ok: true })
    expect(checkAttachment({ name: "a.png", bytes: bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) }, { ...policy, kinds: ["pdf"] }))
      .toMatchObject({ ok: false, reason: "unsupported-type" })
  })

  it("cleans names: no folders, no control or bidi characters", () => {
    expect(cleanAttachmentName("C:\\fakepath\\informe.pdf")).toBe("informe.pdf")
    expect(cleanAttachmentName("../../etc/passwd")).toBe("passwd")
    expect(cleanAttachmentName("cv\u202Efdp.exe")).toBe("cvfdp.exe")
    expect(cleanAttachmentName("<img src=x onerror=alert(1)>.pdf")).toBe("<img src=x onerror=alert(1)>.pdf".split("/").pop())
    expect(cleanAttachmentName("..")).toBeUndefined()
  })

  it("reads the real structure: zip directory names and OLE streams", () => {
    expect([...(zipEntryNames(docx()) ?? [])].sort()).toEqual(["[Content_Types].xml", "_rels/.rels", "word/document.xml"])
    expect(zipEntryNames(bytes("PK", [3, 4], "no directory"))).toBeUndefined()
    expect(oleDirectory(doc())).toEqual({ rootClsid: "00000000-0000-0000-0000-000000000000", streams: ["\u0001CompObj", "WordDocument", "1Table", "\u0005SummaryInformation"] })
    expect(oleDirectory(msi())?.rootClsid).toBe("000C1084-0000-0000-C000-000000000046")
    // A directory chain that loops on itself ends, refused.
    const looped = doc()
    new DataView(looped.buffer).setUint32(512 + 4, 1, true)
    expect(oleDirectory(looped)).toBeUndefined()
    expect(checkAttachment({ name: "acta.doc", bytes: looped })).toMatchObject({ ok: false, reason: "signature-mismatch" })
  })

  it("reads the FAT past the header through DIFAT sectors, and refuses a broken DIFAT chain", () => {
    expect(oleDirectory(oleWithDifat())?.streams).toEqual(["WordDocument"])
    expect(checkAttachment({ name: "grande.doc", bytes: oleWithDifat() })).toMatchObject({ ok: true, value: { kind: "word" } })
    expect(oleDirectory(oleWithDifat(false))).toBeUndefined()
  })

  it("does not take random bytes for text", () => {
    expect(sniffContainer(bytes([0, 1, 2, 3]))).toBeUndefined()
  })
})
