import { Effect, Exit, Schema } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import {
  checkDni,
  checkIdentity,
  decodeIdentity,
  Dni,
  DniFromInput,
  dniCheckCharacters,
  dniOfRuc,
  guessIdentityKind,
  IdentityError,
  identityMessage,
  isValidDni,
  isValidRuc,
  parseIdentity,
  Ruc,
  RucFromInput,
  rucOfDni
} from "../src/identity/index.js"
import { stdnumValidRucs } from "./fixtures/stdnum-ruc.js"

// RUCs of Peruvian public entities, as published by SUNAT's padrón.
const publicEntities: Record<string, string> = {
  "Contraloría General de la República": "20131378972",
  SUNAT: "20131312955",
  RENIEC: "20295613620",
  "Ministerio de Economía y Finanzas": "20131370645",
  "Presidencia del Consejo de Ministros": "20168999926",
  "Congreso de la República": "20161749126",
  "Poder Judicial": "20159981216",
  "Municipalidad Metropolitana de Lima": "20131380951",
  ONPE: "20291973851",
  "Ministerio de Salud": "20131373237",
  "Ministerio de Educación": "20131370998",
  "Banco Central de Reserva del Perú": "20122476309",
  INDECOPI: "20133840533",
  EsSalud: "20131257750",
  SERVIR: "20477906461"
}

const digits = (n: number) => fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: n, maxLength: n })

describe("DNI", () => {
  it("computes the printed check character of the DOMAIN example", () => {
    expect(dniCheckCharacters("10117410")).toEqual({ digit: "2", letter: "G" })
  })

  it("accepts 8 digits, with or without the check character, trimming space", () => {
    for (const text of ["10117410", "10117410-2", "10117410G", "10117410-g", " 10117410-2 ", "00000001"]) {
      const r = checkDni(text)
      expect(r.ok, text).toBe(true)
      if (r.ok) expect(r.value).toBe(text.trim() === "00000001" ? "00000001" : "10117410")
    }
  })

  it("rejects bad input with a reason, never a throw", () => {
    const cases: Array<[string, string]> = [
      ["", "empty"],
      ["   ", "empty"],
      ["1011741", "bad-length"],
      ["abcdefgh", "not-digits"],
      ["1011-7410", "not-digits"],
      ["10117410--2", "not-digits"],
      ["-10117410", "not-digits"],
      ["10117410-3", "bad-check-digit"],
      ["10117410H", "bad-check-digit"],
      ["10117410-%", "not-digits"]
    ]
    for (const [text, reason] of cases) {
      const r = checkDni(text)
      expect(r.ok, text).toBe(false)
      if (!r.ok) expect(r.reason, text).toBe(reason)
    }
  })

  it("the numeric check digit equals the last digit of its RUC-10 (property)", () => {
    fc.assert(
      fc.property(digits(8), (dni) => {
        const ruc = rucOfDni(dni)!
        expect(isValidRuc(ruc)).toBe(true)
        expect(ruc.at(-1)).toBe(dniCheckCharacters(dni).digit)
      }),
      { numRuns: 2000 }
    )
  })

  it("DNI → RUC-10 → DNI round-trips (property)", () => {
    fc.assert(
      fc.property(digits(8), (dni) => {
        expect(dniOfRuc(rucOfDni(dni)!)).toBe(dni)
        expect(isValidDni(`${dni}-${dniCheckCharacters(dni).digit}`)).toBe(true)
        expect(isValidDni(`${dni}${dniCheckCharacters(dni).letter}`)).toBe(true)
      }),
      { numRuns: 2000 }
    )
  })
})

describe("RUC", () => {
  it("accepts every valid number of python-stdnum's public vectors", () => {
    expect(stdnumValidRucs.length).toBeGreaterThan(100)
    expect(stdnumValidRucs.filter((r) => !isValidRuc(r))).toEqual([])
  })

  it("matches python-stdnum's corner cases", () => {
    expect(isValidRuc("20512333797")).toBe(true)
    expect(parseIdentity("2051233379", ["ruc"])).toMatchObject({ valid: false, reason: "bad-length" })
    expect(parseIdentity("99512333792", ["ruc"])).toMatchObject({ valid: false, reason: "bad-prefix" })
    expect(parseIdentity("20A12333797", ["ruc"])).toMatchObject({ valid: false, reason: "not-digits" })
    expect(dniOfRuc("10054148289")).toBe("05414828")
    expect(dniOfRuc("20512333797")).toBeUndefined()
  })

  it("accepts the RUCs of Peruvian public entities as personas jurídicas", () => {
    for (const [name, ruc] of Object.entries(publicEntities)) {
      expect(parseIdentity(ruc), name).toMatchObject({ kind: "ruc", valid: true, ruc: { type: "persona-juridica" } })
    }
  })

  it("rejects any single-digit change of a valid RUC, but for the collision SUNAT's algorithm has (property)", () => {
    // SUNAT maps 11 - (sum mod 11) = 10 → 0 and 11 → 1, so residues 0 and 10 share check
    // digit 1: a change that moves the weighted sum between those two residues cannot be
    // caught by any implementation. Every other single-digit change is rejected.
    const residue = (r: string) => [5, 4, 3, 2, 7, 6, 5, 4, 3, 2].reduce((s, w, i) => s + w * Number(r[i]), 0) % 11
    const valid = [...stdnumValidRucs, ...Object.values(publicEntities)]
    let collisions = 0
    fc.assert(
      fc.property(fc.constantFrom(...valid), fc.nat(10), fc.nat(8), (ruc, pos, delta) => {
        const d = (Number(ruc[pos]) + delta + 1) % 10
        const changed = ruc.slice(0, pos) + d + ruc.slice(pos + 1)
        const unavoidable = pos < 10 && ["10", "15", "16", "17", "20"].includes(changed.slice(0, 2)) && new Set([residue(ruc), residue(changed)]).size === 2 &&
          [residue(ruc), residue(changed)].every((m) => m === 0 || m === 10)
        if (unavoidable) collisions++
        expect(isValidRuc(changed)).toBe(unavoidable)
      }),
      { numRuns: 20000 }
    )
    // The collision is rare: well under 2 % of single-digit changes.
    expect(collisions).toBeLessThan(400)
  })

  it("rejects every change of the check digit itself", () => {
    for (const ruc of stdnumValidRucs) {
      for (let d = 0; d < 10; d++) {
        if (String(d) !== ruc[10]) expect(isValidRuc(ruc.slice(0, 10) + d)).toBe(false)
      }
    }
  })

  it("isValidRuc is strict: no trimming, no hyphen, no non-strings", () => {
    expect(isValidRuc(" 20131378972")).toBe(false)
    expect(isValidRuc("2013137897-2")).toBe(false)
    expect(isValidRuc(20131378972 as unknown as string)).toBe(false)
    expect(isValidRuc("201313789720")).toBe(false)
  })

  it("names the type of each prefix", () => {
    expect(parseIdentity("10054148289")).toMatchObject({ ruc: { type: "persona-natural", dni: "05414828" } })
    expect(parseIdentity("15484032987")).toMatchObject({ ruc: { type: "persona-natural-sin-dni" } })
    expect(parseIdentity("17155542071")).toMatchObject({ ruc: { type: "persona-natural-sin-dni" } })
  })
})

describe("parseIdentity", () => {
  it("detects the kind", () => {
    expect(parseIdentity("20131378972")).toEqual({
      input: "20131378972",
      kind: "ruc",
      valid: true,
      value: "20131378972",
      sunatDocumentType: "6",
      ruc: { type: "persona-juridica" }
    })
    expect(parseIdentity("10117410")).toMatchObject({ kind: "dni", valid: true, sunatDocumentType: "1" })
    expect(parseIdentity("001234567")).toMatchObject({ kind: "ce", valid: true, sunatDocumentType: "4" })
    expect(parseIdentity("u12345")).toMatchObject({ kind: "user-code", valid: true, value: "U12345" })
    expect(parseIdentity("E0042")).toMatchObject({ kind: "user-code", valid: true })
  })

  it("gives a clear reason for empty, letters, wrong length, 12 digits, a misplaced hyphen", () => {
    expect(parseIdentity("")).toMatchObject({ valid: false, reason: "empty" })
    expect(parseIdentity("abc$")).toMatchObject({ valid: false, reason: "not-digits" })
    expect(parseIdentity("1234567")).toMatchObject({ valid: false, kind: "dni", reason: "bad-length" })
    expect(parseIdentity("201313789721")).toMatchObject({ valid: false, kind: "ruc", reason: "bad-length" })
    expect(parseIdentity("2013137-8972")).toMatchObject({ valid: false, reason: "not-digits" })
    expect(parseIdentity("20131378971")).toMatchObject({ valid: false, kind: "ruc", reason: "bad-check-digit" })
    expect(parseIdentity("X1234")).toMatchObject({ valid: false })
  })

  it("never throws, whatever the input (property)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        const info = parseIdentity(s)
        expect(typeof info.valid).toBe("boolean")
        if (!info.valid) expect(info.message.length).toBeGreaterThan(0)
      }),
      { numRuns: 3000 }
    )
    expect(parseIdentity(undefined as unknown as string)).toMatchObject({ valid: false, reason: "empty" })
  })

  it("does not call letters alone a carné, nor a RUC with a letter in it a carné", () => {
    expect(guessIdentityKind("abcdefgh")).toBeUndefined()
    expect(parseIdentity("abcdefgh")).toMatchObject({ valid: false })
    expect(parseIdentity("ABCDEFGHIJ")).toMatchObject({ valid: false })
    expect(parseIdentity("20A12333797")).toMatchObject({ kind: "ruc", valid: false, reason: "not-digits" })
    expect(parseIdentity("1012345678O")).toMatchObject({ kind: "ruc", valid: false, reason: "not-digits" })
    // A carné mixes letters and digits, or is 9 digits; an explicit kind still takes letters.
    expect(parseIdentity("X12345678")).toMatchObject({ kind: "ce", valid: true })
    expect(parseIdentity("001234567")).toMatchObject({ kind: "ce", valid: true })
    expect(parseIdentity("abcdefgh", ["ce"])).toMatchObject({ kind: "ce", valid: true })
  })

  it("never says valid carné for letters only (property)", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z]{1,14}$/), (s) => {
        expect(parseIdentity(s).valid).toBe(false)
      }),
      { numRuns: 500 }
    )
  })

  it("limits detection to the allowed kinds", () => {
    expect(checkIdentity("20131378972", ["dni"])).toMatchObject({ ok: false, kind: "dni", reason: "bad-length" })
    expect(checkIdentity("20131378972", ["dni", "ruc"])).toMatchObject({ ok: true, kind: "ruc" })
    expect(checkIdentity("101174102", ["dni", "ruc"])).toMatchObject({ ok: true, kind: "dni", value: "10117410" })
  })

  it("has Spanish messages, and English ones", () => {
    expect(identityMessage("bad-check-digit", "ruc")).toBe("El dígito verificador no corresponde al RUC. Revise los dígitos.")
    expect(identityMessage("bad-length", "dni", "en")).toBe("The DNI must have 8 digits.")
  })
})

describe("Schemas", () => {
  it("decode normalised identifiers and reject others", () => {
    expect(Schema.decodeUnknownSync(Ruc)("20131378972")).toBe("20131378972")
    expect(() => Schema.decodeUnknownSync(Ruc)("20131378971")).toThrow(/dígito verificador/)
    expect(() => Schema.decodeUnknownSync(Dni)("10117410-2")).toThrow()
    expect(Schema.decodeUnknownSync(DniFromInput)(" 10117410-2 ")).toBe("10117410")
    expect(Schema.decodeUnknownSync(RucFromInput)(" 20131378972 ")).toBe("20131378972")
    expect(() => Schema.decodeUnknownSync(RucFromInput)("123")).toThrow(/11 dígitos/)
  })

  it("decodeIdentity fails with a typed IdentityError", async () => {
    const exit = await Effect.runPromiseExit(decodeIdentity("20131378971"))
    expect(Exit.isFailure(exit)).toBe(true)
    const error = await Effect.runPromise(Effect.flip(decodeIdentity("20131378971")))
    expect(error).toBeInstanceOf(IdentityError)
    expect(error._tag).toBe("@ecasilla/core/identity/IdentityError")
    expect(error.reason).toBe("bad-check-digit")
    expect(error.message).toMatch(/dígito verificador/)
  })
})
