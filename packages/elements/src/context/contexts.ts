import { createContext } from "@lit/context"
import type { Actor, Locale } from "@ecasilla/core"
import type { ManagedRuntime } from "effect/ManagedRuntime"

/**
 * The Effect runtime every element runs its effects on: built by
 * `<ecasilla-provider>` from adapter Layers. Its services are the core's ports
 * the chosen Layer provides (memory, Dexie, HTTP…), so they are typed `any` here;
 * an effect that needs a service the Layer lacks fails at run time with a clear
 * "service not found" defect.
 *
 * @since 0.1.0
 * @category context
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type EcasillaRuntime = ManagedRuntime<any, unknown>

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
