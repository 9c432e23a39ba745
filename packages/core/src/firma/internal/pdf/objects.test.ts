// The object parser's number and hex-string readers: the fast paths (integers from their
// digits, Node's hex decoder for long strings) must read exactly what the general ones read,
// and refuse what they refuse.
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Parser, PdfSyntaxError, readObjectHeader, type PdfString } from "./objects.js"

const bytes = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0) & 255)
const parse = (s: string) => new Parser(bytes(s), 0).value()
const hexOf = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("")

describe("numbers", () => {
  it("reads integers, signs, reals and references as PDF readers do", () => {
    expect(parse("0")).toBe(0)
    expect(parse("123 ")).toBe(123)
    expect(parse("-17]")).toBe(-17)
    expect(parse("+4")).toBe(4)
    expect(Object.is(parse("-0"), -0)).toBe(true)
    expect(parse("3.25")).toBe(3.25)
    expect(parse("-.5")).toBe(-0.5)
    expect(parse("5.")).toBe(5)
    expect(parse("12 0 R")).toEqual({ kind: "ref", num: 12, gen: 0 })
    expect(parse("12 0 Rx")).toBe(12)
    expect(parse("12 -1 R")).toBe(12)
    expect(parse("1.5 0 R")).toBe(1.5)
    // Longer than a double holds exactly: read as Number reads it, not digit by digit.
    expect(parse("12345678901234567890")).toBe(12345678901234567890)
    expect(parse("9007199254740993")).toBe(Number("9007199254740993"))
  })

  it("refuses what is not a number", () => {
    for (const bad of ["-", "+", "--5", "+-1", "."]) expect(() => parse(bad), bad).toThrow(PdfSyntaxError)
    expect(() => parse("1".repeat(41) + ".5")).toThrow(PdfSyntaxError)
  })

  it("agrees with Number on every token of digits, signs and dots", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[+-]?[0-9]{1,20}(\.[0-9]{0,6})?$/), (token) => {
        expect(parse(token + " ")).toBe(Number(token))
      })
    )
  })

  it("reads object headers", () => {
    expect(readObjectHeader(bytes(" 7 0 obj <<>>"), 0)).toEqual({ num: 7, gen: 0, next: 8 })
    expect(readObjectHeader(bytes("7 1.5 obj"), 0)).toBeUndefined()
    expect(readObjectHeader(bytes("-7 0 obj"), 0)).toBeUndefined()
    expect(readObjectHeader(bytes("7 0 objx"), 0)).toBeUndefined()
  })
})

describe("hex strings", () => {
  const long = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 131 + 7) & 255)

  it("decodes long and short strings, upper and lower case, in place of the source bytes", () => {
    for (const n of [0, 1, 100, 511, 512, 4000, 40_000]) {
      const data = long(n)
      for (const hex of [hexOf(data), hexOf(data).toUpperCase()]) {
        const s = parse(`<${hex}>`) as PdfString
        expect(s.kind).toBe("string")
        expect(s.hex).toBe(true)
        expect(s.bytes).toEqual(data)
        expect(s.bytes.constructor).toBe(Uint8Array)
        // Its memory is its own: never Node's shared pool, never the document's bytes.
        expect(s.bytes.buffer.byteLength).toBeLessThanOrEqual(Math.max(1, Math.ceil(hex.length / 2)))
        expect(s.end).toBe(hex.length + 2)
      }
    }
  })

  it("long strings with white space, an odd digit count or a bad digit read as the byte-by-byte reader reads them", () => {
    const data = long(2000)
    const hex = hexOf(data)
    const spaced = hex.slice(0, 1001) + "\n " + hex.slice(1001)
    expect((parse(`<${spaced}>`) as PdfString).bytes).toEqual(data)
    // An odd count: the last digit is followed by an implied 0 (ISO 32000-1 §7.3.4.3).
    const odd = parse(`<${hex}a>`) as PdfString
    expect(odd.bytes.length).toBe(2001)
    expect(odd.bytes[2000]).toBe(0xa0)
    expect(odd.bytes.subarray(0, 2000)).toEqual(data)
    for (const bad of ["zz", "g0", "0\u00ff"]) {
      const at = 1200
      expect(() => parse(`<${hex.slice(0, at)}${bad}${hex.slice(at + 2)}>`), bad).toThrow(PdfSyntaxError)
    }
    expect(() => parse(`<${hex}`)).toThrow(PdfSyntaxError)
  })

  it("inside a larger buffer, decodes only its own bytes", () => {
    const data = long(3000)
    const text = `<< /Contents <${hexOf(data)}> /Next 1 >>`
    const buffer = new Uint8Array(text.length + 64)
    buffer.set(bytes(text), 32)
    const d = new Parser(buffer.subarray(32, 32 + text.length), 0).value()
    expect(d && typeof d === "object" && d.kind === "dict" && (d.map.get("Contents") as PdfString).bytes).toEqual(data)
  })
})
