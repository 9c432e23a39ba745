// `ecasilla verify <file.pdf>… [--trust root.pem …] [--policy strict|pdf] [--json]`
// One process for many files: backends verify in bulk without a start-up per file.
import { readFileSync } from "node:fs"
// The Effect-free entry points only: a command start-up pays for every module it loads.
import { firmaLimaDateTime } from "../firma/lima.js"
import { firmaErrorMessage, firmaModificationMessage, firmaVerdictMessage } from "../firma/messages.js"
import { verifyPdfOutcome } from "../firma/outcome.js"
import type { FirmaPolicy, FirmaReport } from "../firma/report.js"
import type { Command } from "./commands.js"
import { EXIT, worst } from "./exit.js"

const help = `Uso: ecasilla verify <archivo.pdf>… [--trust raiz.pem …] [--policy strict|pdf] [--at FECHA] [--json]
  Verifica las firmas digitales de uno o más PDF (Firma Perú, PAdES).
  --trust ARCHIVO   certificado raíz de confianza (PEM o DER); puede repetirse
  --policy strict   (por defecto) después de una firma solo se admiten otras firmas
  --policy pdf      se admite lo que permita la certificación (DocMDP) de la firma
  --at FECHA        fecha de validación ISO 8601 (p. ej. 2025-02-01 o 2025-02-01T12:00:00Z), para
                    archivos: los certificados y su revocación se juzgan en esa fecha, salvo que
                    un sello de tiempo válido pruebe una anterior (por defecto, ahora)
  --json            un informe JSON por línea (JSON Lines), en el orden de los archivos
`

const exitOf = (r: FirmaReport): number =>
  r.verdict === "valid" ? EXIT.ok : r.verdict === "invalid" ? EXIT.invalid : r.verdict === "indeterminate" ? EXIT.indeterminate : EXIT.unsigned

interface Args {
  files: string[]
  trust: string[]
  policy: FirmaPolicy
  json: boolean
  at: Date | undefined
}

const parseArgs = (args: ReadonlyArray<string>): Args | string => {
  const out: Args = { files: [], trust: [], policy: "strict", json: false, at: undefined }
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
    } else if (flag === "--at") {
      const v = value()
      const at = v ? parseIsoDate(v) : undefined
      if (!at) return `fecha de validación no válida «${v ?? ""}» (use ISO 8601, p. ej. 2025-02-01T12:00:00Z)`
      out.at = at
    } else if (flag === "--") out.files.push(...args.slice(i + 1)), (i = args.length)
    else if (flag.startsWith("--")) return `opción desconocida ${flag}`
    else out.files.push(a)
  }
  if (out.files.length === 0) return "indique al menos un archivo PDF"
  return out
}

/** ISO 8601 only (a date, or a date and time with a zone): `Date` alone would accept far more. */
const parseIsoDate = (v: string): Date | undefined => {
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/.test(v)) return undefined
  const d = new Date(v)
  // 2025-02-30 is not a date, though Date would roll it over to March.
  const day = new Date(`${v.slice(0, 10)}T00:00:00Z`)
  return Number.isFinite(d.getTime()) && Number.isFinite(day.getTime()) && day.toISOString().slice(0, 10) === v.slice(0, 10) ? d : undefined
}

const errorCode = (e: unknown): { code: string; message: string } => {
  const code = (e as { code?: string })?.code
  if (code === "ENOENT") return { code: "not-found", message: "No se encontró el archivo." }
  if (code === "EISDIR") return { code: "unreadable", message: "Es una carpeta, no un archivo." }
  if (code === "EACCES") return { code: "unreadable", message: "No hay permiso para leer el archivo." }
  return { code: "unreadable", message: "No se pudo leer el archivo." }
}

const REVOCATION: Record<FirmaReport["signatures"][number]["revocation"], string> = {
  "not-checked": "no verificada",
  good: "vigente",
  revoked: "revocado",
  unknown: "información antigua"
}

const human = (file: string, r: FirmaReport): string => {
  const lines = [`${file}: ${firmaVerdictMessage(r.verdict)}`]
  // Strings of an encrypted file are not decrypted: withheld rather than printed as garbage.
  if (r.encrypted) lines.push("  (PDF cifrado: no se muestran nombres de campos ni motivos)")
  r.signatures.forEach((s, i) => {
    lines.push(`  Firma ${i + 1}${r.encrypted ? "" : ` «${s.field}»`}${s.timestamp ? " (sello de tiempo)" : ""}: ${s.indication}${s.subIndication ? ` / ${s.subIndication}` : ""}`)
    lines.push(`    ${s.summary}`)
    if (s.signer) {
      const ids = [s.signer.dni && `DNI ${s.signer.dni}`, s.signer.ruc && `RUC ${s.signer.ruc}`].filter(Boolean).join(", ")
      lines.push(`    Firmante: ${s.signer.commonName ?? "(sin nombre)"}${ids ? ` (${ids})` : ""}${s.signer.organization ? ` · ${s.signer.organization}` : ""}`)
    }
    if (s.reason) lines.push(`    Motivo: ${s.reason}`)
    const alg = [s.signatureAlgorithm, s.digestAlgorithm].filter(Boolean).join(" con ")
    lines.push(`    Fecha declarada: ${s.signingTime ? firmaLimaDateTime(s.signingTime) : "no declarada"} · prueba de la hora (sello de tiempo): ${s.proofOfTime ? firmaLimaDateTime(s.proofOfTime) : "ninguna"} · validado al: ${firmaLimaDateTime(s.validationTime)}`)
    lines.push(`    Algoritmo: ${alg || "desconocido"}${s.weak.length ? ` · débil: ${s.weak.join(", ")}` : ""}`)
    lines.push(`    Cambios posteriores: ${firmaModificationMessage(s.modification)} · cubre todo el documento: ${s.coversWholeDocument ? "sí" : "no"} · revocación: ${REVOCATION[s.revocation]}`)
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
        trustAnchors.push(readFileSync(t))
      } catch (e) {
        process.stderr.write(`ecasilla verify: no se pudo leer el certificado de confianza ${t}: ${errorCode(e).message}\n`)
        return EXIT.usage
      }
    }
    const codes: number[] = []
    // Files are read synchronously, one at a time: verification is CPU work in this same thread,
    // so reading ahead buys nothing and every await costs a turn of the event loop.
    const read = (f: string): { ok: true; b: Uint8Array } | { ok: false; e: unknown } => {
      try {
        return { ok: true, b: readFileSync(f) }
      } catch (e) {
        return { ok: false, e }
      }
    }
    for (let i = 0; i < parsed.files.length; i++) {
      const file = parsed.files[i]
      const got = read(file)
      let line: string
      if (!got.ok) {
        const err = errorCode(got.e)
        codes.push(EXIT.unreadable)
        line = parsed.json ? JSON.stringify({ file, error: err }) + "\n" : `${file}: ERROR (${err.code}): ${err.message}\n`
      } else {
        const outcome = await verifyPdfOutcome(got.b, { policy: parsed.policy, trustAnchors, ...(parsed.at ? { at: parsed.at } : {}) })
        if (outcome._tag === "Report") {
          codes.push(exitOf(outcome.report))
          line = parsed.json ? JSON.stringify({ file, ...outcome.report }) + "\n" : human(file, outcome.report)
        } else {
          if (outcome.reason === "bad-trust-anchor") {
            process.stderr.write(`ecasilla verify: ${firmaErrorMessage(outcome.reason)}\n`)
            return EXIT.usage
          }
          const err = { code: outcome.reason, message: firmaErrorMessage(outcome.reason) }
          codes.push(EXIT.unreadable)
          line = parsed.json ? JSON.stringify({ file, error: err }) + "\n" : `${file}: ERROR (${err.code}): ${err.message}\n`
        }
      }
      if (!process.stdout.write(line)) await new Promise((r) => process.stdout.once("drain", r))
    }
    return worst(codes)
  }
}
