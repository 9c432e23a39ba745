// `npm run examples`: builds the single-file bundle and serves examples/ on
// http://127.0.0.1:8001 (PORT and HOST override): /intranet-page/ and /offline-page/.
import { dirname } from "node:path"
import { fileURLToPath } from "node:url"
import { serveSite } from "../docs/scripts/serve.mjs"
import { buildStandalone } from "./standalone/build.mjs"

const here = dirname(fileURLToPath(import.meta.url))
const port = Number(process.env.PORT ?? 8001)
const host = process.env.HOST ?? "127.0.0.1"

const { gzipBytes } = await buildStandalone()
const { url } = await serveSite(here, { port, host })
console.log(`ecasilla examples (bundle ${(gzipBytes / 1024).toFixed(0)} kB gzip):`)
console.log(`  ${new URL("intranet-page/", url)}  página de intranet (HTML plano, un script)`)
console.log(`  ${new URL("offline-page/", url)}   página sin conexión (IndexedDB + service worker)`)
