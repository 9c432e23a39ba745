/// <reference types="mocha" />
import { expect, fixture, html, nextFrame, waitUntil } from "@open-wc/testing"
import { ContextConsumer } from "@lit/context"
import { LitElement, html as litHtml } from "lit"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { Actor } from "@ecasilla/core"
import { TicketService, TicketStore } from "@ecasilla/core/cau"
import "@ecasilla/elements/define/ecasilla-provider.js"
import { actorContext, defineElement, EcasillaProvider, EffectTask, LocalizeController, MissingProviderError } from "@ecasilla/elements"

class Greeter extends Context.Service<Greeter, { readonly greet: (name: string) => Effect.Effect<string> }>()(
  "@ecasilla/elements/test/Greeter"
) {}

const greeterLayer = (prefix: string, onRelease: () => void = () => {}) =>
  Layer.effect(Greeter)(
    Effect.acquireRelease(
      Effect.succeed({ greet: (name: string) => Effect.succeed(`${prefix} ${name}`) }),
      () => Effect.sync(onRelease)
    )
  )

const probes = {
  log: [] as Array<string>
}

/** Runs a greeting automatically and an effect by hand; shows locale and actor. */
class TaskProbe extends LitElement {
  static override properties = { who: {} }
  who = "Ana"
  readonly greeting = new EffectTask(this, {
    args: () => [this.who] as const,
    effect: ([who]) => Effect.flatMap(Effect.service(Greeter), (g) => g.greet(who))
  })
  readonly manual = new EffectTask<string>(this)
  readonly i18n = new LocalizeController(this, { "es-PE": { hi: "Hola" }, en: { hi: "Hello" } })
  readonly actor = new ContextConsumer(this, { context: actorContext, subscribe: true })
  override render() {
    return litHtml`<p>${this.i18n.term("hi")}</p>
      <output>${this.greeting.render({ pending: () => "…", complete: (v) => v, error: (e) => `error: ${String(e)}` })}</output>
      <span>${this.actor.value?.name ?? "anónimo"}</span>`
  }
}
defineElement("test-task-probe", TaskProbe)

const text = (probe: TaskProbe, selector: string) => probe.shadowRoot!.querySelector(selector)!.textContent!.trim()

describe("<ecasilla-provider>", () => {
  it("provides a runtime built from its layer, and the probe runs effects on it", async () => {
    const provider = await fixture<EcasillaProvider>(html`<ecasilla-provider .layer=${greeterLayer("Hola")}><test-task-probe></test-task-probe></ecasilla-provider>`)
    const probe = provider.querySelector<TaskProbe>("test-task-probe")!
    await waitUntil(() => probe.greeting.status === "complete")
    expect(probe.greeting.value).to.equal("Hola Ana")
    await probe.updateComplete
    expect(text(probe, "output")).to.equal("Hola Ana")
    await expect(provider).to.be.accessible()
  })

  it("builds its default runtime from the memory adapters", async () => {
    const provider = await fixture<EcasillaProvider>(html`<ecasilla-provider></ecasilla-provider>`)
    const services = await provider.runtime!.runPromise(
      Effect.all([Effect.service(TicketStore), Effect.service(TicketService)])
    )
    expect(services.length).to.equal(2)
  })

  it("re-runs an automatic task when its args change", async () => {
    const provider = await fixture<EcasillaProvider>(html`<ecasilla-provider .layer=${greeterLayer("Hola")}><test-task-probe></test-task-probe></ecasilla-provider>`)
    const probe = provider.querySelector<TaskProbe>("test-task-probe")!
    await waitUntil(() => probe.greeting.status === "complete")
    probe.who = "Luis"
    await waitUntil(() => probe.greeting.value === "Hola Luis")
  })

  it("replacing the layer disposes the old runtime and re-runs on the new one", async () => {
    let released = 0
    const provider = await fixture<EcasillaProvider>(html`<ecasilla-provider .layer=${greeterLayer("Hola", () => released++)}><test-task-probe></test-task-probe></ecasilla-provider>`)
    const probe = provider.querySelector<TaskProbe>("test-task-probe")!
    await waitUntil(() => probe.greeting.status === "complete")
    const first = provider.runtime
    provider.layer = greeterLayer("Hello")
    expect(provider.runtime).not.to.equal(first)
    await waitUntil(() => probe.greeting.value === "Hello Ana")
    await waitUntil(() => released === 1)
  })

  it("disposes its runtime when removed from the page", async () => {
    let released = 0
    const provider = await fixture<EcasillaProvider>(html`<ecasilla-provider .layer=${greeterLayer("Hola", () => released++)}><test-task-probe></test-task-probe></ecasilla-provider>`)
    const probe = provider.querySelector<TaskProbe>("test-task-probe")!
    await waitUntil(() => probe.greeting.status === "complete")
    provider.remove()
    expect(provider.runtime).to.equal(undefined)
    await waitUntil(() => released === 1)
  })

  it("interrupts the running fiber when the element disconnects", async () => {
    const provider = await fixture<EcasillaProvider>(html`<ecasilla-provider><test-task-probe></test-task-probe></ecasilla-provider>`)
    const probe = provider.querySelector<TaskProbe>("test-task-probe")!
    let started = false
    let interrupted = false
    const exit = probe.manual.run(
      Effect.sync(() => (started = true)).pipe(
        Effect.andThen(Effect.never),
        Effect.onInterrupt(() => Effect.sync(() => (interrupted = true)))
      )
    )
    await waitUntil(() => started)
    expect(probe.manual.status).to.equal("pending")
    expect(probe.manual.running).to.equal(true)
    probe.remove()
    const result = await exit
    expect(interrupted).to.equal(true)
    expect(result._tag).to.equal("Failure")
    expect(probe.manual.status).to.equal("initial")
    expect(probe.manual.running).to.equal(false)
    // the provider and its runtime live on
    expect(provider.runtime).not.to.equal(undefined)
  })

  it("a new run interrupts the previous one", async () => {
    const provider = await fixture<EcasillaProvider>(html`<ecasilla-provider><test-task-probe></test-task-probe></ecasilla-provider>`)
    const probe = provider.querySelector<TaskProbe>("test-task-probe")!
    let started = false
    let interrupted = false
    void probe.manual.run(
      Effect.sync(() => (started = true)).pipe(
        Effect.andThen(Effect.never),
        Effect.onInterrupt(() => Effect.sync(() => (interrupted = true)))
      )
    )
    await waitUntil(() => started)
    const exit = await probe.manual.run(Effect.succeed("second"))
    expect(exit._tag).to.equal("Success")
    expect(probe.manual.value).to.equal("second")
    await waitUntil(() => interrupted)
  })

  it("reports failures with status error", async () => {
    const provider = await fixture<EcasillaProvider>(html`<ecasilla-provider><test-task-probe></test-task-probe></ecasilla-provider>`)
    const probe = provider.querySelector<TaskProbe>("test-task-probe")!
    await probe.manual.run(Effect.fail("boom"))
    expect(probe.manual.status).to.equal("error")
    expect(probe.manual.error).to.equal("boom")
    // the default (memory) layer has no Greeter: the automatic task fails, clearly
    await waitUntil(() => probe.greeting.status === "error")
    expect(String(probe.greeting.error)).to.contain("Greeter")
  })

  it("without a provider a task fails with MissingProviderError", async () => {
    const probe = await fixture<TaskProbe>(html`<test-task-probe></test-task-probe>`)
    await probe.manual.run(Effect.succeed("x"))
    expect(probe.manual.status).to.equal("error")
    expect(probe.manual.error).to.be.instanceOf(MissingProviderError)
  })

  it("provides the locale: es-PE by default, the locale attribute, else the document lang", async () => {
    const provider = await fixture<EcasillaProvider>(html`<ecasilla-provider><test-task-probe></test-task-probe></ecasilla-provider>`)
    const probe = provider.querySelector<TaskProbe>("test-task-probe")!
    await probe.updateComplete
    expect(probe.i18n.locale).to.equal("es-PE")
    expect(text(probe, "p")).to.equal("Hola")
    provider.locale = "en"
    await provider.updateComplete
    await probe.updateComplete
    expect(text(probe, "p")).to.equal("Hello")
    provider.locale = undefined
    document.documentElement.lang = "en-GB"
    try {
      await waitUntil(() => text(probe, "p") === "Hello")
      document.documentElement.lang = "es"
      await waitUntil(() => text(probe, "p") === "Hola")
    } finally {
      document.documentElement.lang = ""
    }
  })

  it("provides the current actor", async () => {
    const ana = new Actor({ id: "U12345", name: "Ana Quispe", roles: ["cau-analista"] })
    const provider = await fixture<EcasillaProvider>(html`<ecasilla-provider .actor=${ana}><test-task-probe></test-task-probe></ecasilla-provider>`)
    const probe = provider.querySelector<TaskProbe>("test-task-probe")!
    await probe.updateComplete
    expect(text(probe, "span")).to.equal("Ana Quispe")
    provider.actor = undefined
    await nextFrame()
    await probe.updateComplete
    expect(text(probe, "span")).to.equal("anónimo")
  })

  it("takes a layer and an actor set before the element was upgraded", async () => {
    const template = document.createElement("template")
    template.innerHTML = "<ecasilla-provider><test-task-probe></test-task-probe></ecasilla-provider>"
    const early = document.adoptNode(template.content.firstElementChild!) as EcasillaProvider & Record<string, unknown>
    expect(early instanceof LitElement).to.equal(false)
    early.layer = greeterLayer("Buenas")
    early.actor = new Actor({ id: "U777", name: "Rosa", roles: [] })
    const host = await fixture<HTMLDivElement>(html`<div></div>`)
    host.append(early)
    const probe = early.querySelector<TaskProbe>("test-task-probe")!
    await waitUntil(() => probe.greeting.value === "Buenas Ana")
    await probe.updateComplete
    expect(text(probe, "span")).to.equal("Rosa")
  })

  it("elements upgraded before their provider is defined still get its runtime and locale", async () => {
    const host = await fixture<HTMLDivElement>(
      html`<div><late-ecasilla-provider locale="en"><test-task-probe></test-task-probe></late-ecasilla-provider></div>`
    )
    const probe = host.querySelector<TaskProbe>("test-task-probe")!
    await probe.updateComplete
    expect(probe.manual.runtime).to.equal(undefined)
    defineElement("late-ecasilla-provider", class extends EcasillaProvider {})
    const late = host.querySelector<EcasillaProvider>("late-ecasilla-provider")!
    late.layer = greeterLayer("Hi")
    await waitUntil(() => probe.greeting.value === "Hi Ana")
    await probe.updateComplete
    expect(text(probe, "p")).to.equal("Hello")
  })

  it("without a provider, texts follow the closest lang", async () => {
    const host = await fixture<HTMLDivElement>(html`<div lang="en"><test-task-probe></test-task-probe></div>`)
    const probe = host.querySelector<TaskProbe>("test-task-probe")!
    await probe.updateComplete
    expect(text(probe, "p")).to.equal("Hello")
  })

  it("registering a tag twice warns instead of throwing", async () => {
    const warnings: Array<unknown> = []
    const original = console.warn
    console.warn = (...args: Array<unknown>) => void warnings.push(args[0])
    try {
      await import("@ecasilla/elements/define/ecasilla-provider.js")
      defineElement("ecasilla-provider", class extends LitElement {})
    } finally {
      console.warn = original
    }
    expect(warnings.length).to.equal(1)
    expect(String(warnings[0])).to.contain("ecasilla-provider")
  })
})
