import { DEV_MODE } from "./dev-mode.js"

/** Where each warning code is explained (the docs site's guide). */
export const DEV_WARNINGS_GUIDE = "guias/modo-desarrollo"

const issued = new Set<string>()

/**
 * One console warning per `code` and page, in the development build only; call it inside
 * `if (DEV_MODE)` so the production build drops the message too.
 */
export const devWarn = (code: string, message: string): void => {
  if (!DEV_MODE || issued.has(code)) return
  issued.add(code)
  console.warn(`ecasilla [${code}]: ${message} (see the docs site, ${DEV_WARNINGS_GUIDE}#${code})`)
}
