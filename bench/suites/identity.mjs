// identity.* figures: RUC validation speed, Schema decode speed, and what `isValidRuc`
// costs a page that imports it alone from @ecasilla/core.
import { gzipSync } from "node:zlib"
import { rollup } from "rollup"
import commonjs from "@rollup/plugin-commonjs"
import { nodeResolve } from "@rollup/plugin-node-resolve"
import { minify } from "rollup-plugin-esbuild"
import { Schema } from "effect"
import { isValidRuc, Ruc } from "@ecasilla/core"
import { opsPerSecond, row } from "../harness.mjs"

const inputs = ["20131378972", "20131378971", "10054148289", "2013137897", "20A12333797", "20512333797", "99512333792", "15484032987"]
const shape = /^\d{11}$/

async function bundledGzipBytes(code) {
  const bundle = await rollup({
    input: "entry",
    plugins: [
      { name: "entry", resolveId: (id) => (id === "entry" ? id : null), load: (id) => (id === "entry" ? code : null) },
      nodeResolve(),
      // Lazily imported libraries of the core (pdf-lib behind the casilla constancia) are
      // CommonJS inside: parsed for their chunks, never counted (only the entry chunk is).
      { name: "json", transform: (src, id) => (id.endsWith(".json") ? { code: `export default ${src}`, map: null } : null) },
      commonjs(),
      minify()
    ],
    onwarn: () => {}
  })
  const { output } = await bundle.generate({ format: "es" })
  await bundle.close()
  return gzipSync(output[0].code, { level: 9 }).length
}

export default async function identity() {
  let sink = 0
  const regexOps = opsPerSecond((i) => { if (shape.test(inputs[i & 7])) sink++ })
  const rucOps = opsPerSecond((i) => { if (isValidRuc(inputs[i & 7])) sink++ })

  const decode = Schema.decodeUnknownSync(Ruc)
  const valid = ["20131378972", "10054148289", "20512333797", "15484032987"]
  const decodeOps = opsPerSecond((i) => { sink += decode(valid[i & 3]).length })

  const aloneBytes = await bundledGzipBytes(`import { isValidRuc } from "@ecasilla/core"; export const f = isValidRuc`)
  const schemaBytes = await bundledGzipBytes(`import { Schema } from "effect"; import { Ruc } from "@ecasilla/core"; export const f = Schema.decodeUnknownSync(Ruc)`)
  if (sink < 0) console.log(sink)
  return [
    row("identity.isValidRuc", rucOps, "ops/s", regexOps),
    row("identity.Ruc.decode", decodeOps, "ops/s", rucOps),
    row("identity.isValidRuc.gzipBytes", aloneBytes, "bytes", schemaBytes)
  ]
}
