import type { Locale } from "../i18n/locale.js"
import { errorMessage, registerMessages } from "../i18n/messages.js"
import type { FirmaErrorReason } from "./errors.js"
import type { FirmaIndication, FirmaModificationLevel, FirmaSubIndication, FirmaVerdict } from "./report.js"

const errors: Record<Locale, Record<FirmaErrorReason, string>> = {
  "es-PE": {
    "not-a-pdf": "El archivo no es un PDF.",
    truncated: "El PDF está incompleto (truncado): no tiene marca de fin %%EOF.",
    unreadable: "No se pudo leer el PDF: su estructura está dañada.",
    "too-large": "El archivo es demasiado grande para verificarlo.",
    "bad-trust-anchor": "El certificado raíz de confianza no se pudo leer (se espera PEM o DER).",
    "bad-validation-time": "La fecha de validación no es válida (se espera una fecha ISO 8601, p. ej. 2026-11-27T12:00:00Z)."
  },
  en: {
    "not-a-pdf": "The file is not a PDF.",
    truncated: "The PDF is incomplete (truncated): it has no %%EOF end marker.",
    unreadable: "The PDF could not be read: its structure is damaged.",
    "too-large": "The file is too large to verify.",
    "bad-trust-anchor": "The trust anchor certificate could not be read (PEM or DER expected).",
    "bad-validation-time": "The validation time is not valid (an ISO 8601 date is expected, e.g. 2026-11-27T12:00:00Z)."
  }
}

// The firma catalogue in `@ecasilla/core/i18n`: domain `firma`, codes `FirmaError.<reason>`.
for (const locale of ["es-PE", "en"] as const) {
  registerMessages("firma", locale, Object.fromEntries(Object.entries(errors[locale]).map(([reason, text]) => [`FirmaError.${reason}`, text])))
}

/**
 * The message of a `FirmaError` (or any registered tagged error), Spanish by default.
 * Importing it registers the firma catalogue.
 *
 * @since 0.2.0
 * @category i18n
 */
export const firmaErrorMessageOf = <E extends { readonly reason: string }>(error: E, locale: Locale = "es-PE"): string =>
  errorMessage(error, locale) ?? error.reason

/**
 * The message of a {@link FirmaError} reason, Spanish (es-PE) by default.
 *
 * @since 0.2.0
 * @category i18n
 */
export const firmaErrorMessage = (reason: FirmaErrorReason, locale: Locale = "es-PE"): string =>
  firmaErrorMessageOf({ _tag: "@ecasilla/core/firma/FirmaError", reason }, locale)

const verdicts: Record<Locale, Record<FirmaVerdict, string>> = {
  "es-PE": {
    valid: "VÁLIDO: las firmas son íntegras, de confianza y el documento no fue modificado después de firmarse.",
    invalid: "NO VÁLIDO: el documento fue alterado o una firma no es correcta.",
    indeterminate: "INDETERMINADO: las firmas están íntegras, pero no se pudo confirmar la confianza en el firmante.",
    unsigned: "SIN FIRMA: el documento no tiene firmas digitales."
  },
  en: {
    valid: "VALID: the signatures are intact and trusted, and the document was not changed after signing.",
    invalid: "NOT VALID: the document was altered or a signature is wrong.",
    indeterminate: "INDETERMINATE: the signatures are intact, but trust in the signer could not be established.",
    unsigned: "UNSIGNED: the document has no digital signatures."
  }
}

/**
 * One line explaining a document verdict.
 *
 * @since 0.2.0
 * @category i18n
 */
export const firmaVerdictMessage = (verdict: FirmaVerdict, locale: Locale = "es-PE"): string => verdicts[locale][verdict]

const subs: Record<Locale, Record<FirmaSubIndication | "OK", string>> = {
  "es-PE": {
    OK: "Firma válida y de confianza.",
    FORMAT_FAILURE: "La firma o el documento tienen un formato no permitido (rango de bytes, CMS o cambios posteriores).",
    HASH_FAILURE: "El contenido firmado fue alterado: el resumen (hash) no coincide.",
    SIG_CRYPTO_FAILURE: "El valor de la firma no corresponde al certificado del firmante.",
    NO_SIGNING_CERTIFICATE_FOUND: "No se encontró el certificado del firmante o no coincide con el declarado.",
    NO_CERTIFICATE_CHAIN_FOUND: "La firma está íntegra, pero el certificado no se encadena a una raíz de confianza.",
    OUT_OF_BOUNDS_NO_POE: "Un certificado no está vigente en la fecha de validación y no hay prueba de la hora de la firma (sello de tiempo) que lo salve.",
    CHAIN_CONSTRAINTS_FAILURE: "La cadena de certificados no es correcta: el certificado del firmante no fue emitido por una entidad de certificación, o no sirve para firmar documentos.",
    CRYPTO_CONSTRAINTS_FAILURE_NO_POE: "La firma usa algoritmos o claves débiles (SHA-1 o RSA menor a 2048 bits).",
    REVOKED_NO_POE: "El certificado del firmante está revocado y no hay prueba de que la firma sea anterior a la revocación.",
    REVOKED_CA_NO_POE: "Un certificado de la entidad de certificación está revocado y no hay prueba de que la firma sea anterior a la revocación.",
    CRYPTO_CONSTRAINTS_FAILURE: "La firma usa un algoritmo no admitido (SHA-1) o que este entorno no puede comprobar.",
    TRY_LATER: "No se pudo comprobar la revocación de los certificados (falta la lista de revocación, CRL); vuelva a verificar cuando esté disponible.",
    REVOCATION_OUT_OF_BOUNDS_NO_POE: "La información de revocación disponible es antigua y no hay prueba de la hora de la firma."
  },
  en: {
    OK: "Valid and trusted signature.",
    FORMAT_FAILURE: "The signature or the document has a format that is not allowed (byte range, CMS or later changes).",
    HASH_FAILURE: "The signed content was altered: the digest does not match.",
    SIG_CRYPTO_FAILURE: "The signature value does not match the signer's certificate.",
    NO_SIGNING_CERTIFICATE_FOUND: "The signer's certificate is missing or does not match the one declared.",
    NO_CERTIFICATE_CHAIN_FOUND: "The signature is intact, but the certificate does not chain to a trusted root.",
    OUT_OF_BOUNDS_NO_POE: "A certificate is not valid at the validation time and no proof of the signing time (timestamp) covers it.",
    CHAIN_CONSTRAINTS_FAILURE: "The certificate chain is not correct: the signer's certificate was not issued by a certification authority, or may not sign documents.",
    CRYPTO_CONSTRAINTS_FAILURE_NO_POE: "The signature uses weak algorithms or keys (SHA-1 or RSA under 2048 bits).",
    REVOKED_NO_POE: "The signer's certificate is revoked and there is no proof the signature predates the revocation.",
    REVOKED_CA_NO_POE: "A certification authority certificate is revoked and there is no proof the signature predates the revocation.",
    CRYPTO_CONSTRAINTS_FAILURE: "The signature uses an algorithm that is not accepted (SHA-1) or that this runtime cannot check.",
    TRY_LATER: "The revocation of the certificates could not be checked (no revocation list, CRL); verify again once it is available.",
    REVOCATION_OUT_OF_BOUNDS_NO_POE: "The revocation information at hand is too old and there is no proof of the signing time."
  }
}

/**
 * One line explaining a signature's indication.
 *
 * @since 0.2.0
 * @category i18n
 */
export const firmaIndicationMessage = (
  indication: FirmaIndication,
  subIndication: FirmaSubIndication | null,
  locale: Locale = "es-PE"
): string => (indication === "TOTAL_PASSED" || !subIndication ? subs[locale].OK : subs[locale][subIndication])

const levels: Record<Locale, Record<FirmaModificationLevel, string>> = {
  "es-PE": {
    none: "sin cambios posteriores",
    "signatures-only": "solo se agregaron firmas",
    "form-filling": "se llenaron campos de formulario",
    annotations: "se agregaron anotaciones",
    other: "el documento fue modificado después de firmarse"
  },
  en: {
    none: "no later changes",
    "signatures-only": "only signatures were added",
    "form-filling": "form fields were filled",
    annotations: "annotations were added",
    other: "the document was modified after signing"
  }
}

/**
 * The name of a modification level as users read it.
 *
 * @since 0.2.0
 * @category i18n
 */
export const firmaModificationMessage = (level: FirmaModificationLevel, locale: Locale = "es-PE"): string => levels[locale][level]
