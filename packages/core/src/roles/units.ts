import { Schema } from "effect"
import { checkRuc, rucTypeOfPrefix } from "../identity/rules.js"
import type { Role } from "./actor.js"

/**
 * The id of a unit: a UO code (`GTI`, `SGSI`…) or an OCI code. Ids are what `Actor.unit` holds.
 *
 * @since 0.2.0
 * @category units
 */
export const UnitId = Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(40), Schema.isPattern(/^[A-Za-z0-9._-]+$/))
/** @since 0.2.0 @category units */
export type UnitId = typeof UnitId.Type

/**
 * The kinds of unit: a *unidad orgánica* of the CGR (UO: gerencias, subgerencias) or the
 * *Órgano de Control Institucional* (OCI) of a public entity.
 *
 * @since 0.2.0
 * @category units
 */
export const UnitKind = Schema.Literals(["uo", "oci"])
/** @since 0.2.0 @category units */
export type UnitKind = typeof UnitKind.Type

/**
 * A public entity's RUC: valid, and of a persona jurídica (prefix 20), as every public
 * entity's is. Checked with the identity rules, never a second copy of them.
 *
 * @since 0.2.0
 * @category units
 */
export const EntityRuc = Schema.String.check(
  Schema.makeFilter<string>((s) => {
    const r = checkRuc(s)
    if (!r.ok || r.value !== s) return "invalid-ruc"
    return rucTypeOfPrefix(s.slice(0, 2)) === "persona-juridica" ? undefined : "not-an-entity-ruc"
  })
).pipe(Schema.brand("EntityRuc"))
/** @since 0.2.0 @category units */
export type EntityRuc = typeof EntityRuc.Type

/**
 * A unidad orgánica of the CGR.
 *
 * @since 0.2.0
 * @category units
 */
export const UoUnit = Schema.Struct({ kind: Schema.Literal("uo"), id: UnitId, name: Schema.String.check(Schema.isMinLength(1)) })
/** @since 0.2.0 @category units */
export type UoUnit = typeof UoUnit.Type

/**
 * The OCI of a public entity, with the entity's RUC.
 *
 * @since 0.2.0
 * @category units
 */
export const OciUnit = Schema.Struct({
  kind: Schema.Literal("oci"),
  id: UnitId,
  name: Schema.String.check(Schema.isMinLength(1)),
  entityRuc: EntityRuc,
  entityName: Schema.String.check(Schema.isMinLength(1))
})
/** @since 0.2.0 @category units */
export type OciUnit = typeof OciUnit.Type

/**
 * A unit: UO or OCI.
 *
 * @since 0.2.0
 * @category units
 */
export const Unit = Schema.Union([UoUnit, OciUnit])
/** @since 0.2.0 @category units */
export type Unit = typeof Unit.Type

/**
 * Decodes an unknown value into a {@link Unit}; throws a SchemaError (an OCI whose RUC is
 * not a valid entity RUC is refused).
 *
 * @since 0.2.0
 * @category units
 */
export const decodeUnitSync: (input: unknown) => Unit = Schema.decodeUnknownSync(Unit)

/**
 * The roles that operate SARI for a unit of each kind: the Operador OCI ("ACCESOS OCI")
 * and the Operador UO ("ACCESOS").
 *
 * @since 0.2.0
 * @category units
 */
export const sariOperatorRoles: Readonly<Record<UnitKind, ReadonlyArray<Role>>> = {
  oci: ["operador-oci"],
  uo: ["operador-uo"]
}

/**
 * The roles that decide SARI requests of a unit of each kind (DOMAIN.md §3): the Jefe de
 * OCI or the Supervisor OCI of the same OCI; the Gerente of the same UO.
 *
 * @since 0.2.0
 * @category units
 */
export const sariApproverRoles: Readonly<Record<UnitKind, ReadonlyArray<Role>>> = {
  oci: ["jefe-oci", "supervisor-oci"],
  uo: ["gerente"]
}
