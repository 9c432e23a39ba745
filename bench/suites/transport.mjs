// The example backend over HTTP (examples/server, a real process on 127.0.0.1):
// - transport.tickets.create: tickets created per second through POST /api/tickets (the core's
//   validation and sanitizer, the SQL commit of ticket + event, the mail relay), 16 requests in
//   flight, on PGlite (the embedded default). Baseline: a node:http server in its own process
//   that reads the same JSON body and answers a static 200, driven the same way, same run.
// - transport.tickets.create.postgres: the same on PostgreSQL, when DATABASE_URL names one.
import { spawn } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { row } from "../harness.mjs"

const root = fileURLToPath(new URL("../../", import.meta.url))

const staticServer = `
const http = require("node:http")
const s = http.createServer((req, res) => {
  const chunks = []
  req.on("data", (c) => chunks.push(c))
  req.on("end", () => { JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}"); res.writeHead(200, { "content-type": "application/json" }); res.end("{}") })
})
s.listen(0, "127.0.0.1", () => console.log("on http://127.0.0.1:" + s.address().port + "/api"))
`

/** Starts a process and resolves with the API base it prints, and a stop function. */
const start = (args, env) =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] })
    let out = ""
    let err = ""
    child.stdout.on("data", (d) => {
      out += d
      const m = /on (http:\/\/127\.0\.0\.1:\d+)\/api/.exec(out)
      if (m) resolve({ base: m[1], stop: () => child.kill("SIGTERM") })
    })
    child.stderr.on("data", (d) => void (err += d))
    child.once("exit", (code) => reject(new Error(`exited ${code}: ${err}`)))
  })

const draft = (n) => JSON.stringify({
  titulo: `No llega la notificación a mi casilla (${n})`,
  descripcion: "<p>Desde ayer <b>no</b> veo las notificaciones de mi casilla.</p><ul><li>Chrome</li><li>Windows 11</li></ul>",
  tipo: "Incidencia",
  categoria: "aplicativos.casilla.problemas-notificacion",
  telefono: "984 123 456"
})

/** Requests per second for `total` POSTs with `inFlight` concurrent, after a warm-up. */
const drive = async (base, { total = 600, inFlight = 16 } = {}) => {
  const post = async (n) => {
    const res = await fetch(`${base}/api/tickets`, { method: "POST", headers: { "content-type": "application/json", "x-ecasilla-user": "E40125" }, body: draft(n) })
    await res.arrayBuffer()
    if (res.status !== 201 && res.status !== 200) throw new Error(`answer ${res.status}`)
  }
  for (let i = 0; i < 40; i++) await post(-i - 1)
  let next = 0
  const t0 = performance.now()
  await Promise.all(Array.from({ length: inFlight }, async () => {
    while (next < total) await post(next++)
  }))
  return (total * 1000) / (performance.now() - t0)
}

export default async function () {
  const rows = []
  const dir = mkdtempSync(join(tmpdir(), "ecasilla-bench-"))
  const server = ["--conditions=source", "--import", "tsx", "examples/server/src/main.ts"]
  try {
    const baseline = await start(["-e", staticServer], {})
    const floor = await drive(baseline.base)
    baseline.stop()
    const pglite = await start(server, { DATABASE_URL: "", PORT: "0", ECASILLA_DATA: join(dir, "pgdata") })
    rows.push(row("transport.tickets.create", await drive(pglite.base), "tickets/s", floor))
    pglite.stop()
    if (process.env.DATABASE_URL) {
      const pg = await start(server, { PORT: "0" })
      rows.push(row("transport.tickets.create.postgres", await drive(pg.base), "tickets/s", floor))
      pg.stop()
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  return rows
}
