/**
 * Firma Perú signing (`@ecasilla/core/firma/sign`): a PAdES signature made with a PKCS#12,
 * as titular or notification signature, with the visible stamp of CGR documents. Its own entry
 * point because it carries pdf-lib, node-forge and @signpdf: pages that only verify never load it.
 *
 * @since 0.2.0
 */
import * as Effect from "effect/Effect"
import { FirmaSignError } from "./errors.js"
import { signPdfBytes, type FirmaSignOptions } from "./internal/sign.js"

export * from "./errors.js"
export type { FirmaSignOptions, FirmaSignRole, FirmaSigner, FirmaSignSettings, FirmaSigningKey } from "./internal/sign.js"
export { openFirmaSigningKey } from "./internal/sign.js"
export { limaStampDate } from "./internal/stamp.js"
export { type FirmaTimestampAuthority, rfc3161Tsa } from "./internal/tsa.js"

/**
 * Signs a PDF: a new signature field with the CGR stamp ("Firmado digitalmente por … /
 * Motivo: … / Fecha: dd/mm/yyyy hh:mm:ss -05:00") and a detached CAdES CMS (PAdES B-B,
 * RSA with SHA-256). An unsigned PDF is rewritten by pdf-lib; an already signed one (allowed
 * for `notificacion` or with `allowSigned`) gets an incremental update, so earlier signatures
 * stay valid. Rejects with a {@link FirmaSignError} before writing anything for bad input.
 *
 * @since 0.2.0
 * @category signing
 */
export const signFirmaPdf = (pdf: Uint8Array, options: FirmaSignOptions): Promise<Uint8Array> => signPdfBytes(pdf, options)

/**
 * {@link signFirmaPdf} as an Effect failing with {@link FirmaSignError}.
 *
 * @since 0.2.0
 * @category signing
 */
export const signFirmaPdfEffect = (pdf: Uint8Array, options: FirmaSignOptions): Effect.Effect<Uint8Array, FirmaSignError> =>
  Effect.tryPromise({
    try: () => signPdfBytes(pdf, options),
    catch: (e) => (e instanceof FirmaSignError ? e : new FirmaSignError({ reason: "unreadable", detail: e instanceof Error ? e.message : String(e) }))
  })
