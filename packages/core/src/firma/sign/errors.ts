import * as Schema from "effect/Schema"
import type { Locale } from "../../i18n/locale.js"
import { errorMessage, registerMessages } from "../../i18n/messages.js"

/**
 * Why a PDF could not be signed. Each is checked before any byte is written.
 *
 * @since 0.2.0
 * @category errors
 */
export const FirmaSignErrorReasonSchema = Schema.Literals([
  "not-a-pdf",
  "unreadable",
  "encrypted",
  "already-signed",
  "certified-no-changes",
  "bad-p12",
  "bad-passphrase",
  "unsupported-key",
  "no-certificate",
  "certificate-expired",
  "certificate-not-yet-valid",
  "bad-page",
  "bad-position",
  "bad-crl",
  "tsa-failed"
])

/**
 * @since 0.2.0
 * @category errors
 */
export type FirmaSignErrorReason = typeof FirmaSignErrorReasonSchema.Type

const messages: Record<Locale, Record<FirmaSignErrorReason, string>> = {
  "es-PE": {
    "not-a-pdf": "El archivo no es un PDF.",
    unreadable: "No se pudo leer el PDF: su estructura está dañada.",
    encrypted: "El PDF está cifrado (protegido con contraseña); no se puede firmar.",
    "already-signed":
      "El PDF ya está firmado: cualquier edición invalidaría esa firma. Solo se admite agregar una firma de notificación o, si se autoriza expresamente, otra firma como actualización incremental.",
    "certified-no-changes": "El PDF está certificado sin admitir cambios: ni otra firma puede agregarse sin invalidarlo.",
    "bad-p12": "El archivo del certificado no es un PKCS#12 (.p12/.pfx) legible.",
    "bad-passphrase": "La contraseña del certificado no es correcta.",
    "unsupported-key": "La clave del certificado no es RSA ni de curva elíptica P-256, P-384 o P-521; no se puede firmar con ella.",
    "no-certificate": "El PKCS#12 no contiene un certificado que corresponda a la clave privada.",
    "certificate-expired": "El certificado del firmante está vencido.",
    "certificate-not-yet-valid": "El certificado del firmante aún no está vigente.",
    "bad-page": "La página indicada no existe en el documento.",
    "bad-position": "La posición del sello de firma queda fuera de la página.",
    "bad-crl": "Una lista de revocación (CRL) no se pudo leer (se espera DER o PEM).",
    "tsa-failed": "La autoridad de sellado de tiempo (TSA) no entregó un sello válido; el documento no se firmó."
  },
  en: {
    "not-a-pdf": "The file is not a PDF.",
    unreadable: "The PDF could not be read: its structure is damaged.",
    encrypted: "The PDF is encrypted (password protected); it cannot be signed.",
    "already-signed":
      "The PDF is already signed: any edit would invalidate that signature. Only a notification signature, or another signature when explicitly allowed, can be added, as an incremental update.",
    "certified-no-changes": "The PDF is certified allowing no changes: not even another signature can be added without invalidating it.",
    "bad-p12": "The certificate file is not a readable PKCS#12 (.p12/.pfx).",
    "bad-passphrase": "The certificate passphrase is wrong.",
    "unsupported-key": "The certificate key is neither RSA nor an elliptic curve P-256, P-384 or P-521 key; it cannot sign.",
    "no-certificate": "The PKCS#12 holds no certificate matching its private key.",
    "certificate-expired": "The signer's certificate has expired.",
    "certificate-not-yet-valid": "The signer's certificate is not valid yet.",
    "bad-page": "The given page does not exist in the document.",
    "bad-position": "The signature stamp falls outside the page.",
    "bad-crl": "A certificate revocation list (CRL) could not be read (DER or PEM expected).",
    "tsa-failed": "The time stamping authority (TSA) did not give a valid timestamp; the document was not signed."
  }
}

// The signing errors in the firma catalogue of `@ecasilla/core/i18n`: domain `firma`, codes
// `FirmaSignError.<reason>`, so `errorMessage` renders them and a deployment may reword them.
for (const locale of ["es-PE", "en"] as const) {
  registerMessages("firma", locale, Object.fromEntries(Object.entries(messages[locale]).map(([reason, text]) => [`FirmaSignError.${reason}`, text])))
}

/**
 * The message of a {@link FirmaSignError} reason, Spanish (es-PE) by default, from the firma
 * catalogue (a deployment's `registerMessages("firma", …)` rewording applies).
 *
 * @since 0.2.0
 * @category i18n
 */
export const firmaSignErrorMessage = (reason: FirmaSignErrorReason, locale: Locale = "es-PE"): string =>
  errorMessage({ _tag: "@ecasilla/core/firma/FirmaSignError", reason }, locale) ?? messages[locale][reason]

/**
 * A PDF, PKCS#12 or option that signing refuses. `detail` never holds the passphrase.
 *
 * @since 0.2.0
 * @category errors
 */
export class FirmaSignError extends Schema.TaggedError<FirmaSignError>()("@ecasilla/core/firma/FirmaSignError", {
  reason: FirmaSignErrorReasonSchema,
  detail: Schema.String
}) {
  override get message(): string {
    return firmaSignErrorMessage(this.reason)
  }
}
