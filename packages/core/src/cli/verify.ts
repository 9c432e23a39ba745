// `ecasilla verify <file.pdf>… [--trust root.pem …] [--policy strict|pdf] [--json]`
// One process for many files: backends verify in bulk without a start-up per file.
import { readFile } from "node:fs/promises"
import {
  firmaModificationMessage,
  firmaVerdictMessage,
  FirmaError,
  verifyPdfAsync,
  type FirmaPolicy,
  type FirmaReport
} from "../firma/index.js"
import type { Command } from "./commands.js"
import { EXIT, worst } from "./exit.js"

const help = `Uso: ecasilla verify <archivo.pdf>… [--trust raiz.pem …] [--policy strict|pdf] [--json]
  Verifica las firmas digitales de uno o más PDF (Firma Perú, PAdES).
  --trust ARCHIVO   certificado raíz de confianza (PEM o DER); puede repetirse
  --policy strict   (por defecto) después de una firma solo se admiten otras firmas
  --policy pdf      se admite lo que permita la certificación (DocMDP) de la firma
  --json            un informe JSON por línea (JSON Lines), en el orden de los archivos
`

const exitOf = (r: FirmaReport): number =>
  r.verdict === "valid" ? EXIT.ok : r.verdict === "invalid" ? EXIT.invalid : r.verdict === "indeterminate" ? EXIT.indeterminate : EXIT.unsigned

interface Args {
  files: string[]
  trust: string[]
  policy: FirmaPolicy
  json: boolean
}

const parseArgs = (args: ReadonlyArray<string>): Args | string => {
  const out: Args = { files: [], trust: [], policy: "strict", json: false }
  for (let i = 0; i < args.length; i++) {
    const a = args[i]
    const [flag, inline] = a.startsWith("--") && a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, undefined]
    const value = () => inline ?? args[++i]
    if (flag === "--json") out.json = true
    else if (flag === "--trust") {
      const v = value()
      if (!v) return "falta el archivo después de --trust"
      out.trust.push(v)
    } else if (flag === "--policy") {
      const v = value()
      if (v !== "strict" && v !== "pdf") return `política desconocida «${v ?? ""}» (use strict o pdf)`
      out.policy = v
    } else if (flag === "--") out.files.push(...args.slice(i + 1)), (i = args.length)
    else if (flag.startsWith("--")) return `opción desconocida ${flag}`
    else out.files.push(a)
  }
  if (out.files.length === 0) return "indique al menos un archivo PDF"
  return out
}

const errorCode = (e: unknown): { code: string; message: string } => {
  if (e instanceof FirmaError) return { code: e.reason, message: e.message }
  const code = (e as { code?: string })?.code
  if (code === "ENOENT") return { code: "not-found", message: "No se encontró el archivo." }
  if (code === "EISDIR") return { code: "unreadable", message: "Es una carpeta, no un archivo." }
  if (code === "EACCES") return { code: "unreadable", message: "No hay permiso para leer el archivo." }
  return { code: "unreadable", message: "No se pudo leer el archivo." }
}

const human = (file: string, r: FirmaReport): string => {
  const lines = [`${file}: ${firmaVerdictMessage(r.verdict)}`]
  r.signatures.forEach((s, i) => {
    lines.push(`  Firma ${i + 1} «${s.field}»${s.timestamp ? " (sello de tiempo)" : ""}: ${s.indication}${s.subIndication ? ` / ${s.subIndication}` : ""}`)
    lines.push(`    ${s.summary}`)
    if (s.signer) {
      const ids = [s.signer.dni && `DNI ${s.signer.dni}`, s.signer.ruc && `RUC ${s.signer.ruc}`].filter(Boolean).join(", ")
      lines.push(`    Firmante: ${s.signer.commonName ?? "(sin nombre)"}${ids ? ` (${ids})` : ""}${s.signer.organization ? ` · ${s.signer.organization}` : ""}`)
    }
    const alg = [s.signatureAlgorithm, s.digestAlgorithm].filter(Boolean).join(" con ")
    lines.push(`    Fecha: ${s.signingTime ?? "no declarada"} · Algoritmo: ${alg || "desconocido"}${s.weak.length ? ` · débil: ${s.weak.join(", ")}` : ""}`)
    lines.push(`    Cambios posteriores: ${firmaModificationMessage(s.modification)} · cubre todo el documento: ${s.coversWholeDocument ? "sí" : "no"} · revocación: ${s.revocation === "not-checked" ? "no verificada" : s.revocation}`)
    if (s.problems.length) lines.push(`    Problemas: ${s.problems.join(", ")}`)
  })
  return lines.join("\n") + "\n"
}

export const verifyCommand: Command = {
  summary: "verifica las firmas digitales de uno o más PDF",
  async run(args) {
    if (args.includes("--help") || args.includes("-h")) {
      process.stdout.write(help)
      return EXIT.ok
    }
    const parsed = parseArgs(args)
    if (typeof parsed === "string") {
      process.stderr.write(`ecasilla verify: ${parsed}\n${help}`)
      return EXIT.usage
    }
    const trustAnchors: Uint8Array[] = []
    for (const t of parsed.trust) {
      try {
        trustAnchors.push(await readFile(t))
      } catch (e) {
        process.stderr.write(`ecasilla verify: no se pudo leer el certificado de confianza ${t}: ${errorCode(e).message}\n`)
        return EXIT.usage
      }
    }
    const codes: number[] = []
    // Read the next file while the current one is verified.
    const read = (f: string) => readFile(f).then((b) => ({ ok: true as const, b }), (e: unknown) => ({ ok: false as const, e }))
    let next = read(parsed.files[0])
    for (let i = 0; i < parsed.files.length; i++) {
      const file = parsed.files[i]
      const got = await next
      if (i + 1 < parsed.files.length) next = read(parsed.files[i + 1])
      let line: string
      try {
        if (!got.ok) throw got.e
        const report = await verifyPdfAsync(got.b, { policy: parsed.policy, trustAnchors })
        codes.push(exitOf(report))
        line = parsed.json ? JSON.stringify({ file, ...report }) + "\n" : human(file, report)
      } catch (e) {
        const err = errorCode(e)
        if (err.code === "bad-trust-anchor") {
          process.stderr.write(`ecasilla verify: ${err.message}\n`)
          return EXIT.usage
        }
        codes.push(EXIT.unreadable)
        line = parsed.json ? JSON.stringify({ file, error: err }) + "\n" : `${file}: ERROR (${err.code}): ${err.message}\n`
      }
      if (!process.stdout.write(line)) await new Promise((r) => process.stdout.once("drain", r))
    }
    return worst(codes)
  }
}
