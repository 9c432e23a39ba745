// The signing errors are in the firma catalogue: `errorMessage` renders every reason in
// Spanish and English, and a deployment's rewording applies.
import { describe, expect, it } from "vitest"
import { errorMessage, messageCodes, registerMessages } from "../../i18n/index.js"
import { FirmaSignError, FirmaSignErrorReasonSchema, firmaSignErrorMessage } from "./errors.js"

describe("firma signing messages", () => {
  it("every reason has its es-PE and en text in the catalogue, rendered by errorMessage", () => {
    for (const reason of FirmaSignErrorReasonSchema.literals) {
      const error = new FirmaSignError({ reason, detail: "x" })
      const es = errorMessage(error, "es-PE")
      const en = errorMessage(error, "en")
      expect(es, reason).toBeTruthy()
      expect(en, reason).toBeTruthy()
      expect(es).not.toBe(en)
      expect(error.message).toBe(es)
    }
    const es = messageCodes("firma", "es-PE").filter((c) => c.startsWith("FirmaSignError."))
    expect(es.sort()).toEqual(messageCodes("firma", "en").filter((c) => c.startsWith("FirmaSignError.")).sort())
    expect(es).toHaveLength(FirmaSignErrorReasonSchema.literals.length)
  })

  it("a deployment's rewording applies", () => {
    const before = firmaSignErrorMessage("bad-passphrase", "es-PE")
    registerMessages("firma", "es-PE", { "FirmaSignError.bad-passphrase": "Clave incorrecta: vuelva a intentarlo." })
    expect(firmaSignErrorMessage("bad-passphrase", "es-PE")).toBe("Clave incorrecta: vuelva a intentarlo.")
    registerMessages("firma", "es-PE", { "FirmaSignError.bad-passphrase": before })
  })
})
