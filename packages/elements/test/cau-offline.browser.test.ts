/// <reference types="mocha" />
// An offline page end to end in Chromium: <cau-ticket-form> on @ecasilla/adapters/offline
// over real IndexedDB (Dexie) and the real example backend. With the network to the backend
// cut, the ticket is saved on the device with a provisional number and <cau-sync-status>
// says it waits; the page is reloaded (its runtime and database closed and opened again on
// the same IndexedDB), still offline; when the network is back and the browser says so
// (`online`), the ticket reaches the backend exactly once and the page finds it under its
// final number. Then twelve tickets queued offline are replayed while the backend is killed
// (SIGKILL, after applying one and before answering it) and started again on the same data:
// all twelve arrive, none twice, numbered in the order they were filed.
import { expect, fixture, html, oneEvent, waitUntil } from "@open-wc/testing"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { Dexie } from "dexie"
import { openEcasillaDb } from "@ecasilla/adapters/dexie"
import { layerOfflineCau } from "@ecasilla/adapters/offline"
import { isProvisionalTicketNumber, type Ticket, TicketError, TicketService, TicketSync, type TicketSyncStatus } from "@ecasilla/core/cau"
import "@ecasilla/elements/define/ecasilla-provider.js"
import "@ecasilla/elements/define/cau-ticket-form.js"
import "@ecasilla/elements/define/cau-ticket-detail.js"
import "@ecasilla/elements/define/cau-sync-status.js"
import type { CauSyncStatus, CauTicketDetail, CauTicketForm, EcasillaProvider, TicketCreatedEvent } from "@ecasilla/elements"
import { runOn } from "@ecasilla/elements"
import { $, draft, fillNewTicket, rosa, shadowText } from "./cau-helpers.js"

const network = (state: "up" | "down") => fetch("/__network", { method: "POST", body: state })
const DB = "ecasilla-offline-e2e"

/** A page load: a provider over the offline CAU on the named IndexedDB database. */
const load = async (content: ReturnType<typeof html>) => {
  const db = openEcasillaDb(DB)
  const layer = layerOfflineCau({ baseUrl: location.origin, db, timeout: 4000, retries: 0, retryEvery: 0 })
  const provider = await fixture<EcasillaProvider>(html`<ecasilla-provider .layer=${layer} .actor=${rosa}>${content}</ecasilla-provider>`)
  return {
    provider,
    /** The page goes away: its runtime is disposed and the database closed. */
    unload: async () => {
      provider.remove()
      await new Promise((r) => setTimeout(r, 50))
      db.close()
    }
  }
}
const statusText = (el: CauSyncStatus) => (el.shadowRoot!.querySelector(".status")?.textContent ?? "").trim()
const onServer = async (titulo: string): Promise<Array<Ticket>> => {
  const res = await fetch(`/api/tickets?requesterId=${rosa.id}&limit=500`, { headers: { "x-ecasilla-user": rosa.id } })
  expect(res.status).to.equal(200)
  return ((await res.json()) as Array<Ticket>).filter((t) => t.titulo === titulo)
}

describe("an offline CAU page (IndexedDB + example backend)", () => {
  before(async () => {
    await Dexie.delete(DB)
    // Wake the backend while the network is up.
    await fetch(`/api/tickets?limit=1`, { headers: { "x-ecasilla-user": rosa.id } })
  })
  after(async () => {
    await network("up")
  })

  it("a ticket filed offline survives a reload and reaches the backend once when the network is back", async () => {
    const titulo = `Sin red en la sede (${Date.now()})`
    await network("down")
    const first = await load(html`<cau-sync-status></cau-sync-status><cau-ticket-form></cau-ticket-form>`)
    const form = first.provider.querySelector<CauTicketForm>("cau-ticket-form")!
    const status = first.provider.querySelector<CauSyncStatus>("cau-sync-status")!
    await form.updateComplete
    await fillNewTicket(form, titulo)
    const created = oneEvent(form, "ticket-created") as Promise<TicketCreatedEvent>
    $<HTMLButtonElement>(form, 'button[type="submit"]').click()
    const local = (await created).detail
    expect(isProvisionalTicketNumber(local.number)).to.equal(true)
    await form.updateComplete
    expect(shadowText(form)).to.contain(`Sin conexión: se guardó en este equipo con el N° provisional ${local.number}`)
    await waitUntil(() => statusText(status).includes("1 cambio"), "the status never said a change waits", { timeout: 10000 })
    expect(statusText(status)).to.contain("Sin conexión con el CAU")
    await expect(status).to.be.accessible()
    await expect(form).to.be.accessible()
    await first.unload()

    // Reload, still offline: the ticket is on the device, under its provisional number.
    const second = await load(html`<cau-sync-status></cau-sync-status><cau-ticket-detail></cau-ticket-detail>`)
    const detail = second.provider.querySelector<CauTicketDetail>("cau-ticket-detail")!
    const status2 = second.provider.querySelector<CauSyncStatus>("cau-sync-status")!
    detail.number = local.number
    await waitUntil(() => detail.ticket?.id === local.id, "the reloaded page did not find the offline ticket", { timeout: 10000 })
    expect(shadowText(detail)).to.contain(local.number)
    expect(shadowText(detail)).to.contain(`N° provisional ${local.number}`)
    await waitUntil(() => statusText(status2).includes("1 cambio"), "the reloaded status lost the pending change", { timeout: 10000 })
    await expect(detail).to.be.accessible()

    // The network is back; nothing was sent yet, until the browser says so.
    await network("up")
    expect(await onServer(titulo)).to.have.length(0)
    window.dispatchEvent(new Event("online"))
    await waitUntil(async () => (await onServer(titulo)).length > 0, "the ticket never reached the backend", { timeout: 15000 })
    await waitUntil(() => status2.status?.pending === 0 && !status2.status.syncing, "the status never emptied", { timeout: 15000 })
    expect(statusText(status2)).to.equal("")
    // Again, and after another reload: still once.
    window.dispatchEvent(new Event("online"))
    await new Promise((r) => setTimeout(r, 500))
    const [stored, ...more] = await onServer(titulo)
    expect(more).to.have.length(0)
    expect(isProvisionalTicketNumber(stored.number)).to.equal(false)
    // The page finds it by its provisional number, now as the backend's ticket.
    detail.number = ""
    detail.ticketId = local.id
    await waitUntil(() => detail.ticket?.number === stored.number, "the detail never showed the final number", { timeout: 10000 })
    expect(shadowText(detail)).not.to.contain("provisional")
    await second.unload()
    const third = await load(html`<cau-sync-status></cau-sync-status>`)
    await new Promise((r) => setTimeout(r, 500))
    expect(await onServer(titulo)).to.have.length(1)
    await third.unload()
  })
})

describe("an offline CAU page when the backend dies mid-sync (IndexedDB + example backend)", () => {
  after(async () => {
    await network("up")
    await fetch("/__backend", { method: "POST", body: "kill-after-creates 0" })
  })

  it("the backend killed after applying a queued ticket and started again: every ticket arrives once, in the order filed", async () => {
    const run = `Cola ${Date.now()}`
    await network("down")
    const page = await load(html`<cau-sync-status></cau-sync-status>`)
    const cau = async <A, E>(f: (s: TicketService["Service"]) => Effect.Effect<A, E>): Promise<A> => {
      const outcome = await runOn(page.provider.runtime, [TicketService], Effect.flatMap(Effect.service(TicketService), f))
      if (!outcome.ok) throw outcome.error
      return outcome.value
    }
    const sync = async (f: (s: TicketSync["Service"]) => Effect.Effect<TicketSyncStatus>): Promise<TicketSyncStatus> => {
      const outcome = await runOn(page.provider.runtime, [TicketSync], Effect.flatMap(Effect.service(TicketSync), f))
      if (!outcome.ok) throw outcome.error
      return outcome.value
    }
    // Twelve tickets filed with the network down: each on the device, each in the queue.
    for (let i = 0; i < 12; i++) {
      const t = await cau((s) => s.createTicket(rosa, { ...draft, titulo: `${run} #${String(i).padStart(2, "0")}` }))
      expect(isProvisionalTicketNumber(t.number)).to.equal(true)
    }
    expect((await sync((s) => s.status)).pending).to.equal(12)

    // The network is back; the backend applies the fifth and dies before answering it.
    const killsBefore = ((await (await fetch("/__backend")).json()) as { kills: number }).kills
    await fetch("/__backend", { method: "POST", body: "kill-after-creates 5" })
    await network("up")
    // The next request starts it again on the same data; the replay goes on where it stopped,
    // the lost answer's ticket replayed under its key.
    await waitUntil(async () => (await sync((s) => s.sync)).pending === 0, "the queue never emptied", { timeout: 60000, interval: 500 })
    const res = await fetch(`/api/tickets?requesterId=${rosa.id}&limit=500`, { headers: { "x-ecasilla-user": rosa.id } })
    const mine = ((await res.json()) as Array<Ticket>).filter((t) => t.titulo.startsWith(run))
    expect(mine.map((t) => t.titulo).sort()).to.deep.equal(Array.from({ length: 12 }, (_, i) => `${run} #${String(i).padStart(2, "0")}`))
    // Numbered by the backend in the order they were filed.
    const byNumber = [...mine].sort((a, b) => a.number.localeCompare(b.number)).map((t) => t.titulo)
    expect(byNumber).to.deep.equal([...byNumber].sort())
    expect((await sync((s) => s.status)).failures).to.deep.equal([])
    expect(((await (await fetch("/__backend")).json()) as { kills: number }).kills).to.equal(killsBefore + 1)
    await page.unload()
  })
})

describe("<cau-sync-status>", () => {
  const failingSync = (initial: TicketSyncStatus, dismissed: Array<number>) => {
    let current = initial
    const listeners = new Set<(s: TicketSyncStatus) => void>()
    return Layer.succeed(TicketSync, TicketSync.of({
      status: Effect.sync(() => current),
      sync: Effect.sync(() => current),
      dismiss: (seq) =>
        Effect.sync(() => {
          dismissed.push(seq)
          current = { ...current, failures: current.failures.filter((f) => f.seq !== seq) }
          for (const f of listeners) f(current)
        }),
      watch: (f) =>
        Effect.sync(() => {
          listeners.add(f)
          return () => void listeners.delete(f)
        })
    }))
  }

  it("names each refused change with the core's reason, in Spanish or English, and forgets it when acknowledged", async () => {
    const refused = new TicketError({ reason: "not-allowed", action: "edit" })
    const dismissed: Array<number> = []
    const layer = failingSync({
      online: true,
      pending: 0,
      syncing: false,
      failures: [{ seq: 7, op: "editTicket", ticketId: "tkt_1", ticketNumber: "CAU-2026-000042", titulo: "Editado sin red", error: { ...refused, _tag: refused._tag }, at: "2026-03-02T14:00:00.000Z" }]
    }, dismissed)
    const provider = await fixture<EcasillaProvider>(html`<ecasilla-provider .layer=${layer} .actor=${rosa}><cau-sync-status></cau-sync-status></ecasilla-provider>`)
    const el = provider.querySelector<CauSyncStatus>("cau-sync-status")!
    await waitUntil(() => el.shadowRoot!.querySelector(".refused li"), "no refused change shown")
    const item = el.shadowRoot!.querySelector(".refused li")!.textContent!
    expect(item).to.contain("«Editado sin red» (N° CAU-2026-000042)")
    expect(item).to.contain("Su perfil no permite esta acción sobre el ticket.")
    await expect(el).to.be.accessible()
    el.lang = "en"
    await waitUntil(() => el.shadowRoot!.querySelector(".refused li")?.textContent?.includes("Your profile does not allow"), "not in English")
    el.shadowRoot!.querySelector<HTMLButtonElement>(".refused button")!.click()
    await waitUntil(() => el.shadowRoot!.querySelector(".refused") === null, "the acknowledged change is still shown")
    expect(dismissed).to.deep.equal([7])
  })

  it("shows nothing with a layer that has no offline sync", async () => {
    const provider = await fixture<EcasillaProvider>(html`<ecasilla-provider .layer=${Layer.empty} .actor=${rosa}><cau-sync-status></cau-sync-status></ecasilla-provider>`)
    const el = provider.querySelector<CauSyncStatus>("cau-sync-status")!
    await new Promise((r) => setTimeout(r, 100))
    expect(statusText(el)).to.equal("")
    expect(el.status).to.equal(undefined)
    await expect(el).to.be.accessible()
  })
})
