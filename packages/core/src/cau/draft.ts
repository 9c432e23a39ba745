import { Schema } from "effect"
import type { Locale } from "../i18n/locale.js"
import { type Catalog, type CatalogLeaf, defaultCauCatalog, findCatalogLeaf } from "./catalog.js"
import type { TicketDraftFieldSchema, TicketFieldIssue } from "./errors.js"
import { cauFieldMessage } from "./messages.js"
import { TicketTipo } from "./model.js"
import { checkPhone } from "./phone.js"
import { checkTitulo, hasBadHtmlCharacters, hasVisibleText, ticketTextLimits } from "./text.js"

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
export type TicketDraftField = typeof TicketDraftFieldSchema.Type

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
  readonly tipo: TicketTipo
  readonly categoria: CatalogLeaf
  readonly telefono: string
  readonly onBehalfOf?: string
}

/**
 * One invalid field: `{ field, code, params? }` (see `TicketFieldIssue`).
 *
 * @since 0.1.0
 * @category models
 */
export type TicketFieldProblem = TicketFieldIssue

const isTipo = (s: string): s is TicketTipo => (TicketTipo.literals as ReadonlyArray<string>).includes(s)

/**
 * Checks one field of the form: the issue (a code and its parameters), or `undefined` when
 * fine. Elements call it on input/blur and render the issue with `cauFieldMessage`.
 *
 * @since 0.2.0
 * @category validation
 */
export const checkTicketField = (
  field: Exclude<TicketDraftField, "attachments">,
  value: string | undefined,
  options: { readonly catalog?: Catalog } = {}
): TicketFieldIssue | undefined => {
  const text = typeof value === "string" ? value : ""
  switch (field) {
    case "titulo": {
      const r = checkTitulo(text)
      return r.ok ? undefined : issue(field, r.reason, r.params)
    }
    case "descripcion":
      if (text.length > ticketTextLimits.htmlMax) return issue(field, "too-long", { max: ticketTextLimits.htmlMax })
      if (hasBadHtmlCharacters(text)) return issue(field, "bad-characters")
      return hasVisibleText(text) ? undefined : issue(field, "empty")
    case "tipo":
      return isTipo(text) ? undefined : issue(field, "unknown-tipo")
    case "categoria":
      return findCatalogLeaf(options.catalog ?? defaultCauCatalog, text) ? undefined : issue(field, "unknown-category")
    case "telefono": {
      const r = checkPhone(text)
      return r.ok ? undefined : issue(field, r.reason)
    }
    case "onBehalfOf":
      return text.length > 64 ? issue(field, "unknown-user") : undefined
  }
}

const issue = (
  field: TicketDraftField,
  code: TicketFieldIssue["code"],
  params?: Readonly<Record<string, number>>
): TicketFieldIssue => (params ? { field, code, params } : { field, code })

/**
 * Checks one field of the form; its message in `locale` (Spanish by default), or
 * `undefined` when fine.
 *
 * @since 0.1.0
 * @category validation
 */
export const validateTicketField = (
  field: Exclude<TicketDraftField, "attachments">,
  value: string | undefined,
  options: { readonly catalog?: Catalog; readonly locale?: Locale } = {}
): string | undefined => {
  const found = checkTicketField(field, value, options)
  return found && cauFieldMessage(found, options.locale)
}

/**
 * Checks the whole form. On success gives the normalised {@link TicketDraft}; otherwise
 * one issue (`{ field, code, params? }`) per invalid field, in form order. Does not look users up: whether
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
    const found = checkTicketField(field, input[field] ?? undefined, options)
    if (found) problems.push(found)
  }
  if (problems.length > 0) return { ok: false, problems }
  const titulo = checkTitulo(input.titulo!)
  const phone = checkPhone(input.telefono!)
  const leaf = findCatalogLeaf(options.catalog ?? defaultCauCatalog, input.categoria!)!
  const onBehalfOf = input.onBehalfOf?.trim()
  const value: TicketDraft = {
    titulo: titulo.ok ? titulo.value : "",
    descripcion: input.descripcion!,
    tipo: input.tipo as TicketTipo,
    categoria: leaf,
    telefono: phone.ok ? phone.value.display : "",
    ...(onBehalfOf ? { onBehalfOf } : {})
  }
  return { ok: true, value }
}

// Standard Schema consumers read a message: the es-PE rendering of the issue's code.
const fieldCheck = (field: Exclude<TicketDraftField, "attachments">, catalog: Catalog) =>
  Schema.makeFilter((s: string) => validateTicketField(field, s, { catalog }))

/**
 * The form as a Schema (es-PE messages from the same rules and catalogue), for backends that validate
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
    tipo: TicketTipo,
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
