import { describe, expect, it } from "vitest"
import { checkPhone } from "./phone.js"

describe("checkPhone", () => {
  it.each([
    ["987654321", "mobile", "987 654 321", "+51987654321"],
    ["987 654 321", "mobile", "987 654 321", "+51987654321"],
    ["+51 987-654-321", "mobile", "987 654 321", "+51987654321"],
    ["51987654321", "mobile", "987 654 321", "+51987654321"],
    ["(01) 207-3360", "fixed", "(01) 207-3360", "+5112073360"],
    ["01 2073360", "fixed", "(01) 207-3360", "+5112073360"],
    ["+51 1 207 3360", "fixed", "(01) 207-3360", "+5112073360"],
    ["(044) 123456", "fixed", "(044) 123-456", "+5144123456"],
    ["084-234567", "fixed", "(084) 234-567", "+5184234567"],
    ["+51 (84) 234567", "fixed", "(084) 234-567", "+5184234567"]
  ])("%s is a %s", (input, kind, display, e164) => {
    const r = checkPhone(input)
    expect(r.ok && r.value).toMatchObject({ kind, display, e164 })
  })

  it("takes an anexo after a fixed line", () => {
    for (const input of ["(01) 207-3360 anexo 600", "(01) 207-3360 anx. 600", "01 2073360 ext 600", "(01) 207-3360, anexo #600", "(01) 207-3360 x600"]) {
      const r = checkPhone(input)
      expect(r.ok && r.value.display, input).toBe("(01) 207-3360 anexo 600")
    }
  })

  it.each([
    ["", "empty"],
    ["   ", "empty"],
    ["98765432", "bad-mobile"],
    ["9876543210", "bad-length"],
    ["+51 98765432", "bad-length"],
    ["2073360", "bad-area-code"],
    ["(099) 123456", "bad-area-code"],
    ["(01) 207336", "bad-length"],
    ["(044) 1234567", "bad-length"],
    ["987654321 anexo 12", "bad-anexo"],
    ["(01) 207-3360 anexo", "bad-anexo"],
    ["987-abc-321", "bad-characters"],
    ["<script>", "bad-characters"]
  ])("%j is refused: %s", (input, reason) => {
    const r = checkPhone(input)
    expect(r.ok ? "ok" : r.reason).toBe(reason)
  })

  it("display form round-trips", () => {
    for (const input of ["987654321", "(01) 207-3360 anexo 600", "+51 44 123456"]) {
      const r = checkPhone(input)
      const again = r.ok ? checkPhone(r.value.display) : undefined
      expect(again?.ok && r.ok && again.value.display).toBe(r.ok && r.value.display)
    }
  })
})
