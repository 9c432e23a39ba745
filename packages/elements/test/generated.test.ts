// What @ecasilla/elements derives from its manifest stays in step with the elements:
// the committed React wrappers and JSX typings are fresh, and the shipped manifest and
// VS Code data name every tag that a define module registers, with paths into dist/.
import { readdirSync } from "node:fs"
import { resolve } from "node:path"
import { beforeAll, describe, expect, it } from "vitest"
// @ts-expect-error plain ESM script, no declarations
import { analyze, generate, shippedManifest, vscodeData } from "../scripts/generate.mjs"

const defineDir = resolve(import.meta.dirname, "../src/define")
const definedTags = readdirSync(defineDir).filter((f) => f.endsWith(".ts")).map((f) => f.replace(/\.ts$/, "")).sort()

type Manifest = { modules: Array<{ path: string; declarations?: Array<{ tagName?: string; customElement?: boolean }> }> }
let manifest: Manifest

beforeAll(async () => {
  manifest = await analyze()
}, 60_000)

describe("generated from the custom-elements manifest", () => {
  it("the committed React wrappers and JSX typings are fresh (npm run generate -w @ecasilla/elements)", async () => {
    const { stale, tags } = await generate({ check: true })
    expect(stale).toEqual([])
    expect([...tags].sort()).toEqual(definedTags)
  }, 60_000)

  it("the shipped manifest points at dist/ and declares every defined tag", () => {
    const shipped = shippedManifest(manifest) as Manifest
    expect(shipped.modules.every((m) => m.path.startsWith("dist/") && m.path.endsWith(".js"))).toBe(true)
    const tags = shipped.modules.flatMap((m) => (m.declarations ?? []).filter((d) => d.customElement).map((d) => d.tagName)).sort()
    expect(tags).toEqual(definedTags)
  })

  it("the VS Code data lists every tag with its attributes", () => {
    const data = vscodeData(manifest) as { tags: Array<{ name: string; attributes: Array<{ name: string; valueSet?: string }> }> }
    expect(data.tags.map((t) => t.name).sort()).toEqual(definedTags)
    const idInput = data.tags.find((t) => t.name === "ecasilla-id-input")!
    expect(idInput.attributes.find((a) => a.name === "required")?.valueSet).toBe("v")
  })
})
