// Test helper: a new, empty database on the PostgreSQL server named by DATABASE_URL.
import { Effect, ManagedRuntime } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import { layerPostgres } from "../src/sql/index.js"

/** A fresh, empty database on the PostgreSQL server of DATABASE_URL; its URL. */
export const freshPostgresDatabase = async (url: string): Promise<string> => {
  const name = `ecasilla_t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`
  const admin = ManagedRuntime.make(layerPostgres(url))
  await admin.runPromise(Effect.flatMap(Effect.service(SqlClient.SqlClient), (sql) => sql.unsafe(`CREATE DATABASE ${name}`)))
  await admin.dispose()
  const u = new URL(url)
  u.pathname = `/${name}`
  return u.toString()
}

