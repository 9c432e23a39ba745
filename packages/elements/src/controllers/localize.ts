import { ContextConsumer } from "@lit/context"
import type { ReactiveController, ReactiveControllerHost } from "lit"
import { toLocale, type Locale } from "@ecasilla/core"
import { localeContext } from "../context/contexts.js"
import { documentLang, onDocumentLangChange } from "../internal/document-lang.js"

/**
 * One table of texts: plain strings or functions of their arguments.
 *
 * @since 0.1.0
 * @category i18n
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Strings = Record<string, string | ((...args: any[]) => string)>

/**
 * The texts of an element in every supported locale. Spanish (Peru) is written
 * first; English must have the same keys, which the type checks.
 *
 * @since 0.1.0
 * @category i18n
 */
export type Translations<S extends Strings> = { readonly [L in Locale]: S }

/**
 * The arguments a text takes: none for a plain string.
 *
 * @since 0.1.0
 * @category i18n
 */
export type TermArgs<V> = V extends (...args: infer P) => string ? P : []

/**
 * Gives an element its locale and its texts in that locale, and re-renders the
 * element when the locale changes. The locale is, in order: the element's own
 * `lang` attribute, the locale of the closest `<ecasilla-provider>`, the `lang` of
 * the closest ancestor, the `lang` of the document; Spanish (Peru) when none says.
 *
 * ```ts
 * private readonly i18n = new LocalizeController(this, { "es-PE": { hello: (n: string) => `Hola, ${n}` }, en: { hello: (n: string) => `Hello, ${n}` } })
 * render() { return html`${this.i18n.term("hello", "Ana")}` }
 * ```
 *
 * @since 0.1.0
 * @category controllers
 */
export class LocalizeController<S extends Strings> implements ReactiveController {
  private readonly host: ReactiveControllerHost & HTMLElement
  private readonly translations: Translations<S>
  private readonly consumer: ContextConsumer<typeof localeContext, ReactiveControllerHost & HTMLElement>
  private stopWatchingLang: (() => void) | undefined
  private ownLangObserver: MutationObserver | undefined

  constructor(host: ReactiveControllerHost & HTMLElement, translations: Translations<S>) {
    this.host = host
    this.translations = translations
    this.consumer = new ContextConsumer(host, { context: localeContext, subscribe: true })
    host.addController(this)
  }

  /** The locale the element speaks now. */
  get locale(): Locale {
    const own = this.host.getAttribute("lang")
    if (own) return toLocale(own)
    if (this.consumer.value !== undefined) return this.consumer.value
    return toLocale(this.host.parentElement?.closest<HTMLElement>("[lang]")?.lang || documentLang())
  }

  /** The text for `key` in the current locale. */
  term<K extends keyof S & string>(key: K, ...args: TermArgs<S[K]>): string {
    const entry = this.translations[this.locale][key] ?? this.translations["es-PE"][key]
    return typeof entry === "function" ? entry(...args) : (entry as string)
  }

  /** A date formatted for the current locale. */
  date(value: Date | number, options?: Intl.DateTimeFormatOptions): string {
    return new Intl.DateTimeFormat(this.locale, options).format(value)
  }

  /** A number formatted for the current locale. */
  number(value: number, options?: Intl.NumberFormatOptions): string {
    return new Intl.NumberFormat(this.locale, options).format(value)
  }

  hostConnected(): void {
    this.stopWatchingLang = onDocumentLangChange(() => this.host.requestUpdate())
    this.ownLangObserver = new MutationObserver(() => this.host.requestUpdate())
    this.ownLangObserver.observe(this.host, { attributes: true, attributeFilter: ["lang"] })
  }

  hostDisconnected(): void {
    this.stopWatchingLang?.()
    this.stopWatchingLang = undefined
    this.ownLangObserver?.disconnect()
    this.ownLangObserver = undefined
  }
}
