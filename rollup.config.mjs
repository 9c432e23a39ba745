// Builds every package as ESM (one module per source file, so consumers tree-shake)
// from the "source" entries of its package.json exports map; type declarations
// come from `tsc` (npm run build:types).
import { readFileSync, readdirSync, existsSync, rmSync } from "node:fs"
import { join, dirname, relative } from "node:path"
import commonjs from "@rollup/plugin-commonjs"
import { nodeResolve } from "@rollup/plugin-node-resolve"
import esbuild, { minify } from "rollup-plugin-esbuild"
import { productionMode } from "./packages/elements/scripts/dev-mode-plugin.mjs"

const packages = ["core", "adapters", "elements"]

/** Expands the exports map of a package into rollup inputs. */
function inputsOf(dir) {
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"))
  const inputs = {}
  for (const entry of Object.values(pkg.exports ?? {})) {
    const source = typeof entry === "object" ? entry.source : undefined
    if (!source) continue
    if (source.includes("*")) {
      const folder = join(dir, dirname(source))
      if (!existsSync(folder)) continue
      for (const file of readdirSync(folder)) {
        if (file.endsWith(".ts") && !file.endsWith(".d.ts")) addInput(inputs, dir, join(folder, file))
      }
    } else {
      addInput(inputs, dir, join(dir, source))
    }
  }
  for (const extra of pkg.ecasillaBuild?.extraInputs ?? []) addInput(inputs, dir, join(dir, extra))
  return { pkg, inputs }
}

function addInput(inputs, dir, file) {
  const name = relative(join(dir, "src"), file).replace(/\.ts$/, "")
  inputs[name] = file
}

const isExternal = (id) => !id.startsWith(".") && !id.startsWith("/") && !id.startsWith("\0")

// The default build of the elements is the production one: DEV_MODE is false, so rollup drops
// every `if (DEV_MODE)` branch and its warning strings. The `development` export condition
// points at dist/development, built from the sources as they are (DEV_MODE true), as Lit does.
const production = productionMode()

const builds = [
  ...packages.map((name) => ({ name, out: "dist", plugins: [production] })),
  { name: "elements", out: "dist/development", plugins: [] }
]

const libraries = builds.map(({ name, out, plugins }) => {
  const dir = join("packages", name)
  const { inputs } = inputsOf(dir)
  return {
    input: inputs,
    external: isExternal,
    plugins: [...plugins, esbuild({ target: "es2022", tsconfig: "tsconfig.json", minify: false })],
    output: {
      dir: join(dir, out),
      format: "es",
      preserveModules: true,
      preserveModulesRoot: join(dir, "src"),
      entryFileNames: "[name].js",
      sourcemap: true
    },
    onwarn(warning, warn) {
      if (warning.code === "EMPTY_BUNDLE") return
      warn(warning)
    }
  }
})

// The `ecasilla` command as its bin runs it: one chunk per sub-command, with the verifier's
// libraries (pkijs, asn1js and theirs) inside. A command start-up pays per module and per byte
// it loads: from node_modules, these are some sixty files and 700 kB that `ecasilla verify`
// read and compiled before its first document. Effect and the signing libraries (pdf-lib,
// node-forge, @signpdf) stay imports from node_modules: only `id` and `sign` load them.
const cliExternal = /^(node:|effect(\/|$)|pdf-lib(\/|$)|node-forge(\/|$)|@signpdf\/|buffer(\/|$))/
const cliDir = "packages/core/dist/bin"
const cli = {
  input: { ecasilla: "packages/core/src/cli/main.ts" },
  external: (id) => cliExternal.test(id),
  plugins: [
    // Chunk names carry a hash: last build's chunks go first.
    { name: "clean-cli-dir", buildStart: () => rmSync(cliDir, { recursive: true, force: true }) },
    esbuild({ target: "es2022", tsconfig: "tsconfig.json", minify: false }),
    nodeResolve({ preferBuiltins: true, exportConditions: ["node", "import", "default"] }),
    commonjs()
  ],
  output: {
    dir: cliDir,
    format: "es",
    entryFileNames: "[name].js",
    chunkFileNames: "[name]-[hash].js",
    // Names kept, so ECASILLA_DEBUG stacks still read.
    plugins: [minify({ target: "es2022", minify: false, minifyWhitespace: true, minifySyntax: true, sourceMap: false })]
  },
  onwarn(warning, warn) {
    // pkijs and asn1js are ESM with `this` at module level in helpers rollup rewrites.
    if (warning.code === "THIS_IS_UNDEFINED" || warning.code === "CIRCULAR_DEPENDENCY") return
    warn(warning)
  }
}

export default [...libraries, cli]
