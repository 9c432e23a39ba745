/// <reference types="mocha" />
// The example pages of examples/ as a person uses them, in Chromium: each is plain HTML
// with one script tag over the single-file build (examples/standalone/dist/ecasilla.js,
// built by `npm run test:browser` before this runs). Each is loaded in an iframe, filled
// by keyboard, checked with axe inside the page, and the offline one reloaded.
import { expect, waitUntil } from "@open-wc/testing"
import { sendKeys } from "@web/test-runner-commands"

type Win = Window & typeof globalThis & { axe?: { run: (ctx: Document, opts?: object) => Promise<{ violations: Array<{ id: string; help: string }> }> } }

const frames: Array<HTMLIFrameElement> = []
afterEach(() => {
  for (const f of frames.splice(0)) f.remove()
})

const open = async (path: string): Promise<HTMLIFrameElement> => {
  const frame = document.createElement("iframe")
  frame.style.cssText = "width:1000px;height:1400px"
  frames.push(frame)
  const loaded = new Promise((resolve) => frame.addEventListener("load", resolve, { once: true }))
  frame.src = path
  document.body.append(frame)
  await loaded
  await ready(frame)
  return frame
}

const ready = async (frame: HTMLIFrameElement) => {
  await waitUntil(() => frame.contentWindow!.customElements.get("cau-ticket-form") !== undefined, "the bundle defines the elements", { timeout: 15000 })
  const form = frame.contentDocument!.querySelector("cau-ticket-form") as HTMLElement & { updateComplete: Promise<unknown> }
  await form.updateComplete
}

const reload = async (frame: HTMLIFrameElement) => {
  const loaded = new Promise((resolve) => frame.addEventListener("load", resolve, { once: true }))
  frame.contentWindow!.location.reload()
  await loaded
  await ready(frame)
}

const axeViolations = async (frame: HTMLIFrameElement) => {
  const win = frame.contentWindow as Win
  if (!win.axe) {
    const script = frame.contentDocument!.createElement("script")
    script.src = "/node_modules/axe-core/axe.min.js"
    const loaded = new Promise((resolve) => script.addEventListener("load", resolve, { once: true }))
    frame.contentDocument!.head.append(script)
    await loaded
  }
  const { violations } = await win.axe!.run(frame.contentDocument!, { resultTypes: ["violations"] })
  return violations.map((v) => `${v.id}: ${v.help}`)
}

const inner = (host: Element, selector: string) => {
  const found = host.shadowRoot!.querySelector<HTMLElement>(selector)
  if (!found) throw new Error(`${host.localName}: nothing matches ${selector}`)
  return found
}

const typeIn = async (el: HTMLElement, text: string) => {
  el.focus()
  await sendKeys({ type: text })
}

/** Files a ticket through the page's own <cau-ticket-form>, by keyboard. */
const fileTicket = async (frame: HTMLIFrameElement, titulo: string) => {
  const form = frame.contentDocument!.querySelector("cau-ticket-form")!
  await typeIn(inner(form, "#titulo"), titulo)
  await typeIn(inner(form, "#descripcion"), "Desde el lunes no aparecen notificaciones nuevas en la bandeja.")
  inner(form, 'input[name="tipo"][value="Incidencia"]').click()
  await typeIn(inner(form, "#categoria"), "problemas notificacion")
  await sendKeys({ press: "ArrowDown" })
  await sendKeys({ press: "Enter" })
  await typeIn(inner(form, "#telefono"), "984123456")
  const created = new Promise<{ id: string; number: string }>((resolve) =>
    form.addEventListener("ticket-created", (e) => resolve((e as CustomEvent).detail), { once: true }))
  inner(form, 'button[type="submit"]').click()
  return created
}

describe("examples/intranet-page (plain HTML, one script tag)", () => {
  it("validates a DNI/RUC in a plain form and files a ticket that the detail then shows", async () => {
    const frame = await open("/examples/intranet-page/index.html")
    const doc = frame.contentDocument!
    expect(await axeViolations(frame)).to.deep.equal([])

    const idInput = doc.querySelector("ecasilla-id-input")!
    await typeIn(inner(idInput, "input"), "20131378972")
    ;(doc.querySelector('#consulta button[type="submit"]') as HTMLButtonElement).click()
    await waitUntil(() => doc.querySelector("#aviso")!.textContent!.includes("20131378972"))

    const ticket = await fileTicket(frame, "No recibo notificaciones en mi casilla")
    expect(ticket.number).to.match(/^CAU-\d{4}-\d{6}$/)
    const detail = doc.querySelector("cau-ticket-detail")!
    await waitUntil(() => !detail.hidden && (detail.shadowRoot?.textContent ?? "").includes(ticket.number), "the detail shows the new ticket")
    expect(detail.shadowRoot!.textContent).to.contain("Registrada")
    expect(await axeViolations(frame)).to.deep.equal([])
  })
})

describe("examples/offline-page (IndexedDB + service worker)", () => {
  before(async () => {
    await new Promise((resolve) => {
      const req = indexedDB.deleteDatabase("ecasilla-offline-example")
      req.onsuccess = req.onerror = req.onblocked = resolve
    })
  })

  it("keeps the tickets filed on the page across a reload, and caches the page for offline use", async () => {
    const frame = await open("/examples/offline-page/index.html")
    const doc = () => frame.contentDocument!
    await waitUntil(() => doc().querySelector("#estado")!.textContent!.includes("0 tickets guardados"), `estado: ${doc().querySelector("#estado")!.textContent}`, { timeout: 10000 })
    expect(await axeViolations(frame)).to.deep.equal([])

    const ticket = await fileTicket(frame, "Sin acceso a la casilla desde la oficina")
    await waitUntil(() => doc().querySelector("#mis-tickets")!.textContent!.includes(ticket.number))

    await reload(frame)
    await waitUntil(() => doc().querySelector("#estado")!.textContent!.includes("1 ticket guardado"), "the ticket survives the reload")
    const item = doc().querySelector<HTMLButtonElement>("#mis-tickets button")!
    expect(item.textContent).to.contain(ticket.number)
    item.click()
    const detail = doc().querySelector("cau-ticket-detail")!
    await waitUntil(() => (detail.shadowRoot?.textContent ?? "").includes("Sin acceso a la casilla"), "the detail opens from the list")

    // The service worker keeps the page and its one script for the next visit without network.
    const sw = frame.contentWindow!.navigator.serviceWorker
    await sw.ready
    const cached = await frame.contentWindow!.caches.open("ecasilla-offline-example-v1")
    await waitUntil(async () => (await cached.keys()).length >= 3, "page and script cached", { timeout: 10000 })
    const urls = (await cached.keys()).map((r) => new URL(r.url).pathname)
    expect(urls).to.include("/examples/standalone/dist/ecasilla.js")
    expect(urls).to.include("/examples/offline-page/index.html")
    for (const r of await sw.getRegistrations()) await r.unregister()
  })
})
