// Builds examples/standalone/dist/ecasilla.js: one self-contained ES module (Lit, Effect,
// the core, the elements and the browser storage) for pages that use no bundler.
// rollup, not esbuild: it tree-shakes effect's barrel imports (see TOOLCHAIN.md).
//   node examples/standalone/build.mjs
import { mkdir, writeFile } from "node:fs/promises"
import { dirname, join, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import { gzipSync } from "node:zlib"
import commonjs from "@rollup/plugin-commonjs"
import { nodeResolve } from "@rollup/plugin-node-resolve"
import { rollup } from "rollup"
import esbuild from "rollup-plugin-esbuild"

const here = dirname(fileURLToPath(import.meta.url))
const root = resolve(here, "../..")

/** Bundles examples/standalone/ecasilla.ts into one minified file; returns its sizes. */
export async function buildStandalone({ outFile = join(here, "dist/ecasilla.js") } = {}) {
  const bundle = await rollup({
    input: join(here, "ecasilla.ts"),
    plugins: [
      // pdf-lib's standard fonts are JSON modules (reached through the core's lazily loaded constancia).
      { name: "json", transform: (src, id) => (id.endsWith(".json") ? { code: `export default ${src}`, map: null } : null) },
      nodeResolve({ exportConditions: ["source", "browser", "module", "import", "default"], browser: true, extensions: [".ts", ".mjs", ".js"] }),
      commonjs(),
      esbuild({ target: "es2022", tsconfig: join(root, "tsconfig.json"), minify: true })
    ],
    onwarn(warning, warn) {
      if (warning.code === "CIRCULAR_DEPENDENCY" || warning.code === "THIS_IS_UNDEFINED") return
      warn(warning)
    }
  })
  try {
    const { output } = await bundle.generate({ format: "es", inlineDynamicImports: true })
    const code = output[0].code
    await mkdir(dirname(outFile), { recursive: true })
    await writeFile(outFile, code)
    return { outFile, bytes: code.length, gzipBytes: gzipSync(code).length }
  } finally {
    await bundle.close()
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { outFile, bytes, gzipBytes } = await buildStandalone()
  console.log(`standalone: ${outFile} (${(bytes / 1024).toFixed(0)} kB, ${(gzipBytes / 1024).toFixed(0)} kB gzip)`)
}
