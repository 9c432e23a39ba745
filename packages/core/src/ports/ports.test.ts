import { Effect, Layer } from "effect"
import { describe, expect, it } from "vitest"
import { Clock, makeTestClock, nowIso } from "./clock.js"
import { escapeHtml, HtmlSanitizer, htmlToPlainText, plainTextToHtml } from "./html-sanitizer.js"
import { Ids } from "./ids.js"

describe("ports", () => {
  it("a test clock is set and advanced by hand", async () => {
    const clock = makeTestClock("2026-03-02T14:00:00.000Z")
    const read = Effect.provide(nowIso, Clock.layerTest(clock))
    expect(await Effect.runPromise(read)).toBe("2026-03-02T14:00:00.000Z")
    clock.advance(1000)
    expect(await Effect.runPromise(read)).toBe("2026-03-02T14:00:01.000Z")
    clock.set("2027-01-01T00:00:00Z")
    expect(await Effect.runPromise(read)).toBe("2027-01-01T00:00:00.000Z")
  })

  it("test ids are deterministic, random ids unique", async () => {
    const take = (layer: Layer.Layer<Ids>) =>
      Effect.runPromise(Effect.provide(Effect.gen(function*() {
        const ids = yield* Ids
        return [yield* ids.next("tkt"), yield* ids.next("tkt"), yield* ids.next("att"), yield* ids.sequence("n"), yield* ids.sequence("n")]
      }), layer))
    expect(await take(Ids.layerTest)).toEqual(["tkt_1", "tkt_2", "att_1", 1, 2])
    expect(await take(Ids.layerTest)).toEqual(["tkt_1", "tkt_2", "att_1", 1, 2])
    const [a, b] = await take(Ids.layerRandom)
    expect(a).toMatch(/^tkt_[0-9a-f]{32}$/)
    expect(a).not.toBe(b)
  })

  it("the plain-text sanitizer needs no DOM and keeps nothing executable", async () => {
    const s = await Effect.runPromise(Effect.provide(HtmlSanitizer, HtmlSanitizer.layerPlainText))
    expect(s.sanitize("<p>Hola <b>x</b></p><script>alert(1)</script><img src=x onerror=alert(1)>")).toBe("<p>Hola x</p>")
    expect(escapeHtml(`<a href="x">'`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;")
    expect(htmlToPlainText("<p>a &amp; b&nbsp;c &#233;</p>")).toBe("a & b c é")
    expect(plainTextToHtml("uno\ndos\n\n<tres>")).toBe("<p>uno<br>dos</p><p>&lt;tres&gt;</p>")
  })
})
