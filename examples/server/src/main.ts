// npm start -w @ecasilla/example-server: the CAU API on loopback, its data in PGlite (a folder,
// no server to install) or in PostgreSQL when DATABASE_URL is set.
import { casillaDemoUsers, cauDemoUsers, sariDemoAssignments, sariDemoCollaborators, sariDemoConfig, sariDemoUsers } from "@ecasilla/adapters/memory"
import { Mailer } from "@ecasilla/core/ports"
import { Layer } from "effect"
import { layerSqlFromEnv, makeSmtpMailer, seedSqlRoleAssignments, upsertCollaborators, upsertUsers } from "./sql/index.js"
import { makeAuth } from "./auth.js"
import { openBackend, startServer } from "./server.js"
import { readFileSync } from "node:fs"

const dataDir = process.env.ECASILLA_DATA ?? "ecasilla-example-data"
const backend = await openBackend(layerSqlFromEnv(process.env, dataDir))
// The demo directory; a deployment fills `users` from its own registry (SCA). The demo
// accounts sign in at POST /api/auth/login with the password "Demo-2026" (a demo only).
await backend.runPromise(upsertUsers(cauDemoUsers))
// SARI's demo: the people of two units, their colleagues and the roles they hold at the start.
await backend.runPromise(upsertUsers(sariDemoUsers))
await backend.runPromise(upsertCollaborators(sariDemoCollaborators))
await backend.runPromise(seedSqlRoleAssignments(sariDemoAssignments))
// The casilla demo's receptors (a persona natural by DNI, an entity by RUC), who sign in at the casilla's door.
const receptors = casillaDemoUsers.filter((u) => u.roles.includes("receptor"))
await backend.runPromise(upsertUsers(receptors))
const auth = await backend.runPromise(makeAuth())
for (const u of [...cauDemoUsers, ...receptors]) await backend.runPromise(auth.setPassword(u.id, process.env.ECASILLA_DEMO_PASSWORD ?? "Demo-2026"))
// E-mail: over SMTP when SMTP_URL is set (e.g. smtp://relay.intranet:25), else queued in the
// database's mail_outbox for the deployment's own sender.
const mailer = process.env.SMTP_URL
  ? Layer.succeed(Mailer, await backend.runPromise(makeSmtpMailer({ url: process.env.SMTP_URL, from: process.env.MAIL_FROM ?? "CAU <cau@localhost>" })))
  : undefined
// Behind the CGR's single sign-on gateway the server trusts its x-ecasilla-user header;
// ECASILLA_TRUST_SSO_HEADER=0 accepts only sessions from /api/auth/login.
const { url } = await startServer(backend, {
  host: process.env.HOST ?? "127.0.0.1",
  port: Number(process.env.PORT ?? 8787),
  trustActorHeader: process.env.ECASILLA_TRUST_SSO_HEADER !== "0",
  sari: sariDemoConfig,
  // Internal users (user codes) answer the server's captcha to sign in; receptors do not.
  auth: { captcha: "internal", resetPage: `${process.env.ECASILLA_PUBLIC_URL ?? "http://127.0.0.1:8787"}/restablecer` },
  // The casilla: deposits verify each PDF's signatures against these roots (PEM files, comma
  // separated). Without any, no signature can be proven, so every deposit is refused.
  casilla: {
    trustAnchors: (process.env.ECASILLA_TRUST_ANCHORS ?? "").split(",").filter(Boolean).map((file) => new Uint8Array(readFileSync(file.trim())))
  },
  ...(mailer ? { mailer } : {})
})
console.log(`ecasilla example backend on ${url}/api (data: ${process.env.DATABASE_URL ? "PostgreSQL at DATABASE_URL" : `PGlite in ${dataDir}`})`)
