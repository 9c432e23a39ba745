import { Context } from "effect"
import { defaultRolesConfig, type RolesConfig } from "../roles/profiles.js"
import type { Unit } from "../roles/units.js"

/**
 * What a SARI deployment sets: its units (an actor's `unit` id is looked up here to know
 * whether it is an OCI or a UO) and the permission data (cargo eligibility).
 *
 * @since 0.2.0
 * @category config
 */
export interface SariConfigShape {
  readonly units: ReadonlyArray<Unit>
  readonly roles: RolesConfig
}

/**
 * The SARI settings; without a layer, no units (nobody can file a request) and the
 * default permission data of DOMAIN.md §1.
 *
 * @since 0.2.0
 * @category config
 */
export const SariConfig: Context.Reference<SariConfigShape> = Context.Reference<SariConfigShape>("@ecasilla/core/sari/SariConfig", {
  defaultValue: () => ({ units: [], roles: defaultRolesConfig })
})
