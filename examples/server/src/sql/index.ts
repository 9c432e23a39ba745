/**
 * The example backend's storage on effect/sql: PGlite embedded by default, PostgreSQL when
 * `DATABASE_URL` is set, one SQL and one set of migrations for both.
 *
 * @since 0.2.0
 */
import { Layer } from "effect"
import type * as SqlClient from "effect/sql/SqlClient"
import type { SqlError } from "effect/sql/SqlError"
import { layerSqlCasilla } from "./casilla.js"
import { layerSqlCau } from "./cau.js"
import { migrate } from "./migrations.js"
import { layerSqlSari } from "./sari.js"

export * from "./casilla.js"
export * from "./cau.js"
export * from "./client.js"
export { migrate } from "./migrations.js"
export * from "./sari.js"
export * from "./smtp.js"

/**
 * Every store port of the backend (CAU, SARI, the casilla, the outbox, directory, ids) over the SqlClient
 * in context, after the migrations.
 *
 * @since 0.2.0
 * @category layers
 */
export const layerSqlStores = Layer.mergeAll(layerSqlCau, layerSqlSari, layerSqlCasilla).pipe(
  Layer.provideMerge(Layer.effectDiscard(migrate) as Layer.Layer<never, SqlError, SqlClient.SqlClient>)
)

