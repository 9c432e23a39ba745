// The SQL client of the example backend: effect/sql's SqlClient over PGlite (WASM Postgres,
// embedded, no native build) by default, or over a PostgreSQL server with @effect/sql-pg
// when DATABASE_URL is set. Both compile statements with sql-pg's own PostgreSQL compiler,
// so the stores and migrations are one SQL for both.
import { PGlite } from "@electric-sql/pglite"
import { PgClient } from "@effect/sql-pg"
import { Effect, Layer, Redacted, Semaphore, Stream } from "effect"
import * as Reactivity from "effect/reactivity/Reactivity"
import * as SqlClient from "effect/sql/SqlClient"
import type { Connection } from "effect/sql/SqlConnection"
import { SqlError, UnknownError } from "effect/sql/SqlError"

const fail = (operation: string) => (cause: unknown) =>
  new SqlError({ reason: new UnknownError({ cause, message: cause instanceof Error ? cause.message : String(cause), operation }) })

const connectionOf = (db: PGlite): Connection => {
  const rows = (sql: string, params: ReadonlyArray<unknown>) =>
    Effect.tryPromise({ try: () => db.query<Record<string, unknown>>(sql, params as Array<unknown>), catch: fail("execute") }).pipe(Effect.map((r) => r.rows))
  const values = (sql: string, params: ReadonlyArray<unknown>) =>
    Effect.tryPromise({ try: () => db.query<Array<unknown>>(sql, params as Array<unknown>, { rowMode: "array" }), catch: fail("execute") }).pipe(Effect.map((r) => r.rows))
  const execute = (sql: string, params: ReadonlyArray<unknown>, transformRows: (<A extends object>(row: ReadonlyArray<A>) => ReadonlyArray<A>) | undefined) =>
    transformRows ? Effect.map(rows(sql, params), (r) => transformRows(r)) : rows(sql, params)
  return {
    execute,
    executeRaw: (sql, params) => Effect.tryPromise({ try: () => db.query(sql, params as Array<unknown>), catch: fail("execute") }),
    executeStream: (sql, params, transformRows) => Stream.fromArrayEffect(execute(sql, params, transformRows)),
    executeValues: values,
    executeValuesUnprepared: values,
    executeUnprepared: execute
  }
}

/**
 * A SqlClient over one PGlite database: in memory, or in `dataDir` (a folder that survives
 * restarts). PGlite is one connection, so a semaphore gives a transaction the connection to
 * itself and other statements wait for it (as effect/sql does for SQLite).
 *
 * @since 0.2.0
 * @category layers
 */
export const layerPglite = (options: { readonly dataDir?: string } = {}): Layer.Layer<SqlClient.SqlClient, SqlError> =>
  Layer.effect(SqlClient.SqlClient)(
    Effect.gen(function*() {
      const db = yield* Effect.acquireRelease(
        Effect.tryPromise({ try: () => PGlite.create(options.dataDir), catch: fail("connect") }),
        (db) => Effect.promise(() => db.close())
      )
      const semaphore = yield* Semaphore.make(1)
      const connection = connectionOf(db)
      const acquirers = SqlClient.makeSqliteAcquirers({ connection: Effect.succeed(connection), semaphore })
      return yield* SqlClient.make({
        acquirer: acquirers.acquirer,
        borrower: acquirers.borrower,
        transactionAcquirer: acquirers.transactionAcquirer,
        compiler: PgClient.makeCompiler(),
        driver: "pglite",
        spanAttributes: [["db.system.name", "postgresql"]]
      })
    })
  ).pipe(Layer.provide(Reactivity.layer))

/**
 * A SqlClient over a PostgreSQL server (a pool, `@effect/sql-pg`): the deployment that
 * outgrows one machine, with stateless server processes over one database.
 *
 * @since 0.2.0
 * @category layers
 */
export const layerPostgres = (url: string): Layer.Layer<SqlClient.SqlClient | PgClient.PgClient, SqlError> =>
  PgClient.layer({ url: Redacted.make(url) })

/**
 * PostgreSQL when `DATABASE_URL` is set, else PGlite in `dataDir` (in memory without one).
 *
 * @since 0.2.0
 * @category layers
 */
export const layerSqlFromEnv = (env: NodeJS.ProcessEnv = process.env, dataDir?: string): Layer.Layer<SqlClient.SqlClient | PgClient.PgClient, SqlError> =>
  env.DATABASE_URL ? layerPostgres(env.DATABASE_URL) : layerPglite(dataDir ? { dataDir } : {})
