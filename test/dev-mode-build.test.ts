// The `development` export condition carries the dev warnings; the default (production)
// build of @ecasilla/elements carries neither them nor their strings. Built here from the
// sources with the repository's own rollup plugin, so it does not depend on a stale dist/.
import { readFileSync } from "node:fs"
import { rollup } from "rollup"
import esbuild from "rollup-plugin-esbuild"
import { describe, expect, it } from "vitest"
// @ts-expect-error plain ESM script, no declarations
import { productionMode } from "../packages/elements/scripts/dev-mode-plugin.mjs"

const root = new URL("../", import.meta.url)
const entry = new URL("packages/elements/src/index.ts", root).pathname
const warnings = ["is not inside an <ecasilla-provider>, so it has no runtime", "has no `trustAnchors`", "only es-PE (default) and en are available", "ecasilla ["]

const build = async (production: boolean) => {
  const bundle = await rollup({
    input: entry,
    external: (id) => !id.startsWith(".") && !id.startsWith("/"),
    plugins: [...(production ? [productionMode()] : []), esbuild({ target: "es2022", tsconfig: new URL("tsconfig.base.json", root).pathname })],
    onwarn: () => {}
  })
  const { output } = await bundle.generate({ format: "es" })
  await bundle.close()
  return output.map((o) => ("code" in o ? o.code : "")).join("\n")
}

describe("the development condition", () => {
  it("the production build drops every dev warning and its text; the development build has them", async () => {
    const [prod, dev] = await Promise.all([build(true), build(false)])
    for (const w of warnings) {
      expect(dev, w).toContain(w)
      expect(prod, w).not.toContain(w)
    }
  }, 60_000)

  it("the exports map sends the development condition to dist/development, before the default", () => {
    const pkg = JSON.parse(readFileSync(new URL("packages/elements/package.json", root), "utf8"))
    for (const [key, entry] of Object.entries(pkg.exports as Record<string, unknown>)) {
      if (typeof entry !== "object" || entry === null || !("default" in entry)) continue
      const e = entry as Record<string, string>
      expect(e.development, key).toBe(e.default.replace("./dist/", "./dist/development/"))
      const keys = Object.keys(e)
      expect(keys.indexOf("development"), key).toBeLessThan(keys.indexOf("default"))
    }
  })
})
