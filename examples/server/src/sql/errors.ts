import type { SqlError } from "effect/sql/SqlError"

/** Whether a SQL failure is a unique-key violation (PostgreSQL 23505), from sql-pg or PGlite. */
export const isUniqueViolation = (e: SqlError): boolean =>
  e.reason._tag === "UniqueViolation" || (e.reason as { cause?: { code?: unknown } }).cause?.code === "23505"

/** The driver's message, for a typed `unavailable` error's detail. */
export const sqlDetail = (e: SqlError): string => e.reason.message ?? e.reason._tag

const strict = (_key: string, value: unknown): unknown => {
  if (typeof value === "function" || typeof value === "symbol") throw new TypeError(`a ${typeof value} is not JSON`)
  return value
}

/**
 * An event's data as JSON, refusing what JSON would silently drop (functions, symbols): a
 * store must fail the commit rather than keep an event that lost part of itself.
 */
export const strictJson = (value: unknown): string => JSON.stringify(value, strict)
