import { layerMemoryCau } from "@ecasilla/adapters/memory"
import { CauConfig } from "@ecasilla/core/cau"
import { HtmlSanitizer } from "@ecasilla/core/ports"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"

describe("layerMemoryCau", () => {
  it("provides its config to everything on the runtime, not only to the TicketService", async () => {
    const layer = layerMemoryCau({ sanitizer: HtmlSanitizer.layerPlainText, config: { numberPrefix: "MESA" } })
    const config = await Effect.runPromise(Effect.provide(Effect.service(CauConfig), layer))
    expect(config.numberPrefix).toBe("MESA")
  })
})
