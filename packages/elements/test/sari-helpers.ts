// Shared set-up of the SARI element tests: a provider over the memory SARI adapters with
// the demo units, operators, approvers and colleagues.
import { fixture, html, oneEvent, waitUntil } from "@open-wc/testing"
import type { TemplateResult } from "lit"
import * as Effect from "effect/Effect"
import type * as Option from "effect/Option"
import type { Actor } from "@ecasilla/core"
import { RoleDirectory } from "@ecasilla/core/roles"
import { type SariRequest, SariService } from "@ecasilla/core/sari"
import { makeMemoryEventOutbox } from "@ecasilla/core/ports"
import { layerMemorySari, sariDemoAssignments, sariDemoCollaborators, sariDemoConfig, sariDemoUser, sariDemoUsers } from "@ecasilla/adapters/memory"
import "@ecasilla/elements/define/ecasilla-provider.js"
import { type EcasillaProvider, runOn, type SariApprovalInbox, type SariRequestForm, type SariRequestSavedEvent, type Services } from "@ecasilla/elements"

export const who = (id: string): Actor => sariDemoUser(id)!
export const minsa = { operador: who("E20101"), jefe: who("E20102"), supervisor: who("E20103") }
export const sunat = { jefe: who("E30101") }
export const gti = { operador: who("U10101"), gerente: who("U10102") }

/** A provider over fresh memory SARI adapters, acting as `actor`, around `content`. */
export const sariFixture = async (content: TemplateResult, actor: Actor | undefined, requests: ReadonlyArray<SariRequest> = []) => {
  const outbox = makeMemoryEventOutbox()
  const layer = layerMemorySari({ config: sariDemoConfig, users: sariDemoUsers, collaborators: sariDemoCollaborators, assignments: sariDemoAssignments, outbox, requests })
  const provider = await fixture<EcasillaProvider>(html`<ecasilla-provider .layer=${layer} .actor=${actor}>${content}</ecasilla-provider>`)
  const run = async <A, E, R>(services: Services<R>, effect: Effect.Effect<A, E, R>): Promise<A> => {
    const outcome = await runOn(provider.runtime, services, effect)
    if (!outcome.ok) throw outcome.error
    return outcome.value
  }
  const service = <A, E>(f: (s: SariService["Service"]) => Effect.Effect<A, E>) => run([SariService], Effect.flatMap(SariService, f))
  const rolesOf = (id: string): Promise<Option.Option<Actor>> => run([RoleDirectory], Effect.flatMap(RoleDirectory, (d) => d.actorOf(id)))
  return { provider, outbox, service, rolesOf }
}

/** The element's shadow root, queried. */
export const $ = <T extends Element = HTMLElement>(el: Element, selector: string): T => {
  const found = el.shadowRoot!.querySelector<T>(selector)
  if (!found) throw new Error(`${el.localName}: nothing matches ${selector}`)
  return found
}

/** The text inside `el`'s shadow root, spaces collapsed. */
export const shadowText = (el: Element) => (el.shadowRoot!.textContent ?? "").replace(/\s+/g, " ")

/** Waits until the shadow text contains `text`. */
export const waitText = (el: Element, text: string, timeout = 5000) => waitUntil(() => shadowText(el).includes(text), `"${text}" in <${el.localName}>`, { timeout })

/** `n` sent requests of OCI-MINSA about invented colleagues (the store is seeded directly). */
export const manyRequests = (n: number): ReadonlyArray<SariRequest> =>
  Array.from({ length: n }, (_, i) => {
    const at = new Date(Date.UTC(2026, 2, 1, 14) + i * 60_000).toISOString()
    return {
      id: `sari_m${i}` as SariRequest["id"],
      number: `SARI-2026-${String(i + 1).padStart(6, "0")}`,
      state: "Enviada" as const,
      unit: { id: "OCI-MINSA", kind: "oci" as const, name: "OCI del Ministerio de Salud" },
      system: "casilla" as const,
      requester: { id: "E20101", name: "Lucía Torres Vega" },
      collaborator: { id: `E6${String(i).padStart(4, "0")}`, name: `Colaborador ${i}`, dni: String(30000000 + i) as never, cargo: "auditor" as const, unit: "OCI-MINSA" },
      rolesHeld: [],
      changes: [{ op: "add" as const, role: "notificador" as const }],
      createdAt: at,
      updatedAt: at,
      sentAt: at,
      version: 2
    }
  })

/** Finds a colleague in <sari-request-form>, toggles roles by label and sends; resolves with the saved request. */
export const fileRequest = async (form: SariRequestForm, search: string, name: string, toggle: ReadonlyArray<string>, system?: string) => {
  $<HTMLInputElement>(form, "#name").value = search
  $<HTMLButtonElement>(form, 'form button[type="submit"]').click()
  await waitText(form, name)
  $<HTMLButtonElement>(form, ".results button").click()
  await waitText(form, `Roles de ${name}`)
  if (system) {
    const select = $<HTMLSelectElement>(form, "#system")
    select.value = system
    select.dispatchEvent(new Event("change"))
    await form.updateComplete
  }
  for (const label of toggle) [...form.shadowRoot!.querySelectorAll("tbody tr")].find((r) => r.querySelector("th")!.textContent === label)!.querySelector<HTMLInputElement>("input")!.click()
  const send = [...form.shadowRoot!.querySelectorAll<HTMLButtonElement>(".actions button")].find((b) => b.textContent!.includes("Enviar"))!
  setTimeout(() => send.click())
  return ((await oneEvent(form, "sari-request-saved")) as SariRequestSavedEvent).detail
}

/** Opens a request in <sari-approval-inbox> and presses one of its buttons. */
export const decide = async (inbox: SariApprovalInbox, number: string, button: string) => {
  inbox.refresh()
  await waitText(inbox, number)
  ;[...inbox.shadowRoot!.querySelectorAll<HTMLButtonElement>("button.open")].find((b) => b.textContent!.includes(number))!.click()
  await waitText(inbox, `Solicitud ${number}`)
  ;[...inbox.shadowRoot!.querySelectorAll<HTMLButtonElement>(".detail button")].find((b) => b.textContent === button)!.click()
}
