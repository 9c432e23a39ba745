import { Schema } from "effect"
import type { Locale } from "../i18n/locale.js"
import { type Catalog, type CatalogLeaf, defaultCauCatalog, findCatalogLeaf } from "./catalog.js"
import { ticketMessage } from "./messages.js"
import { checkPhone, phoneMessage } from "./phone.js"
import { checkTitulo, hasVisibleText, ticketTextLimits, tituloMessage } from "./text.js"

/**
 * The "Nueva incidencia / petición" form as typed: plain strings, nothing checked yet.
 * Attachments travel beside it (see `TicketService.createTicket`).
 *
 * @since 0.1.0
 * @category models
 */
export interface TicketDraftInput {
  readonly titulo: string
  /** Rich text (HTML) from the editor; sanitized by the service before it is stored. */
  readonly descripcion: string
  readonly tipo: string
  /** Id of a catalog leaf. */
  readonly categoria: string
  readonly telefono: string
  /** Id of the registered user the ticket is for ("Notificar en nombre de"); empty for oneself. */
  readonly onBehalfOf?: string | undefined
}

/**
 * The fields of the form, in form order.
 *
 * @since 0.1.0
 * @category models
 */
export type TicketDraftField = "titulo" | "descripcion" | "tipo" | "categoria" | "telefono" | "onBehalfOf" | "attachments"

/**
 * A form that passed the checks, normalised: título trimmed, the categoría resolved to its
 * leaf, the phone in display form.
 *
 * @since 0.1.0
 * @category models
 */
export interface TicketDraft {
  readonly titulo: string
  readonly descripcion: string
  readonly tipo: "Incidencia" | "Petición"
  readonly categoria: CatalogLeaf
  readonly telefono: string
  readonly onBehalfOf?: string
}

/**
 * @since 0.1.0
 * @category models
 */
export interface TicketFieldProblem {
  readonly field: TicketDraftField
  readonly message: string
}

/**
 * Checks one field of the form; the Spanish (or English) message, or `undefined` when fine.
 * Elements call it on input/blur for inline validation.
 *
 * @since 0.1.0
 * @category validation
 */
export const validateTicketField = (
  field: Exclude<TicketDraftField, "attachments">,
  value: string | undefined,
  options: { readonly catalog?: Catalog; readonly locale?: Locale } = {}
): string | undefined => {
  const locale = options.locale ?? "es-PE"
  const text = typeof value === "string" ? value : ""
  switch (field) {
    case "titulo": {
      const r = checkTitulo(text)
      return r.ok ? undefined : tituloMessage(r.reason, locale)
    }
    case "descripcion":
      if (!hasVisibleText(text)) return locale === "en" ? "Enter the description." : "Ingrese la descripción."
      if (text.length > ticketTextLimits.htmlMax) {
        return locale === "en" ? "The description is too long." : "La descripción es demasiado extensa."
      }
      return undefined
    case "tipo":
      return text === "Incidencia" || text === "Petición"
        ? undefined
        : locale === "en" ? "Choose Incidencia or Petición." : "Seleccione el tipo: Incidencia o Petición."
    case "categoria":
      return findCatalogLeaf(options.catalog ?? defaultCauCatalog, text) ? undefined : ticketMessage("unknown-category", undefined, locale)
    case "telefono": {
      const r = checkPhone(text)
      return r.ok ? undefined : phoneMessage(r.reason, locale)
    }
    case "onBehalfOf":
      return text.length > 64 ? ticketMessage("unknown-user", undefined, locale) : undefined
  }
}

/**
 * Checks the whole form. On success gives the normalised {@link TicketDraft}; otherwise
 * one problem per invalid field, in form order. Does not look users up: whether
 * `onBehalfOf` is registered is checked by the service against the Directory.
 *
 * @since 0.1.0
 * @category validation
 */
export const validateTicketDraft = (
  input: Partial<TicketDraftInput>,
  options: { readonly catalog?: Catalog; readonly locale?: Locale } = {}
): { readonly ok: true; readonly value: TicketDraft } | { readonly ok: false; readonly problems: ReadonlyArray<TicketFieldProblem> } => {
  const fields = ["titulo", "descripcion", "tipo", "categoria", "telefono", "onBehalfOf"] as const
  const problems: Array<TicketFieldProblem> = []
  for (const field of fields) {
    const message = validateTicketField(field, input[field] ?? undefined, options)
    if (message) problems.push({ field, message })
  }
  if (problems.length > 0) return { ok: false, problems }
  const titulo = checkTitulo(input.titulo!)
  const phone = checkPhone(input.telefono!)
  const leaf = findCatalogLeaf(options.catalog ?? defaultCauCatalog, input.categoria!)!
  const onBehalfOf = input.onBehalfOf?.trim()
  const value: TicketDraft = {
    titulo: titulo.ok ? titulo.value : "",
    descripcion: input.descripcion!,
    tipo: input.tipo as TicketDraft["tipo"],
    categoria: leaf,
    telefono: phone.ok ? phone.value.display : "",
    ...(onBehalfOf ? { onBehalfOf } : {})
  }
  return { ok: true, value }
}

const fieldCheck = (field: Exclude<TicketDraftField, "attachments">, catalog: Catalog) =>
  Schema.makeFilter((s: string) => validateTicketField(field, s, { catalog }))

/**
 * The form as a Schema (Spanish messages from the same rules), for backends that validate
 * request bodies and for Standard Schema consumers. Decoding checks, it does not normalise:
 * use {@link validateTicketDraft} for the normalised value.
 *
 * @since 0.1.0
 * @category schemas
 */
export const makeTicketDraftSchema = (catalog: Catalog = defaultCauCatalog) =>
  Schema.Struct({
    titulo: Schema.String.check(fieldCheck("titulo", catalog)),
    descripcion: Schema.String.check(fieldCheck("descripcion", catalog)),
    tipo: Schema.Literals(["Incidencia", "Petición"]),
    categoria: Schema.String.check(fieldCheck("categoria", catalog)),
    telefono: Schema.String.check(fieldCheck("telefono", catalog)),
    onBehalfOf: Schema.optional(Schema.String.check(fieldCheck("onBehalfOf", catalog)))
  })

/**
 * {@link makeTicketDraftSchema} over the default casilla catalog.
 *
 * @since 0.1.0
 * @category schemas
 */
export const TicketDraftSchema = makeTicketDraftSchema()
