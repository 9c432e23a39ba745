// The detail of one notification in <casilla-inbox>: the cédula, the legal (deposit) date,
// the documents with their stored firma verdict (and, where the page gives trust anchors,
// their verification again in the browser by <firma-verify>), and the constancia.
import { html, nothing, type TemplateResult } from "lit"
import { notificationDeadline, type Notification, type NotificationDocument } from "@ecasilla/core/casilla"
import type { LocalizeController } from "../controllers/localize.js"
import type { casillaInboxStrings } from "./inbox.strings.js"

type I18n = LocalizeController<typeof casillaInboxStrings["es-PE"]>

/** An instant as Lima date and time in the page's locale. */
export const limaDateTime = (i18n: Pick<I18n, "date">, iso: string): string =>
  i18n.date(new Date(iso), { timeZone: "America/Lima", dateStyle: "medium", timeStyle: "medium" })

const limaDay = (i18n: I18n, date: string): string => i18n.date(new Date(`${date}T12:00:00Z`), { timeZone: "UTC", dateStyle: "long" })

export interface DetailHandlers {
  readonly back: () => void
  readonly download: (n: Notification, d: NotificationDocument, mode: "open" | "download") => void
  readonly constancia: (n: Notification) => void
  /** Set when the page gave trust anchors: verify a document in the browser. */
  readonly verify?: (n: Notification, d: NotificationDocument) => void
  /** The documents being verified (by id): their bytes, for <firma-verify>. */
  readonly verifying: ReadonlyMap<string, Blob>
  readonly trustAnchors: ReadonlyArray<Uint8Array>
  readonly busy: boolean
}

export const renderDetail = (i18n: I18n, n: Notification, h: DetailHandlers): TemplateResult => {
  const t = i18n.term.bind(i18n)
  const deadline = notificationDeadline(n)
  const downloads = (d: NotificationDocument) => n.downloads.filter((x) => x.documentId === d.id).length
  return html`
    <section class="detail" part="detail" aria-labelledby="detail-title">
      <button type="button" class="link" @click=${h.back}>${t("back")}</button>
      <h3 id="detail-title">${t("cedula")} ${n.cedula.numero}</h3>
      <dl>
        <dt>${t("emisor")}</dt><dd>${n.emisor.name}</dd>
        <dt>${t("asunto")}</dt><dd>${n.cedula.asunto}</dd>
        ${n.cedula.expediente ? html`<dt>${t("expediente")}</dt><dd>${n.cedula.expediente}</dd>` : nothing}
        <dt>${t("legalDate")}</dt><dd class="legal">${n.depositedAt ? limaDateTime(i18n, n.depositedAt) : ""}</dd>
        ${n.readAt ? html`<dt>${t("readAt")}</dt><dd>${limaDateTime(i18n, n.readAt)}</dd>` : nothing}
        ${deadline && n.cedula.plazoDiasHabiles ? html`<dt>${t("deadline", n.cedula.plazoDiasHabiles)}</dt><dd>${limaDay(i18n, deadline)}</dd>` : nothing}
      </dl>
      <p class="hint">${t("legalNote")}</p>
      <h4>${t("documents")}</h4>
      <ul class="docs">
        ${n.documents.map((d) => {
          const verdict = d.verification?.verdict
          return html`<li>
            <span class="name">${d.name}</span>
            ${verdict
              ? html`<span class="verdict-${verdict}">${t(`verdict_${verdict}`)}<span class="hint"> (${t("verifiedOn")})</span></span>`
              : nothing}
            ${downloads(d) > 0 ? html`<span class="hint">${t("downloads", downloads(d))}</span>` : nothing}
            <button type="button" ?disabled=${h.busy} aria-label=${t("openOf", d.name)} @click=${() => h.download(n, d, "open")}>${t("openDoc")}</button>
            <button type="button" ?disabled=${h.busy} aria-label=${t("downloadOf", d.name)} @click=${() => h.download(n, d, "download")}>${t("download")}</button>
            ${h.verify && !h.verifying.has(d.id)
              ? html`<button type="button" ?disabled=${h.busy} aria-label=${t("verifyOf", d.name)} @click=${() => h.verify?.(n, d)}>${t("verifyDoc")}</button>`
              : nothing}
            ${h.verifying.has(d.id) ? html`<firma-verify class="verify" .trustAnchors=${h.trustAnchors} .file=${h.verifying.get(d.id)}></firma-verify>` : nothing}
          </li>`
        })}
      </ul>
      ${n.constancia ? html`<button type="button" ?disabled=${h.busy} @click=${() => h.constancia(n)}>${t("constancia")}</button>` : nothing}
    </section>
  `
}
