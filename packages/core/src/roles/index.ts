/**
 * The permission model: actors and roles, the system principal scheduled jobs run as, the
 * casilla profiles and the cargos eligible for them, units (UO, OCI), role assignments per
 * system, the {@link RoleDirectory} port and the one `authorize(actor, action, resource)`
 * check every service and element uses.
 *
 * @since 0.1.0
 */
export * from "./actor.js"
export * from "./principal.js"
export * from "./profiles.js"
export * from "./units.js"
export * from "./assignments.js"
export * from "./authorize.js"
export * from "./role-directory.js"
