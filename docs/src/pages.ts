import { guides } from "./guides.js"

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
  /** The English site's texts (each falls back to the Spanish one). */
  readonly en?: { readonly title?: string; readonly section?: string; readonly summary?: string; readonly body?: string }
  /** Keyboard interactions of the element: [keys, what they do in Spanish, in English]. */
  readonly keyboard?: ReadonlyArray<readonly [string, string, string]>
  /** A body the build generates (the changelog from the changesets, the size table from docs/size.md). */
  readonly generated?: "changelog" | "sizes"
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
<p>Este playground se sirve en <a class="served-at" href="/">esta dirección</a>.</p>
<h2>Cómo empezar</h2>
<pre><code class="language-bash">npm install &amp;&amp; npm start   # este playground (la dirección la imprime npm start)
npm test                     # todas las pruebas</code></pre>
<h2>Uso en una página</h2>
<pre><code class="language-html">&lt;script type="module"&gt;
  import "@ecasilla/elements/define/ecasilla-provider.js"
  import "@ecasilla/elements/define/ecasilla-id-input.js"
&lt;/script&gt;
&lt;ecasilla-provider locale="es-PE"&gt;
  &lt;form&gt;
    &lt;ecasilla-id-input name="ruc" kinds="ruc" label="RUC de la entidad" required&gt;&lt;/ecasilla-id-input&gt;
  &lt;/form&gt;
&lt;/ecasilla-provider&gt;</code></pre>
<p>Cada elemento tiene su página con un ejemplo en vivo, el código editable y la tabla de atributos, eventos, partes y propiedades CSS. Las guías explican cada caso de uso; la <a href="/api/">referencia de la API</a> documenta los tres paquetes.</p>`,
    en: {
      title: "Home",
      section: "Home",
      summary:
        "ecasilla brings together the rules of the CGR Casilla Electrónica ecosystem (@ecasilla/core), Lit web components for intranet pages (@ecasilla/elements) and storage adapters (@ecasilla/adapters). This playground needs no server and no network: the demo data lives in your browser's IndexedDB.",
      body: `
<p>This playground is served at <a class="served-at" href="/en/">this address</a>.</p>
<h2>Getting started</h2>
<pre><code class="language-bash">npm install &amp;&amp; npm start   # this playground (npm start prints its address)
npm test                     # every test</code></pre>
<h2>Use on a page</h2>
<pre><code class="language-html">&lt;script type="module"&gt;
  import "@ecasilla/elements/define/ecasilla-provider.js"
  import "@ecasilla/elements/define/ecasilla-id-input.js"
&lt;/script&gt;
&lt;ecasilla-provider locale="en"&gt;
  &lt;form&gt;
    &lt;ecasilla-id-input name="ruc" kinds="ruc" label="Entity RUC" required&gt;&lt;/ecasilla-id-input&gt;
  &lt;/form&gt;
&lt;/ecasilla-provider&gt;</code></pre>
<p>Each element has its page with a live example, editable code and the table of attributes, events, parts and CSS properties. The guides explain each use case; the <a href="/api/">API reference</a> documents the three packages.</p>`
    }
  },
  {
    path: "elementos/ecasilla-provider",
    title: "<ecasilla-provider>",
    section: "Elementos",
    tag: "ecasilla-provider",
    summary:
      "Da a los elementos que contiene un runtime de Effect construido con las capas (Layers) de los adaptadores, el idioma (es-PE por defecto, en disponible) y el actor actual. Todo el playground está dentro de uno, con almacenamiento IndexedDB y datos de demostración.",
    body: `
<pre><code class="language-ts">const provider = document.querySelector("ecasilla-provider")
provider.layer = capaDeAdaptadores   // p. ej. las capas en memoria o Dexie
provider.actor = actorActual          // Actor de @ecasilla/core
provider.locale = "en"               // o el atributo locale="en"</code></pre>
<p>La capa es obligatoria: no hay almacenamiento por defecto. Sin ella, los elementos que guardan o leen datos lo dicen y la consola nombra la propiedad <code>layer</code> que falta. Mover el proveedor en la página conserva su runtime (y los datos de un almacenamiento en memoria); se libera solo cuando sale de la página, después de terminar las escrituras en curso.</p>
<p>Un elemento declara los servicios que necesita y ejecuta consultas y comandos sobre <code>@lit/task</code>:</p>
<pre><code class="language-ts">private readonly runtime = new RuntimeController&lt;TicketService&gt;(this, [TicketService])
// consulta: la última gana; se interrumpe si el elemento sale de la página
private readonly load = this.runtime.query({ args: () =&gt; [this.ticketId, this.actor] as const, run: ([id, actor]) =&gt; … })
// comando: una vez por acción; un segundo clic mientras guarda se ignora; nunca se corta a medias
private readonly save = this.runtime.command((actor: Actor, draft: Draft) =&gt; …)
const outcome = await this.save.run(actor, draft)   // { ok: true, value } | { ok: false, error } tipado</code></pre>`,
    en: {
      section: "Elements",
      summary:
        "Gives the elements inside it an Effect runtime built from the adapters' Layers, the locale (es-PE by default, en available) and the current actor. The whole playground sits inside one, with IndexedDB storage and demo data.",
      body: `
<pre><code class="language-ts">const provider = document.querySelector("ecasilla-provider")
provider.layer = adapterLayers   // e.g. the memory or Dexie layers
provider.actor = currentActor    // an Actor of @ecasilla/core
provider.locale = "en"           // or the locale="en" attribute</code></pre>
<p>The layer is required: there is no default storage. Without it, the elements that store or read data say so and the console names the missing <code>layer</code> property. Moving the provider in the page keeps its runtime (and a memory store's data); it is disposed only when it leaves the page, after the writes in flight finish.</p>
<p>An element declares the services it needs and runs queries and commands on <code>@lit/task</code>:</p>
<pre><code class="language-ts">private readonly runtime = new RuntimeController&lt;TicketService&gt;(this, [TicketService])
// query: latest wins; interrupted when the element leaves the page
private readonly load = this.runtime.query({ args: () =&gt; [this.ticketId, this.actor] as const, run: ([id, actor]) =&gt; … })
// command: once per action; a second click while it saves is ignored; never cut half-way
private readonly save = this.runtime.command((actor: Actor, draft: Draft) =&gt; …)
const outcome = await this.save.run(actor, draft)   // typed { ok: true, value } | { ok: false, error }</code></pre>`
    },
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
</form>`,
    en: {
      section: "Elements",
      summary:
        "Form field for a DNI, RUC or carné de extranjería. It validates as you type with the rules of @ecasilla/core, explains the error in the page's language and takes part in native forms: value, validity, reset and state restore."
    },
    keyboard: [
      ["Tab / Mayús+Tab", "Entra al campo y sale; al salir se valida y se emite change si el valor cambió.", "Moves into and out of the field; leaving it validates and fires change when the value changed."],
      ["Enter", "Confirma el valor (change) y envía el formulario, como un campo nativo.", "Commits the value (change) and submits the form, as a native field does."],
      ["Escribir", "Valida en cada tecla (input); el error se anuncia al salir del campo.", "Validates on each key (input); the error is announced when leaving the field."]
    ]
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
    demo: `<cau-ticket-form></cau-ticket-form>`,
    en: {
      summary:
        "The \"Nueva incidencia / petición\" form of the CGR help desk (CAU): title, formatted description, type, catalog category (type to search, choose with the arrows), phone, attachments (drop or pick files) and, only when filing for someone else, \"Notificar en nombre de\". It validates with the rules of @ecasilla/core as you type; on save it shows the ticket's number and state and fires ticket-created.",
      body: `
<p>The ticket is filed as the user chosen in "Act as" (above) and kept in this browser's IndexedDB. Follow it in <a href="/en/cau/cau-ticket-detail/">&lt;cau-ticket-detail&gt;</a>.</p>
<p id="cau-created-link" hidden></p>`
    },
    keyboard: [
      ["Tab / Mayús+Tab", "Recorre los campos en orden; al salir de cada uno se valida.", "Walks the fields in order; each is validated when left."],
      ["Ctrl+B, Ctrl+I", "Negrita y cursiva en la descripción.", "Bold and italic in the description."],
      ["Flechas ↑ ↓", "En Categoría: recorren las opciones que coinciden con lo escrito.", "In Category: move through the options matching what was typed."],
      ["Enter", "En Categoría: elige la opción activa. En un botón: lo activa.", "In Category: picks the active option. On a button: activates it."],
      ["Escape", "En Categoría: cierra la lista de opciones.", "In Category: closes the option list."],
      ["Flechas ← →", "Cambian el Tipo (Incidencia / Petición).", "Change the Type (Incidence / Request)."],
      ["Espacio / Enter en «Adjuntar»", "Abre el selector de archivos.", "Opens the file picker."]
    ]
  },
  {
    path: "cau/cau-ticket-detail",
    title: "<cau-ticket-detail>",
    section: "CAU",
    tag: "cau-ticket-detail",
    summary:
      "El detalle de un ticket de la CAU: número, estado, la barra de fases (Registro, Investigación, Resolución), el grupo de soporte, la respuesta del analista y el historial. Debajo, solo las acciones que el usuario actual puede realizar ahora: nota al analista, respuesta correcta o incorrecta, encuesta, respuesta del analista o asignación por el líder de grupo.",
    body: `
<p>Elija un ticket de los datos de demostración y cambie de usuario para recorrer el flujo completo: el líder asigna, el solicitante envía una nota, el analista responde, el solicitante indica si la respuesta es correcta y responde la encuesta. Mientras el ticket está Registrada, su solicitante puede modificarlo.</p>
<div id="cau-ticket-picker" class="cau-picker"></div>`,
    demo: `<cau-ticket-detail></cau-ticket-detail>`,
    en: {
      summary:
        "A CAU ticket in detail: number, state, the phase bar (Registro, Investigación, Resolución), the support group, the analyst's answer and the history. Below, only the actions the current user may take now: a note to the analyst, the answer is right or wrong, the survey, the analyst's answer or the lead's assignment.",
      body: `
<p>Pick a ticket of the demo data and switch users to walk the whole flow: the lead assigns, the requester sends a note, the analyst answers, the requester says whether the answer is right and answers the survey. While the ticket is Registrada, its requester can edit it.</p>
<div id="cau-ticket-picker" class="cau-picker"></div>`
    },
    keyboard: [
      ["Tab / Mayús+Tab", "Recorre las acciones disponibles y sus campos.", "Walks the available actions and their fields."],
      ["Flechas ← →", "En la encuesta y en «¿La respuesta es correcta?»: cambian la opción.", "In the survey and in \"Is the answer right?\": change the option."],
      ["Enter / Espacio", "Activa el botón enfocado (guardar la acción).", "Activates the focused button (saves the action)."]
    ]
  },
  {
    path: "sari/sari-request-form",
    title: "<sari-request-form>",
    section: "SARI",
    tag: "sari-request-form",
    summary:
      "El «Nuevo» del operador de SARI (Operador OCI u Operador UO): busque al colaborador de su unidad por DNI o por apellidos, elija el sistema (Casilla Electrónica o CAU), vea los roles que tiene ahora, marque los roles que se agregan o se quitan y pulse Guardar (borrador) o Enviar (al aprobador de su unidad). Las reglas son de @ecasilla/core: solo colaboradores de su unidad, roles del sistema, cargo elegible, una solicitud abierta por colaborador y sistema.",
    body: `
<p>Actúe como un operador con los botones de abajo (unidades de demostración: OCI del MINSA, OCI de la SUNAT y la Gerencia de TI de la CGR). Luego apruebe o rechace en <a href="/sari/sari-approval-inbox/">&lt;sari-approval-inbox&gt;</a>.</p>
<div id="sari-actor-picker" class="cau-picker"></div>`,
    demo: `<sari-request-form></sari-request-form>`,
    en: {
      summary:
        "SARI's \"Nuevo\" for the operator (Operador OCI or Operador UO): find a colleague of your unit by DNI or name, choose the system (Casilla Electrónica or the help desk), see the roles they hold now, mark roles to add or remove, then Save (a draft) or Send (to your unit's approver). The rules are @ecasilla/core's: only colleagues of your unit, roles of the system, an eligible post, one open request per colleague and system.",
      body: `
<p>Act as an operator with the buttons below (demo units: the OCIs of MINSA and SUNAT, and the CGR's IT management). Then approve or reject in <a href="/en/sari/sari-approval-inbox/">&lt;sari-approval-inbox&gt;</a>.</p>
<div id="sari-actor-picker" class="cau-picker"></div>`
    },
    keyboard: [
      ["Tab / Mayús+Tab", "Recorre la búsqueda, los colaboradores encontrados, los roles y los botones.", "Walks the search, the colleagues found, the roles and the buttons."],
      ["Enter", "En la búsqueda: busca. En un colaborador o botón: lo activa.", "In the search: searches. On a colleague or button: activates it."],
      ["Espacio", "Marca o desmarca un rol para agregar o quitar.", "Checks or unchecks a role to add or remove."]
    ]
  },
  {
    path: "sari/sari-approval-inbox",
    title: "<sari-approval-inbox>",
    section: "SARI",
    tag: "sari-approval-inbox",
    summary:
      "La bandeja de SARI. Para el aprobador (Jefe de OCI o Supervisor OCI de la misma OCI; Gerente de la misma UO) lista las solicitudes de su unidad que puede atender, nunca las suyas ni las que tratan de sus propios roles; con filtros, búsqueda, el detalle con los cambios de roles, Aprobar, Rechazar con motivo y aprobación en lote. Con view=\"operator\" lista las solicitudes del operador con su estado. La lista se dibuja por ventanas: miles de solicitudes sin miles de nodos.",
    body: `
<p>Cambie de usuario para ver cada bandeja: el aprobador de la unidad, el de otra unidad (no ve nada) y el operador.</p>
<div id="sari-actor-picker" class="cau-picker"></div>`,
    demo: `<sari-approval-inbox></sari-approval-inbox>
<sari-approval-inbox view="operator"></sari-approval-inbox>`,
    en: {
      summary:
        "SARI's inbox. For the approver (the Head or Supervisor of the same OCI; the Gerente of the same unit) it lists the unit's requests they may decide, never their own or those about their own roles; with filters, search, the detail with the role changes, Approve, Reject with a reason and bulk approval. With view=\"operator\" it lists the operator's requests and their state. The list is windowed: thousands of requests without thousands of nodes.",
      body: `
<p>Switch users to see each inbox: the unit's approver, another unit's (sees nothing) and the operator.</p>
<div id="sari-actor-picker" class="cau-picker"></div>`
    },
    keyboard: [
      ["Tab / Mayús+Tab", "Recorre filtros, búsqueda, la lista y el detalle.", "Walks filters, search, the list and the detail."],
      ["Flechas ↑ ↓, Inicio, Fin", "En la lista: pasan a la solicitud anterior, siguiente, primera o última.", "In the list: move to the previous, next, first or last request."],
      ["Enter / Espacio", "Abre la solicitud enfocada o activa el botón.", "Opens the focused request or activates the button."]
    ]
  },
  {
    path: "casilla/casilla-inbox",
    title: "<casilla-inbox>",
    section: "Casilla electrónica",
    tag: "casilla-inbox",
    summary:
      "La bandeja del receptor de la Casilla Electrónica: sus notificaciones, de la más reciente a la más antigua, con las no leídas marcadas y su cuenta; búsqueda por asunto, número de cédula o expediente, filtros por estado, emisor y fechas; el detalle con la cédula, el plazo en días hábiles, cada documento con su verificación de firma, y la descarga. Abrir una notificación la da por leída (la regla y el registro son de @ecasilla/core). La lista se dibuja por ventanas: miles de notificaciones sin miles de nodos.",
    body: `
<p>Actúe como la receptora de demostración (tiene 24 notificaciones), como la entidad (su casilla está vacía) o como la notificadora (no es receptora: no ve ninguna bandeja). «Verificar firma» verifica de nuevo un documento en el navegador con &lt;firma-verify&gt; y la raíz de demostración de este sitio: los documentos de los datos de demostración no están firmados (su veredicto guardado es de ejemplo); los que deposite en <a href="/casilla/casilla-deposit/">&lt;casilla-deposit&gt;</a> con los PDF firmados de ejemplo salen válidos.</p>
<div id="casilla-actor-picker" class="cau-picker"></div>`,
    demo: `<casilla-inbox></casilla-inbox>`,
    en: {
      section: "Electronic casilla",
      summary:
        "The receptor's inbox of the Casilla Electrónica: their notifications, newest first, unread ones marked and counted; search by subject, cédula number or case file, filters by state, emisor and dates; the detail with the cédula, the deadline in business days, each document with its signature verification, and the download. Opening a notification marks it read (the rule and the record are @ecasilla/core's). The list is windowed: thousands of notifications without thousands of nodes.",
      body: `
<p>Act as the demo receptor (she has 24 notifications), as the entity (its casilla is empty) or as the notificador (not a receptor: sees no inbox). "Verify signature" verifies a document again in the browser with &lt;firma-verify&gt; and this site's demo root: the demo data's documents are not signed (their stored verdict is an example); those you deposit in <a href="/en/casilla/casilla-deposit/">&lt;casilla-deposit&gt;</a> with the signed sample PDFs come out valid.</p>
<div id="casilla-actor-picker" class="cau-picker"></div>`
    },
    keyboard: [
      ["Tab / Mayús+Tab", "Recorre la búsqueda, los filtros, la lista y el detalle.", "Walks the search, the filters, the list and the detail."],
      ["Flechas ↑ ↓, Inicio, Fin", "En la lista: pasan a la notificación anterior, siguiente, primera o última.", "In the list: move to the previous, next, first or last notification."],
      ["Enter / Espacio", "Abre la notificación enfocada o activa el botón (descargar un documento).", "Opens the focused notification or activates the button (download a document)."]
    ]
  },
  {
    path: "casilla/casilla-login",
    title: "<casilla-login>",
    section: "Casilla electrónica",
    tag: "casilla-login",
    summary:
      "El ingreso a la Casilla Electrónica: el receptor con su DNI (persona natural) o su RUC (entidad) y su contraseña; el personal de la CGR con su código de usuario, contraseña y código de seguridad (captcha); el formulario para restablecer la contraseña, que responde lo mismo exista o no la cuenta; y, con reset-token (el token del enlace enviado por correo, que la página lee de su #token=…), el formulario para elegir la nueva contraseña. La pasarela de autenticación es un puerto de @ecasilla/core: aquí, una en memoria.",
    body: `
<p>Cuentas de demostración (contraseña <code>Demo-2026</code>): receptora DNI <code>10117410</code>, entidad RUC <code>20131378972</code>; personal de la CGR <code>E40125</code> (notificadora), <code>U20011</code> (emisora), <code>U18342</code> (auxiliar). El captcha muestra su código en la imagen.</p>`,
    demo: `<casilla-login></casilla-login>
<casilla-login kind="internal"></casilla-login>`,
    en: {
      section: "Electronic casilla",
      summary:
        "Sign-in to the Casilla Electrónica: the receptor with their DNI (a person) or RUC (an entity) and password; CGR staff with their user code, password and security code (captcha); the password-reset form, which answers the same whether the account exists or not; and, with reset-token (the token of the e-mailed link, which the page reads from its #token=…), the form to choose the new password. The sign-in gateway is a port of @ecasilla/core: here, an in-memory one.",
      body: `
<p>Demo accounts (password <code>Demo-2026</code>): receptor DNI <code>10117410</code>, entity RUC <code>20131378972</code>; CGR staff <code>E40125</code> (notificador), <code>U20011</code> (emisor), <code>U18342</code> (auxiliar). The captcha shows its code in the image.</p>`
    },
    keyboard: [
      ["Tab / Mayús+Tab", "Recorre los campos, el captcha y los botones.", "Walks the fields, the captcha and the buttons."],
      ["Enter", "En un campo: envía el formulario.", "In a field: submits the form."]
    ]
  },
  {
    path: "casilla/casilla-deposit",
    title: "<casilla-deposit>",
    section: "Casilla electrónica",
    tag: "casilla-deposit",
    summary:
      "La preparación y el depósito de una notificación: el notificador elige la casilla del receptor, el emisor, escribe la cédula (asunto, expediente, plazo) y adjunta los PDF; el emisor la firma; el notificador la deposita y descarga la constancia. Cada PDF se verifica al depositar (política strict de Firma Perú): un documento sin firma válida no se deposita. Quién puede hacer cada paso lo decide @ecasilla/core, no el elemento.",
    body: `
<p>Actúe como la notificadora para preparar y depositar, como la emisora para firmar, o como la receptora (no puede depositar). Los PDF de ejemplo firmados con la raíz de demostración de este sitio (de confianza aquí) pasan la verificación: <a href="/assets/firma/valido.pdf" download>valido.pdf</a>, <a href="/assets/firma/dos-firmas.pdf" download>dos-firmas.pdf</a>; <a href="/assets/firma/modificado.pdf" download>modificado.pdf</a> no. Lo depositado aparece en <a href="/casilla/casilla-inbox/">&lt;casilla-inbox&gt;</a> de la receptora.</p>
<div id="casilla-actor-picker" class="cau-picker"></div>`,
    demo: `<casilla-deposit></casilla-deposit>`,
    en: {
      section: "Electronic casilla",
      summary:
        "Preparing and depositing a notification: the notificador chooses the receptor's casilla and the emisor, writes the cédula (subject, case file, deadline) and attaches the PDFs; the emisor signs it; the notificador deposits it and downloads the constancia. Each PDF is verified on deposit (Firma Perú's strict policy): a document without a valid signature is not deposited. Who may take each step is @ecasilla/core's decision, not the element's.",
      body: `
<p>Act as the notificador to prepare and deposit, as the emisor to sign, or as the receptor (who may not deposit). The sample PDFs signed with this site's demo root (trusted here) pass the verification: <a href="/assets/firma/valido.pdf" download>valido.pdf</a>, <a href="/assets/firma/dos-firmas.pdf" download>dos-firmas.pdf</a>; <a href="/assets/firma/modificado.pdf" download>modificado.pdf</a> does not. What is deposited shows in the receptor's <a href="/en/casilla/casilla-inbox/">&lt;casilla-inbox&gt;</a>.</p>
<div id="casilla-actor-picker" class="cau-picker"></div>`
    },
    keyboard: [
      ["Tab / Mayús+Tab", "Recorre los campos de la cédula, el selector de PDF y los botones.", "Walks the cédula's fields, the PDF picker and the buttons."],
      ["Enter / Espacio", "En el selector: abre la elección de archivos. En un botón: lo activa (guardar, firmar, depositar, descargar la constancia).", "On the picker: opens the file chooser. On a button: activates it (save, sign, deposit, download the constancia)."]
    ]
  },
  {
    path: "casilla/casilla-sign",
    title: "<casilla-sign>",
    section: "Casilla electrónica",
    tag: "casilla-sign",
    summary:
      "El paso del emisor: las notificaciones que un notificador preparó para su firma titular (en Borrador), con el destinatario, la cédula y los documentos, y el botón «Firmar». Qué notificaciones ve y quién puede firmar lo decide @ecasilla/core: una notificación de otro emisor no aparece, y un cambio mientras tanto se rechaza con su motivo. Firmada, el notificador la deposita en &lt;casilla-deposit&gt;.",
    body: `
<p>Prepare una notificación en <a href="/casilla/casilla-deposit/">&lt;casilla-deposit&gt;</a> como la notificadora eligiendo como emisora a Ana Torres Villanueva; luego actúe aquí como ella para firmarla. Como otra persona, la lista queda vacía.</p>
<div id="casilla-actor-picker" class="cau-picker"></div>`,
    demo: `<casilla-sign></casilla-sign>`,
    en: {
      section: "Electronic casilla",
      summary:
        "The emisor's step: the notifications a notificador prepared for their titular signature (Borrador), with the receptor, the cédula and the documents, and the \"Sign\" button. Which notifications they see and who may sign is @ecasilla/core's decision: another emisor's notification does not show, and a change meanwhile is refused with its reason. Once signed, the notificador deposits it in &lt;casilla-deposit&gt;.",
      body: `
<p>Prepare a notification in <a href="/en/casilla/casilla-deposit/">&lt;casilla-deposit&gt;</a> as the notificador choosing Ana Torres Villanueva as emisor; then act as her here to sign it. As anyone else, the list stays empty.</p>
<div id="casilla-actor-picker" class="cau-picker"></div>`
    },
    keyboard: [
      ["Tab / Mayús+Tab", "Recorre las notificaciones y sus botones «Firmar».", "Walks the notifications and their \"Sign\" buttons."],
      ["Enter / Espacio", "En «Firmar»: firma esa notificación.", "On \"Sign\": signs that notification."]
    ]
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
    demo: `<firma-verify></firma-verify>`,
    en: {
      section: "Firma Perú",
      summary:
        "Verifies the digital signatures (Firma Perú, PAdES) of a PDF in the browser, with no server and offline: the file never leaves the computer. Shows each signature's signer, entity RUC, date in Lima time, reason and algorithm; whether it is intact; what changed after signing (page, annotation, form field) and the verdict with its advice.",
      body: `
<p>Sample documents, signed when this site was built by the signer of <code>@ecasilla/core/firma/sign</code> with a demonstration certificate (its root is trusted on this page):</p>
<p class="firma-samples">
  <button type="button" data-firma-sample="valido.pdf">Valid document</button>
  <button type="button" data-firma-sample="modificado.pdf">Modified after signing</button>
  <button type="button" data-firma-sample="dos-firmas.pdf">Two signatures (titular and notification)</button>
</p>
<pre><code>import "@ecasilla/elements/define/firma-verify.js"
const verifier = document.querySelector("firma-verify")
verifier.trustAnchors = [rootPem]               // your organisation's trusted roots (PEM or DER)
verifier.addEventListener("firma-verified", (e) =&gt; console.log(e.report))
verifier.src = "/documents/resolution.pdf"       // or .file = a File / Blob</code></pre>`
    },
    keyboard: [
      ["Tab", "Llega a «Elegir un PDF».", "Reaches \"Choose a PDF\"."],
      ["Enter / Espacio", "Abre el selector de archivos.", "Opens the file picker."]
    ]
  },
  ...guides,
  {
    path: "tamanos",
    title: "Tamaños",
    section: "Referencia",
    summary: "Lo que cada elemento añade a la página al cargar, comprimido con gzip, sobre el bloque compartido de Lit, Effect y @ecasilla/core que la página descarga una vez. Lo mide la prueba de tamaños de npm test, que falla si un elemento supera 12 kB o isValidRuc llega a 1 kB.",
    generated: "sizes",
    en: { title: "Sizes", section: "Reference", summary: "What each element adds to a page up front, gzipped, on top of the shared Lit, Effect and @ecasilla/core chunk the page downloads once. Measured by npm test's size test, which fails when an element exceeds 12 kB or isValidRuc reaches 1 kB." }
  },
  {
    path: "cambios",
    title: "Cambios",
    section: "Referencia",
    summary: "Los cambios de cada paquete: los publicados (CHANGELOG de cada paquete) y los pendientes de la próxima versión (changesets).",
    generated: "changelog",
    en: { title: "Changes", section: "Reference", summary: "The changes of each package: the released ones (each package's CHANGELOG) and those pending for the next release (changesets)." }
  }
]

/** The URL of a page. */
export const pageHref = (page: PlaygroundPage): string => (page.path === "" ? "/" : `/${page.path}/`)
