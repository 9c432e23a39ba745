// The casilla pages of the playground: buttons to act as the demo receptor or the entity
// (inbox), the notificador or the emisor (deposit); the header's "Actuar como" select does
// the switching. The deposit form gets the demo emisores. DOM built with textContent only.
import { casillaDemoUsers } from "@ecasilla/adapters/memory"
import type { CasillaDeposit, CasillaInbox, CasillaLogin } from "@ecasilla/elements"
import { demoResetToken, demoTrustAnchors } from "./storage.js"

const english = document.body.dataset.locale === "en"
const say = (es: string, en: string): string => (english ? en : es)
const page = document.body.dataset.page ?? ""

const people: Record<string, ReadonlyArray<readonly [string, string, string]>> = {
  "casilla/casilla-inbox": [
    ["10117410", "Receptora (DNI)", "Receptor (DNI)"],
    ["20131378972", "Entidad (RUC)", "Entity (RUC)"],
    ["E40125", "Notificadora", "Notificador"]
  ],
  "casilla/casilla-deposit": [
    ["E40125", "Notificadora", "Notificador"],
    ["U20011", "Emisora", "Emisor"],
    ["10117410", "Receptora (DNI)", "Receptor (DNI)"]
  ],
  "casilla/casilla-sign": [
    ["U20011", "Emisora", "Emisor"],
    ["E40125", "Notificadora", "Notificador"]
  ]
}

const actorSelect = (): HTMLSelectElement | null => document.getElementById("actor") as HTMLSelectElement | null

const actAs = (id: string): void => {
  const select = actorSelect()
  if (!select || select.value === id) return
  select.value = id
  select.dispatchEvent(new Event("change", { bubbles: true }))
}

const emisores = casillaDemoUsers.filter((u) => u.roles.includes("emisor")).map((u) => ({ id: u.id, name: u.name }))
  .concat({ id: "U20019", name: "Luis Paredes Cano" })

const giveEmisores = (): void => {
  for (const deposit of document.querySelectorAll<CasillaDeposit>("casilla-deposit")) if (deposit.emisores.length === 0) deposit.emisores = emisores
}

const picker = document.getElementById("casilla-actor-picker")
const choices = people[page]
if (picker && choices) {
  const group = document.createElement("div")
  group.setAttribute("role", "group")
  group.setAttribute("aria-label", say("Actuar como", "Act as"))
  const render = () => {
    const current = actorSelect()?.value
    group.replaceChildren(...choices.map(([id, es, en]) => {
      const button = document.createElement("button")
      button.type = "button"
      button.textContent = `${say(es, en)}: ${casillaDemoUsers.find((u) => u.id === id)?.name ?? id}`
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
  actorSelect()?.addEventListener("change", () => {
    render()
    for (const inbox of document.querySelectorAll<CasillaInbox>("casilla-inbox")) inbox.reload()
  })
  // The page's natural first actor: a receptor reads the inbox, the notificador (or the
  // emisor) works the deposit. Anyone else chosen elsewhere is switched on arrival.
  const first = choices[0][0]
  const suited = choices.slice(0, 2).map(([id]) => id)
  const waitForActors = () => {
    const select = actorSelect()
    if (!select || select.options.length === 0) return void setTimeout(waitForActors, 50)
    if (!suited.includes(select.value)) actAs(first)
    render()
  }
  waitForActors()
}

// The inbox verifies documents again in the browser against the site's demo root (the
// signed samples' root, as on the <firma-verify> page).
if (page === "casilla/casilla-inbox") {
  void demoTrustAnchors().then((anchors) => {
    const give = () => {
      for (const inbox of document.querySelectorAll<CasillaInbox>("casilla-inbox")) if (inbox.trustAnchors.length === 0) inbox.trustAnchors = anchors
    }
    give()
    new MutationObserver(give).observe(document.body, { childList: true, subtree: true })
  })
}

// The demo snippet can be edited and re-rendered: give every new deposit form the emisores.
if (page === "casilla/casilla-deposit") {
  giveEmisores()
  new MutationObserver(giveEmisores).observe(document.body, { childList: true, subtree: true })
}

// Signing in on the <casilla-login> page makes the playground act as that person; signing out
// leaves the shared demo data alone (a deployment clears the receptor's scope on
// `casilla-logout`, see the element's docs).
if (page === "casilla/casilla-login") {
  document.addEventListener("casilla-login", (e) => actAs((e as CustomEvent<{ actor: { id: string } }>).detail.actor.id))
  // A reset link opens this page with `#token=…`: the element asks for the new password. The
  // playground sends no e-mail, so after a reset request it shows the link the mail would carry.
  const takeToken = () => {
    const token = new URLSearchParams(location.hash.slice(1)).get("token")
    const login = document.querySelector<CasillaLogin>("casilla-login")
    if (token && login) login.resetToken = token
  }
  takeToken()
  window.addEventListener("hashchange", takeToken)
  document.addEventListener("casilla-password-changed", () => history.replaceState(null, "", location.pathname + location.search))
  document.addEventListener("casilla-password-reset", () => {
    const token = demoResetToken()
    if (!token || document.getElementById("demo-reset-link")) return
    const note = document.createElement("p")
    note.id = "demo-reset-link"
    note.setAttribute("role", "status")
    note.append(say("Demostración: no se envía ningún correo. El enlace que llegaría es ", "Demo: no e-mail is sent. The link it would carry is "))
    const link = document.createElement("a")
    link.href = `#token=${encodeURIComponent(token)}`
    link.textContent = say("elegir una nueva contraseña", "choose a new password")
    note.append(link, ".")
    document.querySelector("casilla-login")?.closest("ecasilla-provider")?.after(note)
  })
}
