// The trust and time cases through the API and through the real `ecasilla verify` command:
// the same verdict, indication and sub-indication (the browser test runs the same table).
import { execFile } from "node:child_process"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { verifyPdfAsync } from "@ecasilla/core/firma"
import { trustCases } from "../packages/core/test/firma/trust-cases.js"

const bin = fileURLToPath(new URL("../packages/core/bin/ecasilla.js", import.meta.url))
let dir: string
let made: Array<{ pdf: Uint8Array; root: Uint8Array }>

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "ecasilla-trust-"))
  made = []
  for (const c of trustCases) made.push(await c.make())
}, 120_000)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe("trust cases: API and CLI agree", () => {
  it("the API gives each case's verdict", async () => {
    for (const [i, c] of trustCases.entries()) {
      const r = await verifyPdfAsync(made[i].pdf, { trustAnchors: [made[i].root] })
      expect([c.name, r.verdict, r.signatures[0].indication, r.signatures[0].subIndication]).toEqual([c.name, c.verdict, c.indication, c.subIndication])
    }
  })

  it("the CLI gives the same, in one call for every file", async () => {
    const files = made.map((m, i) => {
      writeFileSync(join(dir, `caso-${i}.pdf`), m.pdf)
      writeFileSync(join(dir, `raiz-${i}.pem`), m.root)
      return join(dir, `caso-${i}.pdf`)
    })
    const trust = made.flatMap((_, i) => ["--trust", join(dir, `raiz-${i}.pem`)])
    const out = await new Promise<string>((resolve) => execFile(process.execPath, [bin, "verify", "--json", ...trust, ...files], { timeout: 60_000 }, (_e, stdout) => resolve(stdout)))
    const lines = out.trim().split("\n").map((l) => JSON.parse(l))
    expect(lines.map((l, i) => [trustCases[i].name, l.verdict, l.signatures[0].indication, l.signatures[0].subIndication])).toEqual(
      trustCases.map((c) => [c.name, c.verdict, c.indication, c.subIndication])
    )
  })
})
