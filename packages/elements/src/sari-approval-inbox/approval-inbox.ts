import { css, html, LitElement, nothing, type PropertyValues } from "lit"
import { property, state } from "lit/decorators.js"
import { ContextConsumer } from "@lit/context"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import type { Actor } from "@ecasilla/core"
import { foldForSearch } from "@ecasilla/core/ports"
import { type AccessSystem, grantableRoles } from "@ecasilla/core/roles"
import { accessSystemName, availableSariActions, type BulkApprovalItem, type SariAction, type SariRequest, SariService, type SariState, sariStateName } from "@ecasilla/core/sari"
import { actorContext } from "../context/contexts.js"
import { LocalizeController } from "../controllers/localize.js"
import { SariRequestChangedEvent } from "../events/sari-events.js"
import { RuntimeController } from "../controllers/runtime-controller.js"
import { sariStrings, sariUserMessage } from "../sari/sari.strings.js"
import { sariStyles } from "../sari/sari.styles.js"
import { renderRequestDetail } from "./request-detail.js"

/** Height of one row in pixels: the list is windowed on it. */
const ROW = 48
/** Rows rendered above and below the visible ones. */
const OVERSCAN = 6
const STATES: ReadonlyArray<SariState> = ["Borrador", "Enviada", "Aprobada", "Rechazada", "Anulada"]

const searchKey = (r: SariRequest) => foldForSearch(`${r.number} ${r.collaborator.name} ${r.collaborator.dni} ${r.requester.name}`)

/**
 * The SARI bandeja. As an approver (`view="approver"`, the default) it lists the requests
 * of the approver's unit that they may decide (`SariService.listRequests` with the
 * `inbox` view: never their own or one about themselves), Enviada by default; as an
 * operator (`view="operator"`) it lists the operator's own requests in every state.
 *
 * Filter by state and system, search by number, colleague, DNI or requester. The list is
 * windowed: only the rows in view (plus a few) are in the DOM, so a bandeja of thousands
 * stays light. Opening a row shows the detail with the role diff and only the actions
 * `availableSariActions` allows: approve, reject with a reason; for the operator, send a
 * Borrador or withdraw it. Approvers can
 * select several Enviada requests and approve them in one go (each its own commit).
 *
 * @tag sari-approval-inbox
 * @summary The SARI bandeja: approvers decide their unit's requests, operators follow theirs.
 *
 * @event {SariRequestChangedEvent} sari-request-changed - The user approved, rejected, sent or withdrew a request; `detail` is the request after it.
 *
 * @csspart filters - The filter bar.
 * @csspart list - The scrolling list of requests.
 * @csspart detail - The open request.
 *
 * @cssproperty --sari-inbox-height - Height of the scrolling list (default 24rem).
 * @cssproperty --sari-primary-color - Buttons, focus rings.
 *
 * @since 0.2.0
 * @category elements
 */
export class SariApprovalInbox extends LitElement {
  static override styles = [
    sariStyles,
    css`
      .viewport { height: var(--sari-inbox-height, 24rem); overflow-y: auto; border: 1px solid #d1d5db; border-radius: var(--_radius); position: relative; }
      .list { position: relative; margin: 0; padding: 0; list-style: none; }
      .list > li { position: absolute; inset-inline: 0; height: ${ROW}px; display: flex; align-items: center; gap: 0.5rem; padding-inline: 0.5rem; border-bottom: 1px solid #f3f4f6; }
      .list > li > button.open { flex: 1; justify-content: space-between; border: none; text-align: start; min-width: 0; overflow: hidden; white-space: nowrap; }
      .list > li[aria-current="true"] { background: #e0ecf8; }
      .detail { margin-block-start: 1rem; border: 1px solid #d1d5db; border-radius: var(--_radius); padding: 0.75rem 1rem; }
      dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; }
      dt { font-weight: 600; } dd { margin: 0; }
    `
  ]

  /** Whose bandeja: `approver` (decide the unit's requests) or `operator` (one's own requests). */
  @property({ reflect: true }) view: "approver" | "operator" = "approver"

  private readonly i18n = new LocalizeController(this, sariStrings)
  private readonly actor = new ContextConsumer(this, { context: actorContext, subscribe: true })
  private readonly runtime = new RuntimeController(this, [SariService])

  @state() private stateFilter: SariState | "" = "Enviada"
  @state() private systemFilter: AccessSystem | "" = ""
  @state() private search = ""
  @state() private reload = 0
  @state() private listScroll = 0
  @state() private viewportHeight = 384
  @state() private openId: string | undefined
  @state() private selected: ReadonlySet<string> = new Set()
  @state() private rejecting = false
  @state() private message = ""
  @state() private failure = ""
  private keys = new WeakMap<SariRequest, string>()
  private memo: { all: unknown; q: string; system: string; rows: ReadonlyArray<SariRequest> } | undefined

  /** The loaded requests after the system filter and the search, recomputed only when one of them changed. */
  private get visible(): ReadonlyArray<SariRequest> {
    const all = this.list.value ?? []
    const q = foldForSearch(this.search)
    const m = this.memo
    if (m && m.all === all && m.q === q && m.system === this.systemFilter) return m.rows
    const rows = all.filter((r) => {
      if (this.systemFilter && r.system !== this.systemFilter) return false
      if (!q) return true
      let key = this.keys.get(r)
      if (key === undefined) this.keys.set(r, (key = searchKey(r)))
      return key.includes(q)
    })
    this.memo = { all, q, system: this.systemFilter, rows }
    return rows
  }
  private focusIndex: number | undefined
  private focusDetail = false

  private readonly list = this.runtime.query({
    args: () => [this.actor.value, this.view, this.stateFilter, this.reload] as const,
    run: ([actor, view, st]) =>
      actor === undefined
        ? Effect.succeed([] as ReadonlyArray<SariRequest>)
        : Effect.flatMap(SariService, (s) => s.listRequests(actor, { view: view === "operator" ? "mine" : "inbox", ...(st ? { states: [st] } : view === "operator" ? {} : { states: STATES }) }))
  })

  private readonly trail = this.runtime.query({
    args: () => [this.actor.value, this.openId, this.reload] as const,
    run: ([actor, id]) => (actor === undefined || id === undefined ? Effect.succeed([]) : Effect.flatMap(SariService, (s) => s.auditTrail(actor, id)))
  })

  private readonly act = this.runtime.command((actor: Actor, action: SariAction, ids: ReadonlyArray<string>, reason: string) =>
    Effect.flatMap(SariService, (s) =>
      action === "approve"
        ? s.approveRequests(actor, ids)
        : Effect.map(action === "reject" ? s.rejectRequest(actor, ids[0], { reason }) : action === "send" ? s.sendRequest(actor, ids[0]) : s.withdrawRequest(actor, ids[0]), (r): ReadonlyArray<BulkApprovalItem> => [{ requestId: r.id, result: Result.succeed(r) }])))

  override willUpdate(changed: PropertyValues<this>): void {
    // Each bandeja opens on what matters to it: approvers on Enviada, operators on everything.
    if (changed.has("view")) this.stateFilter = this.view === "operator" ? "" : "Enviada"
  }

  /** Reads the list again (the provider's storage may have changed under it). */
  refresh(): void {
    this.reload++
  }

  private readonly onSaved = () => this.refresh()
  private resize: ResizeObserver | undefined

  override connectedCallback(): void {
    super.connectedCallback()
    // A request sent from a form on the same page shows up at once.
    window.addEventListener("sari-request-saved", this.onSaved)
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    window.removeEventListener("sari-request-saved", this.onSaved)
    this.resize?.disconnect()
    this.resize = undefined
  }

  protected override updated(): void {
    const vp = this.renderRoot.querySelector<HTMLElement>(".viewport")
    if (vp && this.resize === undefined) {
      this.resize = new ResizeObserver(() => {
        if (vp.clientHeight > 0 && vp.clientHeight !== this.viewportHeight) this.viewportHeight = vp.clientHeight
      })
      this.resize.observe(vp)
    }
    if (this.focusDetail) {
      // Opening a request moves focus to its detail, so keyboard and screen-reader users land on it.
      const heading = this.renderRoot.querySelector<HTMLElement>("#detail-heading")
      if (heading) {
        heading.focus()
        this.focusDetail = false
      }
    }
    if (this.focusIndex !== undefined) {
      const row = this.renderRoot.querySelector<HTMLElement>(`li[data-index="${this.focusIndex}"] button.open`)
      if (row) {
        row.focus()
        this.focusIndex = undefined
      }
    }
  }

  private async run(action: SariAction, ids: ReadonlyArray<string>, reason = ""): Promise<void> {
    const actor = this.actor.value
    if (!actor || ids.length === 0) return
    this.message = ""
    this.failure = ""
    const outcome = await this.act.run(actor, action, ids, reason)
    if (outcome === undefined) return
    if (!outcome.ok) {
      this.failure = sariUserMessage(outcome.error, this.i18n.locale)
      return
    }
    const failed = outcome.value.filter((x) => x.result._tag === "Failure")
    for (const x of outcome.value) if (x.result._tag === "Success") this.dispatchEvent(new SariRequestChangedEvent(x.result.success, action))
    if (action === "approve" && ids.length > 1) this.message = this.i18n.term("bulkDone", outcome.value.length - failed.length, failed.length)
    if (failed.length > 0) this.failure = failed.map((x) => (x.result._tag === "Failure" ? sariUserMessage(x.result.failure, this.i18n.locale) : "")).join(" ")
    this.selected = new Set()
    this.rejecting = false
    this.reload++
  }

  private onScroll(e: Event): void {
    this.listScroll = (e.target as HTMLElement).scrollTop
  }

  private onKey(e: KeyboardEvent, index: number): void {
    const last = this.visible.length - 1
    const to = e.key === "ArrowDown" ? Math.min(last, index + 1) : e.key === "ArrowUp" ? Math.max(0, index - 1) : e.key === "Home" ? 0 : e.key === "End" ? last : undefined
    if (to === undefined) return
    e.preventDefault()
    const vp = this.renderRoot.querySelector<HTMLElement>(".viewport")!
    // Bring the row into the window first; it is focused once rendered.
    if (to * ROW < vp.scrollTop) vp.scrollTop = to * ROW
    else if ((to + 1) * ROW > vp.scrollTop + vp.clientHeight) vp.scrollTop = (to + 1) * ROW - vp.clientHeight
    this.listScroll = vp.scrollTop
    this.focusIndex = to
    this.requestUpdate()
  }

  private toggleSelected(id: string, on: boolean): void {
    const next = new Set(this.selected)
    if (on) next.add(id)
    else next.delete(id)
    this.selected = next
  }

  protected override render() {
    const t = this.i18n
    const actor = this.actor.value
    if (!actor) return html`<p class="error">${t.term("noActor")}</p>`
    const approver = this.view === "approver"
    const total = this.list.value?.length ?? 0
    const rows = this.visible
    const first = Math.max(0, Math.floor(this.listScroll / ROW) - OVERSCAN)
    const last = Math.min(rows.length, Math.ceil((this.listScroll + this.viewportHeight) / ROW) + OVERSCAN)
    const open = this.openId === undefined ? undefined : (this.list.value ?? []).find((r) => r.id === this.openId)
    const selectable = new Set<string>(approver ? rows.filter((r) => r.state === "Enviada").map((r) => r.id) : [])
    const chosen = [...this.selected].filter((id) => selectable.has(id))
    return html`
      <h2>${t.term(approver ? "inboxHeading" : "mineHeading")}</h2>
      <div part="filters" class="row" role="search" aria-label=${t.term(approver ? "inboxHeading" : "mineHeading")}>
        <div class="field"><label for="st">${t.term("filterState")}</label>
          <select id="st" @change=${(e: Event) => { this.stateFilter = (e.target as HTMLSelectElement).value as SariState | ""; this.selected = new Set() }}>
            <option value="" ?selected=${this.stateFilter === ""}>${t.term("allStates")}</option>
            ${(approver ? STATES.filter((s) => s !== "Borrador" && s !== "Anulada") : STATES).map((s) => html`<option value=${s} ?selected=${s === this.stateFilter}>${sariStateName(s, t.locale)}</option>`)}
          </select></div>
        <div class="field"><label for="sys">${t.term("filterSystem")}</label>
          <select id="sys" @change=${(e: Event) => (this.systemFilter = (e.target as HTMLSelectElement).value as AccessSystem | "")}>
            <option value="">${t.term("allSystems")}</option>
            ${(Object.keys(grantableRoles) as Array<AccessSystem>).map((s) => html`<option value=${s} ?selected=${s === this.systemFilter}>${accessSystemName(s, t.locale)}</option>`)}
          </select></div>
        <div class="field"><label for="q">${t.term("searchRequests")}</label>
          <input id="q" type="search" .value=${this.search} @input=${(e: Event) => { this.search = (e.target as HTMLInputElement).value; this.listScroll = 0 }} /></div>
      </div>
      <p class="hint" role="status">${this.list.pending ? t.term("loading") : t.term("count", rows.length, total)}</p>
      ${this.list.failed ? html`<p class="error" role="alert">${sariUserMessage(this.list.error, t.locale)}</p>` : nothing}
      ${approver ? html`<div class="actions"><button type="button" class="primary" ?disabled=${chosen.length === 0 || this.act.running} aria-busy=${this.act.running ? "true" : "false"}
        @click=${() => this.run("approve", chosen)}>${t.term("approveSelected", chosen.length)}</button></div>` : nothing}
      <div class="viewport" part="list" @scroll=${this.onScroll}>
        ${rows.length === 0 ? html`<p class="hint">${t.term("empty")}</p>` : html`
        <ul class="list" style="height:${rows.length * ROW}px" aria-label=${t.term(approver ? "inboxHeading" : "mineHeading")}>
          ${rows.slice(first, last).map((r, i) => {
            const index = first + i
            return html`<li data-index=${index} style="top:${index * ROW}px" aria-setsize=${rows.length} aria-posinset=${index + 1} aria-current=${r.id === this.openId ? "true" : "false"}>
              ${selectable.has(r.id) ? html`<input type="checkbox" aria-label=${t.term("select", r.number)} .checked=${this.selected.has(r.id)}
                @change=${(e: Event) => this.toggleSelected(r.id, (e.target as HTMLInputElement).checked)} />` : nothing}
              <button type="button" class="open" @keydown=${(e: KeyboardEvent) => this.onKey(e, index)}
                @click=${() => { this.openId = r.id; this.focusDetail = true; this.rejecting = false; this.message = ""; this.failure = "" }}>
                <span>${r.number} · ${r.collaborator.name}</span>
                <span class="hint">${accessSystemName(r.system, t.locale)} <span class="state" data-state=${r.state}>${sariStateName(r.state, t.locale)}</span></span>
              </button>
            </li>`
          })}
        </ul>`}
      </div>
      <p class="ok" role="status">${this.message}</p>
      <p class="error" role="alert">${this.failure}</p>
      ${open ? renderRequestDetail(open, {
        t,
        actor,
        busy: this.act.running,
        rejecting: this.rejecting,
        trail: this.trail.value,
        onApprove: () => this.run("approve", [open.id]),
        onReject: (reason) => this.run("reject", [open.id], reason),
        onStartReject: () => (this.rejecting = true),
        onWithdraw: () => this.run("withdraw", [open.id]),
        onSend: () => this.run("send", [open.id]),
        onClose: () => {
          // Back to the row it was opened from, when it is still listed.
          const index = this.visible.findIndex((r) => r.id === this.openId)
          this.openId = undefined
          if (index >= 0) this.focusIndex = index
        }
      }) : nothing}
    `
  }

  /** The actions the actor may take on a listed request now (a hint; the service decides). */
  actionsFor(requestId: string): ReadonlyArray<SariAction> {
    const r = (this.list.value ?? []).find((x) => x.id === requestId)
    const actor = this.actor.value
    return r && actor ? availableSariActions(r, actor) : []
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "sari-approval-inbox": SariApprovalInbox
  }
}
