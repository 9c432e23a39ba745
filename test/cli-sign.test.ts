// `ecasilla sign` through the real command: what it writes, `ecasilla verify --trust root.pem`
// reports valid and poppler's pdfsig reports "Signature is Valid." (skipped, visibly, where
// pdfsig is absent). The PKCS#12 is a throwaway one made here; no key is committed.
import { execFile, spawnSync } from "node:child_process"
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { PDFDocument } from "pdf-lib"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeSigningIdentity } from "../packages/core/test/firma/p12.js"
import { makeCrl } from "../packages/core/test/firma/pki.js"

const bin = fileURLToPath(new URL("../packages/core/bin/ecasilla.js", import.meta.url))
const SECRET = "s3creta-de-prueba"

const run = (args: ReadonlyArray<string>, options: { env?: Record<string, string>; input?: string } = {}) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(process.execPath, [bin, ...args], { timeout: 60000, env: { ...process.env, ...options.env } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr })
    })
    child.stdin?.end(options.input ?? "")
  })

const hasPdfsig = spawnSync("pdfsig", ["-v"]).status === 0
if (!hasPdfsig) console.warn("[cli-sign] pdfsig (poppler-utils) not found: the pdfsig cross-checks are skipped")
const pdfsig = (f: string) => spawnSync("pdfsig", [f], { encoding: "utf8" }).stdout

let dir: string
const file = (name: string) => join(dir, name)
const env = { ECASILLA_P12_PASS: SECRET }
const base = (input: string, out: string, ...more: string[]) => ["sign", file(input), "--p12", file("id.p12"), "--passphrase-env", "ECASILLA_P12_PASS", "--crl", file("raiz.crl"), "--out", file(out), ...more]

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "ecasilla-sign-"))
  const id = await makeSigningIdentity({ passphrase: SECRET })
  writeFileSync(file("root.pem"), id.pki.rootPem)
  writeFileSync(file("id.p12"), id.p12)
  // The root's CRL (nothing revoked): embedded at signing, it answers the strict policy's
  // revocation check without a network.
  writeFileSync(file("raiz.crl"), new Uint8Array((await makeCrl(id.pki, [])).toSchema().toBER()))
  const expired = await makeSigningIdentity({ passphrase: SECRET, notBefore: new Date("2019-01-01T00:00:00Z"), notAfter: new Date("2021-01-01T00:00:00Z") })
  writeFileSync(file("vencido.p12"), expired.p12)
  const d = await PDFDocument.create()
  d.addPage([595, 842]).drawText("Resolución de prueba", { x: 72, y: 760 })
  writeFileSync(file("resolucion.pdf"), await d.save())
  writeFileSync(file("no-es-pdf.pdf"), "hola")
}, 60_000)

afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe("ecasilla sign", () => {
  it("signs as titular, then as notificacion; verify and pdfsig report both valid", async () => {
    const one = await run(base("resolucion.pdf", "firmado.pdf", "--as", "titular"), { env })
    expect(one.stderr).toBe("")
    expect(one.code).toBe(0)
    expect(one.stdout).toMatch(/firmado.pdf: firmado \(firma titular\) · Fecha: \d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d -05:00/)
    const two = await run(base("firmado.pdf", "notificado.pdf", "--as", "notificacion"), { env })
    expect(two.code).toBe(0)
    const first = readFileSync(file("firmado.pdf"))
    expect(readFileSync(file("notificado.pdf")).subarray(0, first.length).equals(first)).toBe(true)

    // Strict policy, with the root and the CRL embedded at signing.
    const v = await run(["verify", "--json", "--trust", file("root.pem"), file("firmado.pdf"), file("notificado.pdf")])
    expect(v.code).toBe(0)
    const [a, b] = v.stdout.trim().split("\n").map((l) => JSON.parse(l))
    expect(a).toMatchObject({ verdict: "valid", signatures: [{ field: "FirmaTitular", indication: "TOTAL_PASSED", reason: "Soy el autor del documento", revocation: "good" }] })
    expect(b.verdict).toBe("valid")
    expect(b.signatures.map((s: { field: string; modification: string; indication: string }) => [s.field, s.modification, s.indication])).toEqual([
      ["FirmaTitular", "signatures-only", "TOTAL_PASSED"],
      ["FirmaNotificacion", "none", "TOTAL_PASSED"]
    ])
    const text = await run(["verify", "--trust", file("root.pem"), file("notificado.pdf")])
    expect(text.stdout).toMatch(/Fecha( declarada)?: \d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d -05:00/)
    expect(text.stdout).toContain("Motivo: Soy el autor del documento")

    if (hasPdfsig) {
      expect(pdfsig(file("firmado.pdf")).match(/Signature is Valid\./g)).toHaveLength(1)
      const both = pdfsig(file("notificado.pdf"))
      expect(both.match(/Signature is Valid\./g)).toHaveLength(2)
      expect(both).toContain("Signature Field Name: FirmaNotificacion")
    }
  })

  it("refuses a titular signature on a signed PDF without --allow-signed, and writes nothing", async () => {
    await run(base("resolucion.pdf", "uno.pdf", "--as", "titular"), { env })
    const r = await run(base("uno.pdf", "dos.pdf", "--as", "titular"), { env })
    expect(r.code).toBe(1)
    expect(r.stderr).toContain("ya está firmado")
    expect(existsSync(file("dos.pdf"))).toBe(false)
    const ok = await run(base("uno.pdf", "dos.pdf", "--as", "titular", "--visa", "--allow-signed"), { env })
    expect(ok.code).toBe(0)
    const v = JSON.parse((await run(["verify", "--json", "--trust", file("root.pem"), file("dos.pdf")])).stdout)
    expect(v.verdict).toBe("valid")
    expect(v.signatures[1]).toMatchObject({ field: "FirmaVisto", reason: "Doy Visto Bueno" })
  })

  it("reads the passphrase from standard input when no variable is named, and never prints it", async () => {
    const args = ["sign", file("resolucion.pdf"), "--p12", file("id.p12"), "--as", "titular", "--out", file("stdin.pdf")]
    const ok = await run(args, { input: `${SECRET}\n` })
    expect(ok.code).toBe(0)
    const wrong = await run(args, { input: "otra-clave\n" })
    expect(wrong.code).toBe(1)
    expect(wrong.stderr).toContain("La contraseña del certificado no es correcta.")
    const all = wrong.stdout + wrong.stderr + ok.stdout + ok.stderr
    expect(all).not.toContain("otra-clave")
    expect(all).not.toContain(SECRET)
    const inArgs = await run([...args, "--passphrase", "abc123"])
    expect(inArgs.code).toBe(64)
    expect(inArgs.stderr).not.toContain("abc123")
  })

  it("exits 64 for usage errors, 65 for unreadable input, 1 for an expired certificate", async () => {
    expect((await run(["sign", file("resolucion.pdf"), "--p12", file("id.p12"), "--out", file("x.pdf")], { env })).code).toBe(64)
    expect((await run(base("resolucion.pdf", "x.pdf", "--as", "jefe"), { env })).code).toBe(64)
    expect((await run(base("resolucion.pdf", "x.pdf", "--as", "titular", "--passphrase-env", "NO_EXISTE_ESTA_VARIABLE"))).code).toBe(64)
    expect((await run(base("no-existe.pdf", "x.pdf", "--as", "titular"), { env })).code).toBe(65)
    const notPdf = await run(base("no-es-pdf.pdf", "x.pdf", "--as", "titular"), { env })
    expect(notPdf.code).toBe(65)
    expect(notPdf.stderr).toContain("El archivo no es un PDF.")
    const expired = await run(["sign", file("resolucion.pdf"), "--p12", file("vencido.p12"), "--passphrase-env", "ECASILLA_P12_PASS", "--as", "titular", "--out", file("x.pdf")], { env })
    expect(expired.code).toBe(1)
    expect(expired.stderr).toContain("vencido")
    expect(existsSync(file("x.pdf"))).toBe(false)
  })
})
