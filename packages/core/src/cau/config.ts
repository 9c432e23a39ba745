import { Context, type Effect, Layer } from "effect"
import { type AttachmentPolicy, defaultAttachmentPolicy } from "./attachments.js"
import { type Catalog, defaultCauCatalog } from "./catalog.js"
import type { Ticket } from "./ticket.js"

/**
 * What a PDF attachment check reports: the seam for the firma verifier
 * (`@ecasilla/core/firma`), kept as a plain function so the CAU does not pull in PDF parsing.
 *
 * @since 0.1.0
 * @category models
 */
export type PdfAttachmentVerifier = (bytes: Uint8Array, name: string) => Effect.Effect<{
  readonly verdict: "valid" | "invalid" | "indeterminate" | "unsigned"
  readonly detail?: string
}>

/**
 * The settings of a CAU deployment. Everything has a default; provide
 * `CauConfig.layer({ … })` to change some.
 *
 * @since 0.1.0
 * @category models
 */
export interface CauConfigShape {
  readonly catalog: Catalog
  readonly attachments: AttachmentPolicy
  /** First part of ticket numbers: `CAU` gives `CAU-2026-000001`. Upper-case letters. */
  readonly numberPrefix: string
  /** Default support group when the lead does not name one. */
  readonly defaultSupportGroup: string
  /**
   * Close a Resuelta ticket automatically after this many business days without a verdict.
   * `undefined` (the default) never closes automatically.
   */
  readonly autoCloseAfterBusinessDays: number | undefined
  /**
   * Lima dates (`2026-06-08`) that are not business days besides weekends and Peru's public
   * holidays (`@ecasilla/core/calendar`, itself replaceable through `CurrentBusinessCalendar`).
   */
  readonly holidays: ReadonlyArray<string>
  /** The link e-mails point to: the ticket's page, where the answer is rated. */
  readonly ticketUrl: (ticket: Ticket) => string
  /** Optional firma check of PDF attachments; its verdict is stored on the attachment. */
  readonly verifyPdf: PdfAttachmentVerifier | undefined
}

/**
 * Defaults: the casilla catalog, 10 MB × 5 files, prefix `CAU`, no automatic closure.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultCauConfig: CauConfigShape = {
  catalog: defaultCauCatalog,
  attachments: defaultAttachmentPolicy,
  numberPrefix: "CAU",
  defaultSupportGroup: "Mesa de Ayuda - Casilla Electrónica",
  autoCloseAfterBusinessDays: undefined,
  holidays: [],
  ticketUrl: (ticket) => `/cau/tickets/${encodeURIComponent(ticket.number)}`,
  verifyPdf: undefined
}

/**
 * The CAU settings as a Context reference (it has a default, so providing it is optional).
 *
 * @since 0.1.0
 * @category services
 */
export const CauConfig: Context.Reference<CauConfigShape> = Context.Reference<CauConfigShape>("@ecasilla/core/cau/CauConfig", {
  defaultValue: () => defaultCauConfig
})

/**
 * A layer that sets some CAU settings, the rest staying default.
 *
 * @since 0.1.0
 * @category layers
 */
export const cauConfigLayer = (overrides: Partial<CauConfigShape>) => Layer.succeed(CauConfig, { ...defaultCauConfig, ...overrides })
