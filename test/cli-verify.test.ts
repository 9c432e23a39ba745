// The `ecasilla verify` contract of ARCHITECTURE.md, through the real command, on PDFs signed
// by a throwaway PKI written to a temporary folder.
import { execFile } from "node:child_process"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makePki, makeTsa } from "../packages/core/test/firma/pki.js"
import { hiddenPrevAttack, moveSignedTail } from "../packages/core/test/firma/attacks.js"
import { TestPdf } from "../packages/core/test/firma/pdf.js"

const bin = fileURLToPath(new URL("../packages/core/bin/ecasilla.js", import.meta.url))

const run = (...args: Array<string>) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [bin, ...args], { timeout: 30000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr })
    })
  })

let dir: string
const file = (name: string) => join(dir, name)

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "ecasilla-verify-"))
  const pki = await makePki("rsa")
  writeFileSync(file("root.pem"), pki.rootPem)
  const signed = await new TestPdf().sign(pki)
  writeFileSync(file("firmado.pdf"), signed.bytes)
  const edited = await new TestPdf().sign(pki)
  const text = "BT /F1 24 Tf 72 700 Td (Pague 9999) Tj ET"
  edited.update({ 4: `<< /Length ${text.length} >>\nstream\n${text}\nendstream` })
  writeFileSync(file("editado.pdf"), edited.bytes)
  writeFileSync(file("sin-firma.pdf"), new TestPdf().bytes)
  writeFileSync(file("no-es-pdf.pdf"), "hola")
  writeFileSync(file("truncado.pdf"), signed.bytes.subarray(0, 300))
  writeFileSync(file("prev-oculto.pdf"), (await hiddenPrevAttack(pki)).pdf.bytes)
  writeFileSync(file("cola-movida.pdf"), moveSignedTail(await new TestPdf().sign(pki)))
  const certified = await new TestPdf().sign(pki, { docMdp: 2 })
  const n = certified.nextNumber()
  certified.fields.push(`${n} 0 R`)
  certified.annots.push(`${n} 0 R`)
  certified.update({
    [n]: `<< /FT /Sig /T (Ministro) /V ${n - 3} 0 R /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /P 3 0 R /F 132 >>`,
    5: `<< /Fields [${certified.fields.join(" ")}] /SigFlags 3 >>`,
    3: `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 7 0 R >> >> /Annots [${certified.annots.join(" ")}] >>`
  })
  writeFileSync(file("v-prestado.pdf"), certified.bytes)
  // A signer whose certificate expired in 2025-06, with a back-dated claim; and the same with a timestamp.
  const expired = await makePki("rsa", { notAfter: new Date("2025-06-01T00:00:00Z") })
  writeFileSync(file("raiz-vencida.pem"), expired.rootPem)
  const claimed = new Date("2025-01-01T00:00:00Z")
  writeFileSync(file("vencido.pdf"), (await new TestPdf().sign(expired, { signingTime: claimed })).bytes)
  const tsa = await makeTsa(expired)
  writeFileSync(file("vencido-sellado.pdf"), (await new TestPdf().sign(expired, { signingTime: claimed, timestamp: { tsa, genTime: claimed } })).bytes)
}, 60_000)

afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe("ecasilla verify", () => {
  it("prints one JSON report per line, in order, each with its file, and exits with the worst code", async () => {
    const files = ["firmado.pdf", "sin-firma.pdf", "editado.pdf", "no-es-pdf.pdf", "truncado.pdf"].map(file)
    const r = await run("verify", "--json", ...files)
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l))
    expect(lines.map((l) => l.file)).toEqual(files)
    expect(lines[0]).toMatchObject({ verdict: "indeterminate", revisions: 2, signatures: [{ intact: true, subIndication: "NO_CERTIFICATE_CHAIN_FOUND" }] })
    expect(lines[1]).toMatchObject({ verdict: "unsigned", signatures: [] })
    expect(lines[2]).toMatchObject({ verdict: "invalid", signatures: [{ modification: "other", indication: "TOTAL_FAILED" }] })
    expect(lines[3]).toEqual({ file: files[3], error: { code: "not-a-pdf", message: "El archivo no es un PDF." } })
    expect(lines[4]).toMatchObject({ file: files[4], error: { code: "truncated" } })
    expect(r.code).toBe(65)
    expect(r.stderr).toBe("")
  })

  it("exit codes: 0 valid with --trust, 2 indeterminate, 1 invalid, 3 unsigned", async () => {
    expect((await run("verify", file("firmado.pdf"), "--trust", file("root.pem"))).code).toBe(0)
    expect((await run("verify", file("firmado.pdf"))).code).toBe(2)
    expect((await run("verify", file("editado.pdf"), "--policy", "pdf")).code).toBe(1)
    expect((await run("verify", file("sin-firma.pdf"))).code).toBe(3)
    expect((await run("verify", file("firmado.pdf"), file("sin-firma.pdf"))).code).toBe(2)
  })

  it("reading as readers do: a hidden /Prev table, a moved signed tail and a borrowed /V are invalid (exit 1), as the API says", async () => {
    for (const [name, policy] of [
      ["prev-oculto.pdf", "strict"],
      ["prev-oculto.pdf", "pdf"],
      ["cola-movida.pdf", "pdf"],
      ["v-prestado.pdf", "pdf"]
    ]) {
      const r = await run("verify", "--json", "--policy", policy, file(name), "--trust", file("root.pem"))
      const report = JSON.parse(r.stdout)
      expect([name, policy, r.code, report.verdict]).toEqual([name, policy, 1, "invalid"])
      expect(report.signatures[0].indication).toBe("TOTAL_FAILED")
    }
  })

  it("speaks Spanish to people", async () => {
    const r = await run("verify", file("firmado.pdf"), "--trust", file("root.pem"))
    expect(r.stdout).toContain("VÁLIDO")
    expect(r.stdout).toContain("Firmante: PEREZ ROJAS Juan FAU 20131378972 soft (DNI 10117410, RUC 20131378972)")
    const bad = await run("verify", file("editado.pdf"))
    expect(bad.stdout).toContain("NO VÁLIDO")
    expect(bad.stdout).toContain("el documento fue modificado después de firmarse")
  })

  it("--at judges certificates at a past date; without proof of time an expired signer is indeterminate now", async () => {
    const trust = ["--trust", file("raiz-vencida.pem")]
    const now = await run("verify", "--json", file("vencido.pdf"), ...trust)
    expect(now.code).toBe(2)
    expect(JSON.parse(now.stdout)).toMatchObject({ signatures: [{ subIndication: "OUT_OF_BOUNDS_NO_POE", proofOfTime: null }] })
    const then = await run("verify", "--json", file("vencido.pdf"), ...trust, "--at", "2025-02-01T00:00:00Z")
    expect(then.code).toBe(0)
    expect(JSON.parse(then.stdout)).toMatchObject({ verdict: "valid", signatures: [{ validationTime: "2025-02-01T00:00:00.000Z" }] })
    const stamped = await run("verify", file("vencido-sellado.pdf"), ...trust)
    expect(stamped.code).toBe(0)
    expect(stamped.stdout).toContain("prueba de la hora (sello de tiempo): 31/12/2024 19:00:00 -05:00")
  })

  it("usage errors exit 64 without a stack trace", async () => {
    for (const args of [["verify", file("firmado.pdf"), "--at", "ayer"], ["verify", file("firmado.pdf"), "--at", "2025-02-30"], ["verify", file("firmado.pdf"), "--at"], ["verify"], ["verify", "--policy", "laxa", file("firmado.pdf")], ["verify", "--xml", file("firmado.pdf")], ["verify", file("firmado.pdf"), "--trust"]]) {
      const r = await run(...args)
      expect(r.code).toBe(64)
      expect(r.stderr).not.toMatch(/\bat .*\(.*:\d+:\d+\)/)
    }
    const anchor = await run("verify", file("firmado.pdf"), "--trust", file("no-es-pdf.pdf"))
    expect(anchor.code).toBe(64)
    expect(anchor.stderr).toContain("certificado raíz de confianza")
  })
})
