// The production build of @ecasilla/elements: DEV_MODE (src/internal/dev-mode.ts) becomes
// false, so rollup drops every `if (DEV_MODE)` branch and its warning strings. Used by
// rollup.config.mjs for dist/ and by the size test, which measures what ships by default.
export const productionMode = () => ({
  name: "ecasilla-production",
  transform(code, id) {
    if (!id.endsWith("/internal/dev-mode.ts")) return null
    const out = code.replace(/export const DEV_MODE: boolean = true/, "export const DEV_MODE: boolean = false")
    if (out === code) this.error("dev-mode.ts no longer declares `export const DEV_MODE: boolean = true`")
    return { code: out, map: null }
  }
})
