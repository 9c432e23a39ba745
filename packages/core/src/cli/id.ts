import { parseIdentity } from "../identity/index.js"
import type { Command } from "./commands.js"
import { EXIT } from "./exit.js"

const help = "Uso: ecasilla id <número> [--json]\n  Reconoce y valida un DNI, RUC, carné de extranjería o código de usuario.\n"

export const idCommand: Command = {
  summary: "valida un DNI, RUC, carné de extranjería o código de usuario",
  async run(args) {
    const json = args.includes("--json")
    const rest = args.filter((a) => a !== "--json")
    if (rest.includes("--help") || rest.includes("-h")) {
      process.stdout.write(help)
      return EXIT.ok
    }
    const unknown = rest.find((a) => a.startsWith("--"))
    if (rest.length !== 1 || unknown) {
      process.stderr.write(unknown ? `ecasilla id: opción desconocida ${unknown}\n${help}` : help)
      return EXIT.usage
    }
    const info = parseIdentity(rest[0])
    if (json) {
      process.stdout.write(JSON.stringify(info) + "\n")
    } else if (info.valid) {
      const extra = info.ruc
        ? ` (${info.ruc.type}${info.ruc.dni ? `, DNI ${info.ruc.dni}` : ""})`
        : ""
      process.stdout.write(`${info.value}: ${info.kind.toUpperCase()} válido${extra}\n`)
    } else {
      process.stdout.write(`${info.input}: ${info.kind.toUpperCase()} inválido (${info.reason}): ${info.message}\n`)
    }
    return info.valid ? EXIT.ok : EXIT.invalid
  }
}
