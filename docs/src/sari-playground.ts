// The SARI pages of the playground: buttons to act as each demo unit's operator and
// approvers (the header's "Actuar como" select does the switching), and the inboxes
// refreshed when the actor changes. DOM built with textContent only.
import { sariDemoUser } from "@ecasilla/adapters/memory"
import type { SariApprovalInbox } from "@ecasilla/elements"

const english = document.body.dataset.locale === "en"
const say = (es: string, en: string): string => (english ? en : es)

const people: ReadonlyArray<readonly [string, string, string]> = [
  ["E20101", "Operador OCI · MINSA", "OCI operator · MINSA"],
  ["E20102", "Jefe de OCI · MINSA", "Head of OCI · MINSA"],
  ["E20103", "Supervisor OCI · MINSA", "OCI supervisor · MINSA"],
  ["E30102", "Operador OCI · SUNAT", "OCI operator · SUNAT"],
  ["E30101", "Jefe de OCI · SUNAT", "Head of OCI · SUNAT"],
  ["U10101", "Operador UO · GTI", "Unit operator · GTI"],
  ["U10102", "Gerente · GTI", "Gerente · GTI"]
]

const actAs = (id: string): void => {
  const select = document.getElementById("actor") as HTMLSelectElement | null
  if (!select || select.value === id) return
  select.value = id
  select.dispatchEvent(new Event("change", { bubbles: true }))
}

const picker = document.getElementById("sari-actor-picker")
if (picker) {
  const group = document.createElement("div")
  group.setAttribute("role", "group")
  group.setAttribute("aria-label", say("Actuar como", "Act as"))
  const render = () => {
    const current = (document.getElementById("actor") as HTMLSelectElement | null)?.value
    group.replaceChildren(...people.map(([id, es, en]) => {
      const button = document.createElement("button")
      button.type = "button"
      button.textContent = `${say(es, en)}: ${sariDemoUser(id)?.name ?? id}`
      button.setAttribute("aria-pressed", String(current === id))
      button.addEventListener("click", () => {
        actAs(id)
        render()
      })
      return button
    }))
  }
  picker.replaceChildren(group)
  render()
  document.getElementById("actor")?.addEventListener("change", () => {
    render()
    for (const inbox of document.querySelectorAll<SariApprovalInbox>("sari-approval-inbox")) inbox.refresh()
  })
  // On the inbox page an approver is the natural first actor; on the form page, an operator.
  const page = document.body.dataset.page
  if (page === "sari/sari-request-form" && !["E20101", "E30102", "U10101"].includes((document.getElementById("actor") as HTMLSelectElement | null)?.value ?? "")) {
    setTimeout(() => actAs("E20101"), 0)
  }
}
