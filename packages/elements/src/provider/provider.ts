import { ContextProvider } from "@lit/context"
import { css, html, LitElement, type PropertyValues } from "lit"
import { property } from "lit/decorators.js"
import * as ManagedRuntime from "effect/ManagedRuntime"
import { toLocale, type Actor, type Locale } from "@ecasilla/core"
import { actorContext, localeContext, runtimeContext, type EcasillaRuntime, type ProvidedLayer } from "../context/contexts.js"
import { DEV_MODE } from "../internal/dev-mode.js"
import { devWarn } from "../internal/dev-warnings.js"
import { documentLang, onDocumentLangChange } from "../internal/document-lang.js"

/**
 * Gives every ecasilla element inside it one Effect runtime (built from adapter
 * Layers), the locale and the current actor, through `@lit/context`.
 *
 * The runtime is a `ManagedRuntime` built lazily from `layer`, which the page must
 * set: there is no default storage. Without a layer, elements that need services
 * report it (and the console names the missing `layer` property); elements that
 * need none (`<ecasilla-id-input>`) work as usual.
 *
 * Setting another `layer` builds a new runtime and disposes the old one. Moving the
 * provider in the page keeps its runtime (and a memory store's data): it is disposed
 * only when the provider has not come back by the next task. A disposal waits for the
 * writes still running on the runtime, so a command never stops half-way.
 *
 * The locale is the `locale` attribute, else the `lang` of the closest ancestor
 * or of the document (`en…` gives English, anything else Spanish of Peru).
 *
 * @tag ecasilla-provider
 * @summary Provides the runtime, locale and actor to the ecasilla elements inside it.
 *
 * @slot - The page content that uses ecasilla elements.
 *
 * @since 0.1.0
 * @category provider
 */
export class EcasillaProvider extends LitElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `

  /** Locale of the texts: `es-PE` (default) or `en`. Unset: the `lang` of the page. */
  @property({ reflect: true }) locale?: string

  private _layer: ProvidedLayer | undefined
  private _actor: Actor | undefined
  private _runtime: EcasillaRuntime | undefined
  private pendingDispose: ReturnType<typeof setTimeout> | undefined
  private warnedNoLayer = false
  private stopWatchingLang: (() => void) | undefined

  private readonly runtimeProvider = new ContextProvider(this, { context: runtimeContext })
  private readonly localeProvider = new ContextProvider(this, { context: localeContext, initialValue: "es-PE" })
  private readonly actorProvider = new ContextProvider(this, { context: actorContext })

  constructor() {
    super()
    // A page may set `layer`/`actor` before the element is defined: the values sit
    // on the instance and would hide the accessors. Move them through the setters.
    for (const key of ["layer", "actor"] as const) {
      if (Object.prototype.hasOwnProperty.call(this, key)) {
        const value = this[key]
        delete (this as Partial<Record<typeof key, unknown>>)[key]
        ;(this as Record<typeof key, unknown>)[key] = value
      }
    }
  }

  /**
   * The adapter Layers the runtime is built from, e.g. `layerDexieCau()` from
   * `@ecasilla/adapters/dexie`. Required by every element that stores or reads data.
   */
  get layer(): ProvidedLayer | undefined {
    return this._layer
  }
  set layer(layer: ProvidedLayer | undefined) {
    const old = this._layer
    if (layer === old) return
    this._layer = layer
    if (this._runtime !== undefined) this.replaceRuntime()
    this.requestUpdate("layer", old)
  }

  /** Who is using the page; `undefined` when nobody is signed in. */
  get actor(): Actor | undefined {
    return this._actor
  }
  set actor(actor: Actor | undefined) {
    const old = this._actor
    this._actor = actor
    this.actorProvider.setValue(actor)
    this.requestUpdate("actor", old)
  }

  /** The runtime currently provided; `undefined` once the provider has left the page. */
  get runtime(): EcasillaRuntime | undefined {
    return this._runtime
  }

  /** The locale currently provided. */
  get effectiveLocale(): Locale {
    return toLocale(this.locale || this.closest<HTMLElement>("[lang]")?.lang || documentLang())
  }

  override connectedCallback(): void {
    // A move: disconnected and connected again before the disposal ran.
    if (this.pendingDispose !== undefined) {
      clearTimeout(this.pendingDispose)
      this.pendingDispose = undefined
    }
    // Before the children connect and ask for the runtime.
    if (this._runtime === undefined) this.replaceRuntime()
    this.localeProvider.setValue(this.effectiveLocale)
    this.stopWatchingLang = onDocumentLangChange(() => this.localeProvider.setValue(this.effectiveLocale))
    super.connectedCallback()
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    this.stopWatchingLang?.()
    this.stopWatchingLang = undefined
    // Only when it is really gone: a DOM move reconnects it within the same task.
    clearTimeout(this.pendingDispose)
    this.pendingDispose = setTimeout(() => {
      this.pendingDispose = undefined
      if (this.isConnected) return
      this.disposeRuntime()
      this.runtimeProvider.setValue(undefined)
    })
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("locale")) this.localeProvider.setValue(this.effectiveLocale)
    if (DEV_MODE && changed.has("locale") && this.locale && !/^(es|en)\b/i.test(this.locale)) {
      devWarn("bad-locale", `<ecasilla-provider locale="${this.locale}">: only es-PE (default) and en are available; the texts stay in Spanish.`)
    }
  }

  protected override render() {
    return html`<slot></slot>`
  }

  private replaceRuntime(): void {
    this.disposeRuntime()
    const managed = this._layer === undefined ? undefined : ManagedRuntime.make(this._layer)
    const writes = new Set<Promise<unknown>>()
    let disposed = false
    this._runtime = {
      managed,
      get disposed() {
        return disposed
      },
      hold: (write) => {
        writes.add(write)
        const forget = () => void writes.delete(write)
        write.then(forget, forget)
        return write
      },
      missingLayer: () => {
        if (this.warnedNoLayer || this._layer !== undefined) return
        this.warnedNoLayer = true
        console.warn(
          "<ecasilla-provider> has no `layer`: set its `layer` property to the adapters' Layers " +
            "(e.g. provider.layer = layerDexieCau() from @ecasilla/adapters/dexie). There is no default storage."
        )
      }
    }
    runtimeWrites.set(this._runtime, { writes, dispose: () => void (disposed = true) })
    this.runtimeProvider.setValue(this._runtime)
  }

  private disposeRuntime(): void {
    const old = this._runtime
    this._runtime = undefined
    if (old === undefined) return
    const state = runtimeWrites.get(old)
    state?.dispose()
    if (old.managed === undefined) return
    // Writes in flight finish first: a command is never interrupted half-way.
    void Promise.allSettled([...(state?.writes ?? [])])
      .then(() => old.managed!.dispose())
      .catch((cause: unknown) => console.error("ecasilla-provider: disposing the runtime failed", cause))
  }
}

// What the provider keeps about each runtime it made: the writes in flight, and how to mark it disposed.
const runtimeWrites = new WeakMap<EcasillaRuntime, { readonly writes: Set<Promise<unknown>>; readonly dispose: () => void }>()

declare global {
  interface HTMLElementTagNameMap {
    "ecasilla-provider": EcasillaProvider
  }
}
