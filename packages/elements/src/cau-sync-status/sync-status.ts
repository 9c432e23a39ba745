import { css, html, LitElement, nothing } from "lit"
import { state } from "lit/decorators.js"
import * as Effect from "effect/Effect"
import { ticketErrorMessage, TicketSync, type TicketSyncStatus } from "@ecasilla/core/cau"
import { RuntimeController } from "../controllers/runtime-controller.js"
import { LocalizeController } from "../controllers/localize.js"
import type { EcasillaRuntime } from "../context/contexts.js"
import { cauStyles } from "../cau/cau.styles.js"
import { syncStatusStrings } from "./sync-status.strings.js"

/**
 * Where an offline page's CAU stands, for the person using it: how many changes wait on
 * this device for the network, that they are being sent, and which ones the help desk
 * refused when they were sent (a ticket assigned meanwhile), each with the core's reason
 * and a button to acknowledge it. Silent while everything is sent.
 *
 * Works with a provider whose layer gives `TicketSync` (`layerOfflineCau` of
 * `@ecasilla/adapters/offline`); with any other layer it shows nothing.
 *
 * @tag cau-sync-status
 * @summary Pending and refused offline changes of the CAU.
 *
 * @csspart status - The line that says what waits or is being sent.
 * @csspart refused - The list of refused changes.
 *
 * @cssproperty --cau-text-color - Text colour.
 * @cssproperty --cau-primary-color - Buttons and focus ring.
 * @cssproperty --cau-error-color - Refused changes.
 *
 * @since 0.2.0
 * @category cau
 */
export class CauSyncStatus extends LitElement {
  static override styles = [cauStyles, css`
    :host { display: block; }
    .status:empty { display: none; }
    .status { margin: 0 0 .5rem; }
    .refused { border-left: 3px solid var(--cau-error-color, #b00020); padding: .25rem .75rem; margin: .5rem 0; }
    .refused h2 { font-size: 1em; margin: 0 0 .25rem; }
    .refused ul { margin: 0; padding: 0; list-style: none; }
    .refused li { display: flex; gap: .5rem; align-items: baseline; justify-content: space-between; padding: .25rem 0; }
  `]

  /** The latest status, or undefined while there is none (no provider, or a layer without TicketSync). */
  @state() status: TicketSyncStatus | undefined = undefined

  /** @internal */
  readonly i18n = new LocalizeController(this, syncStatusStrings)
  private readonly runtime = new RuntimeController<TicketSync>(this, [TicketSync])
  private watching: EcasillaRuntime | undefined
  private stop: (() => void) | undefined

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    this.unwatch()
  }

  protected override willUpdate(): void {
    // Follow the provider's runtime: watch the one there is, drop the one that went.
    const runtime = this.isConnected ? this.runtime.runtime : undefined
    if (runtime !== this.watching) {
      this.unwatch()
      this.watching = runtime
      if (runtime) void this.watch(runtime)
    }
  }

  private async watch(runtime: EcasillaRuntime) {
    const outcome = await this.runtime.run(Effect.gen(function*() {
      const sync = yield* Effect.service(TicketSync)
      return { sync, first: yield* sync.status }
    }))
    if (!outcome.ok || this.watching !== runtime) return
    this.status = outcome.value.first
    const stop = await this.runtime.run(outcome.value.sync.watch((s) => {
      this.status = s
    }))
    if (!stop.ok) return
    if (this.watching !== runtime) stop.value()
    else this.stop = stop.value
  }

  private unwatch() {
    this.stop?.()
    this.stop = undefined
    this.watching = undefined
  }

  /** Sends what waits now, instead of waiting for the network event or the timer. */
  async retry(): Promise<void> {
    await this.runtime.run(Effect.flatMap(Effect.service(TicketSync), (s) => s.sync))
  }

  private async dismiss(seq: number) {
    await this.runtime.run(Effect.flatMap(Effect.service(TicketSync), (s) => s.dismiss(seq)))
    this.renderRoot.querySelector<HTMLElement>(".status")?.focus()
  }

  override render() {
    const t = this.i18n
    const s = this.status
    const line = !s ? "" : s.syncing && s.pending > 0 ? t.term("syncing", s.pending) : s.pending > 0 ? t.term("offline", s.pending) : ""
    return html`
      <p class="status" part="status" role="status" aria-live="polite" tabindex="-1">${line}</p>
      ${s && s.pending > 0 && !s.syncing ? html`<button type="button" @click=${() => this.retry()}>${t.term("retry")}</button>` : nothing}
      ${s && s.failures.length > 0
        ? html`<section class="refused" part="refused" aria-labelledby="refused-heading">
          <h2 id="refused-heading">${t.term("refusedHeading")}</h2>
          <ul>${s.failures.map((f) => html`<li>
            <span>${t.term("refused", f.titulo, f.ticketNumber, ticketErrorMessage(f.error, t.locale) ?? f.error._tag)}</span>
            <button type="button" aria-label=${t.term("dismissLabel", f.ticketNumber)} @click=${() => this.dismiss(f.seq)}>${t.term("dismiss")}</button>
          </li>`)}</ul>
        </section>`
        : nothing}
    `
  }
}
