import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { Actor } from "./actor.js"
import { actorOf, isSystemPrincipal, systemPrincipal } from "./principal.js"

describe("systemPrincipal", () => {
  it("is recognised by its module-private brand only", () => {
    expect(isSystemPrincipal(systemPrincipal)).toBe(true)
    expect(actorOf(systemPrincipal)).toBeUndefined()
  })

  it("no user, id or copy becomes the system", () => {
    const user = new Actor({ id: "system", name: "Sistema", roles: [] })
    expect(isSystemPrincipal(user)).toBe(false)
    expect(actorOf(user)).toBe(user)
    expect(isSystemPrincipal({ _tag: "SystemPrincipal", name: "Sistema" })).toBe(false)
    expect(isSystemPrincipal({ ...systemPrincipal })).toBe(false)
    expect(isSystemPrincipal(Object.assign({}, systemPrincipal))).toBe(false)
    expect(isSystemPrincipal(structuredClone({ _tag: "SystemPrincipal", name: "Sistema" }))).toBe(false)
    expect(isSystemPrincipal(JSON.parse(JSON.stringify(systemPrincipal)))).toBe(false)
    expect(isSystemPrincipal({ [Symbol.for("@ecasilla/core/roles/SystemPrincipal")]: true })).toBe(false)
    expect(() => Schema.decodeUnknownSync(Actor)({ _tag: "SystemPrincipal", name: "x" })).toThrow()
    expect(isSystemPrincipal(null)).toBe(false)
    expect(isSystemPrincipal("system")).toBe(false)
  })

  it("cannot be altered", () => {
    expect(Object.isFrozen(systemPrincipal)).toBe(true)
  })
})
