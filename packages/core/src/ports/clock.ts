import { Clock, Effect } from "effect"

/**
 * The current instant as an ISO 8601 string (UTC), the form the domain stores. It reads
 * effect's `Clock` (services never call `Date.now()`), so tests drive it with effect's
 * `TestClock` and a deployment can provide any Clock.
 *
 * @since 0.1.0
 * @category accessors
 */
export const nowIso: Effect.Effect<string> = Effect.map(Clock.currentTimeMillis, (ms) => new Date(ms).toISOString())
