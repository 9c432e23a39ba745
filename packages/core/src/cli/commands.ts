// Each sub-command lives in its own module; this table is the only place that names them.
// Modules load when their command runs: `ecasilla verify` does not pay for what `id` imports.

export interface Command {
  readonly summary: string
  readonly run: (args: ReadonlyArray<string>) => Promise<number>
}

const lazy = (summary: string, load: () => Promise<Command>): Command => ({
  summary,
  run: (args) => load().then((c) => c.run(args))
})

export const commands: Record<string, Command> = {
  id: lazy("valida un DNI, RUC, carné de extranjería o código de usuario", () => import("./id.js").then((m) => m.idCommand)),
  verify: lazy("verifica las firmas digitales de uno o más PDF", () => import("./verify.js").then((m) => m.verifyCommand)),
  sign: lazy("firma un PDF con un certificado PKCS#12 (firma titular o de notificación)", () => import("./sign.js").then((m) => m.signCommand))
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
