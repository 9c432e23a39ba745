// The signing pipeline: checks (PDF, encryption, earlier signatures, PKCS#12, validity) before
// any byte is written, then placeholder, then @signpdf fills ByteRange and /Contents.
import { SignPdf } from "@signpdf/signpdf"
import { Signer } from "@signpdf/utils"
import { PDFDocument } from "pdf-lib"
import { looksLikePdf, PdfDocument } from "../../internal/pdf/document.js"
import { findSignatures, permissionsOf } from "../../internal/signatures.js"
import { signerOf } from "../../internal/x509.js"
import { FirmaSignError } from "../errors.js"
import { importCmsKey, parseCrl, signDetached, type CmsKey } from "./cms.js"
import type { FirmaTimestampAuthority } from "./tsa.js"
import { ecIdentity, readP12 } from "./p12.js"
import { addPlaceholder, CONTENTS_BYTES } from "./placeholder.js"
import { appendIncrement, snapshot } from "./incremental.js"

/**
 * `titular`: the author's (or approver's) signature. `notificacion`: the signature the
 * casilla adds when it notifies a document, the one signature allowed on a signed PDF by default.
 *
 * @since 0.2.0
 * @category models
 */
export type FirmaSignRole = "titular" | "notificacion"

/**
 * Options of `signFirmaPdf`.
 *
 * @since 0.2.0
 * @category models
 */
/**
 * A signer's key and certificates read from a PKCS#12 once, to sign many documents without
 * decrypting the file each time (a casilla sending many notifications). The private key is a
 * non-extractable WebCrypto key.
 *
 * @since 0.2.0
 * @category models
 */
export interface FirmaSigningKey {
  readonly _tag: "FirmaSigningKey"
  /** The signer's certificate validity. */
  readonly notBefore: Date
  readonly notAfter: Date
  /** @internal */
  readonly cms: CmsKey
}

/**
 * Reads a PKCS#12 once: the RSA or EC (P-256, P-384, P-521) key, its certificate and the
 * others in the file. Fails like
 * signing does (`bad-p12`, `bad-passphrase`, `unsupported-key`, `no-certificate`).
 *
 * @since 0.2.0
 * @category signing
 */
export const openFirmaSigningKey = async (p12: Uint8Array, passphrase: string): Promise<FirmaSigningKey> => {
  const read = readP12(p12, passphrase)
  const identity = "_tag" in read ? await ecIdentity(read) : read
  let cms: CmsKey
  try {
    cms = await importCmsKey(identity.pkcs8, identity.certificates, "namedCurve" in identity ? { name: "ECDSA", namedCurve: identity.namedCurve as string } : undefined)
  } catch (e) {
    return fail("unsupported-key", e instanceof Error ? e.message : String(e))
  }
  return { _tag: "FirmaSigningKey", notBefore: identity.notBefore, notAfter: identity.notAfter, cms }
}

/**
 * Who signs: a PKCS#12 with its passphrase, or a key opened before with `openFirmaSigningKey`.
 *
 * @since 0.2.0
 * @category models
 */
export type FirmaSigner = { readonly p12: Uint8Array; readonly passphrase: string } | { readonly key: FirmaSigningKey }

/**
 * Options of `signFirmaPdf`: who signs, and how.
 *
 * @since 0.2.0
 * @category models
 */
export type FirmaSignOptions = FirmaSigner & FirmaSignSettings

/**
 * How to sign: role, stamp and placement.
 *
 * @since 0.2.0
 * @category models
 */
export interface FirmaSignSettings {
  readonly as: FirmaSignRole
  /** The stamp's "Motivo"; default by role ("Soy el autor del documento", or the notification one). */
  readonly reason?: string
  /** A titular approval: motivo "Doy Visto Bueno" unless `reason` says otherwise. */
  readonly visa?: boolean
  /** 1-based page of the stamp (default 1). */
  readonly page?: number
  /** Lower-left corner of the stamp in PDF points; by default beside the stamps already there. */
  readonly x?: number
  readonly y?: number
  /** Allows a titular signature on a PDF that is already signed (always an incremental update). */
  readonly allowSigned?: boolean
  /** Signing time (default: now). */
  readonly now?: Date
  /**
   * Certificate revocation lists (DER or PEM) of the signer's chain, embedded in the signature
   * so that verifiers requiring revocation data (the strict policy) find it offline.
   */
  readonly crls?: ReadonlyArray<Uint8Array>
  /**
   * A Time Stamping Authority (e.g. `rfc3161Tsa(url)`): the signature gets an RFC 3161
   * signature timestamp (PAdES B-T), a proof of time that outlives the signer's certificate.
   */
  readonly tsa?: FirmaTimestampAuthority
}

/** Room for a timestamp token with its TSA's chain. */
const TOKEN_BYTES = 12288

export const DEFAULT_REASONS = {
  titular: "Soy el autor del documento",
  visa: "Doy Visto Bueno",
  notificacion: "Notificación electrónica de la Contraloría General de la República"
} as const

const fail = (reason: ConstructorParameters<typeof FirmaSignError>[0]["reason"], detail: string): never => {
  throw new FirmaSignError({ reason, detail })
}

// @signpdf works on Node Buffers; browsers get the `buffer` package, loaded only when signing.
const ensureBuffer = async (): Promise<void> => {
  const g = globalThis as { Buffer?: unknown }
  if (typeof g.Buffer === "undefined") g.Buffer = (await import("buffer/")).Buffer
}

class CmsSigner extends Signer {
  constructor(
    private readonly key: CmsKey,
    private readonly crls: ReadonlyArray<ReturnType<typeof parseCrl>>,
    private readonly tsa?: FirmaTimestampAuthority
  ) {
    super()
  }
  override async sign(pdf: Buffer, signingTime?: Date): Promise<Buffer> {
    let cms: Uint8Array
    try {
      cms = await signDetached(this.key, pdf, signingTime ?? new Date(), this.crls, this.tsa)
    } catch (e) {
      // Only the TSA can fail here (the key and certificates were checked before).
      if (this.tsa) throw new FirmaSignError({ reason: "tsa-failed", detail: e instanceof Error ? e.message : String(e) })
      throw e
    }
    return Buffer.from(cms)
  }
}

/**
 * Whether any revision of the file holds a signature (the verifier's own reading), and the
 * largest /Size any trailer declared.
 */
const inspect = (pdf: Uint8Array): { signed: boolean; size: number; locked: boolean } => {
  try {
    const doc = new PdfDocument(pdf)
    const size = Math.max(0, ...doc.revisions.map((r) => Number(r.trailer?.map.get("Size")) || 0))
    const sigs = findSignatures(doc)
    // A certification with DocMDP P=1 forbids any later change, further signatures included.
    const locked = sigs.some((s) => permissionsOf(doc, s.dict, s.definedIn).docMdp === 1)
    return { signed: sigs.length > 0, size, locked }
  } catch {
    // A file our reader rejects but pdf-lib may repair: any ByteRange means "signed".
    return { signed: new TextDecoder("latin1").decode(pdf).includes("/ByteRange"), size: 0, locked: false }
  }
}

/** "PEREZ ROJAS Juan FAU 20131378972 soft", from the certificate as RENIEC writes it. */
const stampName = (key: CmsKey): string => {
  const s = signerOf(key.signer)
  const cn = s.commonName ?? s.organization ?? "(sin nombre)"
  return /\bFAU\b/.test(cn) || !s.ruc ? cn : `${cn} FAU ${s.ruc} soft`
}

export const signPdfBytes = async (pdf: Uint8Array, options: FirmaSignOptions): Promise<Uint8Array> => {
  if (!looksLikePdf(pdf)) fail("not-a-pdf", "no %PDF- header")
  let doc: PDFDocument
  try {
    doc = await PDFDocument.load(pdf, { ignoreEncryption: true, updateMetadata: false })
  } catch (e) {
    return fail("unreadable", e instanceof Error ? e.message : String(e))
  }
  if (doc.isEncrypted) fail("encrypted", "trailer has /Encrypt")
  const { signed, size, locked } = inspect(pdf)
  if (locked) fail("certified-no-changes", "DocMDP P=1")
  if (signed && options.as !== "notificacion" && !options.allowSigned) fail("already-signed", "the PDF holds a signature")
  const pageCount = doc.getPageCount()
  const page = options.page ?? 1
  if (!Number.isInteger(page) || page < 1 || page > pageCount) fail("bad-page", `page ${page} of ${pageCount}`)

  const signing = "key" in options ? options.key : await openFirmaSigningKey(options.p12, options.passphrase)
  const now = options.now ?? new Date()
  if (now < signing.notBefore) fail("certificate-not-yet-valid", `valid from ${signing.notBefore.toISOString()}`)
  if (now > signing.notAfter) fail("certificate-expired", `expired ${signing.notAfter.toISOString()}`)
  const key = signing.cms
  const crls = (options.crls ?? []).map((c, i) => {
    try {
      return parseCrl(c)
    } catch {
      return fail("bad-crl", `CRL ${i + 1} is neither DER nor PEM`)
    }
  })

  const reason = options.reason ?? (options.as === "notificacion" ? DEFAULT_REASONS.notificacion : options.visa ? DEFAULT_REASONS.visa : DEFAULT_REASONS.titular)
  const before = signed ? snapshot(doc.context) : undefined
  // pdf-lib forgets the object streams and xref streams it parsed and would hand their numbers
  // out again; an increment redefining an object stream silently deletes what it held.
  if (signed) doc.context.largestObjectNumber = Math.max(doc.context.largestObjectNumber, size - 1)
  addPlaceholder({
    doc,
    pageIndex: page - 1,
    ...(options.x !== undefined || options.y !== undefined ? { position: { x: options.x ?? 0, y: options.y ?? 0 } } : {}),
    fieldBase: options.as === "notificacion" ? "FirmaNotificacion" : options.visa ? "FirmaVisto" : "FirmaTitular",
    stamp: { signer: stampName(key), reason, date: now },
    // Embedded CRLs travel in the CMS: reserve room for them too.
    contentsBytes: CONTENTS_BYTES + (options.crls ?? []).reduce((n, c) => n + c.length, 0) + (options.tsa ? TOKEN_BYTES : 0)
  })
  const prepared = before ? appendIncrement(pdf, doc.context, before) : await doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false })
  await ensureBuffer()
  const out = await new SignPdf().sign(Buffer.from(prepared.buffer, prepared.byteOffset, prepared.byteLength), new CmsSigner(key, crls, options.tsa), now)
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength)
}
