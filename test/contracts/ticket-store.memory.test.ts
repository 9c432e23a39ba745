import { makeMemoryTicketStore } from "@ecasilla/adapters/memory"
import { describe, expect, it } from "vitest"
import { ticketStoreContract } from "./ticket-store.contract.js"

ticketStoreContract("memory", async () => ({ store: makeMemoryTicketStore() }), { describe, it, expect })
