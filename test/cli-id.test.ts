// The `ecasilla id` contract of ARCHITECTURE.md, through the real command.
import { execFile } from "node:child_process"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"

const bin = fileURLToPath(new URL("../packages/core/bin/ecasilla.js", import.meta.url))

const run = (...args: Array<string>) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [bin, ...args], { timeout: 20000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr })
    })
  })

describe("ecasilla id", () => {
  it("prints the JSON of a valid RUC and exits 0", async () => {
    const r = await run("id", "20131378972", "--json")
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ input: "20131378972", kind: "ruc", valid: true, ruc: { type: "persona-juridica" } })
  })

  it("gives the DNI of a RUC-10", async () => {
    const r = await run("id", "10054148289", "--json")
    expect(JSON.parse(r.stdout)).toMatchObject({ kind: "ruc", valid: true, ruc: { type: "persona-natural", dni: "05414828" } })
  })

  it("says why an input is invalid and exits 1, without a stack trace", async () => {
    const r = await run("id", "20131378971", "--json")
    expect(r.code).toBe(1)
    expect(JSON.parse(r.stdout)).toMatchObject({ valid: false, reason: "bad-check-digit" })
    const human = await run("id", "1011-7410")
    expect(human.code).toBe(1)
    expect(human.stdout).toContain("DNI inválido (not-digits)")
    expect(human.stderr).toBe("")
  })

  it("does not take letters alone, or a RUC with a letter, for a carné de extranjería", async () => {
    const letters = await run("id", "abcdefgh", "--json")
    expect(letters.code).toBe(1)
    expect(JSON.parse(letters.stdout)).toMatchObject({ valid: false })
    expect(JSON.parse(letters.stdout).kind).not.toBe("ce")
    const typo = await run("id", "20A12333797")
    expect(typo.code).toBe(1)
    expect(typo.stdout).toContain("RUC inválido (not-digits)")
  })

  it("exits 64 on a usage error", async () => {
    expect((await run("id")).code).toBe(64)
    expect((await run("id", "1", "2")).code).toBe(64)
    expect((await run("id", "1", "--xml")).code).toBe(64)
    expect((await run("no-such-command")).code).toBe(64)
  })
})
