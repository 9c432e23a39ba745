import * as Cause from "effect/Cause"
import * as Context from "effect/Context"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Option from "effect/Option"
import * as Predicate from "effect/Predicate"
import type { EcasillaRuntime } from "../context/contexts.js"

/**
 * Why an element could not run an effect, or what went wrong that the effect did not
 * declare: no `<ecasilla-provider>` around it (`no-provider`), a provider without a
 * `layer` (`no-layer`), a layer without a service the element needs
 * (`missing-service`, `service` names it), a defect (`defect`, a bug: logged, never
 * shown) or the runtime went away mid-run (`interrupted`).
 *
 * @since 0.2.0
 * @category errors
 */
export class EcasillaRunError extends Data.TaggedError("@ecasilla/elements/EcasillaRunError")<{
  readonly reason: "no-provider" | "no-layer" | "missing-service" | "defect" | "interrupted"
  readonly service?: string
  readonly cause?: Cause.Cause<unknown>
}> {
  override get message(): string {
    switch (this.reason) {
      case "no-provider":
        return "The element is not inside an <ecasilla-provider>: there is no runtime to run its effects on."
      case "no-layer":
        return "The <ecasilla-provider> has no `layer`: set its `layer` property to the adapters' Layers."
      case "missing-service":
        return `The <ecasilla-provider>'s layer does not provide ${this.service}.`
      case "interrupted":
        return "The runtime was disposed while the effect ran."
      default:
        return `Unexpected failure: ${this.cause === undefined ? "" : Cause.pretty(this.cause)}`
    }
  }
}

/**
 * Whether `u` is an {@link EcasillaRunError}.
 *
 * @since 0.2.0
 * @category guards
 */
export const isEcasillaRunError = (u: unknown): u is EcasillaRunError => Predicate.isTagged(u, "@ecasilla/elements/EcasillaRunError")

/**
 * How a run ended: its value, or its error, typed. A defect or an interruption is an
 * {@link EcasillaRunError}, so `error` covers every way a run can fail.
 *
 * @since 0.2.0
 * @category models
 */
export type Outcome<A, E> = { readonly ok: true; readonly value: A } | { readonly ok: false; readonly error: E }

/**
 * The services an element declares it needs: their Context keys (service classes,
 * references). `R` is their union.
 *
 * @since 0.2.0
 * @category models
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Services<R> = ReadonlyArray<Context.Key<R, any>>

/**
 * Options of a run: `signal` interrupts it when aborted (queries); `hold` keeps the
 * provider's runtime alive until it ends (commands).
 *
 * @since 0.2.0
 * @category models
 */
export interface RunOptions {
  readonly signal?: AbortSignal
  readonly hold?: boolean
}

const fromExit = <A, E>(exit: Exit.Exit<A, E | EcasillaRunError>): Outcome<A, E | EcasillaRunError> => {
  if (Exit.isSuccess(exit)) return { ok: true, value: exit.value }
  const error = Cause.findErrorOption(exit.cause)
  if (Option.isSome(error)) return { ok: false, error: error.value }
  const reason = Cause.hasInterruptsOnly(exit.cause) ? "interrupted" : "defect"
  if (reason === "defect") console.error("ecasilla:", Cause.pretty(exit.cause))
  return { ok: false, error: new EcasillaRunError({ reason, cause: exit.cause }) }
}

/**
 * Runs `effect` on a provided runtime after checking that it has `services`, and
 * never rejects: the {@link Outcome} carries the effect's own error type plus
 * {@link EcasillaRunError}. The single place where the runtime's unknown services
 * meet an element's declared ones.
 *
 * ```ts
 * const outcome = await runOn(provider.runtime, [TicketService], Effect.flatMap(TicketService.asEffect(), (s) => s.listTickets(actor)))
 * if (outcome.ok) show(outcome.value)
 * ```
 *
 * @since 0.2.0
 * @category run
 */
export const runOn = async <A, E, R>(
  runtime: EcasillaRuntime | undefined,
  services: Services<R>,
  effect: Effect.Effect<A, E, R>,
  options: RunOptions = {}
): Promise<Outcome<A, E | EcasillaRunError>> => {
  if (runtime === undefined) return { ok: false, error: new EcasillaRunError({ reason: "no-provider" }) }
  // A runtime its provider disposed runs nothing more: the run is cut short, not a bug.
  if (runtime.disposed) return { ok: false, error: new EcasillaRunError({ reason: "interrupted" }) }
  const managed = runtime.managed
  if (managed === undefined) {
    runtime.missingLayer()
    return { ok: false, error: new EcasillaRunError({ reason: "no-layer" }) }
  }
  const checked = Effect.flatMap(Effect.context<never>(), (context): Effect.Effect<A, E | EcasillaRunError, R> => {
    const missing = services.find((key) => Option.isNone(Context.getOption(context as Context.Context<R>, key)))
    return missing === undefined
      ? effect
      : Effect.fail(new EcasillaRunError({ reason: "missing-service", service: missing.key }))
  })
  // The check above is what makes `R` safe here: every declared service is in the context.
  const run = managed.runPromiseExit(checked as Effect.Effect<A, E | EcasillaRunError>, options.signal ? { signal: options.signal } : undefined)
  return fromExit<A, E>(await (options.hold ? runtime.hold(run) : run))
}
