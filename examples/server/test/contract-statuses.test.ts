// Each domain error has exactly one status in the contract, the one its category declares
// (`cauHttpStatus`, `sariHttpStatus`, `casillaHttpStatus`): the contract's error answers are
// refined by it, so the server's encoding and the client's decoding cannot pick another.
import { CasillaError, CasillaStoreError } from "@ecasilla/core/casilla"
import { TicketError, TicketStoreError, TicketValidationError } from "@ecasilla/core/cau"
import { casillaHttpStatus, CauApi, cauHttpStatus, sariHttpStatus } from "@ecasilla/core/http"
import { SariError, SariStoreError } from "@ecasilla/core/sari"
import { Schema } from "effect"
import { describe, expect, it } from "vitest"

const statusesAccepting = (group: string, endpoint: string, error: unknown): Array<number> => {
  const answers = (CauApi.groups as Record<string, { endpoints: Record<string, { error: ReadonlySet<Schema.Top> }> }>)[group].endpoints[endpoint].error
  return [...answers]
    .filter((answer) => Schema.is(answer as Schema.Codec<unknown>)({ error }))
    .map((answer) => (answer.ast.annotations as { httpApiStatus?: number } | undefined)?.httpApiStatus ?? 0)
}

describe("one status per error category", () => {
  it("CAU", () => {
    const cases = [
      new TicketError({ reason: "not-found" }),
      new TicketError({ reason: "not-allowed", action: "assign" }),
      new TicketError({ reason: "wrong-state", action: "edit", state: "Asignada-Pendiente" }),
      new TicketError({ reason: "comment-required", action: "incorrecta" }),
      new TicketStoreError({ reason: "conflict" }),
      new TicketStoreError({ reason: "unavailable" }),
      new TicketValidationError({ reason: "invalid", issues: [{ field: "titulo", code: "empty" }] })
    ]
    for (const e of cases) expect([e._tag, e.reason, statusesAccepting("tickets", "assign", e)]).toEqual([e._tag, e.reason, [cauHttpStatus(e)]])
  })
  it("SARI", () => {
    const cases = [
      new SariError({ reason: "not-found" }),
      new SariError({ reason: "own-request" }),
      new SariError({ reason: "open-request-exists", openNumber: "SARI-2026-000001" }),
      new SariError({ reason: "cargo-not-eligible" }),
      new SariStoreError({ reason: "conflict" }),
      new SariStoreError({ reason: "unavailable" })
    ]
    for (const e of cases) expect([e.reason, statusesAccepting("sari", "approve", e)]).toEqual([e.reason, [sariHttpStatus(e)]])
  })
  it("casilla", () => {
    const cases = [
      new CasillaError({ reason: "not-found" }),
      new CasillaError({ reason: "not-allowed" }),
      new CasillaError({ reason: "casilla-inactive" }),
      new CasillaError({ reason: "document-not-valid", verdict: "invalid" }),
      new CasillaError({ reason: "verifier-unavailable" }),
      new CasillaStoreError({ reason: "conflict" }),
      new CasillaStoreError({ reason: "unavailable" })
    ]
    for (const e of cases) expect([e.reason, statusesAccepting("casilla", "depositNotification", e)]).toEqual([e.reason, [casillaHttpStatus(e)]])
  })
})
