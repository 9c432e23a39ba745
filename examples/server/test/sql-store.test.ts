// The server's SQL stores on PGlite (and on PostgreSQL where DATABASE_URL names one): the
// same TicketStore, SariStore and CasillaStore contract suites the memory and Dexie adapters pass.
import { cauDemoUsers } from "@ecasilla/adapters/memory"
import { EventOutbox, Directory, Ids } from "@ecasilla/core/ports"
import { TicketStore } from "@ecasilla/core/cau"
import { SariStore } from "@ecasilla/core/sari"
import { CasillaStore } from "@ecasilla/core/casilla"
import { Effect, Layer, ManagedRuntime, Option } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import { describe, expect, it } from "vitest"
import { casillaStoreContract } from "../../../test/contracts/casilla-store.contract.js"
import { sariStoreContract } from "../../../test/contracts/sari-store.contract.js"
import { ticketStoreContract } from "../../../test/contracts/ticket-store.contract.js"
import { layerPglite, layerPostgres, layerSqlStores, seedSqlRoleAssignments, upsertUsers } from "../src/sql/index.js"
import { freshPostgresDatabase } from "./postgres.js"

const pgUrl = process.env.DATABASE_URL

/** A runtime over fresh stores: PGlite in memory, or a new database on PostgreSQL. */
const storesOn = async (target: "pglite" | "postgres") => {
  const client = target === "pglite" ? layerPglite() : layerPostgres(await freshPostgresDatabase(pgUrl!))
  return ManagedRuntime.make(layerSqlStores.pipe(Layer.provideMerge(client)))
}

const targets: ReadonlyArray<"pglite" | "postgres"> = pgUrl ? ["pglite", "postgres"] : ["pglite"]
if (!pgUrl) console.warn("sql-store.test: DATABASE_URL is not set, so the contracts run on PGlite only (CI sets it)")

for (const target of targets) {
  ticketStoreContract(`SQL on ${target}`, async () => {
    const runtime = await storesOn(target)
    return {
      store: await runtime.runPromise(Effect.service(TicketStore)),
      outbox: await runtime.runPromise(Effect.service(EventOutbox)),
      dispose: () => runtime.dispose()
    }
  }, { describe, it, expect })

  casillaStoreContract(`SQL on ${target}`, async () => {
    const runtime = await storesOn(target)
    return { store: await runtime.runPromise(Effect.service(CasillaStore)), dispose: () => runtime.dispose() }
  }, { describe, it, expect })

  sariStoreContract(`SQL on ${target}`, async (assignments) => {
    const runtime = await storesOn(target)
    await runtime.runPromise(seedSqlRoleAssignments(assignments))
    return {
      store: await runtime.runPromise(Effect.service(SariStore)),
      outbox: await runtime.runPromise(Effect.service(EventOutbox)),
      // Around the port: the raw table, as anyone with database access would try.
      tamperAudit: async (entry) => {
        let done = 0
        for (const attempt of [
          (sql: SqlClient.SqlClient) => sql`UPDATE sari_audit SET body = ${"{}"} WHERE id = ${entry.id}`,
          (sql: SqlClient.SqlClient) => sql`DELETE FROM sari_audit WHERE id = ${entry.id}`,
          (sql: SqlClient.SqlClient) => sql`TRUNCATE sari_audit`
        ]) {
          const exit = await runtime.runPromiseExit(Effect.flatMap(Effect.service(SqlClient.SqlClient), attempt))
          if (exit._tag === "Success") done++
        }
        return done
      },
      dispose: () => runtime.dispose()
    }
  }, { describe, it, expect })
}

describe("SQL directory and ids (PGlite)", () => {
  it("finds and searches users, accent- and case-insensitively, with LIKE wildcards escaped; sequences count on", async () => {
    const runtime = ManagedRuntime.make(layerSqlStores.pipe(Layer.provideMerge(layerPglite())))
    await runtime.runPromise(upsertUsers(cauDemoUsers))
    const directory = await runtime.runPromise(Effect.service(Directory))
    expect(Option.getOrThrow(await Effect.runPromise(directory.findUser("E40125"))).name).toBe("Rosa Quispe Mamani")
    expect((await Effect.runPromise(directory.searchUsers("VILCHEZ"))).map((u) => u.id)).toEqual(["U10210"])
    expect(await Effect.runPromise(directory.searchUsers("%"))).toEqual([])
    expect(Option.isNone(await Effect.runPromise(directory.findUser("nobody")))).toBe(true)
    const ids = await runtime.runPromise(Effect.service(Ids))
    expect([await Effect.runPromise(ids.sequence("cau-ticket-2026")), await Effect.runPromise(ids.sequence("cau-ticket-2026"))]).toEqual([1, 2])
    await runtime.dispose()
  })
})
