import { ContextConsumer } from "@lit/context"
import { initialState, Task, TaskStatus, type StatusRenderer } from "@lit/task"
import type { ReactiveController, ReactiveControllerHost } from "lit"
import type * as Effect from "effect/Effect"
import { runtimeContext, type EcasillaRuntime } from "../context/contexts.js"
import { type EcasillaRunError, type Outcome, runOn, type Services } from "./run.js"
import { DEV_MODE } from "../internal/dev-mode.js"
import { devWarn } from "../internal/dev-warnings.js"

type Host = ReactiveControllerHost & HTMLElement

/**
 * An element's typed view of the runtime of the closest `<ecasilla-provider>`: the
 * element declares the services it needs (`R`, from the keys it lists) and runs
 * effects needing only those. Each run checks the provided runtime has them; the
 * outcome keeps the effect's error type (plus {@link EcasillaRunError}).
 *
 * Build queries and commands from it:
 *
 * ```ts
 * private readonly runtime = new RuntimeController(this, [TicketService])
 * private readonly load = this.runtime.query({ args: () => [this.ticketId] as const, run: ([id]) => getTicket(id) })
 * private readonly save = this.runtime.command((draft: Draft) => createTicket(draft))
 * ```
 *
 * @since 0.2.0
 * @category controllers
 */
export class RuntimeController<R> implements ReactiveController {
  private readonly consumer: ContextConsumer<typeof runtimeContext, Host>
  readonly host: Host
  readonly services: Services<R>

  constructor(host: Host, services: Services<R>) {
    this.host = host
    this.services = services
    this.consumer = new ContextConsumer(host, { context: runtimeContext, subscribe: true })
    host.addController(this)
  }

  /** The runtime of the closest `<ecasilla-provider>`, if any. */
  get runtime(): EcasillaRuntime | undefined {
    return this.consumer.value
  }

  hostConnected(): void {
    if (DEV_MODE) {
      // After the first render and a task: a provider defined later still answers in time.
      void this.host.updateComplete.then(() => setTimeout(() => {
        if (this.host.isConnected && this.consumer.value === undefined) {
          devWarn("no-provider", `<${this.host.localName}> is not inside an <ecasilla-provider>, so it has no runtime and cannot read or save anything. Wrap it in <ecasilla-provider> with a \`layer\`.`)
        }
      }))
    }
  }

  /** Runs `effect` once, now; never rejects. */
  run<A, E>(effect: Effect.Effect<A, E, R>, options?: { readonly signal?: AbortSignal; readonly hold?: boolean }): Promise<Outcome<A, E | EcasillaRunError>> {
    return runOn(this.runtime, this.services, effect, options)
  }

  /** A query on this runtime: see {@link EffectQuery}. */
  query<A, E, const Args extends ReadonlyArray<unknown>>(options: QueryOptions<A, E, R, Args>): EffectQuery<A, E, Args, R> {
    return new EffectQuery<A, E, Args, R>(this, options)
  }

  /** A command on this runtime: see {@link EffectCommand}. */
  command<A, E, Input extends ReadonlyArray<unknown>>(run: (...input: Input) => Effect.Effect<A, E, R>): EffectCommand<A, E, Input, R> {
    return new EffectCommand<A, E, Input, R>(this, run)
  }
}

/**
 * What a query reads and from what: `run(args())` runs whenever the values `args`
 * returns change (compared one by one), when the runtime changes, and when the
 * element comes back after leaving the page mid-run.
 *
 * @since 0.2.0
 * @category controllers
 */
export interface QueryOptions<A, E, R, Args extends ReadonlyArray<unknown>> {
  readonly args: () => Args
  readonly run: (args: Args) => Effect.Effect<A, E, R>
}

/**
 * A read (load a ticket, search users), on `@lit/task`: latest wins (a new run
 * aborts the previous one, and Task's AbortSignal interrupts its fiber), and leaving
 * the page interrupts it. Its error is typed.
 *
 * @since 0.2.0
 * @category controllers
 */
export class EffectQuery<A, E, Args extends ReadonlyArray<unknown>, R = never> implements ReactiveController {
  /** The underlying task (status, value, `taskComplete`). */
  readonly task: Task<ReadonlyArray<unknown>, A>
  private visits = 0
  private cutShort = false
  private readonly host: Host

  constructor(runtime: RuntimeController<R>, options: QueryOptions<A, E, R, Args>) {
    this.host = runtime.host
    this.task = new Task<ReadonlyArray<unknown>, A>(this.host, {
      // The runtime and the visit count are arguments too: a new runtime or a return
      // after an interrupted run reads again.
      args: () => [...options.args(), runtime.runtime, this.visits],
      task: async (all, { signal }) => {
        // The first args are the caller's, as `args()` returned them.
        const outcome = await runtime.run(options.run(all.slice(0, -2) as unknown as Args), { signal })
        if (signal.aborted) return initialState
        if (outcome.ok) return outcome.value
        throw outcome.error
      }
    })
    this.host.addController(this)
  }

  /** Whether a run is in progress. */
  get pending(): boolean {
    return this.task.status === TaskStatus.PENDING
  }

  /** Whether the last run failed. */
  get failed(): boolean {
    return this.task.status === TaskStatus.ERROR
  }

  /** The value of the last successful run. */
  get value(): A | undefined {
    return this.task.value
  }

  /** The error of the last run when it failed. */
  get error(): E | EcasillaRunError | undefined {
    // The task function throws only the Outcome's typed error.
    return this.failed ? (this.task.error as E | EcasillaRunError) : undefined
  }

  /** Runs again with the current args. */
  rerun(): Promise<void> {
    return this.task.run()
  }

  /** Renders the template for the current status. */
  render<T>(renderers: { readonly initial?: () => T; readonly pending?: () => T; readonly complete?: (value: A) => T; readonly error?: (error: E | EcasillaRunError) => T }): T | undefined {
    return this.task.render(renderers as StatusRenderer<A>) as T | undefined
  }

  hostConnected(): void {
    if (this.cutShort) {
      this.cutShort = false
      this.visits++
      this.host.requestUpdate()
    }
  }

  hostDisconnected(): void {
    if (this.pending) {
      this.cutShort = true
      this.task.abort()
    }
  }
}

/**
 * A write (save, assign, resolve), on `@lit/task` without auto-run: it runs once per
 * user action; a second `run` while one is in progress is ignored (resolves
 * `undefined`); and nothing interrupts it half-way: it is not tied to the element's
 * signal, and the provider keeps its runtime alive until it ends, even if the element
 * or the provider leaves the page meanwhile.
 *
 * @since 0.2.0
 * @category controllers
 */
export class EffectCommand<A, E, Input extends ReadonlyArray<unknown>, R = never> {
  /** The underlying task. */
  readonly task: Task<Input, Outcome<A, E | EcasillaRunError>>
  private inFlight: Promise<Outcome<A, E | EcasillaRunError>> | undefined
  private readonly host: Host

  constructor(runtime: RuntimeController<R>, run: (...input: Input) => Effect.Effect<A, E, R>) {
    this.host = runtime.host
    this.task = new Task<Input, Outcome<A, E | EcasillaRunError>>(runtime.host, {
      autoRun: false,
      // No signal: a write is never aborted by the element.
      task: (input) => runtime.run(run(...input), { hold: true })
    })
  }

  /** Whether a run is in progress (show the control as busy). */
  get running(): boolean {
    return this.inFlight !== undefined
  }

  /** The error of the last run, when it failed. */
  get error(): E | EcasillaRunError | undefined {
    const last = this.task.value
    return last !== undefined && !last.ok ? last.error : undefined
  }

  /** Runs the command, unless one is running (then resolves `undefined`). */
  async run(...input: Input): Promise<Outcome<A, E | EcasillaRunError> | undefined> {
    if (this.inFlight !== undefined) return undefined
    const done = this.task.run(input).then(() => this.task.value!)
    this.inFlight = done
    try {
      return await done
    } finally {
      this.inFlight = undefined
      // `running` changed after the task's own update request.
      this.host.requestUpdate()
    }
  }
}
