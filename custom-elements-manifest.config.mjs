// Custom-elements manifest of @ecasilla/elements, read from the JSDoc headers
// (@summary @slot @event @csspart @cssproperty @cssstate). The docs build runs
// the analyzer in memory and serves it as /custom-elements.json; `npx cem analyze`
// writes it to .cache/cem.
export default {
  globs: ["packages/elements/src/**/*.ts"],
  exclude: ["**/*.test.ts", "**/internal/**"],
  outdir: ".cache/cem",
  litelement: true,
  packagejson: false,
  dev: false,
  plugins: [
    {
      // `this.dispatchEvent(new EcasillaInputEvent(…))` is seen as a nameless event;
      // the named ones come from the @event tags.
      name: "ecasilla-drop-nameless-events",
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules ?? []) {
          for (const decl of mod.declarations ?? []) {
            if (Array.isArray(decl.events)) decl.events = decl.events.filter((e) => e.name)
          }
        }
      }
    }
  ]
}
