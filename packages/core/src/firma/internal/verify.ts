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
import { checkCms, type CmsCheck } from "./cms.js"
import { diffRevision, LEVELS, maxLevel, type ModificationLevel, type RevisionDiff } from "./diff.js"
import type { PdfDocument } from "./pdf/document.js"
import { decodeStream } from "./pdf/streams.js"
import { isDict, nameOf, textOf } from "./pdf/objects.js"
import { checkByteRange, findSignatures, isDocTimeStamp, permissionsOf, type FoundSignature, type Permissions } from "./signatures.js"
import { buildChain, revokedByCrl, signerOf } from "./x509.js"

export interface PipelineOptions {
  readonly policy: FirmaPolicy
  readonly anchors: ReadonlyArray<pkijs.Certificate>
  readonly crypto: FirmaCrypto
  readonly locale: Locale
  readonly now: Date
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
  const judged = await Promise.all(sigs.map((s, i) => judge(doc, s, i, firstApproval, diffOf, options)))
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
  options: PipelineOptions
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

  // CMS over the covered bytes.
  let cms: CmsCheck | undefined
  if (br.ranges.length > 0 && br.contents && !br.problems.includes("byte-range-outside-file")) {
    const parts = br.ranges.map(([s, e]) => doc.bytes.subarray(s, e))
    cms = await checkCms(br.contents, parts, subFilter ?? undefined, options.crypto)
    problems.push(...cms.problems)
  }

  const at = cms?.signingTime ?? dateOf(textOf(sig.dict.map.get("M"))) ?? options.now
  const weak: string[] = []
  if (cms?.digestAlgorithm === "SHA-1" || subFilter === "adbe.pkcs7.sha1") weak.push("SHA-1")
  if (cms?.signer && cms.keyBits && cms.signatureAlgorithm?.startsWith("RSA") && cms.keyBits < 2048) weak.push(`RSA-${cms.keyBits}`)

  let chain: FirmaSignatureReport["chain"] = []
  let chainOutcome: string = "no-anchors"
  let revocation: FirmaSignatureReport["revocation"] = "not-checked"
  if (cms?.signer) {
    const built = await buildChain(cms.signer, cms.issuersOf, options.anchors, at, options.crypto)
    chain = built.chain
    if (options.anchors.length > 0) chainOutcome = built.outcome
    if (options.anchors.length > 0 && built.outcome === "trusted" && built.certs.length > 1) {
      const r = await revokedByCrl(built.certs[0], built.certs[1], [...cms.crls(), ...dssCrls(doc)], at, options.crypto)
      if (r !== undefined) revocation = r ? "revoked" : "good"
    }
  }

  const intact = br.ok && cms?.hashOk === true && cms.signatureOk === true
  let indication: FirmaIndication
  let sub: FirmaSubIndication | null
  const fail = (s: FirmaSubIndication) => ((indication = "TOTAL_FAILED"), (sub = s))
  const indeterminate = (s: FirmaSubIndication) => ((indication = "INDETERMINATE"), (sub = s))
  if (!br.ok || !cms || cms.problems.some((p) => CMS_FORMAT.has(p)) || problems.includes("certification-not-first")) fail("FORMAT_FAILURE")
  else if (cms.hashOk === false) fail("HASH_FAILURE")
  else if (cms.signatureOk === false) fail("SIG_CRYPTO_FAILURE")
  else if (!changesAllowed) fail("FORMAT_FAILURE")
  else if (!cms.signer) indeterminate("NO_SIGNING_CERTIFICATE_FOUND")
  else if (cms.signatureOk === undefined || cms.hashOk === undefined) indeterminate("CRYPTO_CONSTRAINTS_FAILURE")
  else if (cms.signingCertBound === false) indeterminate("NO_SIGNING_CERTIFICATE_FOUND")
  else if (chainOutcome === "no-anchors" || chainOutcome === "no-chain") indeterminate("NO_CERTIFICATE_CHAIN_FOUND")
  else if (chainOutcome === "expired") indeterminate("OUT_OF_BOUNDS_NO_POE")
  else if (chainOutcome === "bad-signature") indeterminate("CHAIN_CONSTRAINTS_FAILURE")
  else if (chainOutcome === "unchecked") indeterminate("CRYPTO_CONSTRAINTS_FAILURE")
  else if (revocation === "revoked") indeterminate("REVOKED_NO_POE")
  else if (weak.length) indeterminate("CRYPTO_CONSTRAINTS_FAILURE_NO_POE")
  else ((indication = "TOTAL_PASSED"), (sub = null))

  const summary = `${firmaIndicationMessage(indication!, sub!, options.locale)} (${firmaModificationMessage(level, options.locale)})`
  return {
    report: {
      field: sig.field,
      intact,
      coversWholeDocument,
      modification: level,
      indication: indication!,
      subIndication: sub!,
      signer: cms?.signer ? signerOf(cms.signer) : null,
      signingTime: cms?.signingTime?.toISOString() ?? dateOf(textOf(sig.dict.map.get("M")))?.toISOString() ?? null,
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
    }
  }
}

/** The catalog's /Perms /DocMDP names the certification signature even when its /Reference is missing (P=2 then). */
const certifiedByCatalog = (doc: PdfDocument, sig: FoundSignature, perms: Permissions): Permissions => {
  if (perms.docMdp !== undefined || sig.sigNum === undefined) return perms
  const permsDict = doc.resolve(doc.catalog(sig.definedIn)?.map.get("Perms"), sig.definedIn)
  const ref = isDict(permsDict) ? permsDict.map.get("DocMDP") : undefined
  return ref && typeof ref === "object" && ref.kind === "ref" && ref.num === sig.sigNum ? { ...perms, docMdp: 2 } : perms
}

/** CRLs of the document security store (PAdES-LT): /DSS /CRLs, streams of DER. */
const dssCrlCache = new WeakMap<PdfDocument, pkijs.CertificateRevocationList[]>()
const dssCrls = (doc: PdfDocument): pkijs.CertificateRevocationList[] => {
  let out = dssCrlCache.get(doc)
  if (out) return out
  out = []
  dssCrlCache.set(doc, out)
  const last = doc.revisions.length - 1
  const dss = doc.resolve(doc.catalog(last)?.map.get("DSS"), last)
  const list = isDict(dss) ? doc.resolve(dss.map.get("CRLs"), last) : undefined
  for (const ref of list && typeof list === "object" && list.kind === "array" ? list.items.slice(0, 32) : []) {
    if (!ref || typeof ref !== "object" || ref.kind !== "ref") continue
    const o = doc.object(ref.num, last)
    if (!o?.stream || !isDict(o.value)) continue
    try {
      const der = decodeStream(o.value, doc.bytes.subarray(o.stream.start, o.stream.end), 16 * 1024 * 1024)
      const asn = asn1js.fromBER(der.slice())
      if (asn.offset !== -1) out.push(new pkijs.CertificateRevocationList({ schema: asn.result }))
    } catch {
      // an unreadable CRL is simply not used
    }
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

