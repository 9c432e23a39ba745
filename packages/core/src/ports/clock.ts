import { Context, Effect, Layer } from "effect"

/**
 * Where every timestamp of the domain comes from. Services never call `Date.now()`;
 * they ask the Clock, so tests and demos can set the time.
 *
 * @since 0.1.0
 * @category ports
 */
export class Clock extends Context.Service<Clock, {
  /** The current instant. */
  readonly now: Effect.Effect<Date>
}>()("@ecasilla/core/ports/Clock") {
  /**
   * The system clock.
   *
   * @since 0.1.0
   * @category layers
   */
  static readonly layerSystem: Layer.Layer<Clock> = Layer.succeed(Clock, Clock.of({ now: Effect.sync(() => new Date()) }))

  /**
   * A clock that shows the time of a {@link TestClock} handle, which the test sets or advances.
   *
   * @since 0.1.0
   * @category layers
   */
  static readonly layerTest = (clock: TestClock): Layer.Layer<Clock> =>
    Layer.succeed(Clock, Clock.of({ now: Effect.sync(() => clock.now()) }))
}

/**
 * The current instant as an ISO 8601 string (UTC), the form the domain stores.
 *
 * @since 0.1.0
 * @category accessors
 */
export const nowIso: Effect.Effect<string, never, Clock> = Effect.flatMap(Clock, (c) => c.now).pipe(
  Effect.map((d) => d.toISOString())
)

/**
 * A hand-driven clock for tests and demos.
 *
 * @since 0.1.0
 * @category models
 */
export interface TestClock {
  readonly now: () => Date
  /** Sets the current instant. */
  readonly set: (instant: Date | string) => void
  /** Moves the clock forward by `ms` milliseconds. */
  readonly advance: (ms: number) => void
}

/**
 * Makes a {@link TestClock} that starts at `start` and moves only when told.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeTestClock = (start: Date | string = "2026-01-05T14:00:00.000Z"): TestClock => {
  let current = new Date(start).getTime()
  return {
    now: () => new Date(current),
    set: (instant) => {
      current = new Date(instant).getTime()
    },
    advance: (ms) => {
      current += ms
    }
  }
}
