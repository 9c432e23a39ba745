import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { cauDemoUsers } from "@ecasilla/adapters/memory"
import { Effect, Option } from "effect"
import { afterAll, describe, expect, it } from "vitest"
import { ticketStoreContract } from "../../../test/contracts/ticket-store.contract.js"
import { makeSqliteDirectory, makeSqliteEventOutbox, makeSqliteIds, makeSqliteTicketStore, openDatabase, upsertUsers } from "../src/sqlite-store.js"

ticketStoreContract("SQLite (better-sqlite3, in memory)", async () => {
  const db = openDatabase(":memory:")
  return { store: makeSqliteTicketStore(db), outbox: makeSqliteEventOutbox(db), dispose: async () => void db.close() }
}, { describe, it, expect })

const dir = mkdtempSync(join(tmpdir(), "ecasilla-sqlite-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

ticketStoreContract("SQLite (better-sqlite3, on disk)", async () => {
  const db = openDatabase(join(dir, `contract-${Math.random().toString(36).slice(2)}.sqlite`))
  return { store: makeSqliteTicketStore(db), outbox: makeSqliteEventOutbox(db), dispose: async () => void db.close() }
}, { describe, it, expect })

describe("SQLite directory and ids", () => {
  it("finds and searches users, accent- and case-insensitively, with LIKE wildcards escaped", async () => {
    const db = openDatabase(":memory:")
    upsertUsers(db, cauDemoUsers)
    const directory = makeSqliteDirectory(db)
    const rosa = await Effect.runPromise(directory.findUser("E40125"))
    expect(Option.getOrThrow(rosa).name).toBe("Rosa Quispe Mamani")
    expect((await Effect.runPromise(directory.searchUsers("VILCHEZ"))).map((u) => u.id)).toEqual(["U10210"])
    expect(await Effect.runPromise(directory.searchUsers("%"))).toEqual([])
    expect(Option.isNone(await Effect.runPromise(directory.findUser("nobody")))).toBe(true)
  })

  it("keeps counting ticket numbers across restarts", async () => {
    const path = join(dir, "ids.sqlite")
    let db = openDatabase(path)
    await Effect.runPromise(makeSqliteIds(db).sequence("cau-ticket-2026"))
    await Effect.runPromise(makeSqliteIds(db).sequence("cau-ticket-2026"))
    db.close()
    db = openDatabase(path)
    expect(await Effect.runPromise(makeSqliteIds(db).sequence("cau-ticket-2026"))).toBe(3)
    db.close()
  })
})
