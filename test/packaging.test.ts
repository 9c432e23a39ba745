// What each package declares, as the Effect ecosystem does it: effect is a peer (a page
// and a backend hold one instance of its tags), lit a dependency; the elements never pull
// the adapters (Dexie, sanitize-html) into a browser install.
import { readdirSync, readFileSync } from "node:fs"
import { builtinModules } from "node:module"
import { describe, expect, it } from "vitest"

interface Pkg {
  readonly dependencies?: Record<string, string>
  readonly peerDependencies?: Record<string, string>
  readonly peerDependenciesMeta?: Record<string, { optional?: boolean }>
  readonly devDependencies?: Record<string, string>
}
const pkg = (path: string): Pkg => JSON.parse(readFileSync(new URL(`../${path}/package.json`, import.meta.url), "utf8"))

describe("package manifests", () => {
  it.each(["packages/core", "packages/elements", "packages/adapters"])("%s: effect is a peer dependency, not a dependency", (path) => {
    const p = pkg(path)
    expect(p.peerDependencies?.effect).toBeDefined()
    expect(p.dependencies?.effect).toBeUndefined()
  })

  it("the workspace installs effect for itself", () => {
    expect(pkg(".").devDependencies?.effect).toBeDefined()
  })

  it("elements: lit is a dependency; the adapters are not", () => {
    const p = pkg("packages/elements")
    expect(p.dependencies?.lit).toBeDefined()
    expect(p.dependencies?.["@ecasilla/adapters"]).toBeUndefined()
    expect(p.peerDependencies?.["@ecasilla/adapters"]).toBeUndefined()
  })

  it("core: no DOMPurify (the sanitizers live in the adapters); adapters: no jsdom (Node sanitizes with sanitize-html)", () => {
    expect(pkg("packages/core").dependencies?.dompurify).toBeUndefined()
    const adapters = pkg("packages/adapters")
    expect(adapters.dependencies?.jsdom).toBeUndefined()
    expect(adapters.peerDependencies?.jsdom).toBeUndefined()
    expect(adapters.dependencies?.["sanitize-html"]).toBeDefined()
  })
})

describe("the ecasilla command's bundle (packages/core/dist/bin, built by npm run build)", () => {
  const dir = new URL("../packages/core/dist/bin/", import.meta.url)
  // Bare imports a chunk may keep: node's own modules, Effect (a peer) and the signing libraries.
  const allowed = /^(node:|effect(\/|$)|pdf-lib(\/|$)|node-forge(\/|$)|@signpdf\/|buffer(\/|$))/

  it("holds the verifier's libraries: its chunks import nothing else from node_modules", () => {
    const files = readdirSync(dir).filter((f) => f.endsWith(".js"))
    expect(files).toContain("ecasilla.js")
    const bare = files.flatMap((f) =>
      [...readFileSync(new URL(f, dir), "utf8").matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s*)["']([^"'./][^"']*)["']/g)].map((m) => m[1])
    )
    expect(bare.length).toBeGreaterThan(0)
    expect(bare.filter((s) => !allowed.test(s) && !builtinModules.includes(s))).toEqual([])
    // pkijs and asn1js are inside (their class names survive the build), not imported.
    expect(files.some((f) => /CertificateChainValidationEngine=class /.test(readFileSync(new URL(f, dir), "utf8")))).toBe(true)
  })

  it("is what the bin runs", () => {
    expect(readFileSync(new URL("../packages/core/bin/ecasilla.js", import.meta.url), "utf8")).toContain('"../dist/bin/ecasilla.js"')
  })
})
