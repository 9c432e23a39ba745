import { ContextConsumer } from "@lit/context"
import type { ReactiveController, ReactiveControllerHost } from "lit"
import * as Cause from "effect/Cause"
import type * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import type * as Fiber from "effect/Fiber"
import { runtimeContext, type EcasillaRuntime } from "../context/contexts.js"

/**
 * Where an {@link EffectTask} is: nothing run yet (or the last run was
 * interrupted), running, finished with a value, or failed.
 *
 * @since 0.1.0
 * @category controllers
 */
export type EffectTaskStatus = "initial" | "pending" | "complete" | "error"

/**
 * How an {@link EffectTask} re-runs by itself: `effect(args())` runs whenever the
 * values returned by `args` change (compared one by one with `Object.is`), when
 * the provided runtime changes, and when the host reconnects.
 *
 * @since 0.1.0
 * @category controllers
 */
export interface EffectTaskOptions<A, E, Args extends ReadonlyArray<unknown>> {
  /** The values the effect depends on, read before each host update. */
  readonly args?: () => Args
  /** Builds the effect to run from the current args. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly effect?: (args: Args) => Effect.Effect<A, E, any>
  /** Run automatically when args change (default `true` when `effect` is given). */
  readonly autoRun?: boolean
}

/**
 * What {@link EffectTask.render} shows for each status.
 *
 * @since 0.1.0
 * @category controllers
 */
export interface EffectTaskRenderers<A, R> {
  readonly initial?: () => R
  readonly pending?: () => R
  readonly complete?: (value: A) => R
  readonly error?: (error: unknown) => R
}

/**
 * The error a task reports when its element is not inside an `<ecasilla-provider>`.
 *
 * @since 0.1.0
 * @category errors
 */
export class MissingProviderError extends Error {
  override readonly name = "MissingProviderError"
  constructor(tag: string) {
    super(`<${tag}> is not inside an <ecasilla-provider>: there is no runtime to run its effects on.`)
  }
}

const sameArgs = (a: ReadonlyArray<unknown> | undefined, b: ReadonlyArray<unknown>): boolean =>
  a !== undefined && a.length === b.length && a.every((x, i) => Object.is(x, b[i]))

/**
 * The one way elements run effects: on the runtime of the closest
 * `<ecasilla-provider>`, one run at a time (a new run interrupts the previous
 * one), with `status`/`value`/`error` for rendering, and interrupting the running
 * fiber when the element leaves the page.
 *
 * ```ts
 * private readonly ticket = new EffectTask(this, {
 *   args: () => [this.ticketId] as const,
 *   effect: ([id]) => Effect.flatMap(Effect.service(TicketStore), (store) => store.get(id))
 * })
 * render() { return this.ticket.render({ pending: () => "…", complete: (t) => Option.getOrUndefined(t)?.titulo }) }
 * // or by hand, on user action:
 * await this.save.run(saveTicket(draft))
 * ```
 *
 * @since 0.1.0
 * @category controllers
 */
export class EffectTask<A = unknown, E = unknown, Args extends ReadonlyArray<unknown> = ReadonlyArray<unknown>>
  implements ReactiveController
{
  /** Where the task is. */
  status: EffectTaskStatus = "initial"
  /** The value of the last successful run. */
  value: A | undefined = undefined
  /** The failure (or defect) of the last failed run. */
  error: unknown = undefined
  /** The full cause of the last failed run. */
  cause: Cause.Cause<E> | undefined = undefined

  private readonly host: ReactiveControllerHost & HTMLElement
  private readonly options: EffectTaskOptions<A, E, Args>
  private readonly consumer: ContextConsumer<typeof runtimeContext, ReactiveControllerHost & HTMLElement>
  private fiber: Fiber.Fiber<A, unknown> | undefined
  private lastArgs: Args | undefined
  private connected = false

  constructor(host: ReactiveControllerHost & HTMLElement, options: EffectTaskOptions<A, E, Args> = {}) {
    this.host = host
    this.options = options
    this.consumer = new ContextConsumer(host, {
      context: runtimeContext,
      subscribe: true,
      callback: () => this.runtimeChanged()
    })
    host.addController(this)
  }

  /** The runtime of the closest `<ecasilla-provider>`, if any. */
  get runtime(): EcasillaRuntime | undefined {
    return this.consumer.value
  }

  /** Whether an effect is running now. */
  get running(): boolean {
    return this.fiber !== undefined
  }

  private get autoRun(): boolean {
    return this.options.effect !== undefined && this.options.autoRun !== false
  }

  /**
   * Runs `effect` (or the task's own effect with the current args), interrupting
   * the run in progress. Resolves with the Exit; never rejects.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  run(effect?: Effect.Effect<A, E, any>): Promise<Exit.Exit<A, unknown>> {
    this.interruptFiber()
    const args = this.options.args?.() ?? ([] as unknown as Args)
    this.lastArgs = args
    const program = effect ?? this.options.effect?.(args)
    if (program === undefined) return Promise.resolve(this.settle(Exit.fail(new Error("EffectTask.run: no effect to run"))))
    const runtime = this.runtime
    if (runtime === undefined) {
      return Promise.resolve(this.settle(Exit.die(new MissingProviderError(this.host.localName))))
    }
    this.status = "pending"
    this.host.requestUpdate()
    return new Promise((resolve) => {
      const fiber = runtime.runFork(program)
      this.fiber = fiber
      fiber.addObserver((exit) => {
        if (this.fiber !== fiber) return resolve(exit)
        this.fiber = undefined
        resolve(this.settle(exit))
      })
    })
  }

  /** Interrupts the running effect, if any; the status goes back to `initial`. */
  interrupt(): void {
    if (this.interruptFiber()) {
      this.status = "initial"
      this.host.requestUpdate()
    }
  }

  /** Renders the template for the current status. */
  render<R>(renderers: EffectTaskRenderers<A, R>): R | undefined {
    switch (this.status) {
      case "initial":
        return renderers.initial?.()
      case "pending":
        return renderers.pending?.()
      case "complete":
        return renderers.complete?.(this.value as A)
      case "error":
        return renderers.error?.(this.error)
    }
  }

  hostConnected(): void {
    this.connected = true
  }

  hostDisconnected(): void {
    this.connected = false
    this.interrupt()
    // Reconnecting re-runs an automatic task.
    this.lastArgs = undefined
  }

  hostUpdate(): void {
    if (!this.autoRun || this.runtime === undefined) return
    const args = this.options.args?.() ?? ([] as unknown as Args)
    if (!sameArgs(this.lastArgs, args)) void this.run()
  }

  private runtimeChanged(): void {
    // The old runtime's disposal interrupts its fibers; an automatic task
    // starts again on the new one at the next update.
    if (this.interruptFiber()) this.status = "initial"
    this.lastArgs = undefined
    if (this.connected) this.host.requestUpdate()
  }

  private interruptFiber(): boolean {
    const fiber = this.fiber
    if (fiber === undefined) return false
    this.fiber = undefined
    fiber.interruptUnsafe()
    return true
  }

  private settle(exit: Exit.Exit<A, unknown>): Exit.Exit<A, unknown> {
    if (Exit.isSuccess(exit)) {
      this.status = "complete"
      this.value = exit.value
      this.error = undefined
      this.cause = undefined
    } else if (Cause.hasInterruptsOnly(exit.cause)) {
      this.status = "initial"
    } else {
      this.status = "error"
      this.error = Cause.squash(exit.cause)
      this.cause = exit.cause as Cause.Cause<E>
    }
    this.host.requestUpdate()
    return exit
  }
}
