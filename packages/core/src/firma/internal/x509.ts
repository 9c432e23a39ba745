// Certificate helpers: names, signer identity, trust anchors (path validation is path.ts).
import * as asn1js from "asn1js"
import * as pkijs from "pkijs"
import { ByBytes } from "./by-bytes.js"
import { checkDni, dniOfRuc, isValidRuc, rucPrefixes } from "../../identity/rules.js"
import type { FirmaSigner } from "../report.js"

const NAMES: Record<string, string> = {
  "2.5.4.3": "CN",
  "2.5.4.5": "serialNumber",
  "2.5.4.6": "C",
  "2.5.4.7": "L",
  "2.5.4.8": "ST",
  "2.5.4.10": "O",
  "2.5.4.11": "OU",
  "2.5.4.4": "SN",
  "2.5.4.42": "GN",
  "2.5.4.12": "T",
  "2.5.4.97": "organizationIdentifier",
  "1.2.840.113549.1.9.1": "E"
}

const valueText = (v: unknown): string => {
  const block = (v as { valueBlock?: { value?: unknown } })?.valueBlock
  return typeof block?.value === "string" ? block.value : ""
}

/** Attribute values of a name, by short label. */
export const nameParts = (name: pkijs.RelativeDistinguishedNames): Array<[string, string]> =>
  name.typesAndValues.map((tv) => [NAMES[tv.type] ?? tv.type, valueText(tv.value)])

export const nameText = (name: pkijs.RelativeDistinguishedNames): string =>
  nameParts(name)
    .map(([k, v]) => `${k}=${v}`)
    .join(", ")

const first = (parts: Array<[string, string]>, key: string): string | null => parts.find(([k]) => k === key)?.[1] ?? null

// An 11-digit run under an issued RUC prefix, standing alone in a subject field.
const RUC_IN_TEXT = new RegExp(`(?:^|[^0-9])((?:${rucPrefixes.join("|")})[0-9]{9})(?![0-9])`, "g")

/** Signer identity from the subject, with Peruvian RUC/DNI recognised (RENIEC profiles). */
export const signerOf = (cert: pkijs.Certificate): FirmaSigner => {
  const parts = nameParts(cert.subject)
  const serialNumber = first(parts, "serialNumber")
  let ruc: string | null = null
  for (const [k, v] of parts) {
    if (!["CN", "OU", "O", "organizationIdentifier", "T"].includes(k)) continue
    // "FAU 20131378972 soft", "VATPE-20131378972", "RUC:20131378972", or the RUC alone.
    for (const m of v.matchAll(RUC_IN_TEXT)) {
      if (isValidRuc(m[1])) {
        ruc = m[1]
        break
      }
    }
    if (ruc) break
  }
  let dni: string | null = null
  const dniSources = [serialNumber ?? "", ...parts.filter(([k]) => k === "CN" || k === "OU").map(([, v]) => v)]
  for (const s of dniSources) {
    // "PNOPE-12345678", "DNI 12345678", "IDCPE-12345678"; a RUC-10 also embeds one.
    const m = /(?:PNOPE|IDCPE|DNI|PE)[-: ]*([0-9]{8})(?![0-9])/i.exec(s) ?? (s === serialNumber ? /^([0-9]{8})$/.exec(s) : null)
    if (m && checkDni(m[1]).ok) {
      dni = m[1]
      break
    }
  }
  if (!dni && ruc) dni = dniOfRuc(ruc) ?? null
  return { commonName: first(parts, "CN"), serialNumber, organization: first(parts, "O"), ruc, dni }
}

/** Anchors already read, by the exact bytes given: a backend passes the same ones with every document. */
const anchorCache = new ByBytes<ReadonlyArray<pkijs.Certificate>>(64, 4 << 20)

/** Reads trust anchors from PEM text (one or many certificates) or DER bytes. */
export const parseAnchors = (input: Uint8Array): ReadonlyArray<pkijs.Certificate> =>
  anchorCache.getOrMake(input, () => {
    const text = new TextDecoder("latin1").decode(input.subarray(0, Math.min(input.length, 4 * 1024 * 1024)))
    const blocks = [...text.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)].map((m) => {
      const b64 = m[1].replace(/[^A-Za-z0-9+/=]/g, "")
      const bin = atob(b64)
      return Uint8Array.from(bin, (c) => c.charCodeAt(0))
    })
    const ders = blocks.length ? blocks : [input]
    return Object.freeze(
      ders.map((der) => {
        const asn = asn1js.fromBER(der)
        if (asn.offset === -1) throw new Error("not DER")
        return new pkijs.Certificate({ schema: asn.result })
      })
    )
  })

