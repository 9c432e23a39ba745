import * as Schema from "effect/Schema"
import type { Locale } from "../i18n/locale.js"
import { isPlainText, ooxmlKindOf, oleKindOf } from "./internal/file-structure.js"
import { cauErrorMessage } from "./messages.js"

/*
 * Attachments of a ticket: Word, PowerPoint, PDF, Excel, images and text. The kind is
 * read from the content and must agree with the extension: Office files by their structure
 * (the zip directory of OOXML, the directory stream of OLE), text by the whole file, the
 * rest by signature. A renamed executable, an installer called "acta.doc" or an HTML page
 * called "informe.pdf" is refused. Pure rules.
 */

/**
 * The kinds of attachment the CAU takes.
 *
 * @since 0.1.0
 * @category models
 */
export type AttachmentKind = "pdf" | "word" | "excel" | "powerpoint" | "image" | "text"

/**
 * Why an attachment was refused.
 *
 * @since 0.1.0
 * @category models
 */
export type AttachmentReason = typeof AttachmentReasonSchema.Type

/**
 * The reasons of {@link AttachmentReason}, as a Schema.
 *
 * @since 0.2.0
 * @category schemas
 */
export const AttachmentReasonSchema = Schema.Literals([
  "empty",
  "bad-name",
  "unsupported-type",
  "signature-mismatch",
  "too-large",
  "too-many",
  "total-too-large"
])

/**
 * Size and count limits and the kinds accepted; deployments set their own.
 *
 * @since 0.1.0
 * @category models
 */
export interface AttachmentPolicy {
  /** Largest file, bytes. */
  readonly maxBytes: number
  /** Most files in one ticket or note. */
  readonly maxCount: number
  /** Largest sum of the files of one ticket or note, bytes. */
  readonly maxTotalBytes: number
  readonly kinds: ReadonlyArray<AttachmentKind>
}

/**
 * 10 MB a file, 5 files and 25 MB in one submission, every kind.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultAttachmentPolicy: AttachmentPolicy = {
  maxBytes: 10 * 1024 * 1024,
  maxCount: 5,
  maxTotalBytes: 25 * 1024 * 1024,
  kinds: ["pdf", "word", "excel", "powerpoint", "image", "text"]
}

type Container = "pdf" | "ole" | "zip" | "png" | "jpeg" | "gif" | "webp" | "bmp" | "text" | "rtf"

interface ExtensionRule {
  readonly kind: AttachmentKind
  readonly container: Container
  readonly mediaType: string
}

/**
 * Accepted extensions, what content each must have and the media type recorded.
 *
 * @since 0.1.0
 * @category constants
 */
export const attachmentExtensions: Readonly<Record<string, ExtensionRule>> = {
  pdf: { kind: "pdf", container: "pdf", mediaType: "application/pdf" },
  doc: { kind: "word", container: "ole", mediaType: "application/msword" },
  docx: { kind: "word", container: "zip", mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
  rtf: { kind: "word", container: "rtf", mediaType: "application/rtf" },
  xls: { kind: "excel", container: "ole", mediaType: "application/vnd.ms-excel" },
  xlsx: { kind: "excel", container: "zip", mediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
  ppt: { kind: "powerpoint", container: "ole", mediaType: "application/vnd.ms-powerpoint" },
  pptx: { kind: "powerpoint", container: "zip", mediaType: "application/vnd.openxmlformats-officedocument.presentationml.presentation" },
  png: { kind: "image", container: "png", mediaType: "image/png" },
  jpg: { kind: "image", container: "jpeg", mediaType: "image/jpeg" },
  jpeg: { kind: "image", container: "jpeg", mediaType: "image/jpeg" },
  gif: { kind: "image", container: "gif", mediaType: "image/gif" },
  webp: { kind: "image", container: "webp", mediaType: "image/webp" },
  bmp: { kind: "image", container: "bmp", mediaType: "image/bmp" },
  txt: { kind: "text", container: "text", mediaType: "text/plain" },
  csv: { kind: "text", container: "text", mediaType: "text/csv" },
  log: { kind: "text", container: "text", mediaType: "text/plain" }
}

/**
 * The `accept` attribute for a file input: every accepted extension.
 *
 * @since 0.1.0
 * @category constants
 */
export const attachmentAccept: string = Object.keys(attachmentExtensions).map((e) => `.${e}`).join(",")

const startsWith = (b: Uint8Array, sig: ReadonlyArray<number>, at = 0): boolean => {
  if (b.length < at + sig.length) return false
  for (let i = 0; i < sig.length; i++) if (b[at + i] !== sig[i]) return false
  return true
}
const ascii = (s: string): ReadonlyArray<number> => Array.from(s, (c) => c.charCodeAt(0))

/**
 * The container the bytes are, from their signature, or `undefined` when unknown.
 * Text is the whole file as valid UTF-8 with no NUL or binary control byte.
 *
 * @since 0.1.0
 * @category rules
 */
export const sniffContainer = (bytes: Uint8Array): Container | undefined => {
  if (startsWith(bytes, ascii("%PDF-"))) return "pdf"
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return "ole"
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return "zip"
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png"
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "jpeg"
  if (startsWith(bytes, ascii("GIF87a")) || startsWith(bytes, ascii("GIF89a"))) return "gif"
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return "webp"
  if (startsWith(bytes, ascii("{\\rtf"))) return "rtf"
  if (startsWith(bytes, ascii("BM")) && bytes.length > 26) return "bmp"
  return isPlainText(bytes) ? "text" : undefined
}

/**
 * Whether the content is the kind the extension promises: an OOXML zip of that kind, an
 * OLE file with that application's stream, otherwise the container alone.
 */
const contentMatches = (bytes: Uint8Array, rule: ExtensionRule): boolean => {
  const container = sniffContainer(bytes)
  if (container !== rule.container) return false
  if (container === "zip") return ooxmlKindOf(bytes) === rule.kind
  if (container === "ole") return oleKindOf(bytes) === rule.kind
  return true
}

/**
 * The file name as stored: without any folder part (`C:\fakepath\…`), trimmed, with no
 * control characters. `undefined` when nothing usable is left or it is too long.
 *
 * @since 0.1.0
 * @category rules
 */
export const cleanAttachmentName = (name: string): string | undefined => {
  const base = String(name ?? "").split(/[\\/]/).pop() ?? ""
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, "").trim()
  if (clean === "" || clean === "." || clean === ".." || clean.length > 200) return undefined
  return clean
}

/**
 * The lower-case extension of a file name, without the dot.
 *
 * @since 0.1.0
 * @category rules
 */
export const extensionOf = (name: string): string => {
  const i = name.lastIndexOf(".")
  return i > 0 ? name.slice(i + 1).toLowerCase() : ""
}

/**
 * What {@link checkAttachment} found in a file that it accepts.
 *
 * @since 0.1.0
 * @category models
 */
export interface AttachmentInfo {
  readonly name: string
  readonly kind: AttachmentKind
  readonly mediaType: string
  readonly size: number
}

/**
 * @since 0.1.0
 * @category models
 */
export type AttachmentCheck =
  | { readonly ok: true; readonly value: AttachmentInfo }
  | { readonly ok: false; readonly reason: AttachmentReason; readonly name: string }

/**
 * Checks one file: a clean name, an accepted extension, content whose signature matches
 * that extension, and the size limit. The media type given by the browser is ignored.
 *
 * @since 0.1.0
 * @category rules
 */
export const checkAttachment = (
  file: { readonly name: string; readonly bytes: Uint8Array },
  policy: AttachmentPolicy = defaultAttachmentPolicy
): AttachmentCheck => {
  const name = cleanAttachmentName(file.name)
  if (name === undefined) return { ok: false, reason: "bad-name", name: String(file.name ?? "") }
  const rule = attachmentExtensions[extensionOf(name)]
  if (!rule || !policy.kinds.includes(rule.kind)) return { ok: false, reason: "unsupported-type", name }
  const size = file.bytes.byteLength
  if (size === 0) return { ok: false, reason: "empty", name }
  if (size > policy.maxBytes) return { ok: false, reason: "too-large", name }
  if (!contentMatches(file.bytes, rule)) return { ok: false, reason: "signature-mismatch", name }
  return { ok: true, value: { name, kind: rule.kind, mediaType: rule.mediaType, size } }
}

/**
 * Checks a whole submission: every file, then the count and total size limits. Returns
 * the first refusal.
 *
 * @since 0.1.0
 * @category rules
 */
export const checkAttachments = (
  files: ReadonlyArray<{ readonly name: string; readonly bytes: Uint8Array }>,
  policy: AttachmentPolicy = defaultAttachmentPolicy
): { readonly ok: true; readonly value: ReadonlyArray<AttachmentInfo> } | Extract<AttachmentCheck, { ok: false }> => {
  if (files.length > policy.maxCount) return { ok: false, reason: "too-many", name: files[policy.maxCount]?.name ?? "" }
  const out: Array<AttachmentInfo> = []
  let total = 0
  for (const f of files) {
    const r = checkAttachment(f, policy)
    if (!r.ok) return r
    total += r.value.size
    if (total > policy.maxTotalBytes) return { ok: false, reason: "total-too-large", name: r.value.name }
    out.push(r.value)
  }
  return { ok: true, value: out }
}

/**
 * The message for a refused attachment, Spanish by default (from the CAU catalogue).
 *
 * @since 0.1.0
 * @category i18n
 */
export const attachmentMessage = (
  reason: AttachmentReason,
  name: string,
  policy: AttachmentPolicy = defaultAttachmentPolicy,
  locale: Locale = "es-PE"
): string =>
  cauErrorMessage({
    _tag: "@ecasilla/core/cau/AttachmentError",
    reason,
    name,
    maxBytes: policy.maxBytes,
    maxCount: policy.maxCount,
    maxTotalBytes: policy.maxTotalBytes
  }, locale)
