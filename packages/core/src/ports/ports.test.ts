import { Effect, Layer } from "effect"
import { TestClock } from "effect/testing"
import { describe, expect, it } from "vitest"
import { nowIso } from "./clock.js"
import { escapeHtml, HtmlSanitizer, htmlToPlainText, plainTextToHtml } from "./html-sanitizer.js"
import { Ids } from "./ids.js"

describe("ports", () => {
  it("nowIso reads effect's Clock, so TestClock sets and advances it", async () => {
    const read = Effect.gen(function*() {
      yield* TestClock.setTime(Date.parse("2026-03-02T14:00:00.000Z"))
      const a = yield* nowIso
      yield* TestClock.adjust("1 second")
      const b = yield* nowIso
      yield* TestClock.setTime(Date.parse("2027-01-01T00:00:00Z"))
      return [a, b, yield* nowIso]
    })
    expect(await Effect.runPromise(Effect.provide(read, TestClock.layer()))).toEqual([
      "2026-03-02T14:00:00.000Z",
      "2026-03-02T14:00:01.000Z",
      "2027-01-01T00:00:00.000Z"
    ])
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
