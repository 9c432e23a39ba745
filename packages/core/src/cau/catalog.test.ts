import { describe, expect, it } from "vitest"
import { catalogLeaves, defaultCauCatalog, extendCatalog, findCatalogLeaf, makeCatalog, searchCatalog } from "./catalog.js"

describe("catalog", () => {
  it("ships the eleven casilla subcategories", () => {
    const leaves = catalogLeaves(defaultCauCatalog)
    expect(leaves).toHaveLength(11)
    expect(leaves[0].path).toEqual(["APLICATIVOS", "CASILLA ELECTRÓNICA", "Acceso al sistema eCasilla CGR"])
    expect(leaves.map((l) => l.label)).toContain("Instalación de Firma Perú")
  })

  it("only leaves are categories", () => {
    expect(findCatalogLeaf(defaultCauCatalog, "aplicativos.casilla.cambio-titular")?.label).toBe("Cambio de titular")
    expect(findCatalogLeaf(defaultCauCatalog, "aplicativos.casilla")).toBeUndefined()
    expect(findCatalogLeaf(defaultCauCatalog, "nope")).toBeUndefined()
  })

  it("searches without accents or case", () => {
    expect(searchCatalog(defaultCauCatalog, "firma peru").map((l) => l.label)).toEqual(["Error en Firma Perú", "Instalación de Firma Perú"])
    expect(searchCatalog(defaultCauCatalog, "CREACION")).toHaveLength(1)
    expect(searchCatalog(defaultCauCatalog, "")).toHaveLength(11)
  })

  it("can be extended or replaced", () => {
    const ext = extendCatalog(defaultCauCatalog, [
      { id: "aplicativos", label: "APLICATIVOS", children: [{ id: "aplicativos.sari", label: "SARI", children: [{ id: "aplicativos.sari.acceso", label: "Acceso al SARI" }] }] }
    ])
    expect(catalogLeaves(ext)).toHaveLength(12)
    expect(findCatalogLeaf(ext, "aplicativos.sari.acceso")?.path).toEqual(["APLICATIVOS", "SARI", "Acceso al SARI"])
    expect(catalogLeaves(defaultCauCatalog)).toHaveLength(11)
    const own = makeCatalog([{ id: "redes", label: "REDES", children: [{ id: "redes.vpn", label: "VPN" }] }])
    expect(catalogLeaves(own).map((l) => l.id)).toEqual(["redes.vpn"])
    expect(() => makeCatalog([{ id: "a", label: "A" }, { id: "a", label: "B" }])).toThrow(/repetido/)
  })
})
