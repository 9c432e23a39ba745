// The CasillaService over HTTP: every call goes through a client derived from the core's
// contract (the `casilla` group of CauApi), so answers decode with the core's Schemas and the
// backend's refusals come back as the core's CasillaError / CasillaStoreError. Documents go up
// as multipart parts; the backend verifies and decides; this adapter only translates.
import { type CasillaCommandError, CasillaError, CasillaService, CasillaStoreError, type NotificationQuery } from "@ecasilla/core/casilla"
import { ACTOR_HEADER } from "@ecasilla/core/http"
import { type Actor, isSystemPrincipal, type Principal } from "@ecasilla/core/roles"
import { Duration, Effect, Layer } from "effect"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import type { HttpCauOptions } from "./cau.js"
import { carriedError, makeClients } from "./client.js"

const isCoreError = (e: unknown): e is CasillaCommandError => e instanceof CasillaError || e instanceof CasillaStoreError

/** A declared error is the core's error it carries; anything else (no network, a timeout, garbage) is a typed `unavailable`. */
const translate = (id: string | undefined) => (e: unknown): CasillaCommandError => {
  const { carried, detail } = carriedError(e)
  if (isCoreError(carried)) return carried
  return new CasillaStoreError({ reason: "unavailable", detail, ...(id ? { id } : {}) })
}

const bytesOf = (b64: string): Uint8Array => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))

/** The list query as the contract's query string. */
const queryOf = (q: (NotificationQuery & { readonly scope?: "receptor" | "notificador" | "emisor" }) | undefined) => ({
  ...(q?.scope ? { scope: q.scope } : {}),
  ...(q?.states?.length ? { states: q.states.join(",") } : {}),
  ...(q?.unread ? { unread: "1" as const } : {}),
  ...(q?.from ? { from: q.from } : {}),
  ...(q?.to ? { to: q.to } : {}),
  ...(q?.text ? { text: q.text } : {}),
  ...(q?.limit !== undefined ? { limit: String(q.limit) } : {}),
  ...(q?.after ? { afterDate: q.after.date, afterId: q.after.id } : {})
})

/**
 * The casilla's service over a backend serving the `casilla` group of `CauApi` (e.g.
 * `examples/server`): the inbox, the deposit of notifications and their documents and
 * constancias. Reads are retried on network failures and 5xx answers with backoff; commands
 * are not (a repeated deposit is refused by the backend's state rules).
 *
 * @since 0.2.0
 * @category layers
 */
export const layerHttpCasilla = (options: HttpCauOptions): Layer.Layer<CasillaService> =>
  Layer.effect(CasillaService)(Effect.gen(function*() {
    const timeout = options.timeout ?? Duration.seconds(30)
    const { client, retrying } = yield* makeClients(options)
    const call = <A, E>(id: string | undefined, actor: Principal, f: (headers: { readonly [ACTOR_HEADER]: string }) => Effect.Effect<A, E>): Effect.Effect<A, CasillaCommandError> =>
      isSystemPrincipal(actor)
        ? Effect.fail(new CasillaError({ reason: "not-allowed", action: "system" }))
        : f({ [ACTOR_HEADER]: (actor as Actor).id }).pipe(Effect.timeout(timeout), Effect.mapError(translate(id)))
    return CasillaService.of({
      createCasilla: (actor, input) => call(undefined, actor, (headers) => client.casilla.createCasilla({ headers, payload: input })),
      activateCasilla: (actor, id) => call(id, actor, (headers) => client.casilla.activateCasilla({ headers, params: { id }, payload: {} })),
      changeTitular: (actor, id, titular) => call(id, actor, (headers) => client.casilla.changeTitular({ headers, params: { id }, payload: titular })),
      getCasilla: (actor, id) => call(id, actor, (headers) => retrying.casilla.getCasilla({ headers, params: { id } })),
      findCasilla: (actor, loginId) => call(loginId, actor, (headers) => retrying.casilla.findCasilla({ headers, params: { loginId } })),
      prepareNotification: (actor, input) =>
        call(undefined, actor, (headers) => {
          // The PDFs as multipart parts, their bytes as they are.
          const form = new FormData()
          form.append("casillaId", input.casillaId)
          form.append("emisorId", input.emisor.id)
          form.append("emisorName", input.emisor.name)
          form.append("numero", input.cedula.numero)
          form.append("asunto", input.cedula.asunto)
          if (input.cedula.expediente !== undefined) form.append("expediente", input.cedula.expediente)
          if (input.cedula.plazoDiasHabiles !== undefined) form.append("plazoDiasHabiles", String(input.cedula.plazoDiasHabiles))
          for (const d of input.documents) form.append("files", new Blob([d.bytes as Uint8Array<ArrayBuffer>], { type: "application/pdf" }), d.name)
          return client.casilla.prepareNotification({ headers, payload: form })
        }),
      signNotification: (actor, id) => call(id, actor, (headers) => client.casilla.signNotification({ headers, params: { id }, payload: {} })),
      depositNotification: (actor, id) => call(id, actor, (headers) => client.casilla.depositNotification({ headers, params: { id }, payload: {} })),
      openNotification: (actor, id) => call(id, actor, (headers) => client.casilla.openNotification({ headers, params: { id }, payload: {} })),
      downloadDocument: (actor, id, documentId) =>
        call(id, actor, (headers) => retrying.casilla.downloadDocument({ headers, params: { id, documentId } })).pipe(
          Effect.map((d) => ({ notification: d.notification, document: d.document, bytes: bytesOf(d.base64) }))
        ),
      getNotification: (actor, id) => call(id, actor, (headers) => retrying.casilla.getNotification({ headers, params: { id } })),
      listNotifications: (actor, query) =>
        call(undefined, actor, (headers) => retrying.casilla.listNotifications({ headers, query: queryOf(query) })).pipe(
          Effect.mapError((e) => (e instanceof CasillaStoreError ? e : new CasillaStoreError({ reason: "unavailable", detail: e.message })))
        ),
      countNotifications: (actor, query) =>
        call(undefined, actor, (headers) => retrying.casilla.countNotifications({ headers, query: queryOf(query) })).pipe(
          Effect.map((r) => r.count),
          Effect.mapError((e) => (e instanceof CasillaStoreError ? e : new CasillaStoreError({ reason: "unavailable", detail: e.message })))
        ),
      getConstancia: (actor, id) =>
        call(id, actor, (headers) => retrying.casilla.constancia({ headers, params: { id } })).pipe(
          Effect.map((c) => ({ constancia: c.constancia, pdf: bytesOf(c.base64) }))
        )
    })
  })).pipe(Layer.provide(FetchHttpClient.layer))
