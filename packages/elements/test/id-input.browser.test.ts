/// <reference types="mocha" />
import { expect, fixture, html, oneEvent, waitUntil } from "@open-wc/testing"
import { sendKeys } from "@web/test-runner-commands"
import "@ecasilla/elements/define/ecasilla-id-input.js"
import "@ecasilla/elements/define/ecasilla-provider.js"
import { EcasillaChangeEvent, EcasillaInputEvent, parseKinds, type EcasillaIdInput, type EcasillaProvider } from "@ecasilla/elements"
import { runFormControlSuite } from "./form-control-suite.js"

runFormControlSuite({
  tag: "ecasilla-id-input",
  attributes: 'kinds="dni ruc" label="Documento"',
  validValue: "10117410-2",
  submittedValue: "10117410",
  invalidValue: "20131378971"
})

const inner = (el: EcasillaIdInput) => el.shadowRoot!.querySelector("input")!
const errorText = (el: EcasillaIdInput) => el.shadowRoot!.querySelector('[part="error"]')!.textContent!.trim()

const typeInto = async (el: EcasillaIdInput, text: string) => {
  el.focus()
  await sendKeys({ type: text })
  await el.updateComplete
}

describe("<ecasilla-id-input>", () => {
  it("is accessible: empty, valid, and showing an error", async () => {
    const el = await fixture<EcasillaIdInput>(html`<ecasilla-id-input label="RUC de la entidad" kinds="ruc"></ecasilla-id-input>`)
    await expect(el).to.be.accessible()
    await typeInto(el, "20131378971")
    expect(errorText(el)).not.to.equal("")
    await expect(el).to.be.accessible()
    el.value = "20131378972"
    await el.updateComplete
    await expect(el).to.be.accessible()
  })

  it("delegates its label and focus to the inner input", async () => {
    const el = await fixture<EcasillaIdInput>(html`<ecasilla-id-input label="DNI del colaborador" kinds="dni"></ecasilla-id-input>`)
    const input = inner(el)
    expect(input.labels![0].textContent!.trim()).to.equal("DNI del colaborador")
    el.focus()
    expect(el.shadowRoot!.activeElement).to.equal(input)
    expect(input.getAttribute("aria-describedby")).to.equal("help-text error")
    expect(el.shadowRoot!.querySelector('[part="help-text"]')!.textContent!.trim()).to.equal("Acepta DNI.")
  })

  it("takes its accessible name from an outer <label for> when it has no label", async () => {
    const form = await fixture<HTMLFormElement>(html`<form><label for="x">Número de RUC</label><ecasilla-id-input id="x" kinds="ruc"></ecasilla-id-input></form>`)
    const el = form.querySelector<EcasillaIdInput>("ecasilla-id-input")!
    await el.updateComplete
    expect(inner(el).getAttribute("aria-label")).to.equal("Número de RUC")
    await expect(form).to.be.accessible()
  })

  it("validates as the user types: a wrong check digit shows at once, in Spanish", async () => {
    const el = await fixture<EcasillaIdInput>(html`<ecasilla-id-input label="RUC" kinds="ruc"></ecasilla-id-input>`)
    await typeInto(el, "20131378971")
    expect(errorText(el)).to.equal("El dígito verificador no corresponde al RUC. Revise los dígitos.")
    expect(inner(el).getAttribute("aria-invalid")).to.equal("true")
    expect(el.matches(":state(invalid)")).to.equal(true)
    await sendKeys({ press: "Backspace" })
    await sendKeys({ type: "2" })
    await el.updateComplete
    expect(errorText(el)).to.equal("")
    expect(inner(el).getAttribute("aria-invalid")).to.equal("false")
    expect(el.matches(":state(invalid)")).to.equal(false)
    expect(el.identity).to.deep.equal({ kind: "ruc", value: "20131378972" })
  })

  it("a value too short is an error only once the user leaves the field", async () => {
    const form = await fixture<HTMLFormElement>(html`<form><ecasilla-id-input label="DNI" kinds="dni"></ecasilla-id-input><button>Enviar</button></form>`)
    const el = form.querySelector<EcasillaIdInput>("ecasilla-id-input")!
    await typeInto(el, "1234")
    expect(el.matches(":state(invalid)")).to.equal(true)
    expect(errorText(el)).to.equal("")
    setTimeout(() => void sendKeys({ press: "Tab" }))
    const change = await oneEvent(el, "change")
    expect(change).to.be.instanceOf(EcasillaChangeEvent)
    await el.updateComplete
    expect(errorText(el)).to.equal("El DNI debe tener 8 dígitos.")
    expect(el.matches(":state(user-invalid)")).to.equal(true)
  })

  it("fires typed input and change events, bubbling and composed, only on user action", async () => {
    const el = await fixture<EcasillaIdInput>(html`<ecasilla-id-input label="DNI" kinds="dni"></ecasilla-id-input>`)
    const inputs: Array<Event> = []
    const changes: Array<Event> = []
    const onInput = (e: Event) => inputs.push(e)
    const onChange = (e: Event) => changes.push(e)
    document.addEventListener("input", onInput)
    document.addEventListener("change", onChange)
    try {
      el.value = "10117410"
      await el.updateComplete
      expect(inputs.length + changes.length).to.equal(0)
      el.value = ""
      await el.updateComplete
      await typeInto(el, "10117410")
      expect(inputs.length).to.equal(8)
      const last = inputs[7] as EcasillaInputEvent
      expect(last).to.be.instanceOf(EcasillaInputEvent)
      expect(last.bubbles && last.composed).to.equal(true)
      expect(last.value).to.equal("10117410")
      expect(last.valid).to.equal(true)
      expect(last.target).to.equal(el)
      el.blur()
      await el.updateComplete
      expect(changes.length).to.equal(1)
      expect((changes[0] as EcasillaChangeEvent).value).to.equal("10117410")
    } finally {
      document.removeEventListener("input", onInput)
      document.removeEventListener("change", onChange)
    }
  })

  it("Enter commits the value and submits the form", async () => {
    const form = await fixture<HTMLFormElement>(html`<form><ecasilla-id-input name="ruc" label="RUC" kinds="ruc"></ecasilla-id-input></form>`)
    const el = form.querySelector<EcasillaIdInput>("ecasilla-id-input")!
    let data: FormData | undefined
    form.addEventListener("submit", (e) => {
      e.preventDefault()
      data = new FormData(form)
    })
    await typeInto(el, "20131378972")
    await sendKeys({ press: "Enter" })
    expect(data?.get("ruc")).to.equal("20131378972")
  })

  it("judges text by the kind it looks like among the allowed kinds", async () => {
    const el = await fixture<EcasillaIdInput>(html`<ecasilla-id-input label="DNI o RUC" kinds="dni ruc" required></ecasilla-id-input>`)
    el.value = "10117410-2"
    await el.updateComplete
    expect(el.identity).to.deep.equal({ kind: "dni", value: "10117410" })
    el.value = "20131378972"
    await el.updateComplete
    expect(el.identity?.kind).to.equal("ruc")
    el.value = ""
    await el.updateComplete
    expect(el.validationMessage).to.equal("Ingrese el DNI o RUC.")
    expect(parseKinds("RUC, dni foo")).to.deep.equal(["ruc", "dni"])
    expect(parseKinds("")).to.deep.equal(["dni", "ruc", "ce"])
  })

  it("keeps a value set before the element was defined", async () => {
    const template = document.createElement("template")
    template.innerHTML = '<ecasilla-id-input label="RUC" kinds="ruc"></ecasilla-id-input>'
    const early = document.adoptNode(template.content.firstElementChild!) as EcasillaIdInput
    early.value = "20131378972"
    const host = await fixture<HTMLDivElement>(html`<div></div>`)
    host.append(early)
    await early.updateComplete
    expect(inner(early).value).to.equal("20131378972")
    expect(early.identity?.kind).to.equal("ruc")
  })

  it("speaks the provider's locale and follows its changes", async () => {
    const provider = await fixture<EcasillaProvider>(html`<ecasilla-provider locale="en"><ecasilla-id-input label="Tax id" kinds="ruc"></ecasilla-id-input></ecasilla-provider>`)
    const el = provider.querySelector<EcasillaIdInput>("ecasilla-id-input")!
    await typeInto(el, "20131378971")
    expect(errorText(el)).to.equal("The check digit does not match the RUC. Check the digits.")
    expect(el.shadowRoot!.querySelector('[part="help-text"]')!.textContent!.trim()).to.equal("Accepts RUC.")
    await expect(provider).to.be.accessible()
    provider.locale = "es-PE"
    await provider.updateComplete
    await el.updateComplete
    expect(errorText(el)).to.equal("El dígito verificador no corresponde al RUC. Revise los dígitos.")
    el.setAttribute("lang", "en")
    await waitUntil(() => errorText(el).startsWith("The"))
    expect(errorText(el)).to.equal("The check digit does not match the RUC. Check the digits.")
  })
})
