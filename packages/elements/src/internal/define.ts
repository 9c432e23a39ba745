import { ContextRoot } from "@lit/context"

let root: ContextRoot | undefined

/**
 * Registers a custom element once. Registering the same tag again (two bundles,
 * hot reload) warns instead of throwing, as lion and shoelace do. Also attaches
 * one `ContextRoot` to the document so elements upgraded before their
 * `<ecasilla-provider>` still receive the runtime, locale and actor.
 *
 * @since 0.1.0
 * @category internal
 */
export const defineElement = (tag: string, ctor: CustomElementConstructor): void => {
  if (typeof document !== "undefined" && root === undefined) {
    root = new ContextRoot()
    root.attach(document.documentElement)
  }
  const existing = customElements.get(tag)
  if (existing !== undefined) {
    if (existing !== ctor) console.warn(`<${tag}> is already registered by another copy of @ecasilla/elements; keeping the first one.`)
    return
  }
  customElements.define(tag, ctor)
}
