import { Schema } from "effect"
import { AccessSystem } from "../roles/assignments.js"
import type { DomainEvent } from "../ports/domain-events.js"
import { RoleChange, SariParty, SariUnit, type SariRequest } from "./model.js"

/**
 * The fully qualified tags of the SARI domain events.
 *
 * @since 0.2.0
 * @category events
 */
export const sariEventTags = {
  sent: "@ecasilla/core/sari/SariRequestSent",
  approved: "@ecasilla/core/sari/SariRequestApproved",
  rejected: "@ecasilla/core/sari/SariRequestRejected",
  withdrawn: "@ecasilla/core/sari/SariRequestWithdrawn"
} as const

/**
 * A SARI event tag.
 *
 * @since 0.2.0
 * @category events
 */
export type SariEventTag = (typeof sariEventTags)[keyof typeof sariEventTags]

/**
 * The `data` of every SARI event: what a consumer (the Mailer) needs without reading the
 * store again. `approvers` is set on Sent (who to tell), `decidedBy` on a decision,
 * `reason` on a rejection.
 *
 * @since 0.2.0
 * @category events
 */
export const SariEventData = Schema.Struct({
  requestId: Schema.String,
  number: Schema.String,
  unit: SariUnit,
  system: AccessSystem,
  requester: SariParty,
  collaborator: SariParty,
  changes: Schema.Array(RoleChange),
  approvers: Schema.optional(Schema.Array(SariParty)),
  decidedBy: Schema.optional(SariParty),
  reason: Schema.optional(Schema.String)
})
/** @since 0.2.0 @category events */
export type SariEventData = typeof SariEventData.Type

/**
 * Builds the domain event of a request change.
 *
 * @since 0.2.0
 * @category events
 */
export const makeSariEvent = (
  id: string,
  tag: SariEventTag,
  request: SariRequest,
  at: string,
  extra: Pick<SariEventData, "approvers" | "decidedBy" | "reason"> = {}
): DomainEvent => ({
  id,
  tag,
  aggregateId: request.id,
  at,
  data: {
    requestId: request.id,
    number: request.number,
    unit: request.unit,
    system: request.system,
    requester: request.requester,
    collaborator: { id: request.collaborator.id, name: request.collaborator.name, ...(request.collaborator.email ? { email: request.collaborator.email } : {}) },
    changes: request.changes,
    ...extra
  } satisfies SariEventData
})

/**
 * Whether an event is a SARI event, with its data decoded.
 *
 * @since 0.2.0
 * @category events
 */
export const decodeSariEvent = (event: DomainEvent): { readonly tag: SariEventTag; readonly data: SariEventData } | undefined => {
  if (!(Object.values(sariEventTags) as Array<string>).includes(event.tag)) return undefined
  const data = Schema.decodeUnknownOption(SariEventData)(event.data)
  return data._tag === "Some" ? { tag: event.tag as SariEventTag, data: data.value } : undefined
}

