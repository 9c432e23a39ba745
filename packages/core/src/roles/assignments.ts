import { Schema } from "effect"
import { Dni } from "../identity/schema.js"
import { Actor, Role } from "./actor.js"
import { Cargo } from "./profiles.js"
import { UnitId } from "./units.js"

/**
 * A system whose roles are granted through SARI: the Casilla Electrónica and the CAU.
 *
 * @since 0.2.0
 * @category assignments
 */
export const AccessSystem = Schema.Literals(["casilla", "cau"])
/** @since 0.2.0 @category assignments */
export type AccessSystem = typeof AccessSystem.Type

/**
 * The roles SARI may grant or revoke in each system. Receptor is not here: a casilla is
 * created for a receptor by assignment or voluntary request, not granted as a role.
 *
 * @since 0.2.0
 * @category assignments
 */
export const grantableRoles: Readonly<Record<AccessSystem, ReadonlyArray<Role>>> = {
  casilla: ["auxiliar-casilla", "operador-casilla", "emisor", "notificador"],
  cau: ["cau-analista", "cau-lider-grupo"]
}

/**
 * Every role SARI manages, in any system.
 *
 * @since 0.2.0
 * @category assignments
 */
export const managedRoles: ReadonlySet<Role> = new Set(Object.values(grantableRoles).flat())

/**
 * The system a managed role belongs to.
 *
 * @since 0.2.0
 * @category assignments
 */
export const systemOfRole = (role: Role): AccessSystem | undefined =>
  (Object.keys(grantableRoles) as Array<AccessSystem>).find((s) => grantableRoles[s].includes(role))

/**
 * One role held by one person in one system: the row the casilla, CAU and SCA read a
 * person's roles from. Written only by an approved SARI request (or a deployment's seed).
 *
 * @since 0.2.0
 * @category assignments
 */
export const RoleAssignment = Schema.Struct({
  userId: Schema.String,
  system: AccessSystem,
  role: Role,
  unitId: UnitId,
  grantedAt: Schema.String,
  /** Who approved it (user id), or `seed` for rows a deployment loaded. */
  grantedBy: Schema.String,
  /** The SARI request that granted it. */
  requestId: Schema.optional(Schema.String)
})
/** @since 0.2.0 @category assignments */
export type RoleAssignment = typeof RoleAssignment.Type

/**
 * The key of an assignment: one person holds a role in a system at most once.
 *
 * @since 0.2.0
 * @category assignments
 */
export const assignmentKey = (a: Pick<RoleAssignment, "userId" | "system" | "role">): string => `${a.userId}|${a.system}|${a.role}`

/**
 * The roles a person holds now: the directory's roles without the SARI-managed ones, plus
 * the managed roles of their assignments. The assignments are the only truth for managed
 * roles, so a revoked role is gone even if a stale directory still lists it.
 *
 * @since 0.2.0
 * @category assignments
 */
export const effectiveRoles = (directoryRoles: ReadonlyArray<Role>, assignments: ReadonlyArray<Pick<RoleAssignment, "role">>): ReadonlyArray<Role> => {
  const out = directoryRoles.filter((r) => !managedRoles.has(r))
  for (const a of assignments) if (!out.includes(a.role)) out.push(a.role)
  return out
}

/**
 * The roles held in one system, from a person's assignments.
 *
 * @since 0.2.0
 * @category assignments
 */
export const rolesHeldIn = (system: AccessSystem, assignments: ReadonlyArray<Pick<RoleAssignment, "system" | "role">>): ReadonlyArray<Role> =>
  grantableRoles[system].filter((r) => assignments.some((a) => a.system === system && a.role === r))

/**
 * A colleague as SARI finds them in the directory (by DNI or by name): their user code,
 * DNI, cargo and unit.
 *
 * @since 0.2.0
 * @category assignments
 */
export const Collaborator = Schema.Struct({
  id: Schema.String,
  name: Schema.String,
  dni: Dni,
  cargo: Cargo,
  unit: UnitId,
  email: Schema.optional(Schema.String)
})
/** @since 0.2.0 @category assignments */
export type Collaborator = typeof Collaborator.Type

/**
 * The actor a person acts as, with the roles they hold now.
 *
 * @since 0.2.0
 * @category assignments
 */
export const actorWithRoles = (actor: Actor, roles: ReadonlyArray<Role>): Actor =>
  new Actor({
    id: actor.id,
    name: actor.name,
    roles: [...roles],
    ...(actor.unit !== undefined ? { unit: actor.unit } : {}),
    ...(actor.email !== undefined ? { email: actor.email } : {})
  })

/**
 * Decodes a role assignment (an IndexedDB row, JSON); throws a SchemaError.
 *
 * @since 0.2.0
 * @category decoding
 */
export const decodeRoleAssignmentSync: (input: unknown) => RoleAssignment = Schema.decodeUnknownSync(RoleAssignment)
