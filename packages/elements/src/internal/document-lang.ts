// One MutationObserver on <html lang> shared by every provider and localize
// controller, so changing the page language re-renders them all.
type Listener = () => void

const listeners = new Set<Listener>()
let observer: MutationObserver | undefined

/** The `lang` of the document, "" when unset. */
export const documentLang = (): string =>
  typeof document === "undefined" ? "" : document.documentElement.lang

/** Calls `listener` when `<html lang>` changes; returns the unsubscribe function. */
export const onDocumentLangChange = (listener: Listener): (() => void) => {
  listeners.add(listener)
  if (observer === undefined && typeof MutationObserver !== "undefined") {
    observer = new MutationObserver(() => {
      for (const l of [...listeners]) l()
    })
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ["lang"] })
  }
  return () => {
    listeners.delete(listener)
    if (listeners.size === 0 && observer !== undefined) {
      observer.disconnect()
      observer = undefined
    }
  }
}
