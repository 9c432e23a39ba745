// The `ecasilla` command line: a thin shell over the public API of @ecasilla/core.
// Exit codes (ARCHITECTURE.md): 0 good · 1 invalid · 2 indeterminate · 3 unsigned ·
// 64 usage · 65 unreadable / not a PDF; with several inputs, the worst one.
import { commands, usage } from "./commands.js"
import { EXIT } from "./exit.js"

const main = async (argv: ReadonlyArray<string>): Promise<number> => {
  const [name, ...rest] = argv
  if (!name || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(usage())
    return name ? EXIT.ok : EXIT.usage
  }
  const command = commands[name]
  if (!command) {
    process.stderr.write(`ecasilla: orden desconocida «${name}»\n\n${usage()}`)
    return EXIT.usage
  }
  return command.run(rest)
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    // A bug, never bad input: one line, no stack, unless asked for.
    const detail = process.env.ECASILLA_DEBUG ? (error instanceof Error ? error.stack : String(error)) : String(error instanceof Error ? error.message : error)
    process.stderr.write(`ecasilla: error interno: ${detail}\n`)
    process.exitCode = 70
  }
)
