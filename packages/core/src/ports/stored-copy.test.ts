import { describe, expect, it } from "vitest"
import { copyStored } from "./stored-copy.js"

describe("copyStored", () => {
  it("copies plain data deeply: nothing the caller changes afterwards reaches the copy", () => {
    const value = { a: "texto", n: 1, b: true, z: null, u: undefined, list: [1, { x: "y" }, [2]], nested: { deep: { er: ["á"] } } }
    const copy = copyStored(value)
    expect(copy).toEqual(value)
    expect(Object.keys(copy)).toEqual(Object.keys(value))
    value.list.push(9)
    ;(value.list[1] as { x: string }).x = "cambiado"
    value.nested.deep.er[0] = "é"
    expect(copy.list).toEqual([1, { x: "y" }, [2]])
    expect(copy.nested.deep.er).toEqual(["á"])
  })

  it("bytes, dates and maps are cloned, not shared", () => {
    const value = { bytes: new Uint8Array([1, 2, 3]), at: new Date(0), m: new Map([["k", 1]]) }
    const copy = copyStored(value)
    value.bytes[0] = 9
    value.at.setTime(5)
    value.m.set("k", 2)
    expect(Array.from(copy.bytes)).toEqual([1, 2, 3])
    expect(copy.at.getTime()).toBe(0)
    expect(copy.m.get("k")).toBe(1)
  })

  it("a function or a symbol cannot be stored, anywhere inside, as with structuredClone", () => {
    for (const bad of [{ f: () => 1 }, [1, [Symbol("s")]], { deep: { list: [{ g() {} }] } }]) {
      expect(() => structuredClone(bad)).toThrow()
      expect(() => copyStored(bad)).toThrow(expect.objectContaining({ name: "DataCloneError" }))
    }
  })

  it("an own __proto__ key stays a key, as structuredClone keeps it; a null prototype stays null", () => {
    const hostile = JSON.parse(`{"data": {"__proto__": {"isAdmin": true}, "n": 1}}`) as { data: Record<string, unknown> }
    const copy = copyStored(hostile)
    expect(Object.getPrototypeOf(copy.data)).toBe(Object.prototype)
    expect((copy.data as { isAdmin?: boolean }).isAdmin).toBeUndefined()
    expect(Object.keys(copy.data)).toEqual(["__proto__", "n"])
    expect(Object.getOwnPropertyDescriptor(copy.data, "__proto__")?.value).toEqual({ isAdmin: true })
    expect(Object.keys(structuredClone(hostile).data)).toEqual(Object.keys(copy.data))
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { a: 1 })
    expect(Object.getPrototypeOf(copyStored(bare))).toBe(null)
  })

  it("a cycle deeper than any domain value is left to structuredClone", () => {
    const a: { self?: unknown; n: number } = { n: 1 }
    a.self = a
    const copy = copyStored(a)
    expect(copy.n).toBe(1)
    expect(copy).not.toBe(a)
  })
})
