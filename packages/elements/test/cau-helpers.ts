// Shared set-up of the CAU element tests: a provider over the memory CAU adapters with
// the demo users, a capture Mailer and a fixed clock.
import { fixture, html } from "@open-wc/testing"
import { sendKeys } from "@web/test-runner-commands"
import type { TemplateResult } from "lit"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as TestClock from "effect/testing/TestClock"
import type { Actor } from "@ecasilla/core"
import { TicketService, type Ticket } from "@ecasilla/core/cau"
import { layerBrowserHtmlSanitizer } from "@ecasilla/adapters/browser"
import { cauDemoUsers, layerMemoryCau, makeCaptureMailer } from "@ecasilla/adapters/memory"
import "@ecasilla/elements/define/ecasilla-provider.js"
import { runOn, type EcasillaProvider } from "@ecasilla/elements"

export const [rosa, jorge, carla, luis, patricia] = cauDemoUsers

/** A provider over fresh memory adapters, acting as `actor`, around `content`. */
export const cauFixture = async (content: TemplateResult, actor: Actor | undefined = rosa) => {
  const mailer = makeCaptureMailer()
  const testClock = Layer.effectDiscard(TestClock.setTime(Date.parse("2026-03-02T14:00:00.000Z"))).pipe(Layer.provideMerge(TestClock.layer()))
  const layer = layerMemoryCau({ sanitizer: layerBrowserHtmlSanitizer, users: cauDemoUsers, mailer: mailer.layer }).pipe(Layer.provideMerge(testClock))
  const provider = await fixture<EcasillaProvider>(html`<ecasilla-provider .layer=${layer} .actor=${actor}>${content}</ecasilla-provider>`)
  const service = <A, E>(f: (s: TicketService["Service"]) => Effect.Effect<A, E>) => serviceOn(provider, f)
  const clock = {
    advance: async (ms: number) => {
      const outcome = await runOn(provider.runtime, [], TestClock.adjust(ms))
      if (!outcome.ok) throw outcome.error
    }
  }
  return { provider, mailer, clock, service }
}

/** Runs `f` on the provider's TicketService; rejects with the typed error. */
export const serviceOn = async <A, E>(provider: EcasillaProvider, f: (s: TicketService["Service"]) => Effect.Effect<A, E>): Promise<A> => {
  const outcome = await runOn(provider.runtime, [TicketService], Effect.flatMap(Effect.service(TicketService), f))
  if (!outcome.ok) throw outcome.error
  return outcome.value
}

/** A valid ticket draft. */
export const draft = {
  titulo: "No llegan las notificaciones a mi casilla",
  descripcion: "<p>Desde ayer no veo notificaciones nuevas.</p>",
  tipo: "Incidencia",
  categoria: "aplicativos.casilla.problemas-notificacion",
  telefono: "987654321"
}

/** Files a ticket straight through the service (for detail tests). */
export const fileTicket = (service: Awaited<ReturnType<typeof cauFixture>>["service"], actor: Actor = rosa, extra: Partial<typeof draft> = {}): Promise<Ticket> =>
  service((s) => s.createTicket(actor, { ...draft, ...extra }))

/** The element's shadow root, queried. */
export const $ = <T extends Element = HTMLElement>(el: Element, selector: string): T => {
  const found = el.shadowRoot!.querySelector<T>(selector)
  if (!found) throw new Error(`${el.localName}: nothing matches ${selector}`)
  return found
}

/** Puts files into a file input as the picker would, and fires `change`. */
export const pickFiles = (input: HTMLInputElement, files: ReadonlyArray<File>) => {
  const dt = new DataTransfer()
  for (const f of files) dt.items.add(f)
  input.files = dt.files
  input.dispatchEvent(new Event("change", { bubbles: true }))
}

/** The text inside `el`'s shadow root, spaces collapsed. */
export const shadowText = (el: Element) => (el.shadowRoot!.textContent ?? "").replace(/\s+/g, " ")

/** Fills every required field of a new ticket in `<cau-ticket-form>`, typing as a user would. */
export const fillNewTicket = async (form: HTMLElement & { updateComplete: Promise<boolean> }, titulo = "No llegan las notificaciones", descripcion = "Desde ayer no veo notificaciones nuevas.") => {
  const typeIn = async (el: HTMLElement, text: string) => {
    el.focus()
    await sendKeys({ type: text })
  }
  await typeIn($(form, "#titulo"), titulo)
  await typeIn($(form, "#descripcion"), descripcion)
  $<HTMLInputElement>(form, 'input[name="tipo"][value="Incidencia"]').click()
  await typeIn($(form, "#categoria"), "problemas notificacion")
  await sendKeys({ press: "ArrowDown" })
  await sendKeys({ press: "Enter" })
  await typeIn($(form, "#telefono"), "987654321")
  await form.updateComplete
}
