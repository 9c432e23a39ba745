import { makeMemoryTicketStore } from "@ecasilla/adapters/memory"
import { makeMemoryEventOutbox } from "@ecasilla/core/ports"
import { describe, expect, it } from "vitest"
import { ticketStoreContract } from "./ticket-store.contract.js"

ticketStoreContract("memory", async () => {
  const outbox = makeMemoryEventOutbox()
  return { store: makeMemoryTicketStore([], { outbox }), outbox: outbox.outbox }
}, { describe, it, expect })
