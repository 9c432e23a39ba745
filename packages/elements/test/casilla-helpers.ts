// Shared set-up of the casilla element tests: actors, a provider over the CasillaService on
// the memory (or Dexie) store with the test PKI's root as trust anchor, and notifications
// seeded straight into the store.
import { fixture, html } from "@open-wc/testing"
import type { TemplateResult } from "lit"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { Actor } from "@ecasilla/core"
import { casillaConfigLayer, CasillaService, CasillaStore, decodeNotificationSync, firmaDocumentVerifier, type Notification } from "@ecasilla/core/casilla"
import { Ids } from "@ecasilla/core/ports"
import { layerMemoryCasillaStore, makeMemoryAuthGateway, type MemoryAuthGateway } from "@ecasilla/adapters/memory"
import "@ecasilla/elements/define/ecasilla-provider.js"
import { runOn, type EcasillaProvider } from "@ecasilla/elements"

export const auxiliar = new Actor({ id: "U30001", name: "Ana Auxiliar Soto", roles: ["auxiliar-casilla"] })
export const notificador = new Actor({ id: "U30003", name: "Nora Notificadora Ríos", roles: ["notificador"] })
export const emisor = new Actor({ id: "U30004", name: "Ernesto Emisor Paz", roles: ["emisor"] })
export const receptor = new Actor({ id: "10117410", name: "María Receptora Quispe", roles: ["receptor"] })
export const otroReceptor = new Actor({ id: "44556677", name: "Pedro Otro Huamán", roles: ["receptor"] })

const emisores = [{ id: "U900", name: "Gerencia de Control de Obras" }, { id: "U901", name: "Jefatura del OCI de Salud" }]

/** A deposited notification for `receptorId`, varied by `n` (every third already read). */
export const seededNotification = (n: number, receptorId = receptor.id): Notification => {
  const read = n % 3 === 0
  const deposited = new Date(Date.UTC(2026, 2, 2, 15) + n * 3_600_000).toISOString()
  return decodeNotificationSync({
    id: `ntf_${String(n).padStart(6, "0")}`,
    casillaId: `cas_${receptorId}`,
    receptorId,
    receptorName: "Receptor",
    emisor: emisores[n % 2],
    notificador: { id: notificador.id, name: notificador.name },
    cedula: { numero: `CED-2026-${String(n).padStart(6, "0")}`, asunto: n % 4 === 0 ? "Informe de auditoría de obras" : "Requerimiento de información", expediente: `EXP-${n}` },
    documents: [{ id: `doc_${n}`, name: `informe-${n}.pdf`, size: 6, blobKey: `ntf/${n}/doc`, sha256: "00", verification: { verdict: "valid", at: deposited } }],
    state: read ? "Leída" : "Depositada",
    createdAt: deposited,
    signedAt: deposited,
    depositedAt: deposited,
    ...(read ? { readAt: deposited } : {}),
    downloads: [],
    version: 1
  })
}

export interface CasillaFixtureOptions {
  readonly actor?: Actor
  readonly trustAnchors?: ReadonlyArray<Uint8Array>
  readonly store?: Layer.Layer<CasillaStore>
  readonly auth?: MemoryAuthGateway
  readonly locale?: string
}

/** A provider over the casilla service, acting as `actor`, around `content`. */
export const casillaFixture = async (content: TemplateResult, options: CasillaFixtureOptions = {}) => {
  const auth = options.auth ?? (await makeMemoryAuthGateway([]))
  const deps = Layer.mergeAll(options.store ?? layerMemoryCasillaStore, Ids.layerRandom, casillaConfigLayer({ trustAnchors: options.trustAnchors ?? [], verifier: firmaDocumentVerifier }))
  const layer = Layer.mergeAll(CasillaService.layer.pipe(Layer.provideMerge(deps)), auth.layer)
  const provider = await fixture<EcasillaProvider>(html`<ecasilla-provider .layer=${layer} .actor=${options.actor ?? receptor} locale=${options.locale ?? "es-PE"}>${content}</ecasilla-provider>`)
  const service = async <A, E>(f: (s: CasillaService["Service"]) => Effect.Effect<A, E>): Promise<A> => {
    const outcome = await runOn(provider.runtime, [CasillaService], Effect.flatMap(Effect.service(CasillaService), f))
    if (!outcome.ok) throw outcome.error
    return outcome.value
  }
  const store = async <A, E>(f: (s: CasillaStore["Service"]) => Effect.Effect<A, E>): Promise<A> => {
    const outcome = await runOn(provider.runtime, [CasillaStore], Effect.flatMap(Effect.service(CasillaStore), f))
    if (!outcome.ok) throw outcome.error
    return outcome.value
  }
  const seed = (notifications: ReadonlyArray<Notification>) =>
    store((s) => s.commit({ notifications, blobs: notifications.map((n) => ({ key: n.documents[0].blobKey, bytes: new TextEncoder().encode("%PDF-1") })), events: [] }))
  return { provider, service, store, seed, auth }
}

export const $ = <T extends Element = HTMLElement>(el: Element, selector: string): T => {
  const found = el.shadowRoot!.querySelector<T>(selector)
  if (!found) throw new Error(`${el.localName}: nothing matches ${selector}`)
  return found
}

export const $$ = <T extends Element = HTMLElement>(el: Element, selector: string): ReadonlyArray<T> => [...el.shadowRoot!.querySelectorAll<T>(selector)]

export const shadowText = (el: Element) => (el.shadowRoot!.textContent ?? "").replace(/\s+/g, " ")
