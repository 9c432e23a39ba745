import { Context, Effect, Layer } from "effect"

/**
 * Where identifiers and numbered sequences come from (ticket ids, ticket numbers…),
 * so tests and demos are deterministic.
 *
 * @since 0.1.0
 * @category ports
 */
export class Ids extends Context.Service<Ids, {
  /** A new unique id, `prefix` first (`tkt_…`). */
  readonly next: (prefix: string) => Effect.Effect<string>
  /** The next number of the named sequence, starting at 1 (`cau-ticket-2026` → 1, 2, 3…). */
  readonly sequence: (name: string) => Effect.Effect<number>
}>()("@ecasilla/core/ports/Ids") {
  /**
   * Random ids (`crypto.randomUUID`) and in-memory sequences. Sequences restart with the
   * process: a persistent store should bring its own Ids layer (the Dexie adapter does).
   *
   * @since 0.1.0
   * @category layers
   */
  static readonly layerRandom: Layer.Layer<Ids> = Layer.effect(
    Ids,
    Effect.sync(() => {
      const counters = new Map<string, number>()
      return Ids.of({
        next: (prefix) => Effect.sync(() => randomId(prefix)),
        sequence: (name) => Effect.sync(() => bump(counters, name))
      })
    })
  )

  /**
   * Deterministic ids for tests: `prefix_1`, `prefix_2`… (one counter per prefix) and
   * sequences from 1. Each build of the layer starts again.
   *
   * @since 0.1.0
   * @category layers
   */
  static readonly layerTest: Layer.Layer<Ids> = Layer.effect(
    Ids,
    Effect.sync(() => {
      const ids = new Map<string, number>()
      const counters = new Map<string, number>()
      return Ids.of({
        next: (prefix) => Effect.sync(() => `${prefix}_${bump(ids, prefix)}`),
        sequence: (name) => Effect.sync(() => bump(counters, name))
      })
    })
  )
}

const bump = (counters: Map<string, number>, name: string): number => {
  const n = (counters.get(name) ?? 0) + 1
  counters.set(name, n)
  return n
}

/**
 * A random unique id, `prefix` first: `tkt_` and 32 hex digits (128 random bits from
 * WebCrypto). The one id generator every Ids layer uses.
 *
 * @since 0.2.0
 * @category constructors
 */
export const randomId = (prefix: string): string => {
  const c = globalThis.crypto
  if (c && typeof c.randomUUID === "function") return `${prefix}_${c.randomUUID().replace(/-/g, "")}`
  const bytes = new Uint8Array(16)
  if (c && typeof c.getRandomValues === "function") c.getRandomValues(bytes)
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256)
  return `${prefix}_${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`
}
