/**
 * Whether this is the development build of `@ecasilla/elements` (the `development` export
 * condition, and the sources): it warns about mistakes in the page. The production build
 * (the default condition) is made with this `false`, so every `if (DEV_MODE)` branch and its
 * strings are removed from it.
 */
export const DEV_MODE: boolean = true
