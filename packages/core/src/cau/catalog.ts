import { Schema } from "effect"
import { foldForSearch } from "../ports/directory.js"

/**
 * One node of the service catalog (TIPO › CATEGORÍA › SUBCATEGORÍA). A node without
 * children is a leaf: only leaves can be chosen as a ticket's categoría.
 *
 * @since 0.1.0
 * @category models
 */
export interface CatalogNode {
  /** Stable id, unique in the catalog (`aplicativos.casilla.acceso-ecasilla`). */
  readonly id: string
  /** Label as users read it. */
  readonly label: string
  readonly children?: ReadonlyArray<CatalogNode>
}

/**
 * A catalog node as a Schema, for catalogs loaded from JSON.
 *
 * @since 0.1.0
 * @category schemas
 */
export const CatalogNodeSchema: Schema.Codec<CatalogNode> = Schema.Struct({
  id: Schema.String.check(Schema.isMinLength(1)),
  label: Schema.String.check(Schema.isMinLength(1)),
  children: Schema.optional(Schema.Array(Schema.suspend((): Schema.Codec<CatalogNode> => CatalogNodeSchema)))
})

/**
 * The service catalog: its top-level nodes (the TIPOs).
 *
 * @since 0.1.0
 * @category models
 */
export interface Catalog {
  readonly roots: ReadonlyArray<CatalogNode>
}

/**
 * A leaf with the path that leads to it, the way a ticket records its categoría.
 *
 * @since 0.1.0
 * @category models
 */
export interface CatalogLeaf {
  readonly id: string
  readonly label: string
  /** Labels from the root to the leaf: `["APLICATIVOS", "CASILLA ELECTRÓNICA", "Cambio de titular"]`. */
  readonly path: ReadonlyArray<string>
  /** Ids from the root to the leaf. */
  readonly pathIds: ReadonlyArray<string>
}

const leaf = (id: string, label: string): CatalogNode => ({ id: `aplicativos.casilla.${id}`, label })

/**
 * The default catalog of the casilla (DOMAIN.md §2 and the CAU training deck):
 * APLICATIVOS › CASILLA ELECTRÓNICA › eleven subcategories.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultCauCatalog: Catalog = {
  roots: [{
    id: "aplicativos",
    label: "APLICATIVOS",
    children: [{
      id: "aplicativos.casilla",
      label: "CASILLA ELECTRÓNICA",
      children: [
        leaf("acceso-ecasilla", "Acceso al sistema eCasilla CGR"),
        leaf("acceso-administrado", "Acceso casilla del administrado"),
        leaf("cambio-titular", "Cambio de titular"),
        leaf("creacion-activacion", "Creación y activación de casillas"),
        leaf("orientacion-notificacion", "Orientación en la notificación electrónica"),
        leaf("presentacion-ddjj", "Presentación de DDJJ"),
        leaf("problemas-notificacion", "Problemas en la notificación electrónica"),
        leaf("error-certificado", "Error en certificado digital"),
        leaf("error-firma-peru", "Error en Firma Perú"),
        leaf("instalacion-certificado", "Instalación de certificado digital"),
        leaf("instalacion-firma-peru", "Instalación de Firma Perú")
      ]
    }]
  }]
}

/**
 * Every leaf of a catalog, depth first, in catalog order.
 *
 * @since 0.1.0
 * @category catalog
 */
export const catalogLeaves = (catalog: Catalog): ReadonlyArray<CatalogLeaf> => {
  const cached = leavesCache.get(catalog)
  if (cached) return cached.list
  const list: Array<CatalogLeaf> = []
  const walk = (nodes: ReadonlyArray<CatalogNode>, path: ReadonlyArray<string>, pathIds: ReadonlyArray<string>) => {
    for (const n of nodes) {
      const p = [...path, n.label]
      const ids = [...pathIds, n.id]
      if (n.children && n.children.length > 0) walk(n.children, p, ids)
      else list.push({ id: n.id, label: n.label, path: p, pathIds: ids })
    }
  }
  walk(catalog.roots, [], [])
  leavesCache.set(catalog, { list, byId: new Map(list.map((l) => [l.id, l])) })
  return list
}

const leavesCache = new WeakMap<Catalog, { list: ReadonlyArray<CatalogLeaf>; byId: Map<string, CatalogLeaf> }>()

/**
 * The leaf with this id, or `undefined` when the id is unknown or names an inner node.
 *
 * @since 0.1.0
 * @category catalog
 */
export const findCatalogLeaf = (catalog: Catalog, id: string): CatalogLeaf | undefined => {
  catalogLeaves(catalog)
  return leavesCache.get(catalog)!.byId.get(id)
}

/**
 * Leaves whose path contains every word of `query` (accent- and case-insensitive), for
 * the searchable catalog tree. An empty query gives every leaf.
 *
 * @since 0.1.0
 * @category catalog
 */
export const searchCatalog = (catalog: Catalog, query: string): ReadonlyArray<CatalogLeaf> => {
  const words = foldForSearch(query).split(" ").filter(Boolean)
  const leaves = catalogLeaves(catalog)
  if (words.length === 0) return leaves
  return leaves.filter((l) => {
    const text = foldForSearch(l.path.join(" "))
    return words.every((w) => text.includes(w))
  })
}

/**
 * The problems of a catalog: duplicate ids, empty labels, no leaf. Empty when it is fine.
 *
 * @since 0.1.0
 * @category catalog
 */
export const catalogProblems = (catalog: Catalog): ReadonlyArray<string> => {
  const problems: Array<string> = []
  const seen = new Set<string>()
  const walk = (nodes: ReadonlyArray<CatalogNode>) => {
    for (const n of nodes) {
      if (seen.has(n.id)) problems.push(`id repetido: ${n.id}`)
      seen.add(n.id)
      if (!n.label.trim()) problems.push(`nodo sin etiqueta: ${n.id}`)
      if (n.children) walk(n.children)
    }
  }
  walk(catalog.roots)
  if (catalogLeaves(catalog).length === 0) problems.push("el catálogo no tiene hojas")
  return problems
}

/**
 * A catalog from top-level nodes; throws when the ids are not unique or there is no leaf
 * (a catalog is configuration: a bad one is a bug to fix at start-up).
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeCatalog = (roots: ReadonlyArray<CatalogNode>): Catalog => {
  const catalog = { roots }
  const problems = catalogProblems(catalog)
  if (problems.length > 0) throw new Error(`Catálogo CAU inválido: ${problems.join("; ")}`)
  return catalog
}

/**
 * Merges `additions` into `base`: a node whose id already exists gets its children merged
 * (and its label replaced), a new node is appended where it appears.
 *
 * @since 0.1.0
 * @category constructors
 */
export const extendCatalog = (base: Catalog, additions: ReadonlyArray<CatalogNode>): Catalog => {
  const merge = (nodes: ReadonlyArray<CatalogNode>, extra: ReadonlyArray<CatalogNode>): ReadonlyArray<CatalogNode> => {
    const out = nodes.map((n) => ({ ...n }))
    for (const add of extra) {
      const i = out.findIndex((n) => n.id === add.id)
      if (i < 0) out.push(add)
      else {
        const children = add.children ? merge(out[i].children ?? [], add.children) : out[i].children
        out[i] = children ? { id: add.id, label: add.label, children } : { id: add.id, label: add.label }
      }
    }
    return out
  }
  return makeCatalog(merge(base.roots, additions))
}
