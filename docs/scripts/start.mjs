// `npm start`: builds the playground and serves it on http://127.0.0.1:8000
// (PORT and HOST override; loopback only by default). Offline: every file is local, and the
// data lives in the browser (IndexedDB). With ECASILLA_BACKEND=http://127.0.0.1:8787 (the
// example server, `npm start -w @ecasilla/example-server`), /api/ goes to it and the
// playground's pages work on that backend instead.
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { buildSite } from "./build.mjs"
import { serveSite } from "./serve.mjs"

const outDir = join(dirname(fileURLToPath(import.meta.url)), "..", "site")
const port = Number(process.env.PORT ?? 8000)
const host = process.env.HOST ?? "127.0.0.1"

try {
  await buildSite({ outDir })
  const backend = process.env.ECASILLA_BACKEND || undefined
  const { url } = await serveSite(outDir, { port, host, backend })
  console.log(`ecasilla playground: ${url}  (Ctrl+C para detener)`)
  if (backend) console.log(`  /api/ → ${backend} (servidor de ejemplo)`)
} catch (error) {
  if (error?.code === "EADDRINUSE") console.error(`El puerto ${port} está ocupado: use PORT=otro npm start`)
  else console.error(error)
  process.exit(1)
}
