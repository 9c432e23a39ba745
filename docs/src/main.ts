// The live parts of every playground page: the storage Layer and demo actor of
// the page-wide <ecasilla-provider>, the language switch, and on element pages
// the editable snippet that re-renders the demo and the event log.
import "./elements.js"
import "./cau-playground.js"
import "./sari-playground.js"
import "./firma-playground.js"
import "./casilla-playground.js"
import type { EcasillaProvider } from "@ecasilla/elements"
import { roleName } from "@ecasilla/core/roles"
import { pages } from "./pages.js"
import { demoActors, playgroundLayer, resetPlaygroundStorage } from "./storage.js"

const ACTOR_KEY = "ecasilla-playground-actor"

const byId = <T extends HTMLElement>(id: string): T | null => document.getElementById(id) as T | null

/** The page's language: the Spanish site at /, the English one at /en/. */
const english = document.body.dataset.locale === "en"
const say = (es: string, en: string): string => (english ? en : es)

async function setUpProvider(): Promise<void> {
  const provider = byId<EcasillaProvider>("playground")
  const status = byId("storage-status")
  if (provider === null) return
  try {
    const storage = playgroundLayer()
    provider.layer = storage.layer
    const label = await storage.label
    if (status) status.textContent = english ? label.en : label.es
  } catch (cause) {
    console.error("playground: the storage layer could not be built", cause)
    if (status) status.textContent = say("Almacenamiento no disponible (vea la consola)", "Storage not available (see the console)")
  }
  byId("storage-reset")?.addEventListener("click", async () => {
    if (!confirm(say("¿Borrar los datos del playground? Se cargarán de nuevo los datos de demostración.", "Clear the playground's data? The demo data will be loaded again."))) return
    provider.remove()
    await resetPlaygroundStorage()
    location.reload()
  })
}

/** The actor switch: the visitor acts as any of the demo users. */
async function setUpActor(): Promise<void> {
  const provider = byId<EcasillaProvider>("playground")
  const select = byId<HTMLSelectElement>("actor")
  if (provider === null || select === null) return
  const actors = await demoActors()
  // Roles as people name them ("Líder de grupo CAU"), never their ids.
  const roles = (actor: (typeof actors)[number]) => actor.roles.map((r) => roleName(r, english ? "en" : "es-PE")).join(", ")
  for (const actor of actors) select.add(new Option(actor.roles.length ? `${actor.name} (${roles(actor)})` : actor.name, actor.id))
  const choose = (id: string | null) => {
    const actor = actors.find((a) => a.id === id) ?? actors[0]
    select.value = actor.id
    provider.actor = actor
  }
  choose(localStorage.getItem(ACTOR_KEY))
  select.addEventListener("change", () => {
    choose(select.value)
    localStorage.setItem(ACTOR_KEY, select.value)
  })
}

/** The language switch moves to the same page of the other site, keeping the query. */
function setUpLocale(): void {
  const select = byId<HTMLSelectElement>("locale")
  if (select === null) return
  select.addEventListener("change", () => {
    const other = select.dataset.other
    if (other) location.assign(other + location.search)
  })
}

/** Small screens: the navigation folds behind a "Menú" button. */
function setUpMenu(): void {
  const button = byId<HTMLButtonElement>("menu-toggle")
  const nav = byId("site-nav")
  if (button === null || nav === null) return
  button.addEventListener("click", () => {
    const open = button.getAttribute("aria-expanded") !== "true"
    button.setAttribute("aria-expanded", String(open))
    nav.classList.toggle("open", open)
  })
}

/** The address this site is really served on (npm start may use another port or host). */
function setUpServedAt(): void {
  for (const link of document.querySelectorAll<HTMLAnchorElement>("a.served-at")) {
    link.textContent = location.origin + "/"
    link.href = location.origin + (english ? "/en/" : "/")
  }
}

/** A "Copiar" button on every code block. */
function setUpCopyButtons(): void {
  for (const pre of document.querySelectorAll<HTMLElement>("pre.code")) {
    const button = document.createElement("button")
    button.type = "button"
    button.className = "copy"
    button.textContent = say("Copiar", "Copy")
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(pre.querySelector("code")?.textContent ?? "")
        button.textContent = say("Copiado", "Copied")
      } catch {
        button.textContent = say("No se pudo copiar", "Could not copy")
      }
      setTimeout(() => (button.textContent = say("Copiar", "Copy")), 2000)
    })
    pre.before(button)
    const wrap = document.createElement("div")
    wrap.className = "code-block"
    pre.before(wrap)
    wrap.append(button, pre)
  }
}

function setUpDemo(): void {
  const page = pages.find((p) => p.path === document.body.dataset.page)
  const stage = byId("demo-stage")
  const editor = byId<HTMLTextAreaElement>("snippet")
  if (page?.demo === undefined || stage === null || editor === null) return
  let timer: ReturnType<typeof setTimeout> | undefined
  const status = byId("snippet-status")
  const apply = () => {
    // The snippet is the reader's own HTML, rendered in their own browser. What cannot
    // render is said next to the editor: an error thrown while the elements upgrade, or
    // a tag with a dash that no element defines (a typo such as <cau-ticket-from>).
    const errors: Array<string> = []
    const onError = (event: ErrorEvent) => errors.push(event.message)
    addEventListener("error", onError)
    try {
      stage.innerHTML = editor.value
    } catch (cause) {
      errors.push(String(cause))
    } finally {
      setTimeout(() => removeEventListener("error", onError), 500)
    }
    setTimeout(() => {
      const unknown = [...new Set([...stage.querySelectorAll("*")].map((e) => e.localName).filter((n) => n.includes("-") && !customElements.get(n)))]
      const problems = [
        ...errors.map((m) => say(`Error al mostrar el ejemplo: ${m}`, `The example failed to render: ${m}`)),
        ...unknown.map((n) => say(`<${n}> no es un elemento de esta página: revise el nombre.`, `<${n}> is not an element of this page: check the name.`))
      ]
      if (status) {
        status.textContent = problems.join(" ")
        status.classList.toggle("error", problems.length > 0)
      }
    }, 100)
  }
  editor.addEventListener("input", () => {
    clearTimeout(timer)
    timer = setTimeout(apply, 300)
  })
  byId("snippet-reset")?.addEventListener("click", () => {
    editor.value = page.demo ?? ""
    apply()
  })
  logEvents(stage, (byId("demo-events")?.dataset.events ?? "").split(" ").filter(Boolean))
  // Demo forms submit nowhere: show what they would send.
  stage.addEventListener("submit", (event) => {
    event.preventDefault()
    const form = event.target as HTMLFormElement
    const sent = [...new FormData(form)].map(([k, v]) => `${k}=${String(v)}`).join("&")
    addLogLine(`submit → ${sent || say("(vacío)", "(empty)")}`)
  })
}

function addLogLine(text: string): void {
  const log = byId("event-log")
  if (log === null) return
  const item = document.createElement("li")
  item.textContent = `${new Date().toLocaleTimeString(english ? "en" : "es-PE")}  ${text}`
  log.prepend(item)
  while (log.children.length > 30) log.lastElementChild?.remove()
}

function logEvents(stage: HTMLElement, names: ReadonlyArray<string>): void {
  for (const name of names) {
    stage.addEventListener(name, (event) => {
      const target = event.target as HTMLElement
      const e = event as Event & { value?: unknown; valid?: unknown }
      const details = [e.value !== undefined ? `value=${JSON.stringify(e.value)}` : "", e.valid !== undefined ? `valid=${String(e.valid)}` : ""]
      addLogLine(`${name} ${say("en", "on")} <${target.localName}> ${details.filter(Boolean).join(" ")}`)
    })
  }
}

setUpLocale()
setUpMenu()
setUpServedAt()
setUpCopyButtons()
setUpDemo()
// The provider first: it opens (and seeds) the storage the actor list reads roles from.
void setUpProvider()
void setUpActor()
