// Shared set-up of the backend tests: the example server on a fresh in-memory PGlite with the
// demo directory, bound to 127.0.0.1 on a free port, and a valid ticket as a client sends it.
import { cauDemoUsers } from "@ecasilla/adapters/memory"
import { openBackend, startServer } from "../src/server.js"
import { layerPglite, upsertUsers } from "../src/sql/index.js"

/** A ticket as typed in the form, valid for the core's rules. */
export const ticketDraft = (titulo = "No llega la notificación a mi casilla") => ({
  titulo,
  descripcion: "<p>Desde ayer no veo notificaciones.</p>",
  tipo: "Incidencia",
  categoria: "aplicativos.casilla.problemas-notificacion",
  telefono: "984 123 456"
})

/** The example backend, running; `close` stops the server and the database. */
export const startExample = async (options: Parameters<typeof startServer>[1] = {}) => {
  const backend = await openBackend(layerPglite())
  await backend.runPromise(upsertUsers(cauDemoUsers))
  const api = await startServer(backend, { host: "127.0.0.1", port: 0, ...options })
  return {
    backend,
    api,
    close: async () => {
      await api.close()
      await backend.dispose()
    }
  }
}
