/// <reference types="mocha" />
// The development build (the sources, and the `development` export condition) warns about
// mistakes in the page, once per cause, with a code: an element outside a provider, a locale
// the elements do not have, a <firma-verify> with no trust anchors.
import { expect, fixture, html, waitUntil } from "@open-wc/testing"
import "@ecasilla/elements/define/ecasilla-provider.js"
import "@ecasilla/elements/define/casilla-sign.js"
import "@ecasilla/elements/define/firma-verify.js"
import type { FirmaVerify } from "@ecasilla/elements"

const warnings: Array<string> = []
const original = console.warn
before(() => {
  console.warn = (...args: Array<unknown>) => {
    warnings.push(args.map(String).join(" "))
  }
})
after(() => {
  console.warn = original
})
const withCode = (code: string) => warnings.filter((w) => w.startsWith(`ecasilla [${code}]`))

describe("development warnings", () => {
  it("an element outside <ecasilla-provider> warns once, naming the element", async () => {
    await fixture(html`<div><casilla-sign></casilla-sign><casilla-sign></casilla-sign></div>`)
    await waitUntil(() => withCode("no-provider").length > 0, "no warning", { timeout: 3000 })
    await new Promise((r) => setTimeout(r, 50))
    expect(withCode("no-provider")).to.have.length(1)
    expect(withCode("no-provider")[0]).to.contain("<casilla-sign> is not inside an <ecasilla-provider>")
    expect(withCode("no-provider")[0]).to.contain("guias/modo-desarrollo#no-provider")
  })

  it("inside a provider nothing is said; a locale the elements lack is", async () => {
    const before = warnings.length
    await fixture(html`<ecasilla-provider locale="es-PE"><casilla-sign></casilla-sign></ecasilla-provider>`)
    await new Promise((r) => setTimeout(r, 50))
    expect(warnings.slice(before).filter((w) => w.startsWith("ecasilla [") && !w.includes("has no `layer`"))).to.deep.equal([])
    await fixture(html`<ecasilla-provider locale="fr"></ecasilla-provider>`)
    expect(withCode("bad-locale")).to.have.length(1)
    expect(withCode("bad-locale")[0]).to.contain('locale="fr"')
  })

  it("<firma-verify> with no trust anchors warns when it verifies", async () => {
    const el = await fixture<FirmaVerify>(html`<firma-verify no-worker></firma-verify>`)
    el.file = new File([new TextEncoder().encode("%PDF-1.7\n%%EOF\n")], "x.pdf", { type: "application/pdf" })
    await waitUntil(() => withCode("firma-no-anchors").length === 1, "no warning", { timeout: 5000 })
    expect(withCode("firma-no-anchors")[0]).to.contain("<firma-verify> has no `trustAnchors`")
  })
})
