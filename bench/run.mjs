// `npm run bench`: runs every suite in bench/suites (against the built packages),
// prints a table and writes bench/results.json, an array of
// { name, value, unit, baseline, ratio } (ARCHITECTURE.md).
import { readdirSync, writeFileSync } from "node:fs"
import { fileURLToPath } from "node:url"

const dir = fileURLToPath(new URL("./suites/", import.meta.url))
const only = process.argv.slice(2)
const results = []
for (const file of readdirSync(dir).filter((f) => f.endsWith(".mjs")).sort()) {
  if (only.length && !only.some((o) => file.includes(o))) continue
  const suite = await import(new URL(`./suites/${file}`, import.meta.url).href)
  for (const r of await suite.default()) {
    results.push(r)
    console.log(`${r.name.padEnd(34)} ${String(r.value).padStart(14)} ${r.unit.padEnd(10)} baseline ${String(r.baseline).padStart(12)}  ratio ${r.ratio}`)
  }
}
const out = fileURLToPath(new URL("./results.json", import.meta.url))
writeFileSync(out, JSON.stringify(results, null, 2) + "\n")
console.log(`\n${results.length} figures written to bench/results.json`)
