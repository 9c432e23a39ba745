// SariService over HTTP: every call goes through a client derived from the core's contract
// (the `sari` group of CauApi), so answers decode with the core's Schemas and the backend's
// refusals come back as the core's SariError / SariStoreError. The backend decides who may
// read or write; this adapter only translates.
import { ACTOR_HEADER } from "@ecasilla/core/http"
import { type Actor, isSystemPrincipal, type Principal } from "@ecasilla/core/roles"
import { type SariCommandError, SariError, type SariRequest, SariService, SariStoreError } from "@ecasilla/core/sari"
import { Duration, Effect, Layer, Result } from "effect"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import type { HttpCauOptions } from "./cau.js"
import { carriedError, makeClients } from "./client.js"

const isCoreError = (e: unknown): e is SariCommandError => e instanceof SariError || e instanceof SariStoreError

/** A declared error is the core's error it carries; anything else (no network, a timeout, garbage) is a typed `unavailable`. */
const translate = (requestId: string | undefined) => (e: unknown): SariCommandError => {
  const { carried, detail } = carriedError(e)
  if (isCoreError(carried)) return carried
  return new SariStoreError({ reason: "unavailable", detail, ...(requestId ? { requestId } : {}) })
}

/**
 * SARI's service over a backend serving the `sari` group of `CauApi` (e.g.
 * `examples/server`). Reads are retried on network failures and 5xx answers with backoff;
 * commands are not (a repeated approval is refused by the backend's state rules anyway).
 *
 * @since 0.2.0
 * @category layers
 */
export const layerHttpSari = (options: HttpCauOptions): Layer.Layer<SariService> =>
  Layer.effect(SariService)(Effect.gen(function*() {
    const timeout = options.timeout ?? Duration.seconds(15)
    const { client, retrying } = yield* makeClients(options)
    const call = <A, E>(requestId: string | undefined, actor: Principal, f: (headers: { readonly [ACTOR_HEADER]: string }) => Effect.Effect<A, E>): Effect.Effect<A, SariCommandError> =>
      isSystemPrincipal(actor)
        ? Effect.fail(new SariError({ reason: "not-allowed", action: "system" }))
        : f({ [ACTOR_HEADER]: (actor as Actor).id }).pipe(Effect.timeout(timeout), Effect.mapError(translate(requestId)))
    const id = (requestId: string) => ({ id: requestId })
    return SariService.of({
      findCollaborators: (actor, text, limit) =>
        call(undefined, actor, (headers) => retrying.sari.collaborators({ headers, query: { q: text, ...(limit !== undefined ? { limit: String(limit) } : {}) } })),
      createRequest: (actor, input) =>
        call(undefined, actor, (headers) =>
          client.sari.create({ headers, payload: { collaboratorId: input.collaboratorId, system: input.system, changes: input.changes, ...(input.send ? { send: true } : {}) } })),
      updateRequest: (actor, requestId, input) =>
        call(requestId, actor, (headers) => client.sari.edit({ headers, params: id(requestId), payload: { changes: input.changes, ...(input.send ? { send: true } : {}) } })),
      sendRequest: (actor, requestId) => call(requestId, actor, (headers) => client.sari.send({ headers, params: id(requestId), payload: {} })),
      withdrawRequest: (actor, requestId) => call(requestId, actor, (headers) => client.sari.withdraw({ headers, params: id(requestId), payload: {} })),
      approveRequest: (actor, requestId) => call(requestId, actor, (headers) => client.sari.approve({ headers, params: id(requestId), payload: {} })),
      rejectRequest: (actor, requestId, input) => call(requestId, actor, (headers) => client.sari.reject({ headers, params: id(requestId), payload: { reason: input.reason } })),
      approveRequests: (actor, requestIds) =>
        call(undefined, actor, (headers) => client.sari.approveMany({ headers, payload: { requestIds } })).pipe(
          Effect.map((items) =>
            items.map((i) => ({
              requestId: i.requestId,
              result: i.request !== undefined
                ? Result.succeed<SariRequest>(i.request)
                : Result.fail<SariCommandError>(i.error ?? new SariStoreError({ reason: "unavailable", requestId: i.requestId }))
            }))
          ),
          // The whole batch did not go through: each item says so.
          Effect.catch((e) => Effect.succeed(requestIds.map((requestId) => ({ requestId, result: Result.fail<SariCommandError>(e) }))))
        ),
      getRequest: (actor, requestId) => call(requestId, actor, (headers) => retrying.sari.get({ headers, params: id(requestId) })),
      listRequests: (actor, query) =>
        call(undefined, actor, (headers) =>
          retrying.sari.list({
            headers,
            query: {
              view: query.view,
              ...(query.states?.length ? { states: query.states.join(",") } : {}),
              ...(query.system ? { system: query.system } : {}),
              ...(query.search ? { search: query.search } : {}),
              ...(query.limit !== undefined ? { limit: String(query.limit) } : {})
            }
          })),
      auditTrail: (actor, requestId) => call(requestId, actor, (headers) => retrying.sari.audit({ headers, params: id(requestId) }))
    })
  })).pipe(Layer.provide(FetchHttpClient.layer))
