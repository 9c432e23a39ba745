import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from "lit"
import { property, state } from "lit/decorators.js"
import { firmaLimaDateTime, type FirmaPolicy, type FirmaReport, type FirmaSignatureReport } from "@ecasilla/core/firma"
import { LocalizeController } from "../controllers/localize.js"
import { FirmaVerifiedEvent } from "../events/firma-events.js"
import { firmaChanges, firmaEditedAfterSigning, firmaFindings } from "./findings.js"
import { firmaVerifyStrings } from "./firma-verify.strings.js"
import { firmaVerifyStyles } from "./firma-verify.styles.js"
import { DEV_MODE } from "../internal/dev-mode.js"
import { devWarn } from "../internal/dev-warnings.js"

type Phase = "idle" | "reading" | "verifying" | "done" | "error"

/** Reads a Blob or a fetched body in chunks, reporting the fraction read. */
const readChunks = async (stream: ReadableStream<Uint8Array>, total: number, onProgress: (f: number) => void): Promise<Uint8Array> => {
  const parts: Uint8Array[] = []
  let size = 0
  const reader = stream.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    parts.push(value)
    size += value.length
    if (total > 0) onProgress(Math.min(1, size / total))
  }
  if (parts.length === 1) return parts[0]
  const out = new Uint8Array(size)
  let at = 0
  for (const p of parts) out.set(p, at), (at += p.length)
  return out
}

/** Lets the browser paint (progress, status) before a stretch of work. */
const nextFrame = () => new Promise<void>((r) => setTimeout(r, 0))

type Outcome = Awaited<ReturnType<typeof import("@ecasilla/core/firma/outcome").verifyPdfOutcome>>

/**
 * Verifies in a module Worker, so a large PDF never freezes the page. Bundlers that know
 * `new Worker(new URL(…, import.meta.url))` (Vite, webpack 5, Parcel, the dev server) ship the
 * worker file; where it cannot start (no Worker, CSP, a bundler that left it out) this rejects
 * with the bytes untouched and the caller verifies on the main thread. The bytes are handed over
 * only once the worker says it started, and come back with the outcome (transferred, never
 * copied: a 30 MB copy alone is a long task).
 */
const verifyInWorker = (bytes: Uint8Array, options: Record<string, unknown>): Promise<{ outcome: Outcome; bytes: Uint8Array }> =>
  new Promise((resolve, reject) => {
    let worker: Worker
    try {
      worker = new Worker(new URL("./verify-worker.js", import.meta.url), { type: "module" })
    } catch (e) {
      return reject(e)
    }
    worker.onerror = (e) => (e.preventDefault(), worker.terminate(), reject(new Error("worker failed")))
    worker.onmessage = (e: MessageEvent<{ ready?: true; outcome: Outcome; bytes: Uint8Array }>) => {
      if (e.data.ready) return worker.postMessage({ bytes, options }, [bytes.buffer as ArrayBuffer])
      worker.terminate()
      resolve(e.data)
    }
  })

/**
 * Verifies the digital signatures of a PDF in the browser (Firma Perú, PAdES), offline: the user
 * drops or picks a PDF, or the page sets `src` or `file`. Shows each signature's signer, entity
 * RUC, date in Lima time, reason and algorithm; whether it is intact; what changed after it
 * (page, annotation, form field); the verdict with its advice, and the trust and time findings
 * in plain words. Hashes with WebCrypto; the verifier loads on first use and the signing code
 * never loads. Spanish by default, English with `lang="en"` or an `<ecasilla-provider>`.
 *
 * @tag firma-verify
 * @summary Verifies the signatures of a PDF in the browser and explains the result.
 *
 * @event {FirmaVerifiedEvent} firma-verified - A PDF the user picked or dropped was verified; carries the report.
 *
 * @csspart drop - The drop zone with the file picker.
 * @csspart input - The native file input (visually hidden, focusable).
 * @csspart pick - The "Elegir un PDF" button (the input's label).
 * @csspart progress - The progress bar while reading and verifying.
 * @csspart verdict - The verdict and its advice.
 * @csspart signatures - The list of signatures.
 * @csspart signature - One signature.
 * @csspart error - Why the file could not be verified.
 *
 * @cssproperty --firma-verify-font - Font of the element (default: inherited).
 * @cssproperty --firma-verify-text-color - Text colour.
 * @cssproperty --firma-verify-border-color - Border of the drop zone.
 * @cssproperty --firma-verify-border-radius - Corner radius of the boxes.
 * @cssproperty --firma-verify-accent - Drop zone border while a file is dragged over it.
 * @cssproperty --firma-verify-drop-background - Drop zone background while a file is dragged over it.
 * @cssproperty --firma-verify-valid-color - Mark of a valid verdict.
 * @cssproperty --firma-verify-invalid-color - Mark of an invalid verdict and of errors.
 * @cssproperty --firma-verify-indeterminate-color - Mark of an indeterminate or unsigned verdict.
 *
 * @since 0.2.0
 * @category firma-verify
 */
export class FirmaVerify extends LitElement {
  static override styles = firmaVerifyStyles

  /** URL of a PDF to verify (fetched by the element; same-origin or CORS). */
  @property() src = ""
  /** A PDF to verify, set by the page. */
  @property({ attribute: false }) file: Blob | null = null
  /** The deployment's trust anchors (root certificates, PEM or DER). Without them no signature is trusted. */
  @property({ attribute: false }) trustAnchors: ReadonlyArray<Uint8Array> = []
  /** `strict` (default: only further signatures may follow a signature) or `pdf` (what DocMDP permits). */
  @property() policy: FirmaPolicy = "strict"
  /**
   * Verify on the main thread. By default the verifier runs in a Worker, keeping the page
   * responsive on large files (and falls back to the main thread where a Worker cannot start).
   */
  @property({ attribute: "no-worker", type: Boolean }) noWorker = false

  @state() private phase: Phase = "idle"
  @state() private progress: number | undefined
  @state() private current: FirmaReport | undefined
  @state() private errorCode = ""
  @state() private over = false
  @state() private fileName = ""

  private readonly i18n = new LocalizeController(this, firmaVerifyStrings)
  private bytes: Uint8Array | undefined
  private ranIn: "worker" | "main-thread" | undefined
  private run = 0
  private pending: Promise<FirmaReport | undefined> = Promise.resolve(undefined)

  /** Where the last verification ran: in a Worker, or on the main thread (`no-worker`, or no Worker could start). */
  get verifiedIn(): "worker" | "main-thread" | undefined {
    return this.ranIn
  }

  /** The report of the last verified PDF. */
  get report(): FirmaReport | undefined {
    return this.current
  }

  /** Settles when the verification under way (or the last one) ends: its report, or `undefined` on error. */
  get verificationComplete(): Promise<FirmaReport | undefined> {
    // A `file` or `src` just set starts its verification in the coming update.
    return this.updateComplete.then(() => this.pending)
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("file") && this.file) this.start(() => this.readBlob(this.file!), undefined)
    else if (changed.has("src") && this.src) this.start(() => this.fetchSrc(this.src), undefined)
    else if ((changed.has("trustAnchors") || changed.has("policy")) && this.bytes && this.phase === "done") {
      const bytes = this.bytes
      this.start(async () => bytes, undefined)
    }
  }

  private start(load: () => Promise<Uint8Array>, userFile: string | undefined): void {
    const run = ++this.run
    this.pending = this.verify(run, load, userFile)
  }

  private async verify(run: number, load: () => Promise<Uint8Array>, userFile: string | undefined): Promise<FirmaReport | undefined> {
    const stale = () => run !== this.run
    this.phase = "reading"
    this.progress = 0
    this.current = undefined
    this.errorCode = ""
    let bytes: Uint8Array
    try {
      bytes = await load()
    } catch {
      if (!stale()) (this.phase = "error"), (this.errorCode = "fetch")
      return undefined
    }
    if (stale()) return undefined
    this.bytes = bytes
    this.phase = "verifying"
    this.progress = undefined
    await this.updateComplete
    await nextFrame()
    if (!globalThis.crypto?.subtle) {
      this.phase = "error"
      this.errorCode = "no-webcrypto"
      return undefined
    }
    if (DEV_MODE && this.trustAnchors.length === 0) {
      devWarn("firma-no-anchors", "<firma-verify> has no `trustAnchors`: no signature can be trusted, so no document can come out valid. Give it the deployment's root certificates (PEM or DER).")
    }
    const options = { trustAnchors: [...this.trustAnchors], policy: this.policy, locale: this.i18n.locale }
    let outcome: Outcome
    try {
      if (this.noWorker) throw new Error("worker off")
      const back = await verifyInWorker(bytes, options)
      outcome = back.outcome
      if (!stale()) this.bytes = back.bytes
      this.ranIn = "worker"
    } catch {
      // Bytes already handed to a worker that then died cannot be verified here.
      if (bytes.byteLength === 0) {
        if (!stale()) (this.phase = "error"), (this.errorCode = "worker")
        return undefined
      }
      const { verifyPdfOutcome } = await import("@ecasilla/core/firma/outcome")
      outcome = await verifyPdfOutcome(bytes, options)
      this.ranIn = "main-thread"
    }
    if (stale()) return undefined
    if (outcome._tag === "Failure") {
      this.phase = "error"
      this.errorCode = outcome.reason
      return undefined
    }
    this.current = outcome.report
    this.phase = "done"
    await this.updateComplete
    if (userFile !== undefined) this.dispatchEvent(new FirmaVerifiedEvent(outcome.report, userFile))
    return outcome.report
  }

  private readBlob(blob: Blob): Promise<Uint8Array> {
    return readChunks(blob.stream() as ReadableStream<Uint8Array>, blob.size, (f) => (this.progress = f))
  }

  private async fetchSrc(src: string): Promise<Uint8Array> {
    const res = await fetch(src)
    if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`)
    return readChunks(res.body, Number(res.headers.get("content-length")) || 0, (f) => (this.progress = f))
  }

  private onPick(e: Event): void {
    const f = (e.target as HTMLInputElement).files?.[0]
    if (f) (this.fileName = f.name), this.start(() => this.readBlob(f), f.name)
  }

  private onDragOver(e: DragEvent): void {
    e.preventDefault()
    if (e.dataTransfer) e.dataTransfer.dropEffect = "copy"
    this.over = true
  }

  private onDrop(e: DragEvent): void {
    e.preventDefault()
    this.over = false
    const f = e.dataTransfer?.files?.[0]
    if (f) (this.fileName = f.name), this.start(() => this.readBlob(f), f.name)
  }

  protected override render(): TemplateResult {
    const t = this.i18n
    const busy = this.phase === "reading" || this.phase === "verifying"
    return html`
      <div
        part="drop"
        class=${this.over ? "over" : ""}
        @dragover=${this.onDragOver}
        @dragleave=${() => (this.over = false)}
        @drop=${this.onDrop}
      >
        <h2>${t.term("title")}</h2>
        <!-- The native picker speaks the browser's language ("Choose File"): it stays for keyboards
             and screen readers, hidden behind a label that speaks ours. -->
        <input id="file" part="input" type="file" accept=".pdf,application/pdf" aria-describedby="hint" @change=${this.onPick} />
        <label for="file" part="pick">${t.term("pick")}</label>
        <p id="hint">${this.over ? t.term("dropHere") : t.term("dropHint")}${this.fileName ? html` <strong>${this.fileName}</strong>` : nothing}</p>
      </div>
      <div role="status" aria-live="polite">
        ${busy
          ? html`<progress part="progress" aria-label=${t.term("progressLabel")} max="1" value=${this.progress ?? nothing}></progress>
              <p>${this.phase === "reading" ? t.term("reading") : t.term("verifying")}</p>`
          : nothing}
        ${this.phase === "error" ? html`<p part="error">${t.term("error", this.errorCode)}</p>` : nothing}
        ${this.phase === "done" && this.current ? this.renderReport(this.current) : nothing}
      </div>
    `
  }

  private renderReport(r: FirmaReport): TemplateResult {
    const t = this.i18n
    return html`
      <div part="verdict" class=${r.verdict}>
        <p><strong>${t.term("verdict", r.verdict)}</strong></p>
        ${firmaEditedAfterSigning(r) ? html`<p>${t.term("advice")}</p>` : nothing}
        ${r.encrypted ? html`<p>${t.term("encrypted")}</p>` : nothing}
      </div>
      ${r.signatures.length
        ? html`<ol part="signatures">
            ${r.signatures.map((s, i) => this.renderSignature(s, i, r))}
          </ol>`
        : nothing}
    `
  }

  private renderSignature(s: FirmaSignatureReport, i: number, r: FirmaReport): TemplateResult {
    const t = this.i18n
    const changes = firmaChanges(s)
    const alg = [s.signatureAlgorithm, s.digestAlgorithm].filter(Boolean).join(" · ")
    const after =
      changes.length > 0
        ? changes.map((c) => t.term("change", c.kind) + (c.revision ? t.term("inRevision", c.revision) : "")).join("; ")
        : s.modification === "signatures-only"
          ? t.term("onlySignatures")
          : t.term("noChanges")
    return html`<li part="signature">
      <h3>${t.term("signature", i + 1, r.signatures.length)}</h3>
      <dl>
        ${r.encrypted ? nothing : html`<dt>${t.term("field")}</dt><dd>${s.field}</dd>`}
        <dt>${t.term("signer")}</dt>
        <dd>${s.signer?.commonName ?? t.term("noName")}</dd>
        ${s.signer?.ruc ? html`<dt>${t.term("entity")}</dt><dd>${s.signer.ruc}${s.signer.organization ? ` · ${s.signer.organization}` : ""}</dd>` : nothing}
        ${s.signer?.dni ? html`<dt>${t.term("dni")}</dt><dd>${s.signer.dni}</dd>` : nothing}
        <dt>${t.term("date")}</dt>
        <dd>${s.signingTime ? firmaLimaDateTime(s.signingTime) : t.term("undated")}</dd>
        ${s.reason ? html`<dt>${t.term("reason")}</dt><dd>${s.reason}</dd>` : nothing}
        <dt>${t.term("algorithm")}</dt>
        <dd>${alg || t.term("unknown")}</dd>
        <dt>${t.term("intact")}</dt>
        <dd>${s.intact ? t.term("yes") : t.term("no")}</dd>
        <dt>${t.term("after")}</dt>
        <dd>${after}</dd>
      </dl>
      <ul>
        ${firmaFindings(s).map((f) => html`<li>${t.term("finding", f)}</li>`)}
      </ul>
    </li>`
  }
}
