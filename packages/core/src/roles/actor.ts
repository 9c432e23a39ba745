import { Schema } from "effect"

/**
 * Every role an actor of the ecosystem can hold: the five profiles of the casilla
 * system (DOMAIN.md §1), the CAU help-desk roles and the SARI operator/approver roles.
 *
 * @since 0.1.0
 * @category models
 */
export const Role = Schema.Literals([
  // casilla profiles
  "auxiliar-casilla",
  "operador-casilla",
  "emisor",
  "notificador",
  "receptor",
  // CAU help desk
  "cau-analista",
  "cau-lider-grupo",
  // SARI
  "operador-oci",
  "operador-uo",
  "jefe-oci",
  "supervisor-oci",
  "gerente"
])

/**
 * @since 0.1.0
 * @category models
 */
export type Role = typeof Role.Type

/**
 * Who is acting: an internal user (user code `U…`/`E…`) or a receptor (DNI/RUC).
 * Any actor may file CAU tickets; the roles say what else they may do.
 *
 * @since 0.1.0
 * @category models
 */
export class Actor extends Schema.Class<Actor>("@ecasilla/core/roles/Actor")({
  /** User code, DNI or RUC: the id the actor logs in with. */
  id: Schema.String,
  /** Name as shown to people. */
  name: Schema.String,
  roles: Schema.Array(Role),
  /** The OCI or UO the actor belongs to, when internal. */
  unit: Schema.optional(Schema.String),
  email: Schema.optional(Schema.String)
}) {}

/**
 * @since 0.1.0
 * @category guards
 */
export const hasRole = (actor: Pick<Actor, "roles">, role: Role): boolean => actor.roles.includes(role)
