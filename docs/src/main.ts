// The live parts of every playground page: the storage Layer and demo actor of
// the page-wide <ecasilla-provider>, the language switch, and on element pages
// the editable snippet that re-renders the demo and the event log.
import "./elements.js"
import "./cau-playground.js"
import type { EcasillaProvider } from "@ecasilla/elements"
import { pages } from "./pages.js"
import { demoActors, playgroundLayer, resetPlaygroundStorage } from "./storage.js"

const LOCALE_KEY = "ecasilla-playground-locale"
const ACTOR_KEY = "ecasilla-playground-actor"

const byId = <T extends HTMLElement>(id: string): T | null => document.getElementById(id) as T | null

async function setUpProvider(): Promise<void> {
  const provider = byId<EcasillaProvider>("playground")
  const status = byId("storage-status")
  if (provider === null) return
  try {
    const storage = playgroundLayer()
    provider.layer = storage.layer
    const label = await storage.label
    if (status) status.textContent = label
  } catch (cause) {
    console.error("playground: the storage layer could not be built", cause)
    if (status) status.textContent = "Almacenamiento no disponible (vea la consola)"
  }
  byId("storage-reset")?.addEventListener("click", async () => {
    if (!confirm("¿Borrar los datos del playground? Se cargarán de nuevo los datos de demostración.")) return
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
  for (const actor of actors) select.add(new Option(`${actor.name} (${actor.roles.join(", ")})`, actor.id))
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

function setUpLocale(): void {
  const provider = byId<EcasillaProvider>("playground")
  const select = byId<HTMLSelectElement>("locale")
  if (provider === null || select === null) return
  const saved = localStorage.getItem(LOCALE_KEY)
  if (saved === "en" || saved === "es-PE") {
    select.value = saved
    provider.locale = saved
  }
  select.addEventListener("change", () => {
    provider.locale = select.value
    localStorage.setItem(LOCALE_KEY, select.value)
  })
}

function setUpDemo(): void {
  const page = pages.find((p) => p.path === document.body.dataset.page)
  const stage = byId("demo-stage")
  const editor = byId<HTMLTextAreaElement>("snippet")
  if (page?.demo === undefined || stage === null || editor === null) return
  let timer: ReturnType<typeof setTimeout> | undefined
  const apply = () => {
    // The snippet is the reader's own HTML, rendered in their own browser.
    stage.innerHTML = editor.value
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
    addLogLine(`submit → ${sent || "(vacío)"}`)
  })
}

function addLogLine(text: string): void {
  const log = byId("event-log")
  if (log === null) return
  const item = document.createElement("li")
  item.textContent = `${new Date().toLocaleTimeString("es-PE")}  ${text}`
  log.prepend(item)
  while (log.children.length > 30) log.lastElementChild?.remove()
}

function logEvents(stage: HTMLElement, names: ReadonlyArray<string>): void {
  for (const name of names) {
    stage.addEventListener(name, (event) => {
      const target = event.target as HTMLElement
      const e = event as Event & { value?: unknown; valid?: unknown }
      const details = [e.value !== undefined ? `value=${JSON.stringify(e.value)}` : "", e.valid !== undefined ? `valid=${String(e.valid)}` : ""]
      addLogLine(`${name} en <${target.localName}> ${details.filter(Boolean).join(" ")}`)
    })
  }
}

setUpLocale()
setUpDemo()
void setUpActor()
void setUpProvider()
