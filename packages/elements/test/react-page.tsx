// A React 19 page over the generated wrappers of @ecasilla/elements/react, bundled by
// react.test.ts with esbuild and opened in Chromium. It reports what happened on window.
import { createRoot } from "react-dom/client"
import { useState } from "react"
import { Layer } from "effect"
import { Actor } from "@ecasilla/core"
import { layerBrowserHtmlSanitizer } from "@ecasilla/adapters/browser"
import { layerMemoryCau } from "@ecasilla/adapters/memory"
import { CauTicketForm, EcasillaIdInput, EcasillaProvider } from "@ecasilla/elements/react"

declare global {
  interface Window {
    ecasillaReact: { changes: Array<string>; created: Array<string> }
  }
}
window.ecasillaReact = { changes: [], created: [] }

const actor = Actor.make({ id: "E40125", name: "Rosa Quispe Mamani", roles: [] })
const layer: Layer.Layer<never> = layerMemoryCau({ sanitizer: layerBrowserHtmlSanitizer, users: [actor] }) as never

const App = () => {
  const [documento, setDocumento] = useState("")
  return (
    <EcasillaProvider layer={layer} actor={actor} locale="es-PE">
      <label>
        DNI o RUC
        <EcasillaIdInput
          name="documento"
          kinds="dni ruc"
          onChange={(e) => {
            window.ecasillaReact.changes.push(e.value)
            setDocumento(e.value)
          }}
        />
      </label>
      <output id="documento">{documento}</output>
      <CauTicketForm onTicketCreated={(e) => window.ecasillaReact.created.push(e.detail.number)} />
    </EcasillaProvider>
  )
}

createRoot(document.getElementById("app")!).render(<App />)
