// `npm run bench`: runs every suite in bench/suites (against the built packages; `npm run
// build` first), or only those whose file name contains an argument,
// prints a table and writes bench/results.json, an array of
// { name, value, unit, baseline, ratio } (ARCHITECTURE.md).
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs"
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
// A run of some suites (`node bench/run.mjs size`) updates their rows and keeps the others.
const kept = only.length && existsSync(out)
  ? JSON.parse(readFileSync(out, "utf8")).filter((r) => !results.some((n) => n.name === r.name))
  : []
writeFileSync(out, JSON.stringify([...kept, ...results].sort((a, b) => a.name.localeCompare(b.name)), null, 2) + "\n")
console.log(`\n${results.length} figures measured; bench/results.json holds ${kept.length + results.length}`)
