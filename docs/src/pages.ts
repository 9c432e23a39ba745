/**
 * The pages of the playground, as data: the build writes one HTML file per entry
 * and the browser script adds the live parts (demo, snippet editor, event log).
 * To add a page, append an entry here (and import the element's define module
 * in `elements.ts`). Texts are Spanish first.
 *
 * This module must stay pure data: the Node build imports it too.
 */

/**
 * One page of the playground.
 */
export interface PlaygroundPage {
  /** URL path under the site root, no leading or trailing slash; "" is the overview. */
  readonly path: string
  /** Title of the page and of its navigation link. */
  readonly title: string
  /** Navigation group, shown in order of first appearance ("Inicio", "Elementos", "CAU"…). */
  readonly section: string
  /** One paragraph shown under the title. */
  readonly summary: string
  /** Extra static HTML (trusted, written by us) after the summary. */
  readonly body?: string
  /** The element the page documents: its API tables come from the custom-elements manifest. */
  readonly tag?: string
  /** HTML snippet of the live demo, editable on the page, rendered inside the playground's `<ecasilla-provider>`. */
  readonly demo?: string
}

/** Every page, in navigation order. */
export const pages: ReadonlyArray<PlaygroundPage> = [
  {
    path: "",
    title: "Inicio",
    section: "Inicio",
    summary:
      "ecasilla reúne las reglas del ecosistema de la Casilla Electrónica de la CGR (@ecasilla/core), componentes web Lit para las páginas de la intranet (@ecasilla/elements) y adaptadores de almacenamiento (@ecasilla/adapters). Este playground funciona sin servidor ni conexión: los datos de demostración viven en el IndexedDB de su navegador.",
    body: `
<h2>Cómo empezar</h2>
<pre><code>npm install &amp;&amp; npm start   # este playground en http://localhost:8000
npm test                     # todas las pruebas</code></pre>
<h2>Uso en una página</h2>
<pre><code>&lt;script type="module"&gt;
  import "@ecasilla/elements/define/ecasilla-provider.js"
  import "@ecasilla/elements/define/ecasilla-id-input.js"
&lt;/script&gt;
&lt;ecasilla-provider locale="es-PE"&gt;
  &lt;form&gt;
    &lt;ecasilla-id-input name="ruc" kinds="ruc" label="RUC de la entidad" required&gt;&lt;/ecasilla-id-input&gt;
  &lt;/form&gt;
&lt;/ecasilla-provider&gt;</code></pre>
<p>Cada elemento tiene su página con un ejemplo en vivo, el código editable y la tabla de atributos, eventos, partes y propiedades CSS. La <a href="/api/">referencia de la API</a> documenta los tres paquetes.</p>`
  },
  {
    path: "elementos/ecasilla-provider",
    title: "<ecasilla-provider>",
    section: "Elementos",
    tag: "ecasilla-provider",
    summary:
      "Da a los elementos que contiene un runtime de Effect construido con las capas (Layers) de los adaptadores, el idioma (es-PE por defecto, en disponible) y el actor actual. Todo el playground está dentro de uno, con almacenamiento IndexedDB y datos de demostración.",
    body: `
<pre><code>const provider = document.querySelector("ecasilla-provider")
provider.layer = capaDeAdaptadores   // p. ej. las capas en memoria o Dexie
provider.actor = actorActual          // Actor de @ecasilla/core
provider.locale = "en"               // o el atributo locale="en"</code></pre>`,
    demo: `<ecasilla-provider locale="en">
  <ecasilla-id-input label="Taxpayer id (RUC)" kinds="ruc" value="20131378971"></ecasilla-id-input>
</ecasilla-provider>
<ecasilla-id-input label="RUC (idioma del playground)" kinds="ruc" value="20131378971"></ecasilla-id-input>`
  },
  {
    path: "elementos/ecasilla-id-input",
    title: "<ecasilla-id-input>",
    section: "Elementos",
    tag: "ecasilla-id-input",
    summary:
      "Campo de formulario para DNI, RUC o carné de extranjería. Valida mientras se escribe con las reglas de @ecasilla/core, explica el error en español y participa en formularios nativos: valor, validez, restablecer y restauración del estado.",
    demo: `<form>
  <ecasilla-id-input name="documento" kinds="dni ruc ce" label="DNI, RUC o CE" required></ecasilla-id-input>
  <ecasilla-id-input name="ruc" kinds="ruc" label="RUC de la entidad" value="20131378972"></ecasilla-id-input>
  <button>Enviar</button>
  <button type="reset">Restablecer</button>
</form>`
  },
  {
    path: "cau/cau-ticket-form",
    title: "<cau-ticket-form>",
    section: "CAU",
    tag: "cau-ticket-form",
    summary:
      "El formulario «Nueva incidencia / petición» de la Central de Atención al Usuario: título, descripción con formato, tipo, categoría del catálogo (busque escribiendo y elija con las flechas), teléfono/celular, adjuntos (arrastre o elija archivos) y, solo si registra para otra persona, «Notificar en nombre de». Valida con las reglas de @ecasilla/core mientras escribe; al guardar muestra el número y el estado del ticket y emite ticket-created.",
    body: `
<p>El ticket se registra a nombre del usuario elegido en «Actuar como» (arriba) y se guarda en el IndexedDB de este navegador. Luego puede seguirlo en <a href="/cau/cau-ticket-detail/">&lt;cau-ticket-detail&gt;</a>.</p>
<p id="cau-created-link" hidden></p>`,
    demo: `<cau-ticket-form></cau-ticket-form>`
  },
  {
    path: "cau/cau-ticket-detail",
    title: "<cau-ticket-detail>",
    section: "CAU",
    tag: "cau-ticket-detail",
    summary:
      "El detalle de un ticket de la CAU: número, estado, la barra de fases (Registro, Investigación, Resolución), el grupo de soporte, la respuesta del analista y el historial. Debajo, solo las acciones que el usuario actual puede realizar ahora: nota al analista, respuesta correcta o incorrecta, encuesta, respuesta del analista o asignación por el líder de grupo.",
    body: `
<p>Elija un ticket de los datos de demostración y cambie de usuario para recorrer el flujo completo: el líder asigna, el solicitante envía una nota, el analista responde, el solicitante indica si la respuesta es correcta y responde la encuesta.</p>
<div id="cau-ticket-picker" class="cau-picker"></div>`,
    demo: `<cau-ticket-detail></cau-ticket-detail>`
  },
  {
    path: "firma/firma-verify",
    title: "<firma-verify>",
    section: "Firma Perú",
    tag: "firma-verify",
    summary:
      "Verifica las firmas digitales (Firma Perú, PAdES) de un PDF en el navegador, sin servidor y sin conexión: el archivo no sale del equipo. Muestra el firmante, el RUC de la entidad, la fecha en hora de Lima, el motivo y el algoritmo de cada firma; si está íntegra; qué cambió después de firmar (página, anotación, campo de formulario) y el veredicto con su consejo.",
    body: `
<p>Documentos de ejemplo, firmados al construir este sitio con el firmador de <code>@ecasilla/core/firma/sign</code> y un certificado de demostración (su raíz es de confianza en esta página):</p>
<p class="firma-samples">
  <button type="button" data-firma-sample="valido.pdf">Documento válido</button>
  <button type="button" data-firma-sample="modificado.pdf">Modificado después de firmar</button>
  <button type="button" data-firma-sample="dos-firmas.pdf">Dos firmas (titular y notificación)</button>
</p>
<pre><code>import "@ecasilla/elements/define/firma-verify.js"
const verificador = document.querySelector("firma-verify")
verificador.trustAnchors = [raizPem]          // las raíces de confianza de su entidad (PEM o DER)
verificador.addEventListener("firma-verified", (e) =&gt; console.log(e.report))
verificador.src = "/documentos/resolucion.pdf" // o .file = un File / Blob</code></pre>`,
    demo: `<firma-verify></firma-verify>`
  }
]

/** The URL of a page. */
export const pageHref = (page: PlaygroundPage): string => (page.path === "" ? "/" : `/${page.path}/`)
