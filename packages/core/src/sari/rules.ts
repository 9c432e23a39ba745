import type { Role } from "../roles/actor.js"
import { type AccessSystem, grantableRoles } from "../roles/assignments.js"
import { type Cargo, defaultRolesConfig, isCargoEligible, type RolesConfig } from "../roles/profiles.js"
import type { RoleChange } from "./model.js"

/**
 * Why a set of role changes is refused, with the role concerned.
 *
 * @since 0.2.0
 * @category rules
 */
export type RoleChangeProblem =
  | { readonly reason: "no-changes" }
  | { readonly reason: "duplicate-change" | "role-not-in-system" | "already-held" | "not-held"; readonly role: Role }
  | { readonly reason: "cargo-not-eligible"; readonly role: Role; readonly cargo: Cargo }

/**
 * Checks the changes a request asks for against the roles held now (DOMAIN.md §3): at
 * least one change; each role once; only roles of the system; no adding a role already
 * held, no removing one not held; an added role must suit the collaborator's cargo.
 * Returns the changes in a canonical order (by role), or the first problem.
 *
 * @since 0.2.0
 * @category rules
 */
export const checkRoleChanges = (
  changes: ReadonlyArray<RoleChange>,
  context: { readonly system: AccessSystem; readonly held: ReadonlyArray<Role>; readonly cargo: Cargo; readonly config?: RolesConfig }
): { readonly ok: true; readonly value: ReadonlyArray<RoleChange> } | { readonly ok: false; readonly problem: RoleChangeProblem } => {
  if (changes.length === 0) return { ok: false, problem: { reason: "no-changes" } }
  const seen = new Set<Role>()
  const allowed = grantableRoles[context.system]
  for (const c of changes) {
    if (seen.has(c.role)) return { ok: false, problem: { reason: "duplicate-change", role: c.role } }
    seen.add(c.role)
    if (!allowed.includes(c.role)) return { ok: false, problem: { reason: "role-not-in-system", role: c.role } }
    const held = context.held.includes(c.role)
    if (c.op === "add" && held) return { ok: false, problem: { reason: "already-held", role: c.role } }
    if (c.op === "remove" && !held) return { ok: false, problem: { reason: "not-held", role: c.role } }
    if (c.op === "add" && !isCargoEligible(c.role, context.cargo, context.config ?? defaultRolesConfig)) {
      return { ok: false, problem: { reason: "cargo-not-eligible", role: c.role, cargo: context.cargo } }
    }
  }
  const order = (r: Role) => allowed.indexOf(r)
  return { ok: true, value: [...changes].sort((a, b) => order(a.role) - order(b.role)).map((c) => ({ op: c.op, role: c.role })) }
}

/**
 * The roles held after applying `changes` (which {@link checkRoleChanges} accepted).
 *
 * @since 0.2.0
 * @category rules
 */
export const applyRoleChanges = (held: ReadonlyArray<Role>, changes: ReadonlyArray<RoleChange>): ReadonlyArray<Role> => {
  const removed = new Set(changes.filter((c) => c.op === "remove").map((c) => c.role))
  return [...held.filter((r) => !removed.has(r)), ...changes.filter((c) => c.op === "add").map((c) => c.role)]
}

/**
 * The longest rejection reason kept.
 *
 * @since 0.2.0
 * @category rules
 */
export const maxRejectionReasonLength = 1000

/**
 * A rejection reason: trimmed, not empty, at most {@link maxRejectionReasonLength}
 * characters, no control or bidirectional-override characters (line breaks allowed).
 *
 * @since 0.2.0
 * @category rules
 */
export const checkRejectionReason = (input: unknown): { readonly ok: true; readonly value: string } | { readonly ok: false; readonly reason: "reason-required" | "text-too-long" } => {
  if (typeof input !== "string") return { ok: false, reason: "reason-required" }
  // eslint-disable-next-line no-control-regex
  const value = input.replace(/[\u0000-\u0009\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, "").replace(/\r\n?/g, "\n").trim()
  if (value === "") return { ok: false, reason: "reason-required" }
  if (value.length > maxRejectionReasonLength) return { ok: false, reason: "text-too-long" }
  return { ok: true, value }
}
