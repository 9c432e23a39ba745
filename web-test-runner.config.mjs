// Browser tests (elements, IndexedDB through real Dexie) in a real Chromium.
// Chromium is found through CHROME_PATH, then the usual install paths.
import { spawn } from "node:child_process"
import { existsSync, mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { esbuildPlugin } from "@web/dev-server-esbuild"
import { chromeLauncher } from "@web/test-runner-chrome"

const candidates = [
  process.env.CHROME_PATH,
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable"
].filter(Boolean)
const executablePath = candidates.find((p) => existsSync(p))

// Dexie's ESM entry wraps a UMD file; the browser wants the real ES module. pdf-lib's ES
// build imports CommonJS helpers (pako, tslib): its bundled ES module has them inside.
const dexieEsm = {
  name: "dexie-esm",
  resolveImport({ source }) {
    if (source === "dexie") return "/node_modules/dexie/dist/dexie.mjs"
    if (source === "pdf-lib") return "/node_modules/pdf-lib/dist/pdf-lib.esm.js"
  }
}

// `new URL("./x.js", import.meta.url)` (a module Worker) is not an import the resolver rewrites:
// serve the TypeScript source when only it exists.
const root = fileURLToPath(new URL(".", import.meta.url))
const tsForJs = (context, next) => {
  if (context.path.startsWith("/packages/") && context.path.endsWith(".js") && !existsSync(root + context.path.slice(1))) {
    const ts = context.path.slice(0, -3) + ".ts"
    if (existsSync(root + ts.slice(1))) context.url = ts + context.url.slice(context.path.length)
  }
  return next()
}

// The example backend (examples/server on PGlite in a temp folder), started on the first /api/
// request and reached through this server, so a page under test talks to a real backend on its
// own origin (the backend's CORS stays closed). Stopped with the test run.
// A killed backend (see `/__backend`) is started again, on the same PGlite folder, by the next
// /api/ request.
let backend
let backendChild
let backendData
const startBackend = () =>
  (backend ??= new Promise((resolve, reject) => {
    if (!backendData) {
      backendData = mkdtempSync(join(tmpdir(), "ecasilla-wtr-backend-"))
      process.once("exit", () => {
        if (backendChild?.exitCode === null) backendChild.kill("SIGTERM")
        rmSync(backendData, { recursive: true, force: true })
      })
    }
    const child = spawn(process.execPath, ["--conditions=source", "--import", "tsx", "examples/server/src/main.ts"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: "", PORT: "0", HOST: "127.0.0.1", ECASILLA_DATA: join(backendData, "pgdata") },
      stdio: ["ignore", "pipe", "inherit"]
    })
    backendChild = child
    let out = ""
    child.stdout.on("data", (d) => {
      out += d
      const m = /on (http:\/\/127\.0\.0\.1:\d+)\/api/.exec(out)
      if (m) resolve(m[1])
    })
    child.once("exit", (code, signal) => {
      if (backendChild === child) backend = undefined
      reject(new Error(`example backend exited with ${code ?? signal}`))
    })
  }))
// A test can have the backend killed mid-request (`POST /__backend` with body
// "kill-after-creates N"): the Nth ticket create that reaches it is applied, then the backend
// gets SIGKILL before its answer leaves, and the page's connection drops. The next /api/
// request starts it again on the same data. `GET /__backend` says how many times it was killed.
let killAfterCreates = 0
let kills = 0
const backendSwitch = async (context, next) => {
  if (context.path !== "/__backend") return next()
  if (context.method === "GET") {
    context.body = { kills }
    return
  }
  if (context.method !== "POST") return next()
  let body = ""
  for await (const chunk of context.req) body += chunk
  const m = /^kill-after-creates (\d+)$/.exec(body.trim())
  killAfterCreates = m ? Number(m[1]) : 0
  context.status = m ? 204 : 400
}
// A test can cut the page's network to the backend (`POST /__network` with body "down" or
// "up"): while it is down every /api/ request has its connection dropped, as when the
// intranet's network is gone.
let networkDown = false
const networkSwitch = async (context, next) => {
  if (context.path !== "/__network" || context.method !== "POST") return next()
  let body = ""
  for await (const chunk of context.req) body += chunk
  networkDown = body.trim() === "down"
  context.status = 204
}
const exampleBackend = async (context, next) => {
  if (!context.path.startsWith("/api/")) return next()
  if (networkDown) {
    context.respond = false
    context.req.socket.destroy()
    return
  }
  const base = await startBackend()
  const chunks = []
  for await (const chunk of context.req) chunks.push(chunk)
  const headers = {}
  for (const name of ["content-type", "x-ecasilla-user", "accept", "idempotency-key", "authorization"]) if (context.get(name)) headers[name] = context.get(name)
  const create = context.method === "POST" && context.path === "/api/tickets"
  let answer
  try {
    answer = await fetch(base + context.url, { method: context.method, headers, ...(chunks.length ? { body: Buffer.concat(chunks) } : {}) })
    if (create && killAfterCreates > 0 && --killAfterCreates === 0) {
      // Applied, but the answer never leaves: the backend dies first.
      await new Promise((resolve) => {
        backendChild.once("exit", resolve)
        backendChild.kill("SIGKILL")
      })
      kills++
      answer = undefined
    }
  } catch {
    answer = undefined
  }
  if (!answer) {
    context.respond = false
    context.req.socket.destroy()
    return
  }
  context.status = answer.status
  context.set("content-type", answer.headers.get("content-type") ?? "application/json")
  context.body = Buffer.from(await answer.arrayBuffer())
}

export default {
  middleware: [tsForJs, networkSwitch, backendSwitch, exampleBackend],
  files: ["packages/*/src/**/*.browser.test.ts", "packages/*/test/**/*.browser.test.ts", "test/**/*.browser.test.ts"],
  nodeResolve: { exportConditions: ["source", "browser", "development"] },
  rootDir: fileURLToPath(new URL(".", import.meta.url)),
  concurrency: 1,
  testFramework: { config: { timeout: 20000 } },
  testsFinishTimeout: 600000,
  // The esbuild plugin reads the tsconfig file raw (no "extends"): give it the base,
  // which holds experimentalDecorators/useDefineForClassFields for Lit decorators.
  plugins: [dexieEsm, esbuildPlugin({ ts: true, target: "es2022", tsconfig: fileURLToPath(new URL("./tsconfig.base.json", import.meta.url)) })],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        headless: true,
        args: [
          "--no-sandbox",
          "--headless=new",
          "--disable-gpu",
          "--disable-dev-shm-usage",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--no-first-run"
        ]
      }
    })
  ]
}
