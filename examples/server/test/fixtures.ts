// Shared set-up of the backend tests: the example server on a fresh in-memory PGlite with the
// demo directory, bound to 127.0.0.1 on a free port, and a valid ticket as a client sends it.
import { type ChildProcess, spawn } from "node:child_process"
import { fileURLToPath } from "node:url"
import { cauDemoUsers, sariDemoAssignments, sariDemoCollaborators, sariDemoConfig, sariDemoUsers } from "@ecasilla/adapters/memory"
import { openBackend, startServer } from "../src/server.js"
import { layerPglite, seedSqlRoleAssignments, upsertCollaborators, upsertUsers } from "../src/sql/index.js"

/** A ticket as typed in the form, valid for the core's rules. */
export const ticketDraft = (titulo = "No llega la notificación a mi casilla") => ({
  titulo,
  descripcion: "<p>Desde ayer no veo notificaciones.</p>",
  tipo: "Incidencia",
  categoria: "aplicativos.casilla.problemas-notificacion",
  telefono: "984 123 456"
})

/** The example backend with the CAU and SARI demo directories, running; `close` stops the server and the database. */
export const startExample = async (options: Parameters<typeof startServer>[1] = {}) => {
  const backend = await openBackend(layerPglite())
  await backend.runPromise(upsertUsers([...cauDemoUsers, ...sariDemoUsers]))
  await backend.runPromise(upsertCollaborators(sariDemoCollaborators))
  await backend.runPromise(seedSqlRoleAssignments(sariDemoAssignments))
  const api = await startServer(backend, { host: "127.0.0.1", port: 0, sari: sariDemoConfig, ...options })
  return {
    backend,
    api,
    close: async () => {
      await api.close()
      await backend.dispose()
    }
  }
}

const root = fileURLToPath(new URL("../../../", import.meta.url))

/**
 * The example backend as its own process (`src/main.ts`), on loopback: `env` picks the
 * database (DATABASE_URL, or ECASILLA_DATA for a PGlite folder) and the PORT (0: any free
 * one). Resolves once it listens, with its origin and the process, which the test stops.
 */
export const startServerProcess = (env: Record<string, string>): Promise<{ readonly url: string; readonly child: ChildProcess }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--conditions=source", "--import", "tsx", "examples/server/src/main.ts"], {
      cwd: root,
      env: { ...process.env, PORT: "0", HOST: "127.0.0.1", ...env },
      stdio: ["ignore", "pipe", "pipe"]
    })
    let out = ""
    let err = ""
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString()
      const m = /on (http:\/\/127\.0\.0\.1:\d+)\/api/.exec(out)
      if (m) resolve({ url: m[1], child })
    })
    child.stderr!.on("data", (d: Buffer) => void (err += d.toString()))
    child.once("exit", (code, signal) => reject(new Error(`server process exited with ${code ?? signal}: ${err}`)))
  })
