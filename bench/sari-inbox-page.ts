// The page of the sari.inbox.1000 benchmark, bundled by bench/suites/sari.mjs and run in
// Chromium: a <sari-approval-inbox> over the memory adapters holding 1,000 sent requests of
// one OCI, opened as its Jefe; and, on the same page, the baseline: 1,000 plain rows with
// the same text rendered by Lit. Each figure includes layout (offsetHeight) so both pay it.
import { html, render } from "lit"
import { layerMemorySari, sariDemoCollaborators, sariDemoConfig, sariDemoUser, sariDemoUsers } from "@ecasilla/adapters/memory"
import { foldForSearch } from "@ecasilla/core/ports"
import type { SariRequest } from "@ecasilla/core/sari"
import "@ecasilla/elements/define/ecasilla-provider.js"
import "@ecasilla/elements/define/sari-approval-inbox.js"
import type { EcasillaProvider, SariApprovalInbox } from "@ecasilla/elements"

const N = 1000
const surnames = ["Quispe", "Mamani", "Huamán", "Flores", "Rojas", "Vargas", "Castillo", "Ramírez", "Torres", "Mendoza"]
const given = ["Ana", "Luis", "Rosa", "Jorge", "Carmen", "Pedro", "Elena", "Raúl", "Sofía", "Miguel"]

const requests: ReadonlyArray<SariRequest> = Array.from({ length: N }, (_, i) => {
  const at = new Date(Date.UTC(2026, 2, 1, 14) + i * 60_000).toISOString()
  return {
    id: `sari_b${i}` as SariRequest["id"],
    number: `SARI-2026-${String(i + 1).padStart(6, "0")}`,
    state: "Enviada",
    unit: { id: "OCI-MINSA", kind: "oci", name: "OCI del Ministerio de Salud" },
    system: i % 3 === 0 ? "cau" : "casilla",
    requester: { id: "E20101", name: "Lucía Torres Vega" },
    collaborator: { id: `E5${String(i).padStart(4, "0")}`, name: `${surnames[i % 10]} ${surnames[(i >> 3) % 10]} ${given[(i >> 1) % 10]}`, dni: String(40000000 + i) as never, cargo: "auditor", unit: "OCI-MINSA" },
    rolesHeld: [],
    changes: [{ op: "add", role: i % 3 === 0 ? "cau-analista" : "notificador" }],
    createdAt: at,
    updatedAt: at,
    sentAt: at,
    version: 2
  }
})

const layer = layerMemorySari({ config: sariDemoConfig, users: sariDemoUsers, collaborators: sariDemoCollaborators, requests })
const jefe = sariDemoUser("E20102")!

// Yields to the event loop without timer clamping.
const tick = () => new Promise<void>((resolve) => { const c = new MessageChannel(); c.port1.onmessage = () => resolve(); c.port2.postMessage(0) })
const until = async (cond: () => boolean, limit = 10_000) => {
  const start = performance.now()
  while (!cond()) {
    if (performance.now() - start > limit) throw new Error("timeout")
    await tick()
  }
}
const text = (el: Element) => el.shadowRoot?.textContent ?? ""

const provider = document.createElement("ecasilla-provider") as EcasillaProvider
provider.layer = layer as never
provider.actor = jefe
document.body.append(provider)

/** One inbox: time to render 1,000 requests, then to filter them by a search; the rows in the DOM. */
const inboxRun = async () => {
  const inbox = document.createElement("sari-approval-inbox") as SariApprovalInbox
  const t0 = performance.now()
  provider.append(inbox)
  await until(() => text(inbox).includes(`${N} de ${N} solicitudes`))
  void (inbox as HTMLElement).offsetHeight
  const renderMs = performance.now() - t0
  const rows = inbox.shadowRoot!.querySelectorAll("li").length
  const q = inbox.shadowRoot!.querySelector<HTMLInputElement>("#q")!
  const t1 = performance.now()
  q.value = "quispe"
  q.dispatchEvent(new Event("input"))
  await inbox.updateComplete
  void (inbox as HTMLElement).offsetHeight
  const filterMs = performance.now() - t1
  const expected = requests.filter((r) => foldForSearch(`${r.number} ${r.collaborator.name} ${r.collaborator.dni} ${r.requester.name}`).includes("quispe")).length
  if (!text(inbox).includes(`${expected} de ${N} solicitudes`)) throw new Error(`filter shows the wrong count (expected ${expected})`)
  const filteredRows = inbox.shadowRoot!.querySelectorAll("li").length
  inbox.remove()
  return { renderMs, filterMs, rows, filteredRows, expected }
}

/** The baseline: the same 1,000 rows as plain list items, then the filtered ones. */
const plainRun = () => {
  const host = document.createElement("div")
  document.body.append(host)
  const rowsOf = (rs: ReadonlyArray<SariRequest>) => html`<ul>${rs.map((r) => html`<li><button type="button">${r.number} · ${r.collaborator.name}</button> ${r.system} ${r.state}</li>`)}</ul>`
  const t0 = performance.now()
  render(rowsOf(requests), host)
  void host.offsetHeight
  const renderMs = performance.now() - t0
  const t1 = performance.now()
  render(rowsOf(requests.filter((r) => foldForSearch(r.collaborator.name).includes("quispe"))), host)
  void host.offsetHeight
  const filterMs = performance.now() - t1
  host.remove()
  return { renderMs, filterMs }
}

const median = (xs: ReadonlyArray<number>) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

;(window as unknown as { runBench: () => Promise<unknown> }).runBench = async () => {
  const inbox: Array<Awaited<ReturnType<typeof inboxRun>>> = []
  const plain: Array<ReturnType<typeof plainRun>> = []
  // Warm-up: first runs compile the code paths.
  await inboxRun()
  plainRun()
  for (let i = 0; i < 7; i++) {
    inbox.push(await inboxRun())
    plain.push(plainRun())
  }
  return {
    renderMs: median(inbox.map((r) => r.renderMs)),
    filterMs: median(inbox.map((r) => r.filterMs)),
    totalMs: median(inbox.map((r) => r.renderMs + r.filterMs)),
    rows: Math.max(...inbox.map((r) => r.rows)),
    filteredRows: Math.max(...inbox.map((r) => r.filteredRows)),
    expected: inbox[0].expected,
    plainRenderMs: median(plain.map((r) => r.renderMs)),
    plainFilterMs: median(plain.map((r) => r.filterMs)),
    plainTotalMs: median(plain.map((r) => r.renderMs + r.filterMs))
  }
}
