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
  }
]

/** The URL of a page. */
export const pageHref = (page: PlaygroundPage): string => (page.path === "" ? "/" : `/${page.path}/`)
