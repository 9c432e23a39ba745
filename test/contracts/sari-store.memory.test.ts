import { makeMemorySariStore } from "@ecasilla/adapters/memory"
import { makeMemoryEventOutbox } from "@ecasilla/core/ports"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { sariStoreContract } from "./sari-store.contract.js"

sariStoreContract("memory", async (assignments) => {
  const outbox = makeMemoryEventOutbox()
  const store = makeMemorySariStore({ assignments, outbox })
  return {
    store,
    outbox: outbox.outbox,
    // The only way around the port in memory is the objects it returns: mutating them must not reach the store.
    tamperAudit: async (entry) => {
      const [got] = await Effect.runPromise(store.auditTrail(entry.requestId))
      ;(got as { action: string }).action = "approved"
      const [again] = await Effect.runPromise(store.auditTrail(entry.requestId))
      return again.action === entry.action ? 0 : 1
    }
  }
}, { describe, it, expect })
