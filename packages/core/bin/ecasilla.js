#!/usr/bin/env node
// The `ecasilla` command. Runs the built CLI (dist/bin: the command bundled with the
// verifier's libraries, for start-up); inside the repository, before a build, it runs the
// TypeScript sources through tsx instead.
import { existsSync } from "node:fs"

const built = new URL("../dist/bin/ecasilla.js", import.meta.url)
if (existsSync(built)) {
  await import(built.href)
} else {
  const { register } = await import("tsx/esm/api")
  register()
  await import(new URL("../src/cli/main.ts", import.meta.url).href)
}
