// The two clients every HTTP adapter derives from the contract: one for commands (sent once)
// and one for reads (retried with backoff on a network failure or a 5xx), both carrying the
// page's credentials when it has them.
import { CauApi } from "@ecasilla/core/http"
import { Duration, Effect, Schedule } from "effect"
import * as HttpClient from "effect/http/HttpClient"
import * as HttpClientRequest from "effect/http/HttpClientRequest"
import { HttpApiClient } from "effect/http-api"
import type { HttpCauOptions } from "./cau.js"

/**
 * The client HttpApiClient derives from the contract.
 *
 * @internal
 */
export type CauClient = HttpApiClient.ForApi<typeof CauApi>

/** @internal */
export const makeClients = (options: HttpCauOptions): Effect.Effect<{ readonly client: CauClient; readonly retrying: CauClient }, never, HttpClient.HttpClient> =>
  Effect.gen(function*() {
    // The session's `Authorization` (e.g. the bearer token of POST /api/auth/login), read on
    // every request so a sign-in or sign-out in the page takes effect at once.
    const authorize = (client: HttpClient.HttpClient) =>
      options.authorization === undefined
        ? client
        : HttpClient.mapRequestEffect(client, (request) =>
          Effect.map(Effect.promise(async () => options.authorization!()), (value) =>
            value ? HttpClientRequest.setHeader(request, "authorization", value) : request))
    const client = yield* HttpApiClient.make(CauApi, { baseUrl: options.baseUrl, transformClient: authorize })
    const retrying = yield* HttpApiClient.make(CauApi, {
      baseUrl: options.baseUrl,
      transformClient: (c) => authorize(HttpClient.retryTransient(c, { schedule: Schedule.exponential(Duration.millis(200)), times: options.retries ?? 2 }))
    })
    return { client, retrying }
  })

/**
 * What a failed call carries: the declared error of the backend's answer (`{ error }`), if
 * any, and words for a typed `unavailable` when it is not a core error (no network, a
 * timeout, a body that is not the contract's).
 *
 * @internal
 */
export const carriedError = (e: unknown): { readonly carried: unknown; readonly detail: string } => {
  const carried = typeof e === "object" && e !== null && "error" in e ? (e as { error: unknown }).error : undefined
  const detail = typeof carried === "object" && carried !== null && "message" in carried ? String((carried as { message: unknown }).message) : e instanceof Error ? e.message : String(e)
  return { carried, detail: detail.slice(0, 300) }
}
