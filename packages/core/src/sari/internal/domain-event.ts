// TEMPORARY stand-in for the shared DomainEvent contract of patterns-core
// (`@ecasilla/core/ports`: { id, tag, aggregateId, at, data }). Swapped for a re-export
// when that `contract:` commit lands.
import { Schema } from "effect"

export const DomainEvent = Schema.Struct({
  id: Schema.String,
  tag: Schema.String,
  aggregateId: Schema.String,
  at: Schema.String,
  data: Schema.Unknown
})
export type DomainEvent = typeof DomainEvent.Type
