/**
 * A copy of a value as a store keeps it: what goes in or comes out of a memory store or
 * outbox must not share anything a caller could change later.
 *
 * Domain values are plain data (objects, arrays, strings, numbers, booleans, null), so plain
 * objects and arrays are copied member by member and strings are shared (they cannot change).
 * That is several times faster than `structuredClone` on a ticket with a few kB of HTML, which
 * copies every string. Anything else (bytes, dates, maps, class instances) goes through
 * `structuredClone`; a function or a symbol cannot be stored and throws a `DataCloneError`, as
 * `structuredClone` does.
 *
 * @since 0.2.0
 * @category utils
 */
export const copyStored = <A>(value: A): A => copy(value, 0) as A

const MAX_DEPTH = 64

const copy = (value: unknown, depth: number): unknown => {
  switch (typeof value) {
    case "function":
    case "symbol":
      throw new DOMException(`${String(value).slice(0, 40)} could not be cloned.`, "DataCloneError")
    case "object":
      break
    default:
      return value
  }
  if (value === null) return null
  // Deeper than any domain value: structuredClone takes the rest (and handles cycles).
  if (depth > MAX_DEPTH) return structuredClone(value)
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length)
    for (let i = 0; i < value.length; i++) out[i] = copy(value[i], depth + 1)
    return out
  }
  const proto = Object.getPrototypeOf(value)
  if (proto !== Object.prototype && proto !== null) return structuredClone(value)
  const out: Record<string, unknown> = proto === null ? Object.create(null) : {}
  for (const key of Object.keys(value)) {
    const member = copy((value as Record<string, unknown>)[key], depth + 1)
    // An own "__proto__" key (JSON.parse makes them) stays a key: assigned, it would set the
    // copy's prototype instead.
    if (key === "__proto__") Object.defineProperty(out, key, { value: member, enumerable: true, writable: true, configurable: true })
    else out[key] = member
  }
  return out
}
