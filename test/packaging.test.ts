// What each package declares, as the Effect ecosystem does it: effect is a peer (a page
// and a backend hold one instance of its tags), lit a dependency; the elements never pull
// the adapters (Dexie, sanitize-html) into a browser install.
import { readFileSync } from "node:fs"
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
