// TEMPORARY: the subset of patterns-elements' RuntimeController API (query/command with
// typed outcomes) that the SARI elements use, built on this branch's EffectTask until that
// branch is merged; then this file goes and the imports point at
// ../../controllers/runtime-controller.js. Same names, same shapes.
import type { ReactiveController, ReactiveControllerHost } from "lit"
import * as Cause from "effect/Cause"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Option from "effect/Option"
import { EffectTask } from "../../controllers/effect-task.js"

type Host = ReactiveControllerHost & HTMLElement

export type Outcome<A, E> = { readonly ok: true; readonly value: A } | { readonly ok: false; readonly error: E }

const outcomeOf = <A, E>(exit: Exit.Exit<A, unknown>): Outcome<A, E> => {
  if (Exit.isSuccess(exit)) return { ok: true, value: exit.value }
  const error = Cause.findErrorOption(exit.cause)
  return { ok: false, error: (Option.isSome(error) ? error.value : Cause.squash(exit.cause)) as E }
}

export class RuntimeController<R> implements ReactiveController {
  readonly host: Host
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly services: ReadonlyArray<Context.Key<R, any>>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  constructor(host: Host, services: ReadonlyArray<Context.Key<R, any>>) {
    this.host = host
    this.services = services
    host.addController(this)
  }
  hostConnected(): void {}
  /** Whether the provided runtime has every declared service. */
  private readonly ready: Effect.Effect<boolean> = Effect.map(Effect.context<never>(), (context) =>
    this.services.every((key) => Option.isSome(Context.getOption(context as Context.Context<R>, key))))
  query<A, E, const Args extends ReadonlyArray<unknown>>(options: { readonly args: () => Args; readonly run: (args: Args) => Effect.Effect<A, E, R> }) {
    // A runtime without the services (a provider still on its default layer) is not ready
    // yet: the query waits; the provider's next layer interrupts it and it runs again.
    return new EffectQuery<A, E, Args>(this.host, { args: options.args, run: (args) => Effect.flatMap(this.ready, (ok): Effect.Effect<A, E, R> => (ok ? options.run(args) : Effect.never)) })
  }
  command<A, E, Input extends ReadonlyArray<unknown>>(run: (...input: Input) => Effect.Effect<A, E, R>) {
    return new EffectCommand<A, E | Error, Input>(this.host, (...input) =>
      Effect.flatMap(this.ready, (ok): Effect.Effect<A, E | Error, R> => (ok ? run(...input) : Effect.fail(new Error(`missing service: ${this.services.map((k) => k.key).join(", ")}`)))))
  }
}

export class EffectQuery<A, E, Args extends ReadonlyArray<unknown>> {
  private readonly task: EffectTask<A, E, Args>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  constructor(host: Host, options: { readonly args: () => Args; readonly run: (args: Args) => Effect.Effect<A, E, any> }) {
    this.task = new EffectTask<A, E, Args>(host, { args: options.args, effect: options.run })
  }
  get pending(): boolean {
    return this.task.status === "pending"
  }
  get failed(): boolean {
    return this.task.status === "error"
  }
  get value(): A | undefined {
    return this.task.value
  }
  get error(): E | undefined {
    return this.failed ? (this.task.error as E) : undefined
  }
  async rerun(): Promise<void> {
    await this.task.run()
  }
}

export class EffectCommand<A, E, Input extends ReadonlyArray<unknown>> {
  private inFlight: Promise<Outcome<A, E>> | undefined
  private last: Outcome<A, E> | undefined
  private readonly task: EffectTask<A, E>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  constructor(private readonly host: Host, private readonly make: (...input: Input) => Effect.Effect<A, E, any>) {
    this.task = new EffectTask<A, E>(host)
  }
  get running(): boolean {
    return this.inFlight !== undefined
  }
  get error(): E | undefined {
    return this.last !== undefined && !this.last.ok ? this.last.error : undefined
  }
  async run(...input: Input): Promise<Outcome<A, E> | undefined> {
    if (this.inFlight !== undefined) return undefined
    this.inFlight = this.task.run(this.make(...input)).then((exit) => outcomeOf<A, E>(exit))
    this.host.requestUpdate()
    try {
      this.last = await this.inFlight
      return this.last
    } finally {
      this.inFlight = undefined
      this.host.requestUpdate()
    }
  }
}
