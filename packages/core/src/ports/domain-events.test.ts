import { Effect, Layer } from "effect"
import { describe, expect, it } from "vitest"
import { type DomainEvent, EventOutbox, type EventConsumer, EventRelay, makeMemoryEventOutbox, relayEvents } from "./domain-events.js"

const event = (id: string, aggregateId = "a1"): DomainEvent => ({ id, tag: "@ecasilla/core/test/Happened", aggregateId, at: "2026-01-05T14:00:00.000Z", data: { n: id } })

const run = <A, E>(effect: Effect.Effect<A, E, EventOutbox>, outbox: ReturnType<typeof makeMemoryEventOutbox>) =>
  Effect.runPromise(Effect.provide(effect, outbox.layer))

describe("relayEvents", () => {
  it("delivers pending events in commit order and marks them delivered", async () => {
    const box = makeMemoryEventOutbox()
    box.append([event("e1"), event("e2", "a2"), event("e3")])
    const seen: Array<string> = []
    const report = await run(relayEvents([(e) => Effect.sync(() => void seen.push(e.id))]), box)
    expect(seen).toEqual(["e1", "e2", "e3"])
    expect(report).toEqual({ delivered: ["e1", "e2", "e3"], failed: [] })
    expect(box.entries().every((r) => r.delivered)).toBe(true)
    // Nothing pending: a second run delivers nothing again.
    expect((await run(relayEvents([(e) => Effect.sync(() => void seen.push(e.id))]), box)).delivered).toEqual([])
    expect(seen).toHaveLength(3)
  })

  it("a failing consumer loses no event: it stays pending, later events of its aggregate wait, a later run delivers it once", async () => {
    const box = makeMemoryEventOutbox()
    box.append([event("e1"), event("e2", "a2"), event("e3")])
    let down = true
    const sent = new Set<string>()
    const sends: Array<string> = []
    // An idempotent consumer: dedupes by event id.
    const mail: EventConsumer = (e) =>
      Effect.suspend(() => {
        if (down && e.id === "e1") return Effect.fail("smtp down")
        if (!sent.has(e.id)) {
          sent.add(e.id)
          sends.push(e.id)
        }
        return Effect.void
      })
    const audit: Array<string> = []
    const auditing: EventConsumer = (e) => Effect.sync(() => void audit.push(e.id))
    const first = await run(relayEvents([auditing, mail]), box)
    expect(first).toEqual({ delivered: ["e2"], failed: ["e1", "e3"] })
    expect(box.entries().map((r) => r.delivered)).toEqual([false, true, false])
    down = false
    const second = await run(relayEvents([auditing, mail]), box)
    expect(second).toEqual({ delivered: ["e1", "e3"], failed: [] })
    expect(sends).toEqual(["e2", "e1", "e3"])
    // At least once: the audit consumer saw e1 twice (it must dedupe too).
    expect(audit).toEqual(["e1", "e2", "e1", "e3"])
  })

  it("pages through more events than one batch", async () => {
    const box = makeMemoryEventOutbox()
    box.append(Array.from({ length: 7 }, (_, i) => event(`e${i}`, `a${i}`)))
    const seen: Array<string> = []
    const report = await run(relayEvents([(e) => Effect.sync(() => void seen.push(e.id))], { batchSize: 3 }), box)
    expect(report.delivered).toHaveLength(7)
    expect(seen).toEqual(["e0", "e1", "e2", "e3", "e4", "e5", "e6"])
  })

  it("stops on a full page of failures instead of looping", async () => {
    const box = makeMemoryEventOutbox()
    box.append([event("e1", "a1"), event("e2", "a2")])
    const report = await run(relayEvents([() => Effect.fail("no")], { batchSize: 2 }), box)
    expect(report).toEqual({ delivered: [], failed: ["e1", "e2"] })
  })

  it("the memory outbox appends all or nothing", () => {
    const box = makeMemoryEventOutbox()
    box.append([event("e1")])
    expect(() => box.append([event("e2"), event("e1")])).toThrow(/e1/)
    expect(() => box.append([event("e3"), event("e3")])).toThrow(/e3/)
    expect(box.entries().map((r) => r.event.id)).toEqual(["e1"])
  })

  it("EventRelay runs one relay at a time", async () => {
    const box = makeMemoryEventOutbox()
    box.append([event("e1"), event("e2", "a2")])
    const seen: Array<string> = []
    const consumer: EventConsumer = (e) => Effect.sleep("5 millis").pipe(Effect.andThen(Effect.sync(() => void seen.push(e.id))))
    const layer = EventRelay.layer([consumer]).pipe(Layer.provide(box.layer))
    await Effect.runPromise(Effect.provide(Effect.gen(function*() {
      const relay = yield* EventRelay
      yield* Effect.all([relay.run, relay.run, relay.run], { concurrency: "unbounded" })
    }), layer))
    expect(seen).toEqual(["e1", "e2"])
  })
})
