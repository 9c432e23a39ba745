// The <firma-verify> page: trusts the demonstration root the build signed the samples with, and
// loads a sample into the demo when its button is pressed. Everything it fetches is on this site.
import type { FirmaVerify } from "@ecasilla/elements"

const PAGE = "firma/firma-verify"
const SAMPLES = "/assets/firma/"

async function setUp(): Promise<void> {
  const stage = document.getElementById("demo-stage")
  if (document.body.dataset.page !== PAGE || stage === null) return
  let anchors: Uint8Array[] = []
  try {
    anchors = [new Uint8Array(await (await fetch(`${SAMPLES}raiz.pem`)).arrayBuffer())]
  } catch (cause) {
    console.error("playground: the demonstration root could not be loaded", cause)
  }
  const verifiers = () => [...stage.querySelectorAll<FirmaVerify>("firma-verify")]
  const trust = () => {
    for (const v of verifiers()) if (v.trustAnchors.length === 0) v.trustAnchors = anchors
  }
  trust()
  // The snippet editor re-renders the demo: trust the new elements too.
  new MutationObserver(trust).observe(stage, { childList: true, subtree: true })
  for (const button of document.querySelectorAll<HTMLButtonElement>("[data-firma-sample]")) {
    button.addEventListener("click", () => {
      const v = verifiers()[0]
      if (v) v.src = `${SAMPLES}${button.dataset.firmaSample}?${Date.now()}`
    })
  }
}

void setUp()
