import type { Actor } from "../roles/actor.js"

/*
 * Who works the help desk: the one place that names the CAU roles, so the lifecycle,
 * visibility, the services and the elements cannot disagree.
 */

/**
 * Whether the actor is a help-desk analyst (role `cau-analista`): may be assigned tickets.
 *
 * @since 0.2.0
 * @category guards
 */
export const isCauAnalyst = (actor: Pick<Actor, "roles">): boolean => actor.roles.includes("cau-analista")

/**
 * Whether the actor leads a support group (role `cau-lider-grupo`): assigns tickets.
 *
 * @since 0.2.0
 * @category guards
 */
export const isCauLead = (actor: Pick<Actor, "roles">): boolean => actor.roles.includes("cau-lider-grupo")

/**
 * Whether the actor is help-desk staff (an analyst or a lead): sees the whole queue.
 *
 * @since 0.2.0
 * @category guards
 */
export const isCauStaff = (actor: Pick<Actor, "roles">): boolean => isCauAnalyst(actor) || isCauLead(actor)
