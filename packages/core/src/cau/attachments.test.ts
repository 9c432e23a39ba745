import { describe, expect, it } from "vitest"
import { checkAttachment, checkAttachments, cleanAttachmentName, defaultAttachmentPolicy, sniffContainer } from "./attachments.js"

const bytes = (...parts: Array<string | ReadonlyArray<number>>): Uint8Array => {
  const out: Array<number> = []
  for (const p of parts) typeof p === "string" ? out.push(...Array.from(p, (c) => c.charCodeAt(0))) : out.push(...p)
  return new Uint8Array(out)
}
const zip = (folder: string) => bytes([0x50, 0x4b, 0x03, 0x04], [20, 0, 0, 0], "[Content_Types].xml", [0, 0], `${folder}document.xml`)
const ole = bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], [0, 0, 0, 0])

describe("attachment signatures", () => {
  it.each([
    ["informe.pdf", bytes("%PDF-1.7\n"), "pdf"],
    ["acta.docx", zip("word/"), "word"],
    ["acta.doc", ole, "word"],
    ["acta.rtf", bytes("{\\rtf1\\ansi hola}"), "word"],
    ["cuadro.xlsx", zip("xl/"), "excel"],
    ["cuadro.xls", ole, "excel"],
    ["diapos.pptx", zip("ppt/"), "powerpoint"],
    ["diapos.ppt", ole, "powerpoint"],
    ["captura.PNG", bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), "image"],
    ["foto.jpeg", bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), "image"],
    ["anim.gif", bytes("GIF89a", [1, 0]), "image"],
    ["img.webp", bytes("RIFF", [0, 0, 0, 0], "WEBPVP8 "), "image"],
    ["log.txt", bytes("Error 500 en el módulo\r\n\tlinea 2"), "text"],
    ["datos.csv", bytes("dni;nombre\n10117410;Ana\n"), "text"]
  ])("%s is %s", (name, content, kind) => {
    const r = checkAttachment({ name, bytes: content })
    expect(r.ok && r.value.kind).toBe(kind)
  })

  it.each([
    ["informe.pdf", bytes("<html><script>alert(1)</script>"), "signature-mismatch"],
    ["acta.docx", zip("xl/"), "signature-mismatch"],
    ["cuadro.xlsx", bytes("%PDF-1.7"), "signature-mismatch"],
    ["foto.jpg", bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), "signature-mismatch"],
    ["nota.txt", bytes("MZ", [0x90, 0, 3, 0, 0, 0]), "signature-mismatch"],
    ["setup.exe", bytes("MZ", [0x90, 0]), "unsupported-type"],
    ["pagina.html", bytes("<html>"), "unsupported-type"],
    ["dibujo.svg", bytes("<svg onload=alert(1)>"), "unsupported-type"],
    ["sin-extension", bytes("%PDF-"), "unsupported-type"],
    ["vacio.pdf", new Uint8Array(0), "empty"],
    ["   ", bytes("%PDF-"), "bad-name"]
  ])("%s is refused: %s", (name, content, reason) => {
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

  it("does not take random bytes for text", () => {
    expect(sniffContainer(bytes([0, 1, 2, 3]))).toBeUndefined()
  })
})
