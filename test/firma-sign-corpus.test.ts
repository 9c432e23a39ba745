// A notification signature appended to real signed PDFs (pyHanko, EU DSS, iText, node-signpdf…,
// many with xref and object streams) leaves every earlier signature as it was: same bytes, still
// intact, and the new increment counts as "signatures only". The corpus lives outside the
// repository (../shared/corpus/pdf) and is never copied in.
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { resolve } from "node:path"
import { beforeAll, describe, expect, it } from "vitest"
import { verifyPdfAsync } from "@ecasilla/core/firma"
import { FirmaSignError, signFirmaPdf } from "@ecasilla/core/firma/sign"
import { makeSigningIdentity, type SigningIdentity } from "../packages/core/test/firma/p12.js"
import { corpusDir } from "./corpus.js"

const corpus = corpusDir
const present = existsSync(corpus)
if (!present) console.warn(`[firma-sign-corpus] corpus not found at ${corpus} (set ECASILLA_PDF_CORPUS): suite skipped`)
const files = present ? readdirSync(corpus).filter((f) => f.endsWith(".pdf")).sort() : []

let id: SigningIdentity
beforeAll(async () => {
  id = await makeSigningIdentity()
}, 60_000)

describe.skipIf(!present)("a notification signature on the corpus", () => {
  it.each(files)("%s", async (file) => {
    const bytes = new Uint8Array(readFileSync(resolve(corpus, file)))
    const before = await verifyPdfAsync(bytes, { policy: "pdf" }).catch(() => undefined)
    if (!before || before.signatures.length === 0) return
    let out: Uint8Array
    try {
      out = await signFirmaPdf(bytes, { p12: id.p12, passphrase: id.passphrase, as: "notificacion" })
    } catch (e) {
      expect(e).toBeInstanceOf(FirmaSignError)
      const reason = (e as FirmaSignError).reason
      // Refused only for a reason the file shows: encrypted, certified without changes, unreadable.
      expect(["encrypted", "certified-no-changes", "unreadable"]).toContain(reason)
      if (reason === "certified-no-changes") expect(before.signatures.some((s) => s.docMdp === 1)).toBe(true)
      return
    }
    expect(out.subarray(0, bytes.length)).toEqual(bytes)
    const after = await verifyPdfAsync(out, { policy: "pdf", trustAnchors: [id.pki.rootPem] })
    expect(after.signatures).toHaveLength(before.signatures.length + 1)
    before.signatures.forEach((b, i) => {
      const a = after.signatures[i]
      expect(a.intact, `${file} #${i}`).toBe(b.intact)
      // A signature that was already broken (its ByteRange does not match its bytes) covers no
      // revision, so nothing can be said of what came after it.
      if (b.intact) expect(a.modification, `${file} #${i}`).toBe(b.modification === "none" ? "signatures-only" : b.modification)
    })
    const added = after.signatures[after.signatures.length - 1]
    expect(added).toMatchObject({ field: "FirmaNotificacion", intact: true, modification: "none", indication: "TOTAL_PASSED" })
  })
})
