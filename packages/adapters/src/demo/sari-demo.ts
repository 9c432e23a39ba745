import { Actor, type Collaborator, decodeUnitSync, defaultRolesConfig, type RoleAssignment, type Unit } from "@ecasilla/core/roles"
import type { SariConfigShape } from "@ecasilla/core/sari"

/*
 * SARI demo data: two OCIs and one UO, each with its operator and approvers and a few
 * colleagues holding casilla/CAU roles. Used by the playground and by tests; invented
 * people, real entity RUCs.
 */

/**
 * The demo units: the OCIs of MINSA and SUNAT (with their entities' RUCs), the CGR's
 * Gerencia de Tecnologías de la Información, and the two units of the casilla demo's staff.
 *
 * @since 0.2.0
 * @category demo
 */
export const sariDemoUnits: ReadonlyArray<Unit> = [
  { kind: "oci", id: "OCI-MINSA", name: "OCI del Ministerio de Salud", entityRuc: "20131373237", entityName: "Ministerio de Salud" },
  { kind: "oci", id: "OCI-SUNAT", name: "OCI de la SUNAT", entityRuc: "20131312955", entityName: "Superintendencia Nacional de Aduanas y de Administración Tributaria" },
  { kind: "uo", id: "GTI", name: "Gerencia de Tecnologías de la Información" },
  { kind: "uo", id: "SCM", name: "Subgerencia de Control de Municipalidades" },
  { kind: "uo", id: "GCSPB", name: "Gerencia de Control de Servicios Públicos Básicos" }
].map((u) => decodeUnitSync(u))

interface Person {
  readonly id: string
  readonly name: string
  readonly dni: string
  readonly cargo: Collaborator["cargo"]
  readonly unit: string
  readonly roles: ReadonlyArray<Actor["roles"][number]>
}

const people: ReadonlyArray<Person> = [
  { id: "E20101", name: "Lucía Torres Vega", dni: "41234567", cargo: "operador", unit: "OCI-MINSA", roles: ["operador-oci"] },
  { id: "E20102", name: "Jorge Ramírez Salas", dni: "40876543", cargo: "jefe-oci", unit: "OCI-MINSA", roles: ["jefe-oci"] },
  { id: "E20103", name: "Carmen Huamán Rojas", dni: "42345678", cargo: "supervisor", unit: "OCI-MINSA", roles: ["supervisor-oci"] },
  { id: "E20104", name: "Pedro Quispe Flores", dni: "43456789", cargo: "auditor", unit: "OCI-MINSA", roles: [] },
  { id: "E20105", name: "Ana Mendoza Ríos", dni: "44567890", cargo: "analista", unit: "OCI-MINSA", roles: [] },
  { id: "E20106", name: "Raúl Ñahui Cárdenas", dni: "45678901", cargo: "operador", unit: "OCI-MINSA", roles: [] },
  { id: "E30101", name: "Rosa Castillo Díaz", dni: "46789012", cargo: "jefe-oci", unit: "OCI-SUNAT", roles: ["jefe-oci"] },
  { id: "E30102", name: "Miguel Paredes León", dni: "47890123", cargo: "operador", unit: "OCI-SUNAT", roles: ["operador-oci"] },
  { id: "E30103", name: "Elena Vargas Soto", dni: "48901234", cargo: "auditor", unit: "OCI-SUNAT", roles: [] },
  { id: "U10101", name: "Carlos Gutiérrez Poma", dni: "10117410", cargo: "operador", unit: "GTI", roles: ["operador-uo"] },
  { id: "U10102", name: "María Fernández Lazo", dni: "09876543", cargo: "gerente", unit: "GTI", roles: ["gerente"] },
  { id: "U10103", name: "Luis Chávez Ortiz", dni: "07654321", cargo: "analista", unit: "GTI", roles: [] },
  { id: "U10104", name: "Sofía Rojas Medina", dni: "06543210", cargo: "mesa-de-partes", unit: "GTI", roles: [] },
  // The casilla demo's staff: their casilla roles are SARI assignments (below).
  { id: "U18342", name: "Jorge Salas Ríos", dni: "40112233", cargo: "analista", unit: "SCM", roles: [] },
  { id: "E40125", name: "Rosa Quispe Mamani", dni: "41223344", cargo: "operador", unit: "SCM", roles: [] },
  { id: "U20011", name: "Ana Torres Villanueva", dni: "42334455", cargo: "gerente", unit: "GCSPB", roles: [] },
  { id: "U20019", name: "Luis Paredes Cano", dni: "43445566", cargo: "subgerente", unit: "SCM", roles: [] },
  // The CAU demo's staff: their CAU roles are SARI assignments too.
  { id: "U10210", name: "Carla Vílchez Paredes", dni: "44556601", cargo: "analista", unit: "GTI", roles: [] },
  { id: "U10288", name: "Luis Huamán Torres", dni: "44556602", cargo: "analista", unit: "GTI", roles: [] },
  { id: "U10007", name: "Patricia Llosa Benavides", dni: "44556603", cargo: "supervisor", unit: "GTI", roles: [] }
]

const email = (p: Person) => `${p.id.toLowerCase()}@demo.contraloria.gob.pe`

/**
 * The demo users as the Directory knows them (roles are their posts: operator, approver).
 *
 * @since 0.2.0
 * @category demo
 */
export const sariDemoUsers: ReadonlyArray<Actor> = people.map((p) => new Actor({ id: p.id, name: p.name, roles: [...p.roles], unit: p.unit, email: email(p) }))

/**
 * The same people as SARI colleagues (DNI, cargo, unit).
 *
 * @since 0.2.0
 * @category demo
 */
export const sariDemoCollaborators: ReadonlyArray<Collaborator> = people.map((p) => ({ id: p.id, name: p.name, dni: p.dni as Collaborator["dni"], cargo: p.cargo, unit: p.unit, email: email(p) }))

const seed = (userId: string, system: RoleAssignment["system"], role: RoleAssignment["role"], unitId: string): RoleAssignment => ({
  userId,
  system,
  role,
  unitId,
  grantedAt: "2026-01-02T14:00:00.000Z",
  grantedBy: "seed"
})

/**
 * The roles the demo colleagues hold at the start.
 *
 * @since 0.2.0
 * @category demo
 */
export const sariDemoAssignments: ReadonlyArray<RoleAssignment> = [
  seed("E20104", "casilla", "auxiliar-casilla", "OCI-MINSA"),
  seed("E20105", "casilla", "notificador", "OCI-MINSA"),
  seed("E20102", "casilla", "emisor", "OCI-MINSA"),
  seed("E30103", "casilla", "notificador", "OCI-SUNAT"),
  seed("U10103", "cau", "cau-analista", "GTI"),
  seed("U10104", "casilla", "operador-casilla", "GTI"),
  seed("U18342", "casilla", "auxiliar-casilla", "SCM"),
  seed("E40125", "casilla", "notificador", "SCM"),
  seed("U20011", "casilla", "emisor", "GCSPB"),
  seed("U20019", "casilla", "emisor", "SCM"),
  seed("U10210", "cau", "cau-analista", "GTI"),
  seed("U10288", "cau", "cau-analista", "GTI"),
  seed("U10007", "cau", "cau-lider-grupo", "GTI")
]

/**
 * The SARI settings of the demo: its units and the default permission data.
 *
 * @since 0.2.0
 * @category demo
 */
export const sariDemoConfig: SariConfigShape = { units: sariDemoUnits, roles: defaultRolesConfig }

/**
 * Looks a demo user up by id (the playground's actor switch).
 *
 * @since 0.2.0
 * @category demo
 */
export const sariDemoUser = (id: string): Actor | undefined => sariDemoUsers.find((u) => u.id === id)
