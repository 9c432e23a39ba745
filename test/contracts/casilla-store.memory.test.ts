// The CasillaStore contract on the memory adapter.
import { makeMemoryCasillaStore } from "@ecasilla/adapters/memory"
import { describe, expect, it } from "vitest"
import { casillaStoreContract } from "./casilla-store.contract.js"

casillaStoreContract("memory", async () => ({ store: makeMemoryCasillaStore() }), { describe, it, expect })
