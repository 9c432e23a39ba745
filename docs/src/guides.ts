/**
 * The guides of the playground, one per audience: Spanish first, English in `en`.
 * Pure data, like pages.ts (the Node build imports it).
 */
import type { PlaygroundPage } from "./pages.js"

export const guides: ReadonlyArray<PlaygroundPage> = [
  {
    path: "guias/intranet",
    title: "Elementos en una página de intranet",
    section: "Guías",
    summary: "Cómo poner los componentes de ecasilla en una página de la intranet: con un bundler, o sin él con un solo archivo.",
    body: `
<h2>Con un bundler (Vite, Rollup, esbuild…)</h2>
<pre><code class="language-bash">npm install @ecasilla/elements @ecasilla/adapters @ecasilla/core effect</code></pre>
<pre><code class="language-ts">import "@ecasilla/elements/define/ecasilla-provider.js"
import "@ecasilla/elements/define/cau-ticket-form.js"
import { layerDexieCau } from "@ecasilla/adapters/dexie"

const provider = document.querySelector("ecasilla-provider")
provider.layer = layerDexieCau()                 // dónde viven los datos
provider.actor = usuarioDelInicioDeSesion        // quién usa la página (Actor)</code></pre>
<pre><code class="language-html">&lt;ecasilla-provider locale="es-PE"&gt;
  &lt;cau-ticket-form&gt;&lt;/cau-ticket-form&gt;
&lt;/ecasilla-provider&gt;</code></pre>
<p>Cada elemento se registra solo al importar su módulo <code>define/&lt;etiqueta&gt;.js</code>; las clases se importan de <code>@ecasilla/elements</code> sin registrar nada. Los eventos (<code>ticket-created</code>, <code>change</code>…) burbujean y cruzan el shadow DOM.</p>
<h2>Sin bundler</h2>
<p>Copie <code>examples/standalone/dist/ecasilla.js</code> (lo genera <code>node examples/standalone/build.mjs</code>: Lit, Effect, el core, los elementos y el almacenamiento del navegador en un módulo) y cárguelo con un solo script:</p>
<pre><code class="language-html">&lt;ecasilla-provider&gt;&lt;cau-ticket-form&gt;&lt;/cau-ticket-form&gt;&lt;/ecasilla-provider&gt;
&lt;script type="module"&gt;
  import { connect } from "./ecasilla.js"
  await connect(document.querySelector("ecasilla-provider"), {
    storage: "indexeddb",
    actor: { id: "U18342", name: "Jorge Salas Ríos" }
  })
&lt;/script&gt;</code></pre>
<p><code>npm run examples</code> sirve una página de intranet completa hecha así.</p>
<h2>React y otros frameworks</h2>
<pre><code class="language-ts">import { EcasillaProvider, CauTicketForm } from "@ecasilla/elements/react"</code></pre>
<p><code>@ecasilla/elements/jsx</code> da los tipos de las etiquetas para Preact, Solid y otros; <code>vscode.html-custom-data.json</code> completa las etiquetas en VS Code.</p>`,
    en: {
      title: "Elements on an intranet page",
      section: "Guides",
      summary: "How to put the ecasilla components on an intranet page: with a bundler, or without one through a single file.",
      body: `
<h2>With a bundler (Vite, Rollup, esbuild…)</h2>
<pre><code class="language-bash">npm install @ecasilla/elements @ecasilla/adapters @ecasilla/core effect</code></pre>
<pre><code class="language-ts">import "@ecasilla/elements/define/ecasilla-provider.js"
import "@ecasilla/elements/define/cau-ticket-form.js"
import { layerDexieCau } from "@ecasilla/adapters/dexie"

const provider = document.querySelector("ecasilla-provider")
provider.layer = layerDexieCau()          // where the data lives
provider.actor = signedInUser             // who uses the page (an Actor)</code></pre>
<pre><code class="language-html">&lt;ecasilla-provider locale="en"&gt;
  &lt;cau-ticket-form&gt;&lt;/cau-ticket-form&gt;
&lt;/ecasilla-provider&gt;</code></pre>
<p>Each element registers itself only when its <code>define/&lt;tag&gt;.js</code> module is imported; the classes come from <code>@ecasilla/elements</code> without registering anything. Events (<code>ticket-created</code>, <code>change</code>…) bubble and cross the shadow DOM.</p>
<h2>Without a bundler</h2>
<p>Copy <code>examples/standalone/dist/ecasilla.js</code> (made by <code>node examples/standalone/build.mjs</code>: Lit, Effect, the core, the elements and the browser storage in one module) and load it with one script:</p>
<pre><code class="language-html">&lt;ecasilla-provider&gt;&lt;cau-ticket-form&gt;&lt;/cau-ticket-form&gt;&lt;/ecasilla-provider&gt;
&lt;script type="module"&gt;
  import { connect } from "./ecasilla.js"
  await connect(document.querySelector("ecasilla-provider"), {
    storage: "indexeddb",
    actor: { id: "U18342", name: "Jorge Salas Ríos" }
  })
&lt;/script&gt;</code></pre>
<p><code>npm run examples</code> serves a whole intranet page made this way.</p>
<h2>React and other frameworks</h2>
<pre><code class="language-ts">import { EcasillaProvider, CauTicketForm } from "@ecasilla/elements/react"</code></pre>
<p><code>@ecasilla/elements/jsx</code> types the tags for Preact, Solid and others; <code>vscode.html-custom-data.json</code> completes the tags in VS Code.</p>`
    }
  },
  {
    path: "guias/backend",
    title: "Validar en el backend con el core",
    section: "Guías",
    summary: "Un backend de Node importa las mismas reglas que los componentes: nada de reglas copiadas entre el navegador y el servidor.",
    body: `
<pre><code class="language-ts">import { parseIdentity, isValidRuc } from "@ecasilla/core/identity"
import { validateTicketDraft } from "@ecasilla/core/cau"

isValidRuc("20131378972")                         // true
parseIdentity("10117410-2")                       // { kind: "dni", valid: true, … }
const checked = validateTicketDraft(cuerpoDeLaPeticion)
if (!checked.ok) responder(422, checked.problems) // cada problema: campo y código</code></pre>
<p>Los servicios del core (<code>TicketService</code> y los demás) son servicios de Effect: reciben primero al actor y deciden ellos mismos quién puede leer o escribir. Un backend les da sus puertos con capas (Layers): almacenamiento, directorio de usuarios, correo. <code>examples/server</code> es un backend completo que lo hace (<code>npm start -w @ecasilla/example-server</code>).</p>
<h2>El contrato HTTP</h2>
<p>La API se declara una sola vez en <code>@ecasilla/core/http</code> (<code>CauApi</code>, con HttpApi de Effect, a partir de los Schemas del core), con un grupo por dominio —tickets del CAU, directorio, inicio de sesión, SARI y casilla—: cada ruta, su cuerpo, su respuesta y el estado HTTP de cada categoría de error (<code>cauHttpStatus</code>, <code>sariHttpStatus</code>, <code>casillaHttpStatus</code>). Los adjuntos y los PDF viajan como <code>multipart/form-data</code>. El backend de ejemplo la sirve con <code>HttpApiBuilder</code> sobre <code>@effect/platform-node</code> (cada solicitud se decodifica con los Schemas del contrato antes de llegar a un servicio; los rechazos del transporte llevan un <code>code</code> cuyo estado declara <code>problemHttpStatus</code>), un cliente se deriva de ella con <code>HttpApiClient.make(CauApi)</code> (una prueba recorre el flujo así contra el servidor) y el documento OpenAPI se genera de ella al compilar este sitio: <a href="/assets/openapi.json">openapi.json</a>.</p>
<p>Los errores son clases etiquetadas (<code>Schema.TaggedError</code>) con un <code>reason</code>: cruzan HTTP sin cambios y cada página los muestra en su idioma.</p>
<h2>Las páginas contra un backend</h2>
<pre><code class="language-ts">import { layerHttpCau, layerHttpSari, layerHttpCasilla } from "@ecasilla/adapters/http"

provider.layer = layerHttpCau({
  baseUrl: "https://intranet.cgr.gob.pe",
  authorization: () => sesion ? \`Bearer \${sesion.token}\` : undefined  // opcional
})</code></pre>
<p>Cada adaptador deriva su cliente del mismo contrato: decodifica cada respuesta con los Schemas del core (una respuesta que no es del contrato es un error tipado <code>unavailable</code>, nunca una caída), reintenta las lecturas con espera creciente y envía una clave de idempotencia con cada alta, de modo que reintentar nunca crea un segundo ticket.</p>`,
    en: {
      title: "Backend validation with the core",
      section: "Guides",
      summary: "A Node backend imports the same rules as the components: no rule copied between browser and server.",
      body: `
<pre><code class="language-ts">import { parseIdentity, isValidRuc } from "@ecasilla/core/identity"
import { validateTicketDraft } from "@ecasilla/core/cau"

isValidRuc("20131378972")                          // true
parseIdentity("10117410-2")                        // { kind: "dni", valid: true, … }
const checked = validateTicketDraft(requestBody)
if (!checked.ok) respond(422, checked.problems)    // each problem: field and code</code></pre>
<p>The core's services (<code>TicketService</code> and the others) are Effect services: they take the actor first and decide themselves who may read or write. A backend gives them their ports as Layers: storage, user directory, mail. <code>examples/server</code> is a whole backend doing so (<code>npm start -w @ecasilla/example-server</code>).</p>
<h2>The HTTP contract</h2>
<p>The API is declared once in <code>@ecasilla/core/http</code> (<code>CauApi</code>, with Effect's HttpApi, from the core's Schemas), one group per domain —CAU tickets, directory, sign-in, SARI and the casilla—: each route, its body, its answer and the HTTP status of each error category (<code>cauHttpStatus</code>, <code>sariHttpStatus</code>, <code>casillaHttpStatus</code>). Attachments and PDFs travel as <code>multipart/form-data</code>. The example backend serves it with <code>HttpApiBuilder</code> on <code>@effect/platform-node</code> (each request is decoded by the contract's Schemas before it reaches a service; transport refusals carry a <code>code</code> whose status <code>problemHttpStatus</code> declares), a client derives from it with <code>HttpApiClient.make(CauApi)</code> (a test walks the flow that way against the server) and the OpenAPI document is generated from it when this site builds: <a href="/assets/openapi.json">openapi.json</a>.</p>
<p>Errors are tagged classes (<code>Schema.TaggedError</code>) with a <code>reason</code>: they cross HTTP unchanged and each page shows them in its language.</p>
<h2>Pages against a backend</h2>
<pre><code class="language-ts">import { layerHttpCau, layerHttpSari, layerHttpCasilla } from "@ecasilla/adapters/http"

provider.layer = layerHttpCau({
  baseUrl: "https://intranet.cgr.gob.pe",
  authorization: () => session ? \`Bearer \${session.token}\` : undefined  // optional
})</code></pre>
<p>Each adapter derives its client from the same contract: it decodes every answer with the core's Schemas (an answer that is not the contract's is a typed <code>unavailable</code> error, never a crash), retries reads with growing waits and sends an idempotency key with every create, so retrying never files a second ticket.</p>`
    }
  },
  {
    path: "guias/sin-conexion",
    title: "Páginas sin conexión",
    section: "Guías",
    summary: "Los datos en el IndexedDB del navegador con Dexie, y la página guardada por un service worker: sigue funcionando sin red y nada se pierde al recargar.",
    body: `
<pre><code class="language-ts">import { layerDexieCau, openEcasillaDb } from "@ecasilla/adapters/dexie"

const db = openEcasillaDb("mi-aplicacion")        // una base por aplicación
provider.layer = layerDexieCau({ db })</code></pre>
<p>Cada comando del core guarda el estado, sus archivos y sus eventos en una sola transacción de IndexedDB: o queda todo, o nada. Lo guardado sobrevive a recargas y cierres del navegador.</p>
<p>Para que la página misma abra sin red, regístrele un service worker que guarde el HTML y el script. <code>examples/offline-page</code> lo hace, y su prueba en Chromium recarga la página y encuentra los tickets.</p>
<h2>Sin conexión, con backend</h2>
<pre><code class="language-html">&lt;ecasilla-provider&gt;
  &lt;cau-sync-status&gt;&lt;/cau-sync-status&gt;
  &lt;cau-ticket-form&gt;&lt;/cau-ticket-form&gt;
&lt;/ecasilla-provider&gt;</code></pre>
<pre><code class="language-ts">import { layerOfflineCau } from "@ecasilla/adapters/offline"

provider.layer = layerOfflineCau({ baseUrl: "https://intranet.cgr.gob.pe", db })</code></pre>
<p>Con red, cada comando va al backend. Sin red, el mismo comando corre con las reglas del core sobre una copia en IndexedDB y queda en una cola, escrita en la misma transacción que el cambio local: sobrevive a recargas. Al volver la red (evento <code>online</code>, un temporizador, o «Reintentar ahora» en <code>&lt;cau-sync-status&gt;</code>) la cola se reenvía en orden, cada comando con su clave de idempotencia: el backend lo aplica una sola vez aunque la respuesta se pierda o el servidor se caiga a mitad. Un ticket registrado sin red muestra un número provisional (<code>PROV-…</code>) hasta que el backend le da el suyo; un cambio que el backend rechaza (el ticket fue asignado mientras tanto) se muestra con su motivo en <code>&lt;cau-sync-status&gt;</code>.</p>`,
    en: {
      title: "Offline pages",
      section: "Guides",
      summary: "Data in the browser's IndexedDB through Dexie, and the page kept by a service worker: it keeps working without network and nothing is lost on reload.",
      body: `
<pre><code class="language-ts">import { layerDexieCau, openEcasillaDb } from "@ecasilla/adapters/dexie"

const db = openEcasillaDb("my-application")        // one database per application
provider.layer = layerDexieCau({ db })</code></pre>
<p>Each command of the core stores the state, its files and its events in one IndexedDB transaction: all of it, or nothing. What is stored survives reloads and browser restarts.</p>
<p>For the page itself to open without network, register a service worker that keeps the HTML and the script. <code>examples/offline-page</code> does so, and its Chromium test reloads the page and finds the tickets.</p>
<h2>Offline, with a backend</h2>
<pre><code class="language-html">&lt;ecasilla-provider&gt;
  &lt;cau-sync-status&gt;&lt;/cau-sync-status&gt;
  &lt;cau-ticket-form&gt;&lt;/cau-ticket-form&gt;
&lt;/ecasilla-provider&gt;</code></pre>
<pre><code class="language-ts">import { layerOfflineCau } from "@ecasilla/adapters/offline"

provider.layer = layerOfflineCau({ baseUrl: "https://intranet.cgr.gob.pe", db })</code></pre>
<p>Online, each command goes to the backend. Offline, the same command runs with the core's rules on a copy in IndexedDB and waits in a queue, written in the same transaction as the local change: it survives reloads. When the network is back (the <code>online</code> event, a timer, or "Try again now" in <code>&lt;cau-sync-status&gt;</code>) the queue replays in order, each command with its idempotency key: the backend applies it once even if the answer is lost or the server dies half-way. A ticket filed offline shows a provisional number (<code>PROV-…</code>) until the backend gives it its own; a change the backend refuses (the ticket was assigned meanwhile) is shown with its reason in <code>&lt;cau-sync-status&gt;</code>.</p>`
    }
  },
  {
    path: "guias/modo-desarrollo",
    title: "Modo desarrollo: avisos para quien arma la página",
    section: "Guías",
    summary: "La condición de exportación development de @ecasilla/elements trae avisos en la consola sobre errores de la página; la compilación por defecto (producción) no los trae ni sus textos.",
    body: `
<p>Como Lit, <code>@ecasilla/elements</code> publica dos compilaciones: la de producción (condición <code>default</code>) y la de desarrollo (condición <code>development</code>, en <code>dist/development</code>), que avisa en la consola, una vez por causa y con un código:</p>
<ul>
<li id="no-provider"><code>no-provider</code>: un elemento no está dentro de un <code>&lt;ecasilla-provider&gt;</code>, así que no puede leer ni guardar nada.</li>
<li id="bad-locale"><code>bad-locale</code>: <code>&lt;ecasilla-provider locale="…"&gt;</code> con un idioma que los elementos no tienen (solo es-PE y en).</li>
<li id="firma-no-anchors"><code>firma-no-anchors</code>: <code>&lt;firma-verify&gt;</code> sin <code>trustAnchors</code>: ningún documento puede resultar válido.</li>
</ul>
<p>Sin capa (<code>layer</code>) el proveedor avisa siempre, también en producción.</p>
<h2>Cómo activarlo</h2>
<pre><code class="language-js">// @web/dev-server (web-dev-server.config.mjs)
export default { nodeResolve: { exportConditions: ["development"] } }
// Vite (vite.config.js): en desarrollo ya usa la condición development
export default { resolve: { conditions: ["development"] } }
// Rollup: @rollup/plugin-node-resolve
nodeResolve({ exportConditions: ["development"] })</code></pre>
<p>Para publicar, compile sin esa condición: la compilación por defecto no incluye los avisos ni sus textos (una prueba lo comprueba).</p>`,
    en: {
      title: "Development mode: warnings for whoever builds the page",
      section: "Guides",
      summary: "The development export condition of @ecasilla/elements brings console warnings about mistakes in the page; the default (production) build carries neither them nor their texts.",
      body: `
<p>Like Lit, <code>@ecasilla/elements</code> ships two builds: production (the <code>default</code> condition) and development (the <code>development</code> condition, in <code>dist/development</code>), which warns in the console, once per cause and with a code:</p>
<ul>
<li id="no-provider"><code>no-provider</code>: an element is not inside an <code>&lt;ecasilla-provider&gt;</code>, so it cannot read or save anything.</li>
<li id="bad-locale"><code>bad-locale</code>: <code>&lt;ecasilla-provider locale="…"&gt;</code> with a language the elements do not have (only es-PE and en).</li>
<li id="firma-no-anchors"><code>firma-no-anchors</code>: <code>&lt;firma-verify&gt;</code> with no <code>trustAnchors</code>: no document can come out valid.</li>
</ul>
<p>Without a <code>layer</code> the provider always warns, in production too.</p>
<h2>How to turn it on</h2>
<pre><code class="language-js">// @web/dev-server (web-dev-server.config.mjs)
export default { nodeResolve: { exportConditions: ["development"] } }
// Vite (vite.config.js): it already uses the development condition while developing
export default { resolve: { conditions: ["development"] } }
// Rollup: @rollup/plugin-node-resolve
nodeResolve({ exportConditions: ["development"] })</code></pre>
<p>To publish, build without that condition: the default build carries neither the warnings nor their texts (a test checks it).</p>`
    }
  },
  {
    path: "guias/firma",
    title: "Verificar y firmar PDF",
    section: "Guías",
    summary: "Verificar firmas digitales de PDF (Firma Perú, PAdES) en el navegador, en Node y en la línea de comandos, con el mismo verificador.",
    body: `
<h2>En la línea de comandos</h2>
<pre><code class="language-bash">npx ecasilla verify oficio.pdf --trust raiz-reniec.pem          # texto en español
npx ecasilla verify *.pdf --trust raiz-reniec.pem --json        # un informe JSON por línea</code></pre>
<p>Código de salida: 0 válido · 1 no válido · 2 indeterminado · 3 sin firma · 65 ilegible.</p>
<h2>En código (navegador o Node)</h2>
<pre><code class="language-ts">import { verifyPdfOutcome } from "@ecasilla/core/firma"

const outcome = await verifyPdfOutcome(bytes, { trustAnchors: [pemDeLaRaiz] })
// outcome.report.verdict: "valid" | "invalid" | "indeterminate" | "unsigned"</code></pre>
<p>Un documento solo es válido si cada firma está íntegra, cubre el documento, no hubo cambios después de firmar salvo los permitidos (otra firma) y la cadena del certificado llega a una raíz de confianza que usted da. Sin raíces el resultado es indeterminado, nunca válido. No edite el PDF después de firmarlo.</p>`,
    en: {
      title: "Verifying and signing PDFs",
      section: "Guides",
      summary: "Verify PDF digital signatures (Firma Perú, PAdES) in the browser, in Node and on the command line, with the same verifier.",
      body: `
<h2>On the command line</h2>
<pre><code class="language-bash">npx ecasilla verify oficio.pdf --trust reniec-root.pem          # Spanish text
npx ecasilla verify *.pdf --trust reniec-root.pem --json        # one JSON report per line</code></pre>
<p>Exit code: 0 valid · 1 invalid · 2 indeterminate · 3 unsigned · 65 unreadable.</p>
<h2>In code (browser or Node)</h2>
<pre><code class="language-ts">import { verifyPdfOutcome } from "@ecasilla/core/firma"

const outcome = await verifyPdfOutcome(bytes, { trustAnchors: [rootPem] })
// outcome.report.verdict: "valid" | "invalid" | "indeterminate" | "unsigned"</code></pre>
<p>A document is valid only when each signature is intact, covers the document, nothing changed after signing beyond what is allowed (another signature) and the certificate chain reaches a trust root you give. Without roots the verdict is indeterminate, never valid. Do not edit the PDF after signing it.</p>`
    }
  }
]
