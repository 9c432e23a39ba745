// npm start -w @ecasilla/example-server: the CAU API on SQLite, on loopback.
import { cauDemoUsers } from "@ecasilla/adapters/memory"
import { openDatabase, upsertUsers } from "./sqlite-store.js"
import { startServer } from "./server.js"

const db = openDatabase(process.env.ECASILLA_DB ?? "ecasilla-example.sqlite")
// The demo directory; a deployment fills `users` from its own registry (SCA).
upsertUsers(db, cauDemoUsers)
const { url } = await startServer(db, { host: process.env.HOST ?? "127.0.0.1", port: Number(process.env.PORT ?? 8787) })
console.log(`ecasilla example backend on ${url}/api (tickets in ${db.name})`)
