import { ContextProvider } from "@lit/context"
import { css, html, LitElement, type PropertyValues } from "lit"
import { property } from "lit/decorators.js"
import * as ManagedRuntime from "effect/ManagedRuntime"
import { toLocale, type Actor, type Locale } from "@ecasilla/core"
import { actorContext, localeContext, runtimeContext, type EcasillaRuntime } from "../context/contexts.js"
import { documentLang, onDocumentLangChange } from "../internal/document-lang.js"
import { defaultLayer, type ProvidedLayer } from "./default-layer.js"

/**
 * Gives every ecasilla element inside it one Effect runtime (built from adapter
 * Layers), the locale and the current actor, through `@lit/context`.
 *
 * The runtime is a `ManagedRuntime` built lazily from `layer`. Setting another
 * `layer` builds a new runtime and disposes the old one (which interrupts the
 * fibers still running on it); removing the provider from the page disposes it
 * too, and putting it back builds a fresh one.
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

  private _layer: ProvidedLayer = defaultLayer
  private _actor: Actor | undefined
  private _runtime: EcasillaRuntime | undefined
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

  /** The adapter Layers the runtime is built from (memory by default). */
  get layer(): ProvidedLayer {
    return this._layer
  }
  set layer(layer: ProvidedLayer) {
    const old = this._layer
    if (layer === old) return
    this._layer = layer
    if (this.isConnected) this.replaceRuntime()
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

  /** The runtime currently provided; `undefined` while disconnected. */
  get runtime(): EcasillaRuntime | undefined {
    return this._runtime
  }

  /** The locale currently provided. */
  get effectiveLocale(): Locale {
    return toLocale(this.locale || this.closest<HTMLElement>("[lang]")?.lang || documentLang())
  }

  override connectedCallback(): void {
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
    this.disposeRuntime()
    this.runtimeProvider.setValue(undefined)
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("locale")) this.localeProvider.setValue(this.effectiveLocale)
  }

  protected override render() {
    return html`<slot></slot>`
  }

  private replaceRuntime(): void {
    this.disposeRuntime()
    // The services depend on the Layer chosen at run time: typed loosely on purpose.
    this._runtime = ManagedRuntime.make(this._layer) as unknown as EcasillaRuntime
    this.runtimeProvider.setValue(this._runtime)
  }

  private disposeRuntime(): void {
    const old = this._runtime
    this._runtime = undefined
    if (old !== undefined) {
      old.dispose().catch((cause: unknown) => console.error("ecasilla-provider: disposing the runtime failed", cause))
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "ecasilla-provider": EcasillaProvider
  }
}
