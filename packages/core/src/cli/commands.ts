// Each sub-command lives in its own module; this table is the only place that names them.
import { idCommand } from "./id.js"
import { verifyCommand } from "./verify.js"

export interface Command {
  readonly summary: string
  readonly run: (args: ReadonlyArray<string>) => Promise<number>
}

export const commands: Record<string, Command> = {
  id: idCommand,
  verify: verifyCommand
}

export const usage = (): string =>
  [
    "Uso: ecasilla <orden> [opciones]",
    "",
    ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}`),
    "",
    "Códigos de salida: 0 válido · 1 inválido · 2 indeterminado · 3 sin firma · 64 uso · 65 ilegible",
    ""
  ].join("\n")
