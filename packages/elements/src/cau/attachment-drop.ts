import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from "lit"
import {
  attachmentAccept,
  attachmentMessage,
  checkAttachments,
  defaultAttachmentPolicy,
  type AttachmentPolicy,
  type NewAttachment
} from "@ecasilla/core/cau"
import type { Locale } from "@ecasilla/core"

/**
 * The labels of an attachment drop zone, in the host's locale.
 *
 * @since 0.1.0
 * @category internal
 */
export interface AttachmentDropLabels {
  readonly legend: string
  readonly drop: string
  readonly pick: string
  readonly remove: (name: string) => string
  readonly size: (bytes: number) => string
}

// More files than fit: say how many still fit, so the user can choose again.
const roomMessage = (room: number, max: number, chosen: number, locale: Locale): string =>
  locale === "en"
    ? room <= 0
      ? `You attached ${max} files, the maximum: remove one to add another.`
      : `Only ${room} more file${room === 1 ? "" : "s"} fit (at most ${max}): you chose ${chosen}.`
    : room <= 0
      ? `Ya adjuntó ${max} archivos, el máximo: quite uno para agregar otro.`
      : `Solo ${room === 1 ? "cabe 1 archivo más" : `caben ${room} archivos más`} (máximo ${max}): eligió ${chosen}.`

/**
 * Files chosen for a ticket or a note, by drag-and-drop or the file picker. Every
 * addition is checked with the core's `checkAttachments` (type by content signature,
 * size, count, total) against the deployment's policy; a refused batch leaves the list
 * as it was and sets `error`: the core's message, or how many more files fit when the
 * batch is too big. Sizes are checked before any file is read, so an oversized file is
 * refused without loading it. Names are only ever shown as text.
 *
 * @since 0.1.0
 * @category internal
 */
export class AttachmentDropController implements ReactiveController {
  /** The accepted files, in order. */
  files: ReadonlyArray<NewAttachment> = []
  /** Why the last addition was refused ("" when it was not). */
  error = ""
  private dragging = false
  private readonly host: ReactiveControllerHost
  private readonly id: string
  private readonly locale: () => Locale
  private readonly currentPolicy: () => AttachmentPolicy

  /** `policy` gives the limits in force (the runtime's `CauConfig`). */
  constructor(host: ReactiveControllerHost, id: string, locale: () => Locale, policy: () => AttachmentPolicy = () => defaultAttachmentPolicy) {
    this.host = host
    this.id = id
    this.locale = locale
    this.currentPolicy = policy
    host.addController(this)
  }

  hostConnected(): void {}

  /** The limits in force. */
  get policy(): AttachmentPolicy {
    return this.currentPolicy()
  }

  /** Reads and checks `list`; resolves when the list (or the error) is updated. */
  async add(list: Iterable<File>): Promise<void> {
    const picked = [...list]
    if (picked.length === 0) return
    const policy = this.policy
    const refuse = (message: string) => {
      this.error = message
      this.host.requestUpdate()
    }
    const room = policy.maxCount - this.files.length
    if (picked.length > room) return refuse(roomMessage(room, policy.maxCount, picked.length, this.locale()))
    const big = picked.find((f) => f.size > policy.maxBytes)
    if (big) return refuse(attachmentMessage("too-large", big.name, policy, this.locale()))
    const total = [...this.files.map((f) => f.bytes.byteLength), ...picked.map((f) => f.size)].reduce((a, b) => a + b, 0)
    if (total > policy.maxTotalBytes) return refuse(attachmentMessage("total-too-large", picked[0].name, policy, this.locale()))
    const added = await Promise.all(picked.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })))
    const next = [...this.files, ...added]
    const check = checkAttachments(next, this.policy)
    if (check.ok) {
      this.files = next
      this.error = ""
    } else {
      this.error = attachmentMessage(check.reason, check.name, this.policy, this.locale())
    }
    this.host.requestUpdate()
  }

  /** Removes the file at `index`. */
  remove(index: number): void {
    this.files = this.files.filter((_, i) => i !== index)
    this.error = ""
    this.host.requestUpdate()
  }

  /** Empties the list. */
  clear(): void {
    this.files = []
    this.error = ""
    this.host.requestUpdate()
  }

  private readonly onDragOver = (e: DragEvent): void => {
    e.preventDefault()
    if (e.dataTransfer) e.dataTransfer.dropEffect = "copy"
    if (!this.dragging) {
      this.dragging = true
      this.host.requestUpdate()
    }
  }

  private readonly onDragLeave = (): void => {
    this.dragging = false
    this.host.requestUpdate()
  }

  private readonly onDrop = (e: DragEvent): void => {
    e.preventDefault()
    this.dragging = false
    void this.add(e.dataTransfer?.files ?? [])
  }

  private readonly onPick = (e: Event): void => {
    const input = e.target as HTMLInputElement
    void this.add(input.files ?? []).then(() => {
      input.value = ""
    })
  }

  /** The fieldset with the drop zone, the picker and the list of files. */
  render(labels: AttachmentDropLabels): TemplateResult {
    const inputId = `${this.id}-input`
    const errorId = `${this.id}-error`
    return html`<fieldset class="attachments">
      <legend>${labels.legend}</legend>
      <div
        class=${this.dragging ? "drop-zone dragging" : "drop-zone"}
        part="drop-zone"
        @dragover=${this.onDragOver}
        @dragenter=${this.onDragOver}
        @dragleave=${this.onDragLeave}
        @drop=${this.onDrop}
      >
        <span>${labels.drop}</span>
        <input
          id=${inputId}
          class="visually-hidden file-input"
          type="file"
          multiple
          accept=${attachmentAccept}
          aria-describedby=${errorId}
          @change=${this.onPick}
        />
        <label for=${inputId} class="button">${labels.pick}</label>
      </div>
      ${this.files.length > 0
        ? html`<ul class="files">${this.files.map((f, i) => html`<li>
            <span class="file-name">${f.name}</span> <span class="file-size">${labels.size(f.bytes.byteLength)}</span>
            <button type="button" class="link" aria-label=${labels.remove(f.name)} @click=${() => this.remove(i)}>✕</button>
          </li>`)}</ul>`
        : nothing}
      <p id=${errorId} class="error" role="alert">${this.error}</p>
    </fieldset>`
  }
}
