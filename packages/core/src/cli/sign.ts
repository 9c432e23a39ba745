// `ecasilla sign <in.pdf> --p12 id.p12 [--passphrase-env VAR] --as titular|notificacion
//   [--reason …] [--visa] [--page N --x … --y …] [--allow-signed] --out out.pdf`
// The passphrase never travels in the arguments: it comes from the environment variable named
// by --passphrase-env, else from standard input (one line when piped, typed without echo at a
// terminal). It never appears in output, errors or logs.
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs"
import type { FirmaSignErrorReason, FirmaSignRole } from "../firma/sign/index.js"
import type { Command } from "./commands.js"
import { EXIT } from "./exit.js"

const help = `Uso: ecasilla sign <entrada.pdf> --p12 certificado.p12 [--passphrase-env VARIABLE]
                     --as titular|notificacion [--reason MOTIVO] [--visa]
                     [--page N --x X --y Y] [--crl lista.crl …] [--tsa URL] [--allow-signed] --out salida.pdf
  Firma un PDF con Firma Perú (PAdES) y el sello visible de la CGR.
  --p12 ARCHIVO          certificado PKCS#12 (.p12/.pfx) del firmante
  --passphrase-env VAR   lee la contraseña de la variable de entorno VAR; sin esta opción se
                         lee de la entrada estándar (una línea, o escrita sin eco en la terminal)
  --as titular           firma del autor; --as notificacion: firma de notificación
  --reason MOTIVO        el «Motivo» del sello (por defecto según el tipo de firma)
  --visa                 firma de visto bueno (Motivo: Doy Visto Bueno)
  --page N --x X --y Y   página (desde 1) y esquina inferior izquierda del sello, en puntos
  --crl ARCHIVO          lista de revocación (CRL, DER o PEM) de la cadena del firmante, que se
                         incluye en la firma (la política estricta la exige); puede repetirse
  --tsa URL              autoridad de sellado de tiempo (RFC 3161): la firma lleva su sello de
                         tiempo (PAdES B-T), prueba de la hora que sobrevive al certificado
  --allow-signed         admite una firma titular sobre un PDF ya firmado (actualización incremental)
  --out ARCHIVO          el PDF firmado
`

interface Args {
  input: string
  p12: string
  passphraseEnv: string | undefined
  as: FirmaSignRole
  reason: string | undefined
  visa: boolean
  page: number | undefined
  x: number | undefined
  y: number | undefined
  allowSigned: boolean
  crls: string[]
  tsa: string | undefined
  out: string
}

const parseArgs = (args: ReadonlyArray<string>): Args | string => {
  const files: string[] = []
  const o: Partial<Args> = { visa: false, allowSigned: false, crls: [] }
  for (let i = 0; i < args.length; i++) {
    const a = args[i]
    const eq = a.startsWith("--") ? a.indexOf("=") : -1
    const flag = eq > 0 ? a.slice(0, eq) : a
    const inline = eq > 0 ? a.slice(eq + 1) : undefined
    const value = (): string | undefined => inline ?? args[++i]
    const number = (name: string): number | string => {
      const v = value()
      const n = Number(v)
      return v !== undefined && v.trim() !== "" && Number.isFinite(n) ? n : `${name} espera un número`
    }
    switch (flag) {
      case "--crl": {
        const v = value()
        if (v === undefined || v === "") return "falta el archivo después de --crl"
        o.crls!.push(v)
        break
      }
      case "--tsa": {
        const v = value()
        if (v === undefined || !/^https?:\/\//.test(v)) return "--tsa espera la URL http(s) de la autoridad de sellado de tiempo"
        o.tsa = v
        break
      }
      case "--p12":
      case "--out":
      case "--reason":
      case "--passphrase-env": {
        const v = value()
        if (v === undefined || v === "") return `falta el valor de ${flag}`
        if (flag === "--p12") o.p12 = v
        else if (flag === "--out") o.out = v
        else if (flag === "--reason") o.reason = v
        else o.passphraseEnv = v
        break
      }
      case "--as": {
        const v = value()
        if (v !== "titular" && v !== "notificacion") return `tipo de firma desconocido «${v ?? ""}» (use titular o notificacion)`
        o.as = v
        break
      }
      case "--page":
      case "--x":
      case "--y": {
        const n = number(flag)
        if (typeof n === "string") return n
        if (flag === "--page") o.page = n
        else if (flag === "--x") o.x = n
        else o.y = n
        break
      }
      case "--visa":
        o.visa = true
        break
      case "--allow-signed":
        o.allowSigned = true
        break
      case "--passphrase":
      case "--password":
        // Never echo what follows: it may be the secret itself.
        return `${flag} no se admite: la contraseña no debe ir en los argumentos (use --passphrase-env o la entrada estándar)`
      default:
        if (flag.startsWith("--")) return `opción desconocida ${flag}`
        files.push(a)
    }
  }
  if (files.length !== 1) return files.length === 0 ? "indique el PDF a firmar" : "indique un solo PDF a firmar"
  if (!o.p12) return "falta --p12"
  if (!o.as) return "falta --as titular|notificacion"
  if (!o.out) return "falta --out"
  if ((o.x === undefined) !== (o.y === undefined)) return "--x y --y van juntos"
  return { ...o, input: files[0] } as Args
}

/** Reads the passphrase from standard input: one line when piped, without echo at a terminal. */
const readPassphrase = async (): Promise<string> => {
  const stdin = process.stdin
  if (!stdin.isTTY) {
    const chunks: Buffer[] = []
    for await (const c of stdin) chunks.push(c as Buffer)
    return Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0]
  }
  process.stderr.write("Contraseña del certificado: ")
  stdin.setRawMode(true)
  stdin.resume()
  return new Promise((resolve, reject) => {
    let text = ""
    const done = (fn: () => void) => {
      stdin.setRawMode(false)
      stdin.pause()
      stdin.off("data", onData)
      process.stderr.write("\n")
      fn()
    }
    const onData = (buf: Buffer) => {
      for (const ch of buf.toString("utf8")) {
        if (ch === "\r" || ch === "\n") return done(() => resolve(text))
        if (ch === "\u0003") return done(() => reject(new Error("cancelado")))
        if (ch === "\u007f" || ch === "\b") text = text.slice(0, -1)
        else text += ch
      }
    }
    stdin.on("data", onData)
  })
}

const readError = (e: unknown): string => {
  const code = (e as { code?: string })?.code
  return code === "ENOENT" ? "no se encontró el archivo" : code === "EACCES" ? "no hay permiso para leerlo" : code === "EISDIR" ? "es una carpeta" : "no se pudo leer"
}

/** Unreadable inputs exit 65; inputs that are read but refused exit 1. */
const exitOf = (reason: FirmaSignErrorReason): number =>
  reason === "not-a-pdf" || reason === "unreadable" || reason === "bad-p12" || reason === "bad-crl" ? EXIT.unreadable : EXIT.invalid

export const signCommand: Command = {
  summary: "firma un PDF con un certificado PKCS#12 (firma titular o de notificación)",
  async run(args) {
    if (args.includes("--help") || args.includes("-h")) {
      process.stdout.write(help)
      return EXIT.ok
    }
    const parsed = parseArgs(args)
    if (typeof parsed === "string") {
      process.stderr.write(`ecasilla sign: ${parsed}\n${help}`)
      return EXIT.usage
    }
    let pdf: Uint8Array
    let p12: Uint8Array
    try {
      pdf = readFileSync(parsed.input)
    } catch (e) {
      process.stderr.write(`ecasilla sign: ${parsed.input}: ${readError(e)}\n`)
      return EXIT.unreadable
    }
    try {
      p12 = readFileSync(parsed.p12)
    } catch (e) {
      process.stderr.write(`ecasilla sign: ${parsed.p12}: ${readError(e)}\n`)
      return EXIT.unreadable
    }
    const crls: Uint8Array[] = []
    for (const c of parsed.crls) {
      try {
        crls.push(readFileSync(c))
      } catch (e) {
        process.stderr.write(`ecasilla sign: ${c}: ${readError(e)}\n`)
        return EXIT.unreadable
      }
    }
    let passphrase: string
    if (parsed.passphraseEnv !== undefined) {
      const v = process.env[parsed.passphraseEnv]
      if (v === undefined) {
        process.stderr.write(`ecasilla sign: la variable de entorno ${parsed.passphraseEnv} no está definida\n`)
        return EXIT.usage
      }
      passphrase = v
    } else {
      try {
        passphrase = await readPassphrase()
      } catch {
        process.stderr.write("ecasilla sign: cancelado\n")
        return EXIT.usage
      }
    }
    const { signFirmaPdf, FirmaSignError, firmaSignErrorMessage, limaStampDate, rfc3161Tsa } = await import("../firma/sign/index.js")
    const now = new Date()
    let out: Uint8Array
    try {
      out = await signFirmaPdf(pdf, {
        p12,
        passphrase,
        as: parsed.as,
        visa: parsed.visa,
        allowSigned: parsed.allowSigned,
        crls,
        now,
        ...(parsed.reason !== undefined ? { reason: parsed.reason } : {}),
        ...(parsed.tsa !== undefined ? { tsa: rfc3161Tsa(parsed.tsa) } : {}),
        ...(parsed.page !== undefined ? { page: parsed.page } : {}),
        ...(parsed.x !== undefined ? { x: parsed.x, y: parsed.y } : {})
      })
    } catch (e) {
      if (e instanceof FirmaSignError) {
        process.stderr.write(`ecasilla sign: ${parsed.input}: ${firmaSignErrorMessage(e.reason)} (${e.reason})\n`)
        return exitOf(e.reason)
      }
      throw e
    }
    // Written beside the target, then renamed: a failed write never leaves half a PDF.
    const tmp = `${parsed.out}.${process.pid}.tmp`
    try {
      writeFileSync(tmp, out)
      renameSync(tmp, parsed.out)
    } catch (e) {
      rmSync(tmp, { force: true })
      process.stderr.write(`ecasilla sign: no se pudo escribir ${parsed.out}: ${(e as { code?: string })?.code ?? "error"}\n`)
      return EXIT.unreadable
    }
    process.stdout.write(`${parsed.out}: firmado (${parsed.as === "notificacion" ? "firma de notificación" : parsed.visa ? "visto bueno" : "firma titular"}) · Fecha: ${limaStampDate(now)}\n`)
    return EXIT.ok
  }
}
