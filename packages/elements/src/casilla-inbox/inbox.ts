import { html, LitElement, type PropertyValues } from "lit"
import { property, state } from "lit/decorators.js"
import { ContextConsumer } from "@lit/context"
import * as Effect from "effect/Effect"
import type { Actor } from "@ecasilla/core"
import { casillaErrorMessage, CasillaService, type Notification, type NotificationDocument, type NotificationQuery } from "@ecasilla/core/casilla"
import { actorContext } from "../context/contexts.js"
import { LocalizeController } from "../controllers/localize.js"
import { RuntimeController } from "../controllers/runtime-controller.js"
import { casillaStyles } from "../casilla/casilla.styles.js"
import { DocumentDownloadedEvent, NotificationOpenedEvent } from "../events/casilla-events.js"
import { limaDateTime, renderDetail } from "./inbox-detail.js"
import { casillaInboxStrings } from "./inbox.strings.js"
import { inboxStyles } from "./inbox.styles.js"

/**
 * What `<casilla-inbox>` does with a document's bytes: by default a PDF opens in a new tab
 * or downloads; a page may show it in its own viewer instead.
 *
 * @since 0.2.0
 * @category casilla
 */
export type CasillaFileHandler = (bytes: Uint8Array, name: string, mode: "open" | "download") => void

const defaultFileHandler: CasillaFileHandler = (bytes, name, mode) => {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: "application/pdf" }))
  if (mode === "open") window.open(url, "_blank", "noopener")
  else {
    const a = document.createElement("a")
    a.href = url
    a.download = name
    a.click()
  }
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

type Estado = "" | "unread" | "read"

interface FirstPage {
  readonly items: ReadonlyArray<Notification>
  readonly unread: number
}

/** Lima midnight of a `YYYY-MM-DD` date as an ISO instant (Peru has no daylight saving). */
const limaMidnight = (date: string, plusDays = 0): string => new Date(Date.parse(`${date}T05:00:00.000Z`) + plusDays * 86_400_000).toISOString()

const OVERSCAN = 6

/**
 * The receptor's casilla: the notifications deposited for the signed-in receptor, newest
 * first, in a virtualized list (only the rows in view are in the DOM) with unread state,
 * search and filters by fecha, emisor and estado. Opening one shows its cédula, the deposit
 * date as the legal notification date, and its documents with the firma verdict found at
 * deposit; the first open marks it read with the reading date. Given `trustAnchors`, each
 * document also gets "Verificar firma", which shows its verification in the browser with
 * `<firma-verify>` (loaded on that first click, never up front). Everything is read and
 * written through `CasillaService`, so it works offline on the Dexie adapters. In the list, Up,
 * Down, Home and End move between notifications, including those not rendered yet.
 *
 * @tag casilla-inbox
 * @summary The receptor's inbox of electronic notifications.
 *
 * @event {NotificationOpenedEvent} casilla-notification-open - The user opened a notification; `detail` is it after opening.
 * @event {DocumentDownloadedEvent} casilla-document-download - The user opened or downloaded a document.
 *
 * @csspart filters - The search and filter form.
 * @csspart list - The scrolling list of notifications.
 * @csspart detail - The open notification.
 *
 * @cssproperty --casilla-inbox-height - Height of the list (default 28rem).
 * @cssproperty --casilla-font - Font.
 * @cssproperty --casilla-text-color - Text colour.
 * @cssproperty --casilla-primary-color - Buttons, focus ring, unread marks.
 * @cssproperty --casilla-error-color - Errors and failed verdicts.
 * @cssproperty --casilla-border-color - Field borders.
 * @cssproperty --casilla-border-radius - Corner radius.
 * @cssproperty --casilla-surface-color - Background of fields and the list.
 *
 * @since 0.2.0
 * @category casilla
 */
export class CasillaInbox extends LitElement {
  static override styles = [casillaStyles, inboxStyles]

  /** How many notifications each read brings. */
  @property({ type: Number, attribute: "page-size" }) pageSize = 50
  /** Height of one row in pixels (the virtual list places rows by it). */
  @property({ type: Number, attribute: "row-height" }) rowHeight = 64
  /** What to do with a document's bytes (default: open in a tab, or download). */
  @property({ attribute: false }) fileHandler: CasillaFileHandler = defaultFileHandler
  /**
   * The deployment's trust anchors (root certificates, PEM or DER). Given, each document can be
   * verified again in the browser with `<firma-verify>`; else the verdict stored at deposit shows alone.
   */
  @property({ attribute: false }) trustAnchors: ReadonlyArray<Uint8Array> = []

  @state() private text = ""
  @state() private estado: Estado = ""
  @state() private emisorId = ""
  @state() private from = ""
  @state() private to = ""
  @state() private reloads = 0
  @state() private listScroll = 0
  @state() private viewportHeight = 448
  @state() private selected: Notification | undefined
  @state() private verifying: ReadonlyMap<string, Blob> = new Map()
  @state() private error = ""
  @state() private more: { readonly base: FirstPage; readonly items: ReadonlyArray<Notification>; readonly done: boolean } | undefined
  @state() private patched = new Map<string, { readonly before: Notification; readonly after: Notification }>()
  private loadingMore = false
  private readonly emisores = new Map<string, string>()
  private resize: ResizeObserver | undefined

  /** @internal */
  readonly i18n = new LocalizeController(this, casillaInboxStrings)
  private readonly actor = new ContextConsumer(this, { context: actorContext, subscribe: true })
  private readonly runtime = new RuntimeController<CasillaService>(this, [CasillaService])
  private readonly firstPage = this.runtime.query({
    // Primitive args: the task compares them one by one to decide whether to read again.
    args: () => [this.actor.value, this.text, this.estado, this.emisorId, this.from, this.to, this.pageSize, this.reloads] as const,
    run: ([actor]) =>
      Effect.gen({ self: this }, function*() {
        if (!actor) return { items: [], unread: 0 } satisfies FirstPage
        const query = this.query()
        const s = yield* Effect.service(CasillaService)
        // No count of the filtered list: over 100,000 rows it would cost a full scan.
        const [items, unread] = yield* Effect.all([
          s.listNotifications(actor, { ...query, scope: "receptor" }),
          s.countNotifications(actor, { unread: true, scope: "receptor" })
        ], { concurrency: "unbounded" })
        return { items, unread } satisfies FirstPage
      })
  })
  private readonly openCommand = this.runtime.command((actor: Actor, id: string) =>
    Effect.flatMap(Effect.service(CasillaService), (s) => s.openNotification(actor, id)))
  private readonly downloadCommand = this.runtime.command((actor: Actor, id: string, documentId: string) =>
    Effect.flatMap(Effect.service(CasillaService), (s) => s.downloadDocument(actor, id, documentId)))
  private readonly constanciaCommand = this.runtime.command((actor: Actor, id: string) =>
    Effect.flatMap(Effect.service(CasillaService), (s) => s.getConstancia(actor, id)))

  private query(): NotificationQuery {
    return {
      limit: this.pageSize,
      ...(this.text.trim() ? { text: this.text } : {}),
      ...(this.estado ? { unread: this.estado === "unread" } : {}),
      ...(this.emisorId ? { emisorId: this.emisorId } : {}),
      ...(this.from ? { from: limaMidnight(this.from) } : {}),
      ...(this.to ? { to: limaMidnight(this.to, 1) } : {})
    }
  }

  /** The notifications loaded so far, in order, with the changes this element made. */
  get notifications(): ReadonlyArray<Notification> {
    const base = this.firstPage.value
    if (!base) return []
    const more = this.more?.base === base ? this.more.items : []
    return [...base.items, ...more].map((n) => this.patched.get(n.id)?.after ?? n)
  }

  /** How many unread notifications the receptor has. */
  get unreadCount(): number {
    const base = this.firstPage.value?.unread ?? 0
    let opened = 0
    for (const { before, after } of this.patched.values()) if (before.state === "Depositada" && after.state !== "Depositada") opened++
    return Math.max(0, base - opened)
  }

  /** Loads the list again (after a new deposit, say). */
  reload(): void {
    this.patched = new Map()
    this.reloads++
  }

  override firstUpdated(): void {
    const viewport = this.renderRoot.querySelector<HTMLElement>(".viewport")
    if (viewport && typeof ResizeObserver !== "undefined") {
      this.resize = new ResizeObserver(() => {
        this.viewportHeight = viewport.clientHeight || this.viewportHeight
      })
      this.resize.observe(viewport)
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    this.resize?.disconnect()
    this.resize = undefined
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed)
    for (const n of this.notifications) this.emisores.set(n.emisor.id, n.emisor.name)
    this.maybeLoadMore()
  }

  /** Reads the next page when the rows in view come near the end of what is loaded. */
  private maybeLoadMore(): void {
    const base = this.firstPage.value
    const actor = this.actor.value
    if (!base || !actor || this.loadingMore || this.selected) return
    const current = this.more?.base === base ? this.more : { base, items: [], done: base.items.length < this.pageSize }
    if (current.done) return
    const loaded = base.items.length + current.items.length
    const lastInView = Math.ceil((this.listScroll + this.viewportHeight) / this.rowHeight)
    if (lastInView + OVERSCAN * 2 < loaded) return
    const last = current.items.at(-1) ?? base.items.at(-1)
    if (!last) return
    this.loadingMore = true
    const after = { date: last.depositedAt ?? last.createdAt, id: last.id }
    void this.runtime.run(Effect.flatMap(Effect.service(CasillaService), (s) => s.listNotifications(actor, { ...this.query(), after, scope: "receptor" })))
      .then((outcome) => {
        this.loadingMore = false
        if (this.firstPage.value !== base) return
        if (!outcome.ok) {
          this.error = this.messageOf(outcome.error)
          return
        }
        this.more = { base, items: [...current.items, ...outcome.value], done: outcome.value.length < this.pageSize }
      })
  }

  private messageOf(error: unknown): string {
    return casillaErrorMessage(error, this.i18n.locale) ?? this.i18n.term("failed")
  }

  private patch(before: Notification, after: Notification): void {
    const old = this.patched.get(after.id)?.before ?? before
    this.patched = new Map(this.patched).set(after.id, { before: old, after })
    if (this.selected?.id === after.id) this.selected = after
  }

  private async open(n: Notification): Promise<void> {
    const actor = this.actor.value
    if (!actor) return
    this.error = ""
    const outcome = await this.openCommand.run(actor, n.id)
    if (!outcome) return
    if (!outcome.ok) {
      this.error = this.messageOf(outcome.error)
      return
    }
    this.patch(n, outcome.value)
    this.selected = outcome.value
    this.dispatchEvent(new NotificationOpenedEvent(outcome.value))
    await this.updateComplete
    this.renderRoot.querySelector<HTMLElement>("#detail-title")?.focus()
  }

  private async download(n: Notification, d: NotificationDocument, mode: "open" | "download"): Promise<void> {
    const actor = this.actor.value
    if (!actor) return
    this.error = ""
    const outcome = await this.downloadCommand.run(actor, n.id, d.id)
    if (!outcome) return
    if (!outcome.ok) {
      this.error = this.messageOf(outcome.error)
      return
    }
    this.patch(n, outcome.value.notification)
    this.fileHandler(outcome.value.bytes, d.name, mode)
    this.dispatchEvent(new DocumentDownloadedEvent(outcome.value.notification, d))
  }

  // Verifying needs the document's bytes, so it is a download (recorded as one) by the user's
  // own click; the verifier is imported then, keeping it out of the inbox's first load.
  private async verify(n: Notification, d: NotificationDocument): Promise<void> {
    const actor = this.actor.value
    if (!actor) return
    this.error = ""
    const [, outcome] = await Promise.all([import("../define/firma-verify.js"), this.downloadCommand.run(actor, n.id, d.id)])
    if (!outcome) return
    if (!outcome.ok) {
      this.error = this.messageOf(outcome.error)
      return
    }
    this.patch(n, outcome.value.notification)
    this.verifying = new Map(this.verifying).set(d.id, new Blob([outcome.value.bytes as Uint8Array<ArrayBuffer>], { type: "application/pdf" }))
    this.dispatchEvent(new DocumentDownloadedEvent(outcome.value.notification, d))
  }

  private async constancia(n: Notification): Promise<void> {
    const actor = this.actor.value
    if (!actor) return
    const outcome = await this.constanciaCommand.run(actor, n.id)
    if (!outcome) return
    if (!outcome.ok) this.error = this.messageOf(outcome.error)
    else this.fileHandler(outcome.value.pdf, `constancia-${n.cedula.numero}.pdf`, "download")
  }

  private back(): void {
    const id = this.selected?.id
    this.selected = undefined
    this.verifying = new Map()
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`[data-id="${id}"]`)?.focus())
  }

  override render() {
    const t = this.i18n.term.bind(this.i18n)
    if (!this.actor.value) return html`<p>${t("signIn")}</p>`
    const busy = this.openCommand.running || this.downloadCommand.running || this.constanciaCommand.running
    return html`
      <h2>${t("title")}</h2>
      <p class="status" role="status">${t("unreadCount", this.unreadCount)}</p>
      <p class="error" role="alert">${this.error}</p>
      ${this.selected
        ? renderDetail(this.i18n, this.selected, {
          back: () => this.back(),
          download: (n, d, mode) => void this.download(n, d, mode),
          constancia: (n) => void this.constancia(n),
          ...(this.trustAnchors.length > 0 ? { verify: (n: Notification, d: NotificationDocument) => void this.verify(n, d) } : {}),
          verifying: this.verifying,
          trustAnchors: this.trustAnchors,
          busy
        })
        : html`${this.renderFilters()}${this.renderList()}`}
    `
  }

  private renderFilters() {
    const t = this.i18n.term.bind(this.i18n)
    const value = (e: Event) => (e.target as HTMLInputElement | HTMLSelectElement).value
    return html`
      <form class="filters" part="filters" role="search" @submit=${(e: Event) => e.preventDefault()}>
        <div class="field">
          <label for="q">${t("search")}</label>
          <input id="q" type="search" .value=${this.text} title=${t("searchHint")} @input=${(e: Event) => { this.text = value(e); this.scrollToTop() }} />
        </div>
        <div class="field">
          <label for="estado">${t("estado")}</label>
          <select id="estado" .value=${this.estado} @change=${(e: Event) => { this.estado = value(e) as Estado; this.scrollToTop() }}>
            <option value="">${t("estadoAll")}</option>
            <option value="unread">${t("estadoUnread")}</option>
            <option value="read">${t("estadoRead")}</option>
          </select>
        </div>
        <div class="field">
          <label for="emisor">${t("emisor")}</label>
          <select id="emisor" .value=${this.emisorId} @change=${(e: Event) => { this.emisorId = value(e); this.scrollToTop() }}>
            <option value="">${t("emisorAll")}</option>
            ${[...this.emisores].map(([id, name]) => html`<option value=${id} ?selected=${id === this.emisorId}>${name}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="from">${t("from")}</label>
          <input id="from" type="date" .value=${this.from} @change=${(e: Event) => { this.from = value(e); this.scrollToTop() }} />
        </div>
        <div class="field">
          <label for="to">${t("to")}</label>
          <input id="to" type="date" .value=${this.to} @change=${(e: Event) => { this.to = value(e); this.scrollToTop() }} />
        </div>
      </form>
    `
  }

  private scrollToTop(): void {
    this.listScroll = 0
    const viewport = this.renderRoot.querySelector<HTMLElement>(".viewport")
    if (viewport) viewport.scrollTop = 0
  }

  /** Up/Down/Home/End move between rows, scrolling rows that are not rendered into view. */
  private async onListKey(e: KeyboardEvent): Promise<void> {
    const items = this.notifications
    const current = items.findIndex((n) => n.id === (e.target as HTMLElement).dataset.id)
    if (current === -1) return
    const target = e.key === "ArrowDown" ? current + 1 : e.key === "ArrowUp" ? current - 1 : e.key === "Home" ? 0 : e.key === "End" ? items.length - 1 : -2
    if (target === -2) return
    e.preventDefault()
    const index = Math.max(0, Math.min(items.length - 1, target))
    const viewport = this.renderRoot.querySelector<HTMLElement>(".viewport")
    if (viewport) {
      const top = index * this.rowHeight
      if (top < viewport.scrollTop) viewport.scrollTop = top
      else if (top + this.rowHeight > viewport.scrollTop + viewport.clientHeight) viewport.scrollTop = top + this.rowHeight - viewport.clientHeight
      this.listScroll = viewport.scrollTop
    }
    await this.updateComplete
    this.renderRoot.querySelector<HTMLElement>(`[data-id="${items[index].id}"]`)?.focus()
  }

  private renderList() {
    const t = this.i18n.term.bind(this.i18n)
    const items = this.notifications
    const base = this.firstPage.value
    const complete = base !== undefined && (this.more?.base === base ? this.more.done : base.items.length < this.pageSize)
    // The size is known once every page is loaded; until then ARIA's "unknown" (-1).
    const total = complete ? items.length : -1
    const rh = this.rowHeight
    const first = Math.max(0, Math.floor(this.listScroll / rh) - OVERSCAN)
    const count = Math.ceil(this.viewportHeight / rh) + OVERSCAN * 2
    const visible = items.slice(first, first + count)
    return html`
      <div class="viewport" part="list" @scroll=${(e: Event) => { this.listScroll = (e.target as HTMLElement).scrollTop }}>
        ${items.length === 0
          ? html`<p class="empty">${this.firstPage.pending ? t("loading") : t("empty")}</p>`
          : html`<ul class="rows" aria-label=${t("list")} style="height:${items.length * rh}px" @keydown=${(e: KeyboardEvent) => void this.onListKey(e)}>
            ${visible.map((n, i) => {
              const unread = n.state === "Depositada"
              return html`<li style="top:${(first + i) * rh}px;height:${rh}px" aria-setsize=${total} aria-posinset=${first + i + 1}>
                <button type="button" class="row ${unread ? "unread" : ""}" data-id=${n.id} @click=${() => void this.open(n)}>
                  <span class="asunto">${n.cedula.numero} · ${n.cedula.asunto}</span>
                  <span class="badge">${unread ? t("unread") : t("read")}</span>
                  <span class="meta">${n.emisor.name}</span>
                  <span class="meta">${t("notifiedOn")} ${n.depositedAt ? limaDateTime(this.i18n, n.depositedAt) : ""}</span>
                </button>
              </li>`
            })}
          </ul>`}
      </div>
    `
  }
}

