// A small static file server for the built playground: loopback only by default,
// no directory escapes, index.html for folders. With `backend`, /api/ goes to that backend
// (e.g. examples/server), so the playground's pages talk to it on their own origin.
import { createServer, request as httpRequest } from "node:http"
import { createReadStream } from "node:fs"
import { readFile, stat } from "node:fs/promises"
import { extname, join, normalize, resolve, sep } from "node:path"

const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
  ".pdf": "application/pdf"
}

async function fileFor(rootDir, urlPath) {
  let path
  try {
    path = decodeURIComponent(urlPath.split("?")[0].split("#")[0])
  } catch {
    return undefined
  }
  const full = resolve(rootDir, "." + normalize("/" + path))
  if (full !== rootDir && !full.startsWith(rootDir + sep)) return undefined
  const info = await stat(full).catch(() => undefined)
  if (info?.isFile()) return full
  if (info?.isDirectory()) {
    const index = join(full, "index.html")
    if ((await stat(index).catch(() => undefined))?.isFile()) return index
  }
  return undefined
}

/**
 * Serves `dir` on `host:port` (port 0 picks a free one). Resolves with the
 * listening server and its URL.
 */
export function serveSite(dir, { port = 8000, host = "127.0.0.1", backend } = {}) {
  const rootDir = resolve(dir)
  const server = createServer(async (req, res) => {
    if (backend && (req.url ?? "").startsWith("/api/")) return proxy(backend, req, res)
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD" }).end()
      return
    }
    const url = req.url ?? "/"
    const file = await fileFor(rootDir, url)
    if (file === undefined) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("No encontrado\n")
      return
    }
    // A folder without its trailing slash: redirect, so relative links resolve.
    if (file.endsWith(`${sep}index.html`) && !url.split("?")[0].endsWith("/") && !url.endsWith("index.html")) {
      res.writeHead(301, { location: url.split("?")[0] + "/" }).end()
      return
    }
    // With a backend, each page says so, and the playground's storage takes it.
    if (backend && extname(file) === ".html") {
      const page = (await readFile(file, "utf8")).replace("</head>", '<meta name="ecasilla-backend" content="/api/"></head>')
      res.writeHead(200, { "content-type": types[".html"], "cache-control": "no-cache" })
      res.end(req.method === "HEAD" ? undefined : page)
      return
    }
    res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream", "cache-control": "no-cache" })
    if (req.method === "HEAD") res.end()
    else createReadStream(file).pipe(res)
  })
  return new Promise((resolvePromise, reject) => {
    server.once("error", reject)
    server.listen(port, host, () => {
      const address = server.address()
      // The address really listened on: "localhost" may resolve to ::1 first and miss it.
      const shown = address.family === "IPv6" ? `[${address.address}]` : address.address
      resolvePromise({ server, url: `http://${shown}:${address.port}/` })
    })
  })
}

/** The headers a page's request carries to the backend: its body's type and the caller's. */
const FORWARDED = ["content-type", "content-length", "accept", "authorization", "idempotency-key", "x-ecasilla-user"]

/** Streams the request to `backend` and its answer back; a backend that does not answer is a 502. */
function proxy(backend, req, res) {
  const target = new URL(req.url, backend)
  const headers = Object.fromEntries(FORWARDED.filter((h) => req.headers[h] !== undefined).map((h) => [h, req.headers[h]]))
  const out = httpRequest(target, { method: req.method, headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, Object.fromEntries(["content-type", "content-length", "cache-control", "connection"].filter((h) => answer.headers[h] !== undefined).map((h) => [h, answer.headers[h]])))
    answer.pipe(res)
  })
  out.on("error", () => {
    if (!res.headersSent) res.writeHead(502, { "content-type": "application/json; charset=utf-8" })
    res.end(JSON.stringify({ error: { code: "bad-gateway", message: "El servidor de ejemplo no responde." } }))
  })
  req.pipe(out)
}
