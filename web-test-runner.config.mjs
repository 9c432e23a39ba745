// Browser tests (elements, IndexedDB through real Dexie) in a real Chromium.
// Chromium is found through CHROME_PATH, then the usual install paths.
import { existsSync } from "node:fs"
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

export default {
  middleware: [tsForJs],
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
