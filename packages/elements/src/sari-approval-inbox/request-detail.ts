import { html, nothing, type TemplateResult } from "lit"
import type { Actor, Locale } from "@ecasilla/core"
import { cargoName, roleName } from "@ecasilla/core/roles"
import { accessSystemName, applyRoleChanges, availableSariActions, type SariAuditEntry, type SariRequest, sariStateName } from "@ecasilla/core/sari"
import type { LocalizeController } from "../controllers/localize.js"
import type { sariStrings } from "../sari/sari.strings.js"

type T = LocalizeController<(typeof sariStrings)["es-PE"]>

/** What the detail needs from its element: texts, the actor, the busy flag and the handlers. */
export interface DetailContext {
  readonly t: T
  readonly actor: Actor
  readonly busy: boolean
  readonly rejecting: boolean
  readonly trail: ReadonlyArray<SariAuditEntry> | undefined
  readonly onApprove: () => void
  readonly onReject: (reason: string) => void
  readonly onStartReject: () => void
  readonly onWithdraw: () => void
  readonly onSend: () => void
  readonly onClose: () => void
}

const when = (iso: string, locale: Locale) =>
  new Intl.DateTimeFormat(locale, { dateStyle: "short", timeStyle: "short", timeZone: "America/Lima" }).format(new Date(iso))

/** The role diff of a request: every role touched, before and after. */
const diff = (r: SariRequest, t: T): TemplateResult => {
  const after = applyRoleChanges(r.rolesHeld, r.changes)
  return html`<table>
    <caption>${t.term("diff")}</caption>
    <thead><tr><th scope="col">${t.term("role")}</th><th scope="col">${t.term("before")}</th><th scope="col">${t.term("after")}</th></tr></thead>
    <tbody>${r.changes.map((c) => html`<tr>
      <th scope="row"><span class=${c.op}>${c.op === "add" ? "+" : "−"}</span> ${roleName(c.role, t.locale)}</th>
      <td>${t.term(r.rolesHeld.includes(c.role) ? "yes" : "no")}</td>
      <td class=${c.op}>${t.term(after.includes(c.role) ? "yes" : "no")}</td>
    </tr>`)}</tbody>
  </table>`
}

/**
 * The detail of one request: who, what, the role diff, the decision, the history, and the
 * actions `availableSariActions` allows this actor (the service checks again).
 */
export const renderRequestDetail = (r: SariRequest, ctx: DetailContext): TemplateResult => {
  const { t } = ctx
  const actions = availableSariActions(r, ctx.actor)
  const busy = ctx.busy ? "true" : "false"
  return html`<section part="detail" class="detail" aria-labelledby="detail-heading">
    <h3 id="detail-heading" tabindex="-1">${t.term("detail", r.number)} <span class="state" data-state=${r.state}>${sariStateName(r.state, t.locale)}</span></h3>
    <dl>
      <dt>${t.term("colleague")}</dt><dd>${r.collaborator.name}</dd>
      <dt>${t.term("dni")}</dt><dd>${r.collaborator.dni}</dd>
      <dt>${t.term("cargo")}</dt><dd>${cargoName(r.collaborator.cargo, t.locale)}</dd>
      <dt>${t.term("system")}</dt><dd>${accessSystemName(r.system, t.locale)}</dd>
      <dt>${t.term("unit")}</dt><dd>${r.unit.name}</dd>
      <dt>${t.term("requester")}</dt><dd>${r.requester.name}</dd>
      ${r.decision ? html`<dt>${t.term("decidedBy")}</dt><dd>${r.decision.by.name} · ${when(r.decision.at, t.locale)}</dd>` : nothing}
      ${r.decision?.reason ? html`<dt>${t.term("reason")}</dt><dd>${r.decision.reason}</dd>` : nothing}
    </dl>
    ${diff(r, t)}
    <div class="actions">
      ${actions.includes("approve") ? html`<button type="button" class="primary" aria-busy=${busy} ?disabled=${ctx.busy} @click=${ctx.onApprove}>${t.term("approve")}</button>` : nothing}
      ${actions.includes("reject") && !ctx.rejecting ? html`<button type="button" class="danger" ?disabled=${ctx.busy} @click=${ctx.onStartReject}>${t.term("reject")}</button>` : nothing}
      ${actions.includes("send") ? html`<button type="button" class="primary" aria-busy=${busy} ?disabled=${ctx.busy} @click=${ctx.onSend}>${t.term("send")}</button>` : nothing}
      ${actions.includes("withdraw") ? html`<button type="button" class="danger" aria-busy=${busy} ?disabled=${ctx.busy} @click=${ctx.onWithdraw}>${t.term("withdraw")}</button>` : nothing}
      <button type="button" @click=${ctx.onClose}>${t.term("close")}</button>
    </div>
    ${ctx.rejecting && actions.includes("reject") ? html`<form class="reject" @submit=${(e: Event) => {
      e.preventDefault()
      ctx.onReject(((e.currentTarget as HTMLFormElement).elements.namedItem("reason") as HTMLTextAreaElement).value)
    }}>
      <div class="field"><label for="reason">${t.term("rejectReason")}</label><textarea id="reason" name="reason" required maxlength="1000"></textarea></div>
      <button type="submit" class="danger" aria-busy=${busy} ?disabled=${ctx.busy}>${t.term("confirmReject")}</button>
    </form>` : nothing}
    ${ctx.trail && ctx.trail.length > 0 ? html`<details><summary>${t.term("history")}</summary><ol>
      ${ctx.trail.map((e) => html`<li>${when(e.at, t.locale)} · ${e.by.name} · ${t.term("auditAction", e.action)}${e.role ? ` (${roleName(e.role, t.locale)})` : ""}</li>`)}
    </ol></details>` : nothing}
  </section>`
}
