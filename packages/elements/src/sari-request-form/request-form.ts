import { html, LitElement, nothing, type PropertyValues } from "lit"
import { property, state } from "lit/decorators.js"
import { ContextConsumer } from "@lit/context"
import * as Effect from "effect/Effect"
import type { Actor } from "@ecasilla/core"
import { type AccessSystem, cargoName, grantableRoles, isCargoEligible, type Role, roleName } from "@ecasilla/core/roles"
import { accessSystemName, type CollaboratorView, type RoleChange, SariConfig, type SariRequest, SariService } from "@ecasilla/core/sari"
import { actorContext } from "../context/contexts.js"
import { LocalizeController } from "../controllers/localize.js"
import { SariRequestSavedEvent } from "../events/sari-events.js"
import { RuntimeController } from "../controllers/runtime-controller.js"
import { sariStrings, sariUserMessage } from "../sari/sari.strings.js"
import { sariStyles } from "../sari/sari.styles.js"
import "../define/ecasilla-id-input.js"

/**
 * The operator's "Nuevo" of SARI: find the colleague by DNI (with `<ecasilla-id-input>`)
 * or by name, pick the system, see the roles they hold now, mark roles to add or remove,
 * then **Guardar** (a Borrador) or **Enviar** (straight to the approver of the unit).
 *
 * Every rule is the core's: only an Operador OCI/UO finds colleagues, and only of their own
 * unit (`SariService.findCollaborators`); the role list is the system's grantable roles;
 * a role the colleague's cargo may not hold is shown disabled as a hint, and the service
 * checks everything again. Runs as the actor of the closest `<ecasilla-provider>`.
 *
 * With `request-id` it edits one of the actor's Borradores instead: the same roles table,
 * Guardar keeps the changes, Enviar sends it.
 *
 * @tag sari-request-form
 * @summary The SARI "Nuevo" form: colleague, system, roles to add or remove, Guardar/Enviar.
 *
 * @event {SariRequestSavedEvent} sari-request-saved - The user saved or sent a request; `detail` is the request, `sent` says which.
 *
 * @csspart search - The colleague search.
 * @csspart roles - The roles table.
 * @csspart status - The result message.
 *
 * @cssproperty --sari-primary-color - Buttons, focus rings.
 * @cssproperty --sari-error-color - Error texts.
 * @cssproperty --sari-border-color - Field borders.
 *
 * @since 0.2.0
 * @category elements
 */
export class SariRequestForm extends LitElement {
  static override styles = [sariStyles]

  /** A Borrador of the actor's to edit instead of filing a new request (attribute `request-id`). */
  @property({ attribute: "request-id" }) requestId: string | undefined

  private readonly i18n = new LocalizeController(this, sariStrings)
  private readonly actor = new ContextConsumer(this, { context: actorContext, subscribe: true })
  private readonly runtime = new RuntimeController(this, [SariService])

  @state() private term: string | undefined
  @state() private selected: CollaboratorView | undefined
  @state() private system: AccessSystem = "casilla"
  @state() private toggled: ReadonlySet<Role> = new Set()
  @state() private message = ""
  @state() private failure = ""

  private readonly search = this.runtime.query({
    args: () => [this.actor.value, this.term] as const,
    run: ([actor, term]) =>
      actor === undefined || term === undefined ? Effect.succeed([] as ReadonlyArray<CollaboratorView>) : Effect.flatMap(SariService, (s) => s.findCollaborators(actor, term))
  })

  private readonly draft = this.runtime.query({
    args: () => [this.actor.value, this.requestId] as const,
    run: ([actor, id]) =>
      actor === undefined || id === undefined
        ? Effect.succeed(undefined)
        : Effect.flatMap(SariService, (s) =>
          Effect.flatMap(s.getRequest(actor, id), (request) =>
            Effect.map(s.findCollaborators(actor, request.collaborator.dni), (views) => ({ request, view: views.find((v) => v.collaborator.id === request.collaborator.id) }))))
  })
  private applied: SariRequest | undefined

  // The deployment's eligibility data, for the hints (the service decides with the same).
  private readonly config = this.runtime.query({ args: () => [] as const, run: () => Effect.map(Effect.service(SariConfig), (c) => c.roles) })

  private readonly save = this.runtime.command((actor: Actor, collaboratorId: string, system: AccessSystem, changes: ReadonlyArray<RoleChange>, send: boolean, draftId: string | undefined) =>
    Effect.flatMap(SariService, (s) => (draftId === undefined ? s.createRequest(actor, { collaboratorId, system, changes, send }) : s.updateRequest(actor, draftId, { changes, send }))))

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("requestId")) this.applied = undefined
  }

  protected override updated(): void {
    // A loaded draft fills the form once: its colleague, system and marked roles. (After the
    // update: the query may settle inside it, after willUpdate ran.)
    const loaded = this.draft.value
    if (this.requestId !== undefined && loaded && loaded.view && loaded.request !== this.applied) {
      this.applied = loaded.request
      this.selected = loaded.view
      this.system = loaded.request.system
      this.toggled = new Set(loaded.request.changes.map((c) => c.role))
    }
  }

  private onSearch(e: Event): void {
    e.preventDefault()
    const form = e.currentTarget as HTMLFormElement
    const dni = (form.querySelector("ecasilla-id-input") as { value?: string } | null)?.value?.trim() ?? ""
    const name = (form.elements.namedItem("name") as HTMLInputElement).value.trim()
    this.selected = undefined
    this.message = ""
    this.failure = ""
    this.term = dni || name
  }

  private pick(view: CollaboratorView): void {
    this.selected = view
    this.toggled = new Set()
    this.message = ""
    this.failure = ""
  }

  private toggle(role: Role, on: boolean): void {
    const next = new Set(this.toggled)
    if (on) next.add(role)
    else next.delete(role)
    this.toggled = next
  }

  private async submit(send: boolean): Promise<void> {
    const actor = this.actor.value
    const chosen = this.selected
    if (!actor || !chosen) {
      this.failure = this.i18n.term(actor ? "pickFirst" : "noActor")
      return
    }
    const held = chosen.roles[this.system]
    const changes = grantableRoles[this.system].filter((r) => this.toggled.has(r)).map((role) => ({ op: held.includes(role) ? ("remove" as const) : ("add" as const), role }))
    this.message = ""
    this.failure = ""
    const outcome = await this.save.run(actor, chosen.collaborator.id, this.system, changes, send, this.requestId)
    if (outcome === undefined) return
    if (!outcome.ok) {
      this.failure = sariUserMessage(outcome.error, this.i18n.locale)
      return
    }
    this.message = this.i18n.term(send ? "sent" : "saved", outcome.value.number)
    // "Guardar, then Enviar" (DOMAIN.md §3): a saved draft stays open in the form, so Enviar
    // sends that draft; once sent, the form is ready for a new request.
    if (send) {
      this.requestId = undefined
      this.selected = undefined
      this.term = undefined
      this.toggled = new Set()
    } else {
      this.applied = outcome.value
      this.requestId = outcome.value.id
    }
    this.dispatchEvent(new SariRequestSavedEvent(outcome.value))
  }

  protected override render() {
    const t = this.i18n
    if (!this.actor.value) return html`<p class="error">${t.term("noActor")}</p>`
    const results = this.search.value ?? []
    if (this.requestId !== undefined) {
      return html`<h2>${t.term("editHeading", this.draft.value?.request.number ?? "")}</h2>
        ${this.draft.failed ? html`<p class="error" role="alert">${sariUserMessage(this.draft.error, t.locale)}</p>` : nothing}
        ${this.selected ? this.renderRoles(this.selected) : html`<p aria-live="polite">${t.term("loading")}</p>`}
        <p part="status" class="ok" role="status">${this.message}</p>
        <p class="error" role="alert">${this.failure}</p>`
    }
    return html`
      <h2>${t.term("formHeading")}</h2>
      <form part="search" role="search" aria-label=${t.term("search")} @submit=${this.onSearch}>
        <fieldset>
          <legend>${t.term("search")}</legend>
          <div class="row">
            <div class="field"><ecasilla-id-input kinds="dni" label=${t.term("byDni")} name="dni"></ecasilla-id-input></div>
            <div class="field"><label for="name">${t.term("byName")}</label><input id="name" name="name" type="search" autocomplete="off" /></div>
            <div class="field"><button type="submit" class="primary">${t.term("searchButton")}</button></div>
          </div>
        </fieldset>
      </form>
      ${this.term === undefined ? nothing : this.search.pending ? html`<p aria-live="polite">${t.term("loading")}</p>` : this.search.failed
        ? html`<p class="error" role="alert">${sariUserMessage(this.search.error, t.locale)}</p>`
        : results.length === 0 ? html`<p role="status">${t.term("noResults")}</p>` : html`
          <ul aria-label=${t.term("results")} class="results">
            ${results.map((v) => html`<li>
              <button type="button" aria-pressed=${this.selected?.collaborator.id === v.collaborator.id ? "true" : "false"} @click=${() => this.pick(v)}>
                ${v.collaborator.name}</button>
              <span class="hint">${t.term("dni")} ${v.collaborator.dni} · ${cargoName(v.collaborator.cargo, t.locale)}</span>
            </li>`)}
          </ul>`}
      ${this.selected ? this.renderRoles(this.selected) : nothing}
      <p part="status" class="ok" role="status">${this.message}</p>
      <p class="error" role="alert">${this.failure}</p>
    `
  }

  private renderRoles(v: CollaboratorView) {
    const t = this.i18n
    const held = v.roles[this.system]
    const busy = this.save.running
    return html`
      <div class="field">
        <label for="system">${t.term("system")}</label>
        <select id="system" ?disabled=${this.requestId !== undefined} @change=${(e: Event) => { this.system = (e.target as HTMLSelectElement).value as AccessSystem; this.toggled = new Set() }}>
          ${(Object.keys(grantableRoles) as Array<AccessSystem>).map((s) => html`<option value=${s} ?selected=${s === this.system}>${accessSystemName(s, t.locale)}</option>`)}
        </select>
      </div>
      <table part="roles">
        <caption>${t.term("rolesHeading", v.collaborator.name)}</caption>
        <thead><tr><th scope="col">${t.term("role")}</th><th scope="col">${t.term("holds")}</th><th scope="col">${t.term("change")}</th></tr></thead>
        <tbody>
          ${grantableRoles[this.system].map((role) => {
            const has = held.includes(role)
            const eligible = has || isCargoEligible(role, v.collaborator.cargo, this.config.value)
            const verb = t.term(has ? "remove" : "add")
            return html`<tr>
              <th scope="row">${roleName(role, t.locale)}</th>
              <td>${t.term(has ? "yes" : "no")}</td>
              <td><label><input type="checkbox" .checked=${this.toggled.has(role)} ?disabled=${!eligible || busy}
                @change=${(e: Event) => this.toggle(role, (e.target as HTMLInputElement).checked)} />
                ${verb}<span class="visually-hidden"> ${roleName(role, t.locale)}</span></label>
                ${eligible ? nothing : html`<span class="hint">(${t.term("notEligible")})</span>`}</td>
            </tr>`
          })}
        </tbody>
      </table>
      <div class="actions">
        <button type="button" ?disabled=${busy} aria-busy=${busy ? "true" : "false"} @click=${() => this.submit(false)}>${busy ? t.term("busy") : t.term("save")}</button>
        <button type="button" class="primary" ?disabled=${busy} aria-busy=${busy ? "true" : "false"} @click=${() => this.submit(true)}>${busy ? t.term("busy") : t.term("send")}</button>
      </div>
    `
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "sari-request-form": SariRequestForm
  }
}
