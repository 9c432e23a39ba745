/// <reference types="mocha" />
import { aTimeout, expect, fixture, html, nextFrame, waitUntil } from "@open-wc/testing"
import { ContextConsumer } from "@lit/context"
import { LitElement, html as litHtml } from "lit"
import * as Context from "effect/Context"
import * as Data from "effect/Data"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { Actor } from "@ecasilla/core"
import { layerBrowserHtmlSanitizer } from "@ecasilla/adapters/browser"
import { cauDemoUsers, layerMemoryCau } from "@ecasilla/adapters/memory"
import "@ecasilla/elements/define/ecasilla-provider.js"
import {
  actorContext,
  defineElement,
  EcasillaProvider,
  isEcasillaRunError,
  LocalizeController,
  RuntimeController
} from "@ecasilla/elements"
import { draft, rosa, serviceOn } from "./cau-helpers.js"

class Greeter extends Context.Service<Greeter, { readonly greet: (name: string) => Effect.Effect<string, Rude> }>()(
  "@ecasilla/elements/test/Greeter"
) {}

class Rude extends Data.TaggedError("Rude")<{ readonly who: string }> {}

const greeterLayer = (prefix: string, onRelease: () => void = () => {}) =>
  Layer.effect(Greeter)(
    Effect.acquireRelease(
      Effect.succeed({ greet: (name: string) => (name === "Bruto" ? Effect.fail(new Rude({ who: name })) : Effect.succeed(`${prefix} ${name}`)) }),
      () => Effect.sync(onRelease)
    )
  )

/** Runs a greeting as a query and writes as a command; shows locale and actor. */
class TaskProbe extends LitElement {
  static override properties = { who: {} }
  who = "Ana"
  readonly runtime = new RuntimeController<Greeter>(this, [Greeter])
  readonly greeting = this.runtime.query({
    args: () => [this.who] as const,
    run: ([who]) => Effect.flatMap(Effect.service(Greeter), (g) => g.greet(who))
  })
  readonly write = this.runtime.command(<A, E>(effect: Effect.Effect<A, E, Greeter>) => effect)
  readonly i18n = new LocalizeController(this, { "es-PE": { hi: "Hola" }, en: { hi: "Hello" } })
  readonly actor = new ContextConsumer(this, { context: actorContext, subscribe: true })
  override render() {
    return litHtml`<p>${this.i18n.term("hi")}</p>
      <output>${this.greeting.render({ pending: () => "…", complete: (v) => v, error: (e) => `error: ${e._tag}` })}</output>
      <span>${this.actor.value?.name ?? "anónimo"}</span>`
  }
}
defineElement("test-task-probe", TaskProbe)

const text = (probe: TaskProbe, selector: string) => probe.shadowRoot!.querySelector(selector)!.textContent!.trim()

/** An effect that starts, then waits for `gate`; records start, end and interruption. */
const gated = () => {
  const log: Array<string> = []
  const gate = Effect.runSync(Deferred.make<void>())
  const effect = Effect.sync(() => log.push("start")).pipe(
    Effect.andThen(Deferred.await(gate)),
    Effect.andThen(Effect.sync(() => log.push("end"))),
    Effect.onInterrupt(() => Effect.sync(() => log.push("interrupted")))
  )
  return { log, effect, open: () => Effect.runSync(Deferred.succeed(gate, undefined)) }
}

describe("<ecasilla-provider>", () => {
  it("provides a runtime built from its layer, and a query runs on it", async () => {
    const provider = await fixture<EcasillaProvider>(html`<ecasilla-provider .layer=${greeterLayer("Hola")}><test-task-probe></test-task-probe></ecasilla-provider>`)
    const probe = provider.querySelector<TaskProbe>("test-task-probe")!
    await waitUntil(() => probe.greeting.value !== undefined)
    expect(probe.greeting.value).to.equal("Hola Ana")
    await probe.updateComplete
    expect(text(probe, "output")).to.equal("Hola Ana")
    await expect(provider).to.be.accessible()
  })

  it("has no default storage: without a layer a run fails with no-layer and the console names the `layer` property, once", async () => {
    const warnings: Array<string> = []
    const original = console.warn
    console.warn = (...args: Array<unknown>) => void warnings.push(String(args[0]))
    try {
      const provider = await fixture<EcasillaProvider>(html`<ecasilla-provider><test-task-probe></test-task-probe></ecasilla-provider>`)
      const probe = provider.querySelector<TaskProbe>("test-task-probe")!
      await waitUntil(() => probe.greeting.failed)
      const error = probe.greeting.error
      expect(isEcasillaRunError(error) && error.reason).to.equal("no-layer")
      const outcome = await probe.write.run(Effect.succeed(1))
      expect(outcome?.ok).to.equal(false)
      expect(provider.runtime!.managed).to.equal(undefined)
      expect(warnings.length).to.equal(1)
      expect(warnings[0]).to.contain("`layer`")
      // Once a layer is set, the query runs on it.
      provider.layer = greeterLayer("Hola")
      await waitUntil(() => probe.greeting.value === "Hola Ana")
    } finally {
      console.warn = original
    }
  })

  it("a layer without a service the element declares fails with missing-service, naming it", async () => {
    const provider = await fixture<EcasillaProvider>(html`<ecasilla-provider .layer=${Layer.empty}><test-task-probe></test-task-probe></ecasilla-provider>`)
    const probe = provider.querySelector<TaskProbe>("test-task-probe")!
    await waitUntil(() => probe.greeting.failed)
    const error = probe.greeting.error
    expect(isEcasillaRunError(error) && error.reason).to.equal("missing-service")
    expect(isEcasillaRunError(error) && error.service).to.equal("@ecasilla/elements/test/Greeter")
  })

  it("keeps the effect's error type: a query's and a command's typed failure", async () => {
    const provider = await fixture<EcasillaProvider>(html`<ecasilla-provider .layer=${greeterLayer("Hola")}><test-task-probe></test-task-probe></ecasilla-provider>`)
    const probe = provider.querySelector<TaskProbe>("test-task-probe")!
    probe.who = "Bruto"
    await waitUntil(() => probe.greeting.failed)
    const error = probe.greeting.error
    expect(error instanceof Rude && error.who).to.equal("Bruto")
    await probe.updateComplete
    expect(text(probe, "output")).to.equal("error: Rude")
    const outcome = await probe.write.run(Effect.fail(new Rude({ who: "x" })))
    expect(outcome?.ok === false && outcome.error instanceof Rude).to.equal(true)
    expect(probe.write.error).to.be.instanceOf(Rude)
  })

  it("a query re-runs when its args change, latest wins: the older run is interrupted", async () => {
    const provider = await fixture<EcasillaProvider>(html`<ecasilla-provider .layer=${greeterLayer("Hola")}><test-task-probe></test-task-probe></ecasilla-provider>`)
    const probe = provider.querySelector<TaskProbe>("test-task-probe")!
    await waitUntil(() => probe.greeting.value === "Hola Ana")
    probe.who = "Luis"
    await waitUntil(() => probe.greeting.value === "Hola Luis")
  })

  it("a query is interrupted when its element leaves the page, and runs again when it comes back", async () => {
    let runs = 0
    const { log, effect, open } = gated()
    class SlowProbe extends LitElement {
      readonly runtime = new RuntimeController<Greeter>(this, [Greeter])
      readonly slow = this.runtime.query({ args: () => [], run: () => (++runs === 1 ? Effect.asVoid(effect) : Effect.void).pipe(Effect.as("done")) })
    }
    defineElement("test-slow-probe", SlowProbe)
    const provider = await fixture<EcasillaProvider>(html`<ecasilla-provider .layer=${greeterLayer("Hola")}><test-slow-probe></test-slow-probe></ecasilla-provider>`)
    const probe = provider.querySelector<SlowProbe>("test-slow-probe")!
    await waitUntil(() => log.includes("start"))
    expect(probe.slow.pending).to.equal(true)
    probe.remove()
    await waitUntil(() => log.includes("interrupted"))
    open()
    expect(log).not.to.include("end")
    provider.append(probe)
    await waitUntil(() => probe.slow.value === "done")
    expect(runs).to.equal(2)
  })

  it("a command runs once: a second run while it runs is ignored", async () => {
    const provider = await fixture<EcasillaProvider>(html`<ecasilla-provider .layer=${greeterLayer("Hola")}><test-task-probe></test-task-probe></ecasilla-provider>`)
    const probe = provider.querySelector<TaskProbe>("test-task-probe")!
    const { log, effect, open } = gated()
    const first = probe.write.run(effect)
    expect(probe.write.running).to.equal(true)
    expect(await probe.write.run(effect)).to.equal(undefined)
    open()
    expect((await first)?.ok).to.equal(true)
    expect(log).to.deep.equal(["start", "end"])
    expect(probe.write.running).to.equal(false)
  })

  it("a command is not interrupted when its element leaves the page, nor when the provider is removed", async () => {
    let released = 0
    const provider = await fixture<EcasillaProvider>(html`<ecasilla-provider .layer=${greeterLayer("Hola", () => released++)}><test-task-probe></test-task-probe></ecasilla-provider>`)
    const probe = provider.querySelector<TaskProbe>("test-task-probe")!
    const { log, effect, open } = gated()
    const pending = probe.write.run(effect)
    await waitUntil(() => log.includes("start"))
    probe.remove()
    provider.remove()
    await aTimeout(50)
    // The provider is gone, but its runtime waits for the write.
    expect(released).to.equal(0)
    open()
    expect((await pending)?.ok).to.equal(true)
    expect(log).to.deep.equal(["start", "end"])
    await waitUntil(() => released === 1)
  })

  it("replacing the layer disposes the old runtime and re-runs on the new one", async () => {
    let released = 0
    const provider = await fixture<EcasillaProvider>(html`<ecasilla-provider .layer=${greeterLayer("Hola", () => released++)}><test-task-probe></test-task-probe></ecasilla-provider>`)
    const probe = provider.querySelector<TaskProbe>("test-task-probe")!
    await waitUntil(() => probe.greeting.value === "Hola Ana")
    const first = provider.runtime
    provider.layer = greeterLayer("Hello")
    expect(provider.runtime).not.to.equal(first)
    await waitUntil(() => probe.greeting.value === "Hello Ana")
    await waitUntil(() => released === 1)
  })

  it("disposes its runtime when removed from the page (by the next task)", async () => {
    let released = 0
    const provider = await fixture<EcasillaProvider>(html`<ecasilla-provider .layer=${greeterLayer("Hola", () => released++)}><test-task-probe></test-task-probe></ecasilla-provider>`)
    const probe = provider.querySelector<TaskProbe>("test-task-probe")!
    await waitUntil(() => probe.greeting.value === "Hola Ana")
    provider.remove()
    await waitUntil(() => released === 1)
    expect(provider.runtime).to.equal(undefined)
  })

  it("survives a DOM move: same runtime, and the memory store keeps its data", async () => {
    let released = 0
    const layer = Layer.merge(
      layerMemoryCau({ sanitizer: layerBrowserHtmlSanitizer, users: cauDemoUsers }),
      greeterLayer("Hola", () => released++)
    )
    const host = await fixture<HTMLDivElement>(html`<div><section id="a"><ecasilla-provider .layer=${layer} .actor=${rosa}><test-task-probe></test-task-probe></ecasilla-provider></section><section id="b"></section></div>`)
    const provider = host.querySelector<EcasillaProvider>("ecasilla-provider")!
    const probe = provider.querySelector<TaskProbe>("test-task-probe")!
    await waitUntil(() => probe.greeting.value === "Hola Ana")
    const created = await serviceOn(provider, (s) => s.createTicket(rosa, draft))
    const runtime = provider.runtime
    host.querySelector("#b")!.append(provider)
    await aTimeout(50)
    expect(provider.runtime).to.equal(runtime)
    expect(released).to.equal(0)
    const found = await serviceOn(provider, (s) => s.getTicket(rosa, created.id))
    expect(found.number).to.equal(created.number)
    probe.who = "Luis"
    await waitUntil(() => probe.greeting.value === "Hola Luis")
  })

  it("without a provider a run fails with no-provider", async () => {
    const probe = await fixture<TaskProbe>(html`<test-task-probe></test-task-probe>`)
    const outcome = await probe.write.run(Effect.succeed("x"))
    expect(outcome?.ok === false && isEcasillaRunError(outcome.error) && outcome.error.reason).to.equal("no-provider")
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
    expect(probe.runtime.runtime).to.equal(undefined)
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
