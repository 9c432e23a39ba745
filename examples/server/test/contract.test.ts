// The backend serves the contract it publishes: a client derived from `CauApi` (effect's
// HttpApiClient, no hand-written calls) walks the CAU flow against the running server, every
// answer decodes with the contract's Schemas, and its errors come back as the core's tagged
// errors with the declared status.
import { CauApi } from "@ecasilla/core/http"
import { Effect } from "effect"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import { HttpApiClient, OpenApi } from "effect/http-api"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startExample, ticketDraft } from "./fixtures.js"

let example: Awaited<ReturnType<typeof startExample>>
beforeAll(async () => {
  example = await startExample()
}, 60_000)
afterAll(() => example?.close())

const clientOf = () => HttpApiClient.make(CauApi, { baseUrl: example.api.url })
type CauClient = Effect.Success<ReturnType<typeof clientOf>>
const withClient = <A, E>(f: (client: CauClient) => Effect.Effect<A, E>) =>
  Effect.runPromise(Effect.flatMap(clientOf(), f).pipe(Effect.provide(FetchHttpClient.layer)))

const draft = ticketDraft()
const as = (user: string) => ({ headers: { "x-ecasilla-user": user } })

describe("the CAU HTTP contract (CauApi) against the example backend", () => {
  it("a client derived from the contract files, reads, lists, assigns and resolves a ticket", async () => {
    const flow = await withClient((client) =>
      Effect.gen(function*() {
        const health = yield* client.service.health()
        const created = yield* client.tickets.create({ ...as("E40125"), payload: draft })
        const read = yield* client.tickets.get({ ...as("E40125"), params: { id: created.id } })
        const mine = yield* client.tickets.list({ ...as("E40125"), query: { mine: "1" } })
        const assigned = yield* client.tickets.assign({ ...as("U10007"), params: { id: created.id }, payload: { analystId: "U10210", supportGroup: "Soporte Casilla" } })
        const resolved = yield* client.tickets.resolve({ ...as("U10210"), params: { id: created.id }, payload: { answer: "<p>Listo.</p>" } })
        return { health, created, read, mine, assigned, resolved }
      }))
    expect(flow.health).toEqual({ ok: true })
    expect(flow.created.state).toBe("Registrada")
    expect(flow.read.number).toBe(flow.created.number)
    expect(flow.mine.map((t) => t.id)).toContain(flow.created.id)
    expect(flow.assigned.state).toBe("Asignada-Pendiente")
    expect(flow.resolved.state).toBe("Resuelta")
  })

  it("errors come back as the core's tagged errors, with the status the contract declares", async () => {
    const notFound = await withClient((client) => Effect.flip(client.tickets.get({ ...as("E40125"), params: { id: "tkt_nope" } })))
    expect(notFound).toMatchObject({ error: { _tag: "@ecasilla/core/cau/TicketError", reason: "not-found" } })
    const invalid = await withClient((client) => Effect.flip(client.tickets.create({ ...as("E40125"), payload: { ...draft, titulo: "  ", telefono: "123" } })))
    expect(invalid).toMatchObject({ error: { _tag: "@ecasilla/core/cau/TicketValidationError" } })
    expect((invalid as unknown as { error: { issues: Array<{ field: string }> } }).error.issues.map((i) => i.field)).toEqual(expect.arrayContaining(["titulo", "telefono"]))
    const unknownUser = await withClient((client) => Effect.flip(client.tickets.list({ ...as("U99999"), query: {} })))
    expect(unknownUser).toMatchObject({ error: { code: expect.any(String) } })
  })

  it("the OpenAPI document is generated from the contract: every route the server answers, every declared status", () => {
    const spec = OpenApi.fromApi(CauApi)
    expect(spec.openapi).toMatch(/^3\.1/)
    expect(Object.keys(spec.paths).sort()).toEqual([
      "/api/auth/captcha", "/api/auth/login", "/api/auth/logout", "/api/auth/reset", "/api/auth/reset/confirm", "/api/catalog", "/api/health", "/api/tickets", "/api/tickets/by-number/{number}", "/api/tickets/{id}", "/api/tickets/{id}/assign",
      "/api/tickets/{id}/attachments/{attachmentId}", "/api/tickets/{id}/correcta", "/api/tickets/{id}/edit", "/api/tickets/{id}/incorrecta",
      "/api/tickets/{id}/notes", "/api/tickets/{id}/resolve", "/api/tickets/{id}/survey", "/api/users",
      "/api/sari/approvals", "/api/sari/collaborators", "/api/sari/requests", "/api/sari/requests/{id}", "/api/sari/requests/{id}/approve",
      "/api/sari/requests/{id}/audit", "/api/sari/requests/{id}/edit", "/api/sari/requests/{id}/reject", "/api/sari/requests/{id}/send",
      "/api/sari/requests/{id}/withdraw",
      "/api/casilla/casillas", "/api/casilla/casillas/{id}", "/api/casilla/casillas/by-login/{loginId}", "/api/casilla/casillas/{id}/activate",
      "/api/casilla/casillas/{id}/titular", "/api/casilla/notifications", "/api/casilla/notifications/count", "/api/casilla/notifications/{id}",
      "/api/casilla/notifications/{id}/sign", "/api/casilla/notifications/{id}/deposit", "/api/casilla/notifications/{id}/open",
      "/api/casilla/notifications/{id}/documents/{documentId}", "/api/casilla/notifications/{id}/constancia"
    ].sort())
    expect(Object.keys(spec.paths["/api/tickets"]!.post!.responses).sort()).toEqual(["201", "400", "401", "403", "404", "409", "413", "415", "422", "429", "503"])
    // Files go as JSON or as multipart/form-data.
    expect(Object.keys((spec.paths["/api/tickets"]!.post!.requestBody as { content: Record<string, unknown> }).content).sort()).toEqual(["application/json", "multipart/form-data"])
    expect(Object.keys(spec.paths["/api/sari/requests/{id}/approve"]!.post!.responses).sort()).toEqual(["200", "400", "401", "403", "404", "409", "413", "415", "422", "503"])
  })
})

