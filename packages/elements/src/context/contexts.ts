import { createContext } from "@lit/context"
import type { Actor, Locale } from "@ecasilla/core"
import type * as Layer from "effect/Layer"
import type { ManagedRuntime } from "effect/ManagedRuntime"

/**
 * Any Layer that needs nothing: what `<ecasilla-provider>` builds its runtime from.
 * (A Layer is contravariant in what it provides, so `never` here accepts every
 * Layer; what it really provides is checked when an element runs, see
 * `RuntimeController`.) It must not fail to build: pipe a Layer that can fail
 * through `Layer.orDie`, so a broken storage is a logged defect.
 *
 * @since 0.1.0
 * @category provider
 */
export type ProvidedLayer = Layer.Layer<never, never, never>

/**
 * What `<ecasilla-provider>` hands to the elements inside it: the Effect runtime
 * built from the page's `layer`, and a way to keep it alive while a write finishes.
 *
 * The runtime is typed as running effects that need nothing (`never`): which services
 * it really has depends on the Layer the page chose. Elements never use it directly;
 * a `RuntimeController` declares the services its element needs and checks, before
 * each run, that the runtime has them.
 *
 * @since 0.2.0
 * @category context
 */
export interface EcasillaRuntime {
  /** The runtime; `undefined` while the provider has no `layer`. */
  readonly managed: ManagedRuntime<never, never> | undefined
  /**
   * Keeps the runtime alive until `write` settles, even if the provider leaves the
   * page meanwhile: a command is never cut half-way by a disposal.
   */
  readonly hold: <T>(write: Promise<T>) => Promise<T>
  /** Whether the provider has disposed this runtime (it left the page, or got another layer). */
  readonly disposed: boolean
  /** Called when an element wanted to run an effect and there is no `layer`. */
  readonly missingLayer: () => void
}

/**
 * Context key of the provided {@link EcasillaRuntime}.
 *
 * @since 0.1.0
 * @category context
 */
export const runtimeContext = createContext<EcasillaRuntime | undefined>(Symbol.for("@ecasilla/elements/runtime"))

/**
 * Context key of the provided locale (`es-PE` by default, `en`).
 *
 * @since 0.1.0
 * @category context
 */
export const localeContext = createContext<Locale | undefined>(Symbol.for("@ecasilla/elements/locale"))

/**
 * Context key of the current actor (who is using the page), `undefined` when
 * nobody is signed in.
 *
 * @since 0.1.0
 * @category context
 */
export const actorContext = createContext<Actor | undefined>(Symbol.for("@ecasilla/elements/actor"))
