// `npm run release -- --dry-run`: what a release would publish, without publishing: the
// version each package moves to (from the pending changesets), and each package's
// tarball (files, size) as `npm pack` would make it from a fresh build.
// `npm run release -- --yes` applies the versions and publishes (`changeset version`,
// build, `changeset publish`); it needs registry credentials and a clean work tree.
import { execFileSync } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join, resolve } from "node:path"
import { fileURLToPath } from "node:url"

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..")
const args = process.argv.slice(2)
const dryRun = args.includes("--dry-run")
const npx = (cmd, opts = {}) => execFileSync("npx", cmd, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], ...opts })
const npm = (cmd, opts = {}) => execFileSync("npm", cmd, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], ...opts })

const publicPackages = ["core", "adapters", "elements"].map((dir) => {
  const pkg = JSON.parse(readFileSync(join(root, "packages", dir, "package.json"), "utf8"))
  return { dir, name: pkg.name, version: pkg.version }
})

/** The pending releases, as changesets computes them. */
function pendingReleases() {
  const tmp = mkdtempSync(join(tmpdir(), "ecasilla-release-"))
  try {
    // changesets resolves --output against the repository root: give it a relative path.
    const out = join(tmp, "status.json")
    npx(["changeset", "status", `--output=${out}`])
    const status = JSON.parse(readFileSync(out, "utf8"))
    return { changesets: status.changesets.length, releases: status.releases }
  } finally {
    rmSync(tmp, { recursive: true, force: true })
  }
}

const kB = (n) => `${(n / 1024).toFixed(1)} kB`

if (!dryRun && !args.includes("--yes")) {
  console.error("usage: npm run release -- --dry-run   (show what would be published)\n       npm run release -- --yes       (version and publish)")
  process.exit(64)
}

const { changesets, releases } = pendingReleases()
console.log(`${changesets} pending changeset${changesets === 1 ? "" : "s"}`)
if (dryRun) {
  npm(["run", "build", "--silent"], { stdio: ["ignore", "ignore", "inherit"] })
  const rows = []
  for (const p of publicPackages) {
    const release = releases.find((r) => r.name === p.name)
    const [packed] = JSON.parse(npm(["pack", "--dry-run", "--json", "-w", p.name], { stdio: ["ignore", "pipe", "ignore"] }))
    rows.push({
      package: p.name,
      version: release && release.type !== "none" ? `${p.version} → ${release.newVersion} (${release.type})` : `${p.version} (unchanged)`,
      files: packed.entryCount,
      tarball: kB(packed.size),
      unpacked: kB(packed.unpackedSize)
    })
  }
  console.table(rows)
  console.log("dry run: nothing was versioned or published.")
} else {
  if (execFileSync("git", ["status", "--porcelain"], { cwd: root, encoding: "utf8" }).trim() !== "") {
    console.error("release: the work tree has uncommitted changes")
    process.exit(1)
  }
  npx(["changeset", "version"], { stdio: "inherit" })
  npm(["run", "build"], { stdio: "inherit" })
  npx(["changeset", "publish"], { stdio: "inherit" })
}
