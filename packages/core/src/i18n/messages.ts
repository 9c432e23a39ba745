import { defaultLocale, type Locale } from "./locale.js"

/*
 * One registry of user-facing messages, keyed by domain (`cau`, `identity`, `firma`…), locale
 * and code. Errors carry codes and parameters; this turns them into sentences at the edge
 * (element, HTTP handler, CLI), in the reader's language. Each domain registers its
 * catalogue when its module loads; a deployment registers again to add or override strings
 * (the `registerTranslation` pattern of Shoelace and Lion).
 */

/**
 * The parameters a message is rendered with: the fields of the error or issue.
 *
 * @since 0.2.0
 * @category i18n
 */
export type MessageParams = Readonly<Record<string, unknown>>

/**
 * A message: text with `{name}` placeholders filled from the parameters, or a function of
 * them (plurals, sizes, nested issues).
 *
 * @since 0.2.0
 * @category i18n
 */
export type MessageTemplate = string | ((params: MessageParams, locale: Locale) => string)

/**
 * The messages of one domain in one locale, by code. Codes of errors are
 * `<ErrorName>.<reason>` (`TicketError.wrong-state`) or `<ErrorName>` for every reason;
 * codes of field issues are `field.<field>.<code>` or `field.<code>`.
 *
 * @since 0.2.0
 * @category i18n
 */
export type MessageCatalogue = Readonly<Record<string, MessageTemplate>>

/**
 * One invalid field of a form: which field, a code, and the parameters of its message
 * (`{ field: "titulo", code: "too-long", params: { max: 150 } }`).
 *
 * @since 0.2.0
 * @category i18n
 */
export interface FieldIssue {
  readonly field: string
  readonly code: string
  readonly params?: Readonly<Record<string, string | number>> | undefined
}

const registry = new Map<string, Map<Locale, Record<string, MessageTemplate>>>()

/**
 * Adds messages of a domain for a locale; a code registered before is replaced, so a
 * deployment can reword any message after the domain module has loaded.
 *
 * @since 0.2.0
 * @category i18n
 */
export const registerMessages = (domain: string, locale: Locale, catalogue: MessageCatalogue): void => {
  let locales = registry.get(domain)
  if (!locales) registry.set(domain, locales = new Map())
  locales.set(locale, { ...locales.get(locale), ...catalogue })
}

/**
 * The codes a domain has messages for in a locale (what a deployment can override, and what
 * a completeness test compares across locales).
 *
 * @since 0.2.0
 * @category i18n
 */
export const messageCodes = (domain: string, locale: Locale): ReadonlyArray<string> =>
  Object.keys(registry.get(domain)?.get(locale) ?? {})

const PLACEHOLDER = /\{(\w+)\}/g

const render = (template: MessageTemplate, params: MessageParams, locale: Locale): string =>
  typeof template === "function"
    ? template(params, locale)
    : template.replace(PLACEHOLDER, (whole, name: string) => (params[name] === undefined ? whole : String(params[name])))

const lookup = (domain: string, code: string, locale: Locale): MessageTemplate | undefined =>
  registry.get(domain)?.get(locale)?.[code] ?? registry.get(domain)?.get(defaultLocale)?.[code]

/**
 * The message of a code of a domain, in `locale` (falling back to es-PE), or `undefined`
 * when no catalogue has it.
 *
 * @since 0.2.0
 * @category i18n
 */
export const formatMessage = (
  domain: string,
  codes: string | ReadonlyArray<string>,
  params: MessageParams = {},
  locale: Locale = defaultLocale
): string | undefined => {
  for (const code of typeof codes === "string" ? [codes] : codes) {
    const template = lookup(domain, code, locale)
    if (template !== undefined) return render(template, params, locale)
  }
  return undefined
}

/**
 * The message of a field issue of a domain's form.
 *
 * @since 0.2.0
 * @category i18n
 */
export const fieldIssueMessage = (domain: string, issue: FieldIssue, locale: Locale = defaultLocale): string =>
  formatMessage(domain, [`field.${issue.field}.${issue.code}`, `field.${issue.code}`], issue.params ?? {}, locale) ?? issue.code

const TAG = /^@ecasilla\/core\/([\w-]+)\/(\w+)$/

/**
 * The message for a tagged error of any registered domain, from its `_tag`, `reason` and
 * fields: a decoded error instance or the plain object that crossed HTTP as JSON. Spanish
 * (es-PE) by default. `undefined` for anything else (a defect): show a generic text then,
 * never the error's internals.
 *
 * @since 0.2.0
 * @category i18n
 */
export const errorMessage = (error: unknown, locale: Locale = defaultLocale): string | undefined => {
  if (typeof error !== "object" || error === null) return undefined
  const tag = (error as { readonly _tag?: unknown })._tag
  const m = typeof tag === "string" ? TAG.exec(tag) : null
  if (!m) return undefined
  const [, domain, name] = m
  const params = error as MessageParams
  const reason = typeof params.reason === "string" ? params.reason : undefined
  return formatMessage(domain, reason === undefined ? [name] : [`${name}.${reason}`, name], params, locale)
}
