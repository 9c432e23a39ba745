import type { FirmaVerdict } from "@ecasilla/core/firma"
import type { Translations } from "../controllers/localize.js"
import type { FirmaChangeKind, FirmaFinding } from "./findings.js"

type Texts = {
  title: string
  pick: string
  dropHint: string
  dropHere: string
  reading: string
  verifying: string
  progressLabel: string
  verdict: (v: FirmaVerdict) => string
  advice: string
  signature: (n: number, of: number) => string
  field: string
  signer: string
  noName: string
  entity: string
  dni: string
  date: string
  undated: string
  reason: string
  algorithm: string
  unknown: string
  intact: string
  yes: string
  no: string
  after: string
  noChanges: string
  onlySignatures: string
  change: (k: FirmaChangeKind) => string
  inRevision: (n: number) => string
  finding: (f: FirmaFinding) => string
  encrypted: string
  error: (code: string) => string
}

const esChange: Record<FirmaChangeKind, string> = {
  page: "se cambió el contenido de una página",
  annotation: "se agregó o cambió una anotación (comentario, marca o sello)",
  "form-field": "se llenó o cambió un campo de formulario",
  "signature-altered": "se alteró una firma existente",
  removed: "se eliminó contenido del documento",
  other: "se cambió la estructura del documento"
}
const enChange: Record<FirmaChangeKind, string> = {
  page: "a page's content was changed",
  annotation: "an annotation (comment, mark or stamp) was added or changed",
  "form-field": "a form field was filled or changed",
  "signature-altered": "an existing signature was altered",
  removed: "content was removed from the document",
  other: "the document's structure was changed"
}

const esFinding: Record<FirmaFinding, string> = {
  trusted: "El certificado del firmante fue emitido por una entidad de certificación de confianza.",
  "untrusted-issuer": "El certificado del firmante no fue emitido por una entidad de certificación de confianza para esta página.",
  "no-signer-certificate": "La firma no trae el certificado del firmante, o no coincide con el declarado.",
  "not-intact": "El contenido firmado fue alterado: ya no coincide con lo que se firmó.",
  "bad-signature-value": "El valor de la firma no corresponde al certificado del firmante.",
  "bad-format": "La firma tiene un formato no válido.",
  "expired-no-time-proof": "El certificado del firmante no está vigente y no hay prueba (sello de tiempo) de que la firma se hizo cuando lo estaba.",
  revoked: "El certificado del firmante fue revocado.",
  "ca-revoked": "Un certificado de la cadena del firmante (una entidad de certificación intermedia) fue revocado.",
  "weak-algorithm": "La firma usa algoritmos o claves débiles, que ya no se aceptan.",
  "unsupported-algorithm": "Este navegador no puede comprobar el algoritmo de esta firma.",
  "bad-chain": "La cadena de certificados del firmante no es correcta.",
  "no-time-proof": "No hay prueba de la hora de la firma (sello de tiempo): la fecha es la que declara el firmante.",
  "revocation-not-checked": "No se pudo comprobar si el certificado fue revocado: falta información de revocación vigente (CRL).",
  "not-whole-document": "La firma no cubre todo el archivo.",
  "trust-not-established": "No se pudo confirmar la confianza en el certificado del firmante (por ejemplo, falta la información de revocación)."
}
const enFinding: Record<FirmaFinding, string> = {
  trusted: "The signer's certificate was issued by a trusted certification authority.",
  "untrusted-issuer": "The signer's certificate was not issued by a certification authority this page trusts.",
  "no-signer-certificate": "The signature lacks the signer's certificate, or it does not match the one declared.",
  "not-intact": "The signed content was altered: it no longer matches what was signed.",
  "bad-signature-value": "The signature value does not match the signer's certificate.",
  "bad-format": "The signature's format is not valid.",
  "expired-no-time-proof": "The signer's certificate is not valid and there is no proof (timestamp) that the signature was made while it was.",
  revoked: "The signer's certificate was revoked.",
  "ca-revoked": "A certificate in the signer's chain (an intermediate certification authority) was revoked.",
  "weak-algorithm": "The signature uses weak algorithms or keys that are no longer accepted.",
  "unsupported-algorithm": "This browser cannot check this signature's algorithm.",
  "bad-chain": "The signer's certificate chain is not correct.",
  "no-time-proof": "There is no proof of the signing time (timestamp): the date is the one the signer states.",
  "revocation-not-checked": "Whether the certificate was revoked could not be checked: current revocation data (a CRL) is missing.",
  "not-whole-document": "The signature does not cover the whole file.",
  "trust-not-established": "Trust in the signer's certificate could not be established (for instance, revocation data is missing)."
}

const esVerdict: Record<FirmaVerdict, string> = {
  valid: "Documento válido: las firmas están íntegras y son de confianza, y el documento no cambió después de firmarse.",
  invalid: "Documento no válido: fue alterado o una firma no es correcta.",
  indeterminate: "Documento indeterminado: las firmas están íntegras, pero no se pudo confirmar la confianza en el firmante.",
  unsigned: "El documento no tiene firmas digitales."
}
const enVerdict: Record<FirmaVerdict, string> = {
  valid: "Valid document: the signatures are intact and trusted, and the document did not change after signing.",
  invalid: "Invalid document: it was altered or a signature is wrong.",
  indeterminate: "Indeterminate document: the signatures are intact, but trust in the signer could not be established.",
  unsigned: "The document has no digital signatures."
}

const esError: Record<string, string> = {
  "not-a-pdf": "El archivo no es un PDF.",
  truncated: "El PDF está incompleto (truncado).",
  unreadable: "No se pudo leer el PDF: su estructura está dañada.",
  "too-large": "El archivo es demasiado grande para verificarlo.",
  "bad-trust-anchor": "Un certificado raíz de confianza de esta página no se pudo leer.",
  fetch: "No se pudo obtener el documento.",
  worker: "La verificación se interrumpió. Vuelva a elegir el archivo.",
  "no-webcrypto": "Este navegador no ofrece criptografía segura (WebCrypto); abra la página por HTTPS."
}
const enError: Record<string, string> = {
  "not-a-pdf": "The file is not a PDF.",
  truncated: "The PDF is incomplete (truncated).",
  unreadable: "The PDF could not be read: its structure is damaged.",
  "too-large": "The file is too large to verify.",
  "bad-trust-anchor": "A trust anchor certificate of this page could not be read.",
  fetch: "The document could not be fetched.",
  worker: "The verification was interrupted. Choose the file again.",
  "no-webcrypto": "This browser offers no secure cryptography (WebCrypto); open the page over HTTPS."
}

/**
 * The texts of `<firma-verify>`.
 *
 * @since 0.2.0
 * @category i18n
 */
export const firmaVerifyStrings: Translations<Texts> = {
  "es-PE": {
    title: "Verificar firmas digitales de un PDF",
    pick: "Elegir un PDF",
    dropHint: "o arrástrelo aquí. El archivo no sale de su equipo.",
    dropHere: "Suelte el PDF aquí",
    reading: "Leyendo el documento…",
    verifying: "Verificando las firmas…",
    progressLabel: "Progreso de la verificación",
    verdict: (v) => esVerdict[v],
    advice: "No edite el PDF después de firmarlo: cualquier cambio que no sea otra firma lo invalida. Pida el documento original firmado.",
    signature: (n, of) => `Firma ${n} de ${of}`,
    field: "Campo",
    signer: "Firmante",
    noName: "(sin nombre)",
    entity: "Entidad (RUC)",
    dni: "DNI",
    date: "Fecha (hora de Lima)",
    undated: "no declarada",
    reason: "Motivo",
    algorithm: "Algoritmo",
    unknown: "desconocido",
    intact: "Firma íntegra",
    yes: "sí",
    no: "no",
    after: "Después de esta firma",
    noChanges: "el documento no cambió",
    onlySignatures: "solo se agregaron otras firmas",
    change: (k) => esChange[k],
    inRevision: (n) => ` (revisión ${n})`,
    finding: (f) => esFinding[f],
    encrypted: "El PDF está cifrado: los nombres de campos y motivos no se muestran.",
    error: (code) => esError[code] ?? esError.unreadable
  },
  en: {
    title: "Verify the digital signatures of a PDF",
    pick: "Choose a PDF",
    dropHint: "or drop it here. The file never leaves your computer.",
    dropHere: "Drop the PDF here",
    reading: "Reading the document…",
    verifying: "Verifying the signatures…",
    progressLabel: "Verification progress",
    verdict: (v) => enVerdict[v],
    advice: "Do not edit the PDF after signing it: any change other than another signature invalidates it. Ask for the original signed document.",
    signature: (n, of) => `Signature ${n} of ${of}`,
    field: "Field",
    signer: "Signer",
    noName: "(no name)",
    entity: "Entity (RUC)",
    dni: "DNI",
    date: "Date (Lima time)",
    undated: "not stated",
    reason: "Reason",
    algorithm: "Algorithm",
    unknown: "unknown",
    intact: "Signature intact",
    yes: "yes",
    no: "no",
    after: "After this signature",
    noChanges: "the document did not change",
    onlySignatures: "only further signatures were added",
    change: (k) => enChange[k],
    inRevision: (n) => ` (revision ${n})`,
    finding: (f) => enFinding[f],
    encrypted: "The PDF is encrypted: field names and reasons are not shown.",
    error: (code) => enError[code] ?? enError.unreadable
  }
}
