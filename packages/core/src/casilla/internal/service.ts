import { Effect, Option, Schema } from "effect"
import { Ids } from "../../ports/ids.js"
import { CasillaConfig } from "../config.js"
import { renderConstanciaPdf } from "../constancia.js"
import { notificationDeadline } from "../deadlines.js"
import { CasillaError, CasillaStoreError } from "../errors.js"
import { CasillaEventTag } from "../events.js"
import { canSeeNotification, checkNotificationAction, type NotificationAction } from "../lifecycle.js"
import { Cedula, type Constancia, type Notification, type NotificationDocument } from "../model.js"
import type { CasillaService, NewNotificationInput, NotificationListScope } from "../service.js"
import { CasillaStore, type NotificationQuery } from "../store.js"
import { makeAccounts } from "./accounts.js"
import { loadCasilla, makeEvent, missingBlob, nowIso, partyOf } from "./common.js"
import { holdsRole, isSystemPrincipal, principalId, type Principal, withCurrentRoles } from "./patterns.js"

const decodeCedula = Schema.decodeUnknownEffect(Cedula)

const isPdf = (b: Uint8Array): boolean => b.length >= 5 && b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46 && b[4] === 0x2d

const sha256Hex = (bytes: Uint8Array): Effect.Effect<string> =>
  Effect.promise(async () => {
    const d = new Uint8Array(await globalThis.crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>))
    return Array.from(d, (b) => b.toString(16).padStart(2, "0")).join("")
  })

const inboxStates = ["Depositada", "Leída"] as const

/** The service's methods over its ports (see `CasillaService`). */
export const makeCasillaService = Effect.gen(function*() {
  const store = yield* CasillaStore
  const ids = yield* Ids
  const accounts = makeAccounts(store, ids)

  /** Loads a notification the actor may see and checks the action; `not-found` hides the rest. */
  const load = (actor: Principal, notificationId: string, action?: NotificationAction) =>
    Effect.gen(function*() {
      const found = yield* store.getNotification(notificationId)
      if (Option.isNone(found)) return yield* Effect.fail(new CasillaError({ reason: "not-found", notificationId }))
      const n = found.value
      if (!canSeeNotification(n, actor)) return yield* Effect.fail(new CasillaError({ reason: "not-found", notificationId }))
      if (action === undefined) return n
      const check = checkNotificationAction(n, actor, action)
      if (!check.ok) return yield* Effect.fail(new CasillaError({ reason: check.reason, action, notificationId, state: n.state }))
      return n
    })

  const prepareNotification = (actor: Principal, input: NewNotificationInput) =>
    Effect.gen(function*() {
      const config = yield* CasillaConfig
      if (!holdsRole(actor, "notificador")) return yield* Effect.fail(new CasillaError({ reason: "not-allowed", action: "prepare" }))
      const casilla = yield* loadCasilla(store, actor, input.casillaId)
      const cedula = yield* decodeCedula(input.cedula).pipe(
        Effect.mapError((e) => new CasillaError({ reason: "invalid-field", detail: `cedula: ${e.message}` }))
      )
      const emisorId = input.emisor.id.trim()
      const emisorName = input.emisor.name.trim()
      if (!emisorId || !emisorName) return yield* Effect.fail(new CasillaError({ reason: "invalid-field", detail: "emisor" }))
      if (input.documents.length === 0) return yield* Effect.fail(new CasillaError({ reason: "no-documents" }))
      if (input.documents.length > config.maxDocuments) {
        return yield* Effect.fail(new CasillaError({ reason: "too-many-documents", detail: String(config.maxDocuments) }))
      }
      for (const d of input.documents) {
        if (!isPdf(d.bytes)) return yield* Effect.fail(new CasillaError({ reason: "not-a-pdf", documentName: d.name }))
        if (d.bytes.length > config.maxDocumentBytes) {
          return yield* Effect.fail(new CasillaError({ reason: "document-too-large", documentName: d.name, detail: `${config.maxDocumentBytes} bytes` }))
        }
      }
      const at = yield* nowIso
      const id = yield* ids.next("ntf")
      const documents: Array<NotificationDocument> = []
      const blobs: Array<{ key: string; bytes: Uint8Array }> = []
      for (const d of input.documents) {
        const docId = yield* ids.next("doc")
        const blobKey = `ntf/${id}/${docId}`
        documents.push({ id: docId, name: d.name.trim() || `${docId}.pdf`, size: d.bytes.length, blobKey })
        blobs.push({ key: blobKey, bytes: d.bytes.slice() })
      }
      const n: Notification = {
        id,
        casillaId: casilla.id,
        receptorId: casilla.loginId,
        receptorName: casilla.name,
        emisor: { id: emisorId, name: emisorName },
        notificador: partyOf(actor),
        cedula,
        documents,
        state: "Borrador",
        createdAt: at,
        downloads: [],
        version: 1
      }
      const event = yield* makeEvent(ids, CasillaEventTag.NotificationPrepared, id, at, { notificationId: id, casillaId: casilla.id, by: principalId(actor) })
      yield* store.commit({ notifications: [n], blobs, events: [event] })
      return n
    })

  const signNotification = (actor: Principal, notificationId: string) =>
    Effect.gen(function*() {
      const n = yield* load(actor, notificationId, "sign")
      const at = yield* nowIso
      const next: Notification = { ...n, state: "Firmada", signedAt: at, version: n.version + 1 }
      const event = yield* makeEvent(ids, CasillaEventTag.NotificationSigned, n.id, at, { notificationId: n.id, by: principalId(actor) })
      yield* store.commit({ notifications: [next], events: [event] })
      return next
    })

  const depositNotification = (actor: Principal, notificationId: string) =>
    Effect.gen(function*() {
      const config = yield* CasillaConfig
      const n = yield* load(actor, notificationId, "deposit")
      const casilla = yield* loadCasilla(store, actor, n.casillaId)
      if (casilla.state !== "Activa") {
        return yield* Effect.fail(new CasillaError({ reason: "casilla-inactive", action: "deposit", notificationId, casillaId: casilla.id }))
      }
      const checked: Array<{ doc: NotificationDocument; sha256: string; verdict: { verdict: "valid"; detail?: string } }> = []
      for (const doc of n.documents) {
        const bytes = yield* Effect.flatMap(store.getBlob(doc.blobKey), Option.match({
          onNone: () => Effect.fail(missingBlob(doc.blobKey)),
          onSome: Effect.succeed
        }))
        const v = yield* config.verifier(bytes, { trustAnchors: config.trustAnchors, locale: config.locale })
        if (v.verdict !== "valid") {
          return yield* Effect.fail(new CasillaError({
            reason: "document-not-valid",
            action: "deposit",
            notificationId,
            documentName: doc.name,
            verdict: v.verdict,
            ...(v.detail ? { detail: v.detail } : {})
          }))
        }
        checked.push({ doc, sha256: yield* sha256Hex(bytes), verdict: { verdict: "valid", ...(v.detail ? { detail: v.detail } : {}) } })
      }
      // The legal date: taken last, right before the commit that makes it true.
      const at = yield* nowIso
      const constanciaId = yield* ids.next("cst")
      const constancia: Constancia = {
        id: constanciaId,
        notificationId: n.id,
        depositedAt: at,
        notificador: partyOf(actor),
        receptor: { casillaId: casilla.id, loginId: casilla.loginId, name: casilla.name },
        documents: checked.map((c) => ({ documentId: c.doc.id, name: c.doc.name, sha256: c.sha256 })),
        blobKey: `cst/${constanciaId}`
      }
      const pdf = yield* Effect.promise(() => renderConstanciaPdf(constancia, n.cedula.numero, config.locale))
      const next: Notification = {
        ...n,
        state: "Depositada",
        depositedAt: at,
        documents: checked.map((c) => ({ ...c.doc, sha256: c.sha256, verification: { ...c.verdict, at } })),
        constancia,
        version: n.version + 1
      }
      const event = yield* makeEvent(ids, CasillaEventTag.NotificationDeposited, n.id, at, {
        notificationId: n.id,
        casillaId: casilla.id,
        receptorId: casilla.loginId,
        depositedAt: at,
        constanciaId,
        documents: constancia.documents,
        // What the receptor's e-mail alert says (casillaMailFor): the event carries it, so the
        // relay needs no second read.
        alert: {
          ...(casilla.email ? { email: casilla.email } : {}),
          receptorName: casilla.name,
          numero: n.cedula.numero,
          asunto: n.cedula.asunto,
          ...(n.cedula.plazoDiasHabiles !== undefined ? { plazoDiasHabiles: n.cedula.plazoDiasHabiles, deadline: notificationDeadline(next) } : {})
        }
      })
      yield* store.commit({ notifications: [next], blobs: [{ key: constancia.blobKey, bytes: pdf }], events: [event] })
      return next
    })

  /** The first access by the receptor marks the notification Leída; the legal date stays. */
  const markRead = (n: Notification, at: string) => (n.state === "Depositada" ? { ...n, state: "Leída" as const, readAt: at } : n)

  const openNotification = (actor: Principal, notificationId: string) =>
    Effect.gen(function*() {
      const n = yield* load(actor, notificationId, "open")
      if (n.state !== "Depositada") return n
      const at = yield* nowIso
      const next: Notification = { ...markRead(n, at), version: n.version + 1 }
      const event = yield* makeEvent(ids, CasillaEventTag.NotificationRead, n.id, at, { notificationId: n.id, readAt: at, by: principalId(actor) })
      yield* store.commit({ notifications: [next], events: [event] })
      return next
    })

  const downloadDocument = (actor: Principal, notificationId: string, documentId: string) =>
    Effect.gen(function*() {
      const n = yield* load(actor, notificationId, "download")
      const document = n.documents.find((d) => d.id === documentId)
      if (!document) return yield* Effect.fail(new CasillaError({ reason: "not-found", notificationId }))
      const bytes = yield* Effect.flatMap(store.getBlob(document.blobKey), Option.match({
        onNone: () => Effect.fail(missingBlob(document.blobKey)),
        onSome: Effect.succeed
      }))
      const at = yield* nowIso
      const events = [yield* makeEvent(ids, CasillaEventTag.DocumentDownloaded, n.id, at, { notificationId: n.id, documentId, by: principalId(actor) })]
      if (n.state === "Depositada") {
        events.unshift(yield* makeEvent(ids, CasillaEventTag.NotificationRead, n.id, at, { notificationId: n.id, readAt: at, by: principalId(actor) }))
      }
      const next: Notification = { ...markRead(n, at), downloads: [...n.downloads, { documentId, at, by: principalId(actor) }], version: n.version + 1 }
      yield* store.commit({ notifications: [next], events })
      return { notification: next, document, bytes }
    })

  /** Narrows a query to what the actor may list. */
  const scopeQuery = (actor: Principal, query: NotificationQuery & { readonly scope?: NotificationListScope }): NotificationQuery | undefined => {
    const { scope: asked, ...q } = query
    if (isSystemPrincipal(actor) && asked === undefined) return q
    const scope = asked ?? (["receptor", "notificador", "emisor"] as const).find((r) => holdsRole(actor, r))
    if (scope === undefined || !holdsRole(actor, scope)) return undefined
    switch (scope) {
      case "receptor": {
        const states = (q.states ?? inboxStates).filter((s) => (inboxStates as ReadonlyArray<string>).includes(s))
        return { ...q, receptorId: principalId(actor), states }
      }
      case "notificador":
        return { ...q, notificadorId: principalId(actor) }
      case "emisor":
        return { ...q, emisorId: principalId(actor) }
    }
  }

  const service: CasillaService["Service"] = {
    ...accounts,
    prepareNotification,
    signNotification,
    depositNotification,
    openNotification,
    downloadDocument,
    getNotification: (actor, id) => load(actor, id),
    listNotifications: (actor, query = {}) => {
      const q = scopeQuery(actor, query)
      return q ? store.listNotifications(q) : Effect.succeed([])
    },
    countNotifications: (actor, query = {}) => {
      const q = scopeQuery(actor, query)
      return q ? store.countNotifications(q) : Effect.succeed(0)
    },
    getConstancia: (actor, id) =>
      Effect.gen(function*() {
        const n = yield* load(actor, id, "download-constancia")
        const constancia = n.constancia
        if (!constancia) return yield* Effect.fail(new CasillaStoreError({ reason: "unavailable", id, detail: "no constancia" }))
        const pdf = yield* Effect.flatMap(store.getBlob(constancia.blobKey), Option.match({
          onNone: () => Effect.fail(missingBlob(constancia.blobKey)),
          onSome: Effect.succeed
        }))
        return { constancia, pdf }
      })
  }
  return yield* withCurrentRoles(service)
})
