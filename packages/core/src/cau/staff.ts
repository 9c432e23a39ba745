import type { Actor } from "../roles/actor.js"
import { isSystemPrincipal, type SystemPrincipal } from "../roles/principal.js"

/*
 * Who works the help desk: the one place that names the CAU roles, so the lifecycle,
 * visibility, the services and the elements cannot disagree.
 */

/**
 * Whether the actor is a help-desk analyst (never the system principal) (role `cau-analista`): may be assigned tickets.
 *
 * @since 0.2.0
 * @category guards
 */
export const isCauAnalyst = (actor: Pick<Actor, "roles"> | SystemPrincipal): boolean =>
  !isSystemPrincipal(actor) && actor.roles.includes("cau-analista")

/**
 * Whether the actor leads a support group (role `cau-lider-grupo`): assigns tickets.
 *
 * @since 0.2.0
 * @category guards
 */
export const isCauLead = (actor: Pick<Actor, "roles"> | SystemPrincipal): boolean =>
  !isSystemPrincipal(actor) && actor.roles.includes("cau-lider-grupo")

/**
 * Whether the actor is help-desk staff (an analyst or a lead): sees the whole queue.
 *
 * @since 0.2.0
 * @category guards
 */
export const isCauStaff = (actor: Pick<Actor, "roles"> | SystemPrincipal): boolean => isCauAnalyst(actor) || isCauLead(actor)
