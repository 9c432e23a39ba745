/// <reference types="mocha" />
// The shared form-participation suite (shoelace `runFormControlBaseTests`): every
// form-associated ecasilla element runs it once with its own values.
import { expect, fixture, waitUntil } from "@open-wc/testing"

/**
 * What the suite needs to know about one form element.
 */
export interface FormControlSuiteOptions {
  /** The tag, already registered. */
  readonly tag: string
  /** Extra attributes for every instance, e.g. `kinds="dni ruc"`. */
  readonly attributes?: string
  /** A valid value. */
  readonly validValue: string
  /** What the form submits for `validValue` (default: the same). */
  readonly submittedValue?: string
  /** An invalid, non-empty value. */
  readonly invalidValue: string
}

type Control = HTMLElement & {
  value: string
  name: string
  required: boolean
  disabled: boolean
  readonly form: HTMLFormElement | null
  readonly labels: NodeList
  readonly validity: ValidityState
  readonly validationMessage: string
  readonly willValidate: boolean
  checkValidity(): boolean
  reportValidity(): boolean
  setCustomValidity(message: string): void
  formStateRestoreCallback(state: string, mode: "restore" | "autocomplete"): void
  readonly updateComplete: Promise<boolean>
}

const matchesState = (el: Element, state: string): boolean => el.matches(`:state(${state})`)

/** Runs the form participation tests for one element. */
export const runFormControlSuite = (o: FormControlSuiteOptions): void => {
  const attrs = o.attributes ?? ""
  const inForm = async (inner: string) => {
    const form = await fixture<HTMLFormElement>(`<form>${inner}</form>`)
    const el = form.querySelector<Control>(o.tag)!
    await el.updateComplete
    return { form, el }
  }

  describe(`<${o.tag}> as a form control`, () => {
    it("is form-associated: form, labels, submitted value under its name", async () => {
      const { form, el } = await inForm(
        `<label for="c">Documento</label><${o.tag} id="c" name="doc" ${attrs} value="${o.validValue}"></${o.tag}>`
      )
      expect(el.form).to.equal(form)
      expect(el.labels.length).to.equal(1)
      expect(new FormData(form).get("doc")).to.equal(o.submittedValue ?? o.validValue)
      el.value = ""
      await el.updateComplete
      expect(new FormData(form).get("doc")).to.equal("")
    })

    it("is valid with a valid value and without a value when not required", async () => {
      const { el } = await inForm(`<${o.tag} name="doc" ${attrs}></${o.tag}>`)
      expect(el.checkValidity()).to.equal(true)
      expect(matchesState(el, "invalid")).to.equal(false)
      el.value = o.validValue
      await el.updateComplete
      expect(el.validity.valid).to.equal(true)
      expect(el.validationMessage).to.equal("")
    })

    it("required and empty: valueMissing, :state(invalid), the form does not submit", async () => {
      const { form, el } = await inForm(`<${o.tag} name="doc" required ${attrs}></${o.tag}>`)
      expect(el.validity.valueMissing).to.equal(true)
      expect(el.validationMessage).not.to.equal("")
      expect(matchesState(el, "invalid")).to.equal(true)
      expect(matchesState(el, "user-invalid")).to.equal(false)
      let submitted = false
      form.addEventListener("submit", (e) => {
        e.preventDefault()
        submitted = true
      })
      form.requestSubmit()
      expect(submitted).to.equal(false)
      await el.updateComplete
      expect(matchesState(el, "user-invalid")).to.equal(true)
      el.value = o.validValue
      await el.updateComplete
      form.requestSubmit()
      expect(submitted).to.equal(true)
    })

    it("an invalid value makes the control and the form invalid", async () => {
      const { form, el } = await inForm(`<${o.tag} name="doc" ${attrs}></${o.tag}>`)
      el.value = o.invalidValue
      await el.updateComplete
      expect(el.validity.valid).to.equal(false)
      expect(el.checkValidity()).to.equal(false)
      expect(form.checkValidity()).to.equal(false)
      expect(matchesState(el, "invalid")).to.equal(true)
      el.value = o.validValue
      await el.updateComplete
      expect(matchesState(el, "invalid")).to.equal(false)
      expect(form.checkValidity()).to.equal(true)
    })

    it("form.reset() goes back to the value attribute", async () => {
      const { form, el } = await inForm(`<${o.tag} name="doc" ${attrs} value="${o.validValue}"></${o.tag}>`)
      el.value = o.invalidValue
      await el.updateComplete
      form.reset()
      await el.updateComplete
      expect(el.value).to.equal(o.validValue)
      expect(el.validity.valid).to.equal(true)
      expect(matchesState(el, "user-invalid")).to.equal(false)
    })

    it("restores the state the browser saved", async () => {
      const { form, el } = await inForm(`<${o.tag} name="doc" ${attrs}></${o.tag}>`)
      el.formStateRestoreCallback(o.validValue, "restore")
      await el.updateComplete
      expect(el.value).to.equal(o.validValue)
      expect(new FormData(form).get("doc")).to.equal(o.submittedValue ?? o.validValue)
    })

    it("disabled, by itself or by a fieldset: not submitted, not validated", async () => {
      const { form, el } = await inForm(
        `<fieldset><${o.tag} name="doc" required ${attrs} value="${o.validValue}"></${o.tag}></fieldset>`
      )
      el.disabled = true
      await el.updateComplete
      expect(new FormData(form).has("doc")).to.equal(false)
      expect(el.willValidate).to.equal(false)
      el.disabled = false
      await el.updateComplete
      expect(new FormData(form).has("doc")).to.equal(true)
      const fieldset = form.querySelector("fieldset")!
      fieldset.disabled = true
      await waitUntil(() => el.matches(":disabled"))
      expect(new FormData(form).has("doc")).to.equal(false)
      el.value = ""
      await el.updateComplete
      expect(matchesState(el, "invalid")).to.equal(false)
    })

    it("setCustomValidity sets and clears a custom error", async () => {
      const { el } = await inForm(`<${o.tag} name="doc" ${attrs} value="${o.validValue}"></${o.tag}>`)
      el.setCustomValidity("Ya registrado")
      expect(el.validity.customError).to.equal(true)
      expect(el.validationMessage).to.equal("Ya registrado")
      expect(matchesState(el, "invalid")).to.equal(true)
      el.setCustomValidity("")
      expect(el.validity.valid).to.equal(true)
    })
  })
}
