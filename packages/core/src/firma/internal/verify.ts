// The verification pipeline: structure → ByteRange → CMS → changes after signing → trust →
// ETSI indication per signature → document verdict under a policy.
import * as asn1js from "asn1js"
import * as pkijs from "pkijs"
import type { Locale } from "../../i18n/locale.js"
import type { FirmaCrypto } from "../crypto.js"
import { firmaIndicationMessage, firmaModificationMessage } from "../messages.js"
import type {
  FirmaIndication,
  FirmaPolicy,
  FirmaReport,
  FirmaSignatureReport,
  FirmaSubIndication,
  FirmaVerdict
} from "../report.js"
import { readCrl, type CrlView } from "./crl.js"
import { checkCms, type CmsCheck, type DigestMemo } from "./cms.js"
import { diffRevision, LEVELS, maxLevel, type ModificationLevel, type RevisionDiff } from "./diff.js"
import type { PdfDocument } from "./pdf/document.js"
import { decodeStream } from "./pdf/streams.js"
import { isDict, nameOf, textOf } from "./pdf/objects.js"
import { sharingPrefixes } from "./prefix-hash.js"
import { checkByteRange, findSignatures, isDocTimeStamp, permissionsOf, type FoundSignature, type Permissions } from "./signatures.js"
import { parseOcsp } from "./ocsp.js"
import { judgeTrust, trustSubIndication, validateSignatureTimestamps, type TrustResult } from "./trust.js"
import { signerOf } from "./x509.js"

export interface PipelineOptions {
  readonly policy: FirmaPolicy
  readonly anchors: ReadonlyArray<pkijs.Certificate>
  readonly crypto: FirmaCrypto
  readonly locale: Locale
  /** Certificates and revocation are judged at this time unless a timestamp proves an earlier one. */
  readonly validationTime: Date
}

const CMS_FORMAT = new Set([
  "cms-undecodable",
  "cms-not-signed-data",
  "no-signer-info",
  "econtent-in-detached",
  "unknown-digest-algorithm",
  "message-digest-missing"
])

interface Judged {
  report: FirmaSignatureReport
  /** The revision this signature covers, and for a document timestamp that holds, its time. */
  signedRevision: number | undefined
  documentTimestamp: Date | undefined
}

/** A validated document timestamp: proof that every revision before `revision` existed at `time`. */
interface DocumentPoe {
  readonly revision: number
  readonly time: Date
}

/** Which modification levels a signature's permissions allow under a policy. */
const allowed = (policy: FirmaPolicy, perms: Permissions, diff: { level: ModificationLevel; newSignatures: boolean }): boolean => {
  const i = LEVELS.indexOf(diff.level)
  if (perms.docMdp === 1) return diff.level === "none" || (diff.level === "signatures-only" && !diff.newSignatures)
  if (policy === "strict") return i <= LEVELS.indexOf("signatures-only")
  if (perms.docMdp === 2) return i <= LEVELS.indexOf("form-filling")
  return i <= LEVELS.indexOf("annotations")
}

/** Fields a FieldMDP entry locks, as a predicate. */
const locks = (perms: Permissions): ((name: string) => boolean) => {
  const rules = perms.fieldMdp
  return (name) =>
    rules.some((r) =>
      r.action === "All" ? true : r.action === "Include" ? r.fields.includes(name) : !r.fields.includes(name)
    )
}

export const runPipeline = async (doc: PdfDocument, options: PipelineOptions): Promise<FirmaReport> => {
  const revisions = doc.revisions.length
  const encrypted = doc.revisions.some((r) => r.trailer?.map.has("Encrypt"))
  const sigs = findSignatures(doc).slice(0, 64)
  if (sigs.length === 0) return { verdict: "unsigned", policy: options.policy, signatures: [], revisions, ...(encrypted ? { encrypted } : {}) }

  const diffs = new Map<number, RevisionDiff>()
  const diffOf = (t: number): RevisionDiff => {
    let d = diffs.get(t)
    if (!d) {
      try {
        d = diffRevision(doc, t)
      } catch {
        d = { level: "other", newSignatures: false, changedFields: new Set(), notes: ["increment could not be analysed"] }
      }
      diffs.set(t, d)
    }
    return d
  }
  // Certification must come first: a DocMDP signature after another signature is not allowed.
  const firstApproval = sigs.findIndex((s) => !isDocTimeStamp(s.dict))
  const cuts = sigs.flatMap((s) => checkByteRange(doc, s).ranges.slice(0, 1).map(([, e]) => doc.bytes.byteOffset + e))
  const run = { ...options, crypto: sharingPrefixes(options.crypto, cuts) }
  // A document timestamp that holds is proof of time for every signature it covers: document
  // timestamps are judged first, last first (each may prove an earlier one's time), then the
  // signatures, together.
  const judged: Judged[] = new Array(sigs.length)
  const poes: DocumentPoe[] = []
  for (let i = sigs.length - 1; i >= 0; i--) {
    if (!isDocTimeStamp(sigs[i].dict)) continue
    const j = (judged[i] = await judge(doc, sigs[i], i, firstApproval, diffOf, run, poes))
    if (j.documentTimestamp && j.signedRevision !== undefined) poes.push({ revision: j.signedRevision, time: j.documentTimestamp })
  }
  await Promise.all(sigs.map(async (s, i) => (judged[i] ??= await judge(doc, s, i, firstApproval, diffOf, run, poes))))
  const signatures = judged.map((j, i) => ({ ...j.report, reason: encrypted ? null : (textOf(sigs[i].dict.map.get("Reason")) ?? null) }))
  const verdict: FirmaVerdict = signatures.some((s) => s.indication === "TOTAL_FAILED")
    ? "invalid"
    : signatures.some((s) => s.indication === "INDETERMINATE")
      ? "indeterminate"
      : "valid"
  return { verdict, policy: options.policy, signatures, revisions, ...(encrypted ? { encrypted } : {}) }
}

const judge = async (
  doc: PdfDocument,
  sig: FoundSignature,
  index: number,
  firstApproval: number,
  diffOf: (t: number) => RevisionDiff,
  options: PipelineOptions,
  documentPoes: ReadonlyArray<DocumentPoe>
): Promise<Judged> => {
  const problems: string[] = []
  const br = checkByteRange(doc, sig)
  problems.push(...br.problems)
  const subFilter = nameOf(sig.dict.map.get("SubFilter")) ?? null
  const timestamp = isDocTimeStamp(sig.dict)
  const perms = certifiedByCatalog(doc, sig, permissionsOf(doc, sig.dict, sig.definedIn))
  if (perms.docMdp !== undefined && index > firstApproval && firstApproval >= 0) problems.push("certification-not-first")
  if (subFilter === "adbe.pkcs7.sha1") problems.push("subfilter-adbe-pkcs7-sha1")

  // Changes after the signed revision (or after the revision defining the dictionary, if the ByteRange is broken).
  const from = br.signedRevision ?? sig.definedIn
  let level: ModificationLevel = "none"
  let newSignatures = false
  const changedFields = new Set<string>()
  const changes: string[] = []
  for (let t = from + 1; t < doc.revisions.length; t++) {
    const d = diffOf(t)
    level = maxLevel(level, d.level)
    newSignatures ||= d.newSignatures
    d.changedFields.forEach((f) => changedFields.add(f))
    for (const n of d.notes) if (changes.length < 20) changes.push(`revision ${t + 1}: ${n}`)
  }
  if (doc.trailingData) {
    level = "other"
    changes.push("bytes after the last %%EOF")
  }
  const coversWholeDocument = br.ok && br.signedRevision === doc.revisions.length - 1 && !doc.trailingData
  const lockedBySig = locks(perms)
  const fieldLock = lockOfField(doc, sig)
  const locked = [...changedFields].filter((f) => lockedBySig(f) || (fieldLock !== undefined && fieldLock(f)))
  if (locked.length) problems.push("locked-field-changed")
  const changesAllowed = allowed(options.policy, perms, { level, newSignatures }) && locked.length === 0
  if (!changesAllowed) problems.push(level === "none" ? "changes-not-permitted" : `modified-after-signing:${level}`)

  // CMS over the covered bytes: every SignerInfo, the digest of the covered bytes computed once per algorithm.
  const checks: CmsCheck[] = []
  if (br.ranges.length > 0 && br.contents && !br.problems.includes("byte-range-outside-file")) {
    const parts = br.ranges.map(([s, e]) => doc.bytes.subarray(s, e))
    const memo: DigestMemo = new Map()
    checks.push(await checkCms(br.contents, parts, subFilter ?? undefined, options.crypto, 0, memo))
    for (let k = 1; k < Math.min(checks[0].signerInfoCount, 8); k++) checks.push(await checkCms(br.contents, parts, subFilter ?? undefined, options.crypto, k, memo))
  }
  const cms: CmsCheck | undefined = checks[0]
  // Every SignerInfo is judged; the signature is as good as the worst of them.
  const verdicts = await Promise.all(checks.map((c) => judgeSignerInfo(doc, c, { br, subFilter, changesAllowed, problems, options, documentPoes, timestamp })))
  const order = (v: SignerVerdict) => (v.indication === "TOTAL_FAILED" ? 2 : v.indication === "INDETERMINATE" ? 1 : 0)
  const worst = verdicts.reduce<SignerVerdict | undefined>((w, v) => (!w || order(v) > order(w) ? v : w), undefined)
  verdicts.forEach((v, k) => problems.push(...v.problems.map((p) => (k === 0 ? p : `signer-info-${k + 1}:${p}`))))
  const first = verdicts[0]
  const indication: FirmaIndication = worst?.indication ?? "TOTAL_FAILED"
  const sub: FirmaSubIndication | null = worst ? worst.sub : "FORMAT_FAILURE"
  const intact = br.ok && cms?.hashOk === true && cms.signatureOk === true
  const chain = first?.trust?.chain ?? []
  const revocation = first?.trust && options.anchors.length > 0 ? first.trust.revocation : "not-checked"
  const weak = [...new Set(verdicts.flatMap((v) => v.weak))]

  const summary = `${firmaIndicationMessage(indication, sub, options.locale)} (${firmaModificationMessage(level, options.locale)})`
  return {
    report: {
      field: sig.field,
      intact,
      coversWholeDocument,
      modification: level,
      indication,
      subIndication: indication === "TOTAL_PASSED" ? null : sub,
      signer: cms?.signer ? signerOf(cms.signer) : null,
      signingTime: cms?.signingTime?.toISOString() ?? dateOf(textOf(sig.dict.map.get("M")))?.toISOString() ?? null,
      validationTime: options.validationTime.toISOString(),
      proofOfTime: first?.poe?.toISOString() ?? null,
      digestAlgorithm: cms?.digestAlgorithm ?? null,
      signatureAlgorithm: cms?.signatureAlgorithm ?? null,
      chain,
      subFilter,
      docMdp: perms.docMdp ?? null,
      timestamp,
      weak,
      revocation,
      problems: [...new Set(problems)],
      changes,
      summary
    },
    signedRevision: br.signedRevision,
    documentTimestamp: timestamp && indication === "TOTAL_PASSED" ? cms?.genTime : undefined
  }
}

interface SignerVerdict {
  readonly indication: FirmaIndication
  readonly sub: FirmaSubIndication | null
  readonly trust: TrustResult | undefined
  readonly poe: Date | undefined
  readonly weak: string[]
  readonly problems: string[]
}

/** The ETSI indication of one SignerInfo: bytes, CMS, permitted changes, then trust and time. */
const judgeSignerInfo = async (
  doc: PdfDocument,
  cms: CmsCheck,
  context: {
    readonly br: { ok: boolean; signedRevision?: number | undefined }
    readonly subFilter: string | null
    readonly changesAllowed: boolean
    readonly problems: ReadonlyArray<string>
    readonly options: PipelineOptions
    readonly documentPoes: ReadonlyArray<DocumentPoe>
    readonly timestamp: boolean
  }
): Promise<SignerVerdict> => {
  const { br, subFilter, options } = context
  const problems: string[] = [...cms.problems]
  const weak: string[] = []
  if (cms.digestAlgorithm === "SHA-1" || subFilter === "adbe.pkcs7.sha1") weak.push("SHA-1")
  if (cms.signer && cms.keyBits && cms.signatureAlgorithm?.startsWith("RSA") && cms.keyBits < 2048) weak.push(`RSA-${cms.keyBits}`)

  // Proof of time: this signature's own timestamp tokens, and document timestamps over a later revision.
  let poe: Date | undefined
  let trust: TrustResult | undefined
  const validationTime = options.validationTime
  const { anchors, crypto, policy } = options
  const signer = cms.signer
  if (signer && cms.hashOk === true && cms.signatureOk === true && anchors.length > 0) {
    const crls = [...cms.crls(), ...dssRevocation(doc).crls]
    const ocsps = [...cms.ocsps(), ...dssRevocation(doc).ocsps]
    if (cms.timestampTokens.length > 0) {
      const ts = await validateSignatureTimestamps(cms.timestampTokens, cms.signatureValue, { anchors, validationTime, crypto, policy, crls, ocsps })
      problems.push(...ts.problems)
      poe = ts.time
    }
    for (const d of context.documentPoes) {
      if (br.signedRevision !== undefined && d.revision > br.signedRevision && d.time <= validationTime && (!poe || d.time < poe)) poe = d.time
    }
    const role = context.timestamp ? "tsa" : "signer"
    trust = await judgeTrust({ signer, issuersOf: cms.issuersOf, crls, ocsps, anchors, validationTime, poe, crypto, role })
    problems.push(...trust.problems)
    if (trust.sha1) weak.push("SHA-1 (certificate)")
  } else if (signer) {
    // Not trusted either way: the chain is only shown (the signer alone, without anchors).
    trust = await judgeTrust({ signer, issuersOf: cms.issuersOf, crls: [], ocsps: [], anchors: [], validationTime, poe: undefined, crypto, role: "signer" })
  }
  const sha1Anywhere = weak.some((w) => w.startsWith("SHA-1"))

  let indication: FirmaIndication = "INDETERMINATE"
  let sub: FirmaSubIndication | null = null
  const fail = (s: FirmaSubIndication) => ((indication = "TOTAL_FAILED"), (sub = s))
  const indeterminate = (s: FirmaSubIndication) => ((indication = "INDETERMINATE"), (sub = s))
  const trustSub = trust ? trustSubIndication(trust, options.policy, poe !== undefined) : "NO_CERTIFICATE_CHAIN_FOUND"
  if (!br.ok || cms.problems.some((p) => CMS_FORMAT.has(p)) || context.problems.includes("certification-not-first")) fail("FORMAT_FAILURE")
  else if (cms.hashOk === false) fail("HASH_FAILURE")
  else if (cms.signatureOk === false) fail("SIG_CRYPTO_FAILURE")
  else if (!context.changesAllowed) fail("FORMAT_FAILURE")
  else if (!cms.signer) indeterminate("NO_SIGNING_CERTIFICATE_FOUND")
  else if (cms.signatureOk === undefined || cms.hashOk === undefined) indeterminate("CRYPTO_CONSTRAINTS_FAILURE")
  else if (cms.signingCertBound === false) indeterminate("NO_SIGNING_CERTIFICATE_FOUND")
  else if (trustSub) indeterminate(trustSub)
  else if (options.policy === "strict" && sha1Anywhere) indeterminate("CRYPTO_CONSTRAINTS_FAILURE")
  else if (weak.length) indeterminate("CRYPTO_CONSTRAINTS_FAILURE_NO_POE")
  else ((indication = "TOTAL_PASSED"), (sub = null))
  return { indication, sub, trust, poe, weak, problems }
}

/** The catalog's /Perms /DocMDP names the certification signature even when its /Reference is missing (P=2 then). */
const certifiedByCatalog = (doc: PdfDocument, sig: FoundSignature, perms: Permissions): Permissions => {
  if (perms.docMdp !== undefined || sig.sigNum === undefined) return perms
  const permsDict = doc.resolve(doc.catalog(sig.definedIn)?.map.get("Perms"), sig.definedIn)
  const ref = isDict(permsDict) ? permsDict.map.get("DocMDP") : undefined
  return ref && typeof ref === "object" && ref.kind === "ref" && ref.num === sig.sigNum ? { ...perms, docMdp: 2 } : perms
}

/** CRLs and OCSP responses of the document security store (PAdES-LT): /DSS /CRLs and /OCSPs, streams of DER. */
const dssCache = new WeakMap<PdfDocument, { crls: CrlView[]; ocsps: pkijs.BasicOCSPResponse[] }>()
const dssRevocation = (doc: PdfDocument): { crls: CrlView[]; ocsps: pkijs.BasicOCSPResponse[] } => {
  let out = dssCache.get(doc)
  if (out) return out
  out = { crls: [], ocsps: [] }
  dssCache.set(doc, out)
  const last = doc.revisions.length - 1
  const dss = doc.resolve(doc.catalog(last)?.map.get("DSS"), last)
  if (!isDict(dss)) return out
  const streams = (key: string): Uint8Array[] => {
    const list = doc.resolve(dss.map.get(key), last)
    const ders: Uint8Array[] = []
    for (const ref of list && typeof list === "object" && list.kind === "array" ? list.items.slice(0, 32) : []) {
      if (!ref || typeof ref !== "object" || ref.kind !== "ref") continue
      const o = doc.object(ref.num, last)
      if (!o?.stream || !isDict(o.value)) continue
      try {
        ders.push(decodeStream(o.value, doc.bytes.subarray(o.stream.start, o.stream.end), 16 * 1024 * 1024))
      } catch {
        // an undecodable stream is simply not used
      }
    }
    return ders
  }
  for (const der of streams("CRLs")) {
    try {
      out.crls.push(readCrl(der))
    } catch {
      // an unreadable CRL is simply not used
    }
  }
  for (const der of streams("OCSPs")) {
    const basic = parseOcsp(der)
    if (basic) out.ocsps.push(basic)
  }
  return out
}

/** The /Lock dictionary of the signature's own field: fields it locks once signed. */
const lockOfField = (doc: PdfDocument, sig: FoundSignature): ((name: string) => boolean) | undefined => {
  if (sig.fieldNum === undefined) return undefined
  const field = doc.object(sig.fieldNum, doc.revisions.length - 1)?.value
  const lock = isDict(field) ? doc.resolve(field.map.get("Lock"), doc.revisions.length - 1) : undefined
  if (!isDict(lock)) return undefined
  const action = nameOf(lock.map.get("Action"))
  const fieldsV = doc.resolve(lock.map.get("Fields"), doc.revisions.length - 1)
  const fields = fieldsV && typeof fieldsV === "object" && fieldsV.kind === "array" ? fieldsV.items.map((f) => textOf(f) ?? "") : []
  if (action === "All") return () => true
  if (action === "Include") return (n) => fields.includes(n)
  if (action === "Exclude") return (n) => !fields.includes(n)
  return undefined
}

/** PDF date (D:YYYYMMDDHHmmSSOHH'mm') to Date. */
const dateOf = (s: string | undefined): Date | undefined => {
  if (!s) return undefined
  const m = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz+-])?(\d{2})?'?(\d{2})?/.exec(s)
  if (!m) return undefined
  const [, y, mo = "01", d = "01", h = "00", mi = "00", se = "00", sign, oh = "00", om = "00"] = m
  const utc = Date.UTC(+y, +mo - 1, +d, +h, +mi, +se)
  const off = sign === "+" || sign === "-" ? (sign === "+" ? 1 : -1) * (+oh * 60 + +om) * 60000 : 0
  const t = new Date(utc - off)
  return Number.isNaN(t.getTime()) ? undefined : t
}

