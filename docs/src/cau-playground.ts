// The CAU pages of the playground: on the detail page a ticket chooser and buttons to
// act as the ticket's requester, analyst or support-group lead (so a visitor can walk
// the whole flow); on the form page a link to the ticket just filed. DOM built with
// textContent only: ticket títulos are user input.
import * as Effect from "effect/Effect"
import { isCauAnalyst, isCauLead, TicketService, type Ticket } from "@ecasilla/core/cau"
import { runOn, type CauTicketDetail, type EcasillaProvider } from "@ecasilla/elements"
import { demoActors } from "./storage.js"

const english = document.body.dataset.locale === "en"
const say = (es: string, en: string): string => (english ? en : es)

const DETAIL_PAGE = "cau/cau-ticket-detail"
const FORM_PAGE = "cau/cau-ticket-form"

const el = <T extends HTMLElement>(tag: string, props: Record<string, unknown> = {}, ...children: Array<Node | string>): T => {
  const node = Object.assign(document.createElement(tag), props) as unknown as T
  node.append(...children)
  return node
}

/** Resolves once the page's provider has its storage layer. */
const storageReady = async (provider: EcasillaProvider): Promise<void> => {
  for (let i = 0; i < 200 && provider.runtime?.managed === undefined; i++) {
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** The tickets the current actor may see: the service decides (nobody signed in sees none). */
export const visibleTickets = async (provider: EcasillaProvider): Promise<ReadonlyArray<Ticket>> => {
  const actor = provider.actor
  if (actor === undefined) return []
  const outcome = await runOn(provider.runtime, [TicketService], Effect.flatMap(Effect.service(TicketService), (s) => s.listTickets(actor)))
  if (!outcome.ok) {
    console.error("playground: the tickets could not be listed", outcome.error)
    return []
  }
  return outcome.value
}

/** Switches the header's "Actuar como" select, which sets the provider's actor. */
const actAs = (id: string): void => {
  const select = document.getElementById("actor") as HTMLSelectElement | null
  if (!select || select.value === id) return
  select.value = id
  select.dispatchEvent(new Event("change", { bubbles: true }))
}

async function setUpDetailPage(provider: EcasillaProvider, picker: HTMLElement): Promise<void> {
  const stage = document.getElementById("demo-stage")
  const select = el<HTMLSelectElement>("select", { id: "cau-ticket-select" })
  const roles = el("div", { className: "cau-roles" })
  roles.setAttribute("role", "group")
  roles.setAttribute("aria-label", say("Actuar como", "Act as"))
  picker.replaceChildren(el("label", {}, "Ticket ", select), roles)
  await storageReady(provider)
  const users = await demoActors()
  const lead = users.find(isCauLead)
  let tickets: ReadonlyArray<Ticket> = []

  const apply = () => {
    for (const detail of stage?.querySelectorAll<CauTicketDetail>("cau-ticket-detail") ?? []) {
      if (!detail.ticketId && detail.number !== select.value) detail.number = select.value
    }
    renderRoles()
  }
  const renderRoles = () => {
    const ticket = tickets.find((t) => t.number === select.value)
    const current = provider.actor?.id
    const analystId = ticket?.analyst?.id ?? users.find(isCauAnalyst)?.id
    const who: Array<[string, string | undefined, string | undefined]> = [
      [say("Solicitante", "Requester"), (ticket?.onBehalfOf ?? ticket?.requester)?.id, (ticket?.onBehalfOf ?? ticket?.requester)?.name],
      [say("Analista", "Analyst"), analystId, ticket?.analyst?.name ?? users.find(isCauAnalyst)?.name],
      [say("Líder de grupo", "Group lead"), lead?.id, lead?.name]
    ]
    roles.replaceChildren(...who.map(([role, target, name]) => {
      const button = el<HTMLButtonElement>("button", { type: "button", disabled: target === undefined }, `${role}: ${name ?? "—"}`)
      button.setAttribute("aria-pressed", String(target !== undefined && target === current))
      button.addEventListener("click", () => {
        if (target) actAs(target)
        renderRoles()
      })
      return button
    }))
  }
  const refresh = async () => {
    tickets = [...(await visibleTickets(provider))].sort((a, b) => a.number.localeCompare(b.number))
    const wanted = select.value || new URLSearchParams(location.search).get("number")
    const chosen = tickets.find((t) => t.number === wanted)?.number ?? tickets.find((t) => t.state !== "Cerrada")?.number ?? ""
    select.replaceChildren(...tickets.map((t) => new Option(`${t.number} · ${t.state} · ${t.titulo}`, t.number)))
    select.value = chosen
    apply()
  }
  select.addEventListener("change", apply)
  // Another actor may see other tickets: list again.
  document.getElementById("actor")?.addEventListener("change", () => setTimeout(() => void refresh()))
  stage?.addEventListener("ticket-updated", () => void refresh())
  if (stage) new MutationObserver(apply).observe(stage, { childList: true })
  await refresh()
}

function setUpFormPage(): void {
  const slot = document.getElementById("cau-created-link")
  document.getElementById("demo-stage")?.addEventListener("ticket-created", (event) => {
    if (!slot) return
    const ticket = (event as CustomEvent<Ticket>).detail
    const href = `${english ? "/en" : ""}/cau/cau-ticket-detail/?number=${encodeURIComponent(ticket.number)}`
    const link = el<HTMLAnchorElement>("a", { href }, say(`Ver el ticket N° ${ticket.number} en <cau-ticket-detail>`, `See ticket No. ${ticket.number} in <cau-ticket-detail>`))
    slot.replaceChildren(link)
    slot.hidden = false
  })
}

const page = document.body.dataset.page
const provider = document.getElementById("playground") as EcasillaProvider | null
const picker = document.getElementById("cau-ticket-picker")
if (page === DETAIL_PAGE && provider && picker) void setUpDetailPage(provider, picker)
if (page === FORM_PAGE) setUpFormPage()
