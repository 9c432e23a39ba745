import type { Actor } from "./actor.js"

// Module-private: only this module can mint the system principal. Not `Symbol.for`, so no
// other code (nor a decoded request body, nor a structured clone) can forge it.
const systemBrand: unique symbol = Symbol("@ecasilla/core/roles/SystemPrincipal")

/**
 * The principal scheduled jobs run as (CAU auto-close, deadline sweeps…). There is exactly
 * one, {@link systemPrincipal}; it is not an {@link Actor}, carries no id a user could log in
 * with, and is recognised only by {@link isSystemPrincipal}.
 *
 * @since 0.2.0
 * @category models
 */
export interface SystemPrincipal {
  readonly _tag: "SystemPrincipal"
  /** How history shows it ("Sistema"). */
  readonly name: string
  readonly [systemBrand]: true
}

/**
 * Who a service call runs as: a person ({@link Actor}) or the {@link systemPrincipal}.
 * Every service call takes one first, queries included.
 *
 * @since 0.2.0
 * @category models
 */
export type Principal = Actor | SystemPrincipal

/**
 * The system principal. Only code that imports it can act as the system: a user whose id
 * is `"system"` is an ordinary user.
 *
 * @since 0.2.0
 * @category constructors
 */
export const systemPrincipal: SystemPrincipal = Object.freeze(
  // The brand is not enumerable, so a spread or a clone of the principal is not the system.
  Object.defineProperty({ _tag: "SystemPrincipal", name: "Sistema" }, systemBrand, { value: true, enumerable: false }) as SystemPrincipal
)

/**
 * Whether `principal` is the {@link systemPrincipal}. Checks the module-private brand, never
 * an id or a tag a caller could set.
 *
 * @since 0.2.0
 * @category guards
 */
export const isSystemPrincipal = (principal: unknown): principal is SystemPrincipal =>
  typeof principal === "object" && principal !== null && (principal as { [systemBrand]?: unknown })[systemBrand] === true

/**
 * The person behind a principal, or `undefined` for the system.
 *
 * @since 0.2.0
 * @category guards
 */
export const actorOf = (principal: Principal): Actor | undefined => (isSystemPrincipal(principal) ? undefined : principal)
