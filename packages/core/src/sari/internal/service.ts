import { Clock, Effect, Option, Schema } from "effect"
import { type CollaboratorQuery, Directory, foldForSearch } from "../../ports/directory.js"
import { Ids } from "../../ports/ids.js"
import type { Actor } from "../../roles/actor.js"
import { AccessSystem, type RoleAssignment, rolesHeldIn } from "../../roles/assignments.js"
import { authorize, type DenyReason } from "../../roles/authorize.js"
import { isSystemPrincipal, type Principal } from "../../roles/principal.js"
import type { Unit } from "../../roles/units.js"
import { SariConfig } from "../config.js"
import { SariError, type SariStoreError } from "../errors.js"
import { makeSariEvent, type SariEventData, sariEventTags } from "../events.js"
import { canViewSariRequest, checkSariAction, type SariAction } from "../lifecycle.js"
import { RoleChange, type SariAuditEntry, type SariParty, type SariRequest, type SariRequestId, openSariStates } from "../model.js"
import { checkRejectionReason, checkRoleChanges } from "../rules.js"
import type { CollaboratorView, SariService } from "../service.js"
import { type SariCommit, SariStore } from "../store.js"
import { currentActorOf } from "./current-actor.js"

/**
 * What the SariService layer needs.
 *
 * @since 0.2.0
 * @category layers
 */
export type SariServiceRequirements = SariStore | Directory | Ids

type Svc = SariService["Service"]

const partyOf = (a: Pick<Actor, "id" | "name" | "email">): SariParty => (a.email ? { id: a.id, name: a.name, email: a.email } : { id: a.id, name: a.name })

// Permission denials become the domain's error codes; a missing role or ownership is a
// plain not-allowed, the rest keep their precise reason.
const denialReason = (d: DenyReason | "wrong-state"): SariError["reason"] =>
  d === "other-unit" || d === "own-request" || d === "wrong-state" ? d : "not-allowed"

const decodeChanges = Schema.decodeUnknownOption(Schema.Array(RoleChange))
const isSystem = Schema.is(AccessSystem)

/** The service's methods over its ports (see `SariService`). */
export const makeSariService = Effect.gen(function*() {
  const store = yield* SariStore
  const directory = yield* Directory
  const ids = yield* Ids
  const config = yield* SariConfig
  const current = currentActorOf(directory, store)

  const now = Effect.map(Clock.currentTimeMillis, (ms) => new Date(ms).toISOString())
  const fail = (reason: SariError["reason"], extra: Partial<ConstructorParameters<typeof SariError>[0]> = {}) =>
    Effect.fail(new SariError({ reason, ...extra }))

  const unitOf = (id: string | undefined): Unit | undefined => (id === undefined ? undefined : config.units.find((u) => u.id === id))

  /** The acting person as they are now; the system principal may only read. */
  const person = (principal: Principal): Effect.Effect<Actor, SariError | SariStoreError> =>
    isSystemPrincipal(principal) ? fail("not-allowed") : current(principal)

  const visible = (principal: Principal, requestId: string) =>
    Effect.gen(function*() {
      const who = isSystemPrincipal(principal) ? principal : yield* current(principal)
      const found = yield* store.get(requestId)
      // Not visible and absent look the same: existence is not leaked.
      if (Option.isNone(found) || !canViewSariRequest(found.value, who)) return yield* fail("not-found", { requestId })
      return { who, request: found.value }
    })

  const load = (principal: Principal, requestId: string, action: SariAction) =>
    Effect.gen(function*() {
      const who = yield* person(principal)
      const { request } = yield* visible(who, requestId)
      const check = checkSariAction(request, who, action)
      if (!check.ok) return yield* fail(denialReason(check.reason), { requestId, action, state: request.state })
      return { who, request }
    })

  const collaboratorOf = (id: string) =>
    Effect.map(directory.findCollaborators({ id, limit: 1 }), (cs) => cs[0])

  const heldNow = (userId: string, system: AccessSystem) => Effect.map(store.assignmentsOf(userId), (as) => rolesHeldIn(system, as))

  /** The changes checked against the collaborator as they are now. */
  const checked = (request: Pick<SariRequest, "collaborator" | "system" | "unit">, changes: unknown, requestId?: string) =>
    Effect.gen(function*() {
      const decoded = decodeChanges(changes)
      if (Option.isNone(decoded)) return yield* fail("no-changes", requestId ? { requestId } : {})
      const collaborator = yield* collaboratorOf(request.collaborator.id)
      if (collaborator === undefined) return yield* fail("unknown-collaborator", requestId ? { requestId } : {})
      if (collaborator.unit !== request.unit.id) return yield* fail("collaborator-other-unit", requestId ? { requestId } : {})
      const held = yield* heldNow(collaborator.id, request.system)
      const result = checkRoleChanges(decoded.value, { system: request.system, held, cargo: collaborator.cargo, config: config.roles })
      if (!result.ok) {
        const p = result.problem
        return yield* fail(p.reason, {
          ...(requestId ? { requestId } : {}),
          ...("role" in p ? { role: p.role } : {}),
          ...("cargo" in p ? { cargo: p.cargo } : {}),
          system: request.system
        })
      }
      return { collaborator, held, changes: result.value }
    })

  /** Who is told a request was sent: the people of the unit who may decide it now. */
  const approversOf = (request: SariRequest) =>
    Effect.gen(function*() {
      const people = yield* directory.findCollaborators({ unitId: request.unit.id, limit: 500 })
      const out: Array<SariParty> = []
      for (const p of people) {
        const user = yield* directory.findUser(p.id)
        if (Option.isNone(user)) continue
        const actor = yield* current(user.value)
        if (checkSariAction(request, actor, "approve").ok) out.push(partyOf({ ...actor, email: actor.email ?? p.email }))
      }
      return out
    })

  const auditEntries = (
    request: SariRequest,
    at: string,
    by: SariParty,
    steps: ReadonlyArray<Omit<SariAuditEntry, "id" | "requestId" | "seq" | "at" | "by" | "state">>
  ) =>
    Effect.map(store.auditTrail(request.id), (trail) =>
      steps.map((step, i): SariAuditEntry => {
        const seq = trail.length + i + 1
        return { id: `${request.id}#${seq}`, requestId: request.id, seq, at, by, state: request.state, ...step }
      }))

  const eventId = (request: SariRequest, tag: string) => `${request.id}:v${request.version}:${tag.slice(tag.lastIndexOf("/") + 1)}`

  const sentEvent = (request: SariRequest, at: string) =>
    Effect.map(approversOf(request), (approvers) => makeSariEvent(eventId(request, sariEventTags.sent), sariEventTags.sent, request, at, { approvers }))

  const commit = (change: SariCommit) => Effect.as(store.commit(change), change.request)

  const nextNumber = (at: string) =>
    Effect.gen(function*() {
      // Peru keeps UTC−5 all year: the Lima year of the instant.
      const year = new Date(Date.parse(at) - 5 * 3_600_000).getUTCFullYear()
      const seq = yield* ids.sequence(`sari-request-${year}`)
      return `SARI-${year}-${String(seq).padStart(6, "0")}`
    })

  const findCollaborators: Svc["findCollaborators"] = (principal, text, limit = 20) =>
    Effect.gen(function*() {
      const who = yield* person(principal)
      const unit = unitOf(who.unit)
      if (unit === undefined) return yield* fail("not-allowed")
      const d = authorize(who, "sari.request.create", { unit })
      if (!d.allowed) return yield* fail(denialReason(d.reason))
      const query: CollaboratorQuery = { text, unitId: unit.id, limit: Math.max(1, Math.min(limit, 100)) }
      const found = yield* directory.findCollaborators(query)
      return yield* Effect.forEach(found, (collaborator) =>
        Effect.map(store.assignmentsOf(collaborator.id), (as): CollaboratorView => ({
          collaborator,
          roles: { casilla: rolesHeldIn("casilla", as), cau: rolesHeldIn("cau", as) }
        })))
    })

  const createRequest: Svc["createRequest"] = (principal, input) =>
    Effect.gen(function*() {
      const who = yield* person(principal)
      const unit = unitOf(who.unit)
      if (unit === undefined) return yield* fail("not-allowed")
      const d = authorize(who, "sari.request.create", { unit })
      if (!d.allowed) return yield* fail(denialReason(d.reason))
      if (!isSystem(input.system)) return yield* fail("role-not-in-system")
      const collaborator = yield* collaboratorOf(String(input.collaboratorId))
      if (collaborator === undefined) return yield* fail("unknown-collaborator")
      const sariUnit = { id: unit.id, kind: unit.kind, name: unit.name }
      const ok = yield* checked({ collaborator, system: input.system, unit: sariUnit }, input.changes)
      const open = yield* store.list({ collaboratorId: collaborator.id, system: input.system, states: openSariStates, limit: 1 })
      if (open.length > 0) return yield* fail("open-request-exists", { openNumber: open[0].number, system: input.system })
      const at = yield* now
      const id = (yield* ids.next("sari")) as SariRequestId
      const number = yield* nextNumber(at)
      const send = input.send === true
      const request: SariRequest = {
        id,
        number,
        state: send ? "Enviada" : "Borrador",
        unit: sariUnit,
        system: input.system,
        requester: partyOf(who),
        collaborator: ok.collaborator,
        rolesHeld: ok.held,
        changes: ok.changes,
        createdAt: at,
        updatedAt: at,
        ...(send ? { sentAt: at } : {}),
        version: 1
      }
      const by = partyOf(who)
      const audit: Array<SariAuditEntry> = [
        { id: `${id}#1`, requestId: id, seq: 1, at, by, action: "created", state: "Borrador", changes: ok.changes },
        ...(send ? [{ id: `${id}#2`, requestId: id, seq: 2, at, by, action: "sent" as const, state: "Enviada" as const }] : [])
      ]
      const events = send ? [yield* sentEvent(request, at)] : []
      return yield* commit({ request, expectedVersion: 0, audit, events })
    })

  const updateRequest: Svc["updateRequest"] = (principal, requestId, input) =>
    Effect.gen(function*() {
      const { who, request: old } = yield* load(principal, requestId, "edit")
      const ok = yield* checked(old, input.changes, requestId)
      const at = yield* now
      const send = input.send === true
      const request: SariRequest = {
        ...old,
        state: send ? "Enviada" : "Borrador",
        collaborator: ok.collaborator,
        rolesHeld: ok.held,
        changes: ok.changes,
        updatedAt: at,
        ...(send ? { sentAt: at } : {}),
        version: old.version + 1
      }
      const by = partyOf(who)
      const audit = yield* auditEntries(request, at, by, [
        { action: "edited", changes: ok.changes },
        ...(send ? [{ action: "sent" as const }] : [])
      ])
      const events = send ? [yield* sentEvent(request, at)] : []
      return yield* commit({ request, expectedVersion: old.version, audit, events })
    })

  const sendRequest: Svc["sendRequest"] = (principal, requestId) =>
    Effect.gen(function*() {
      const { who, request: old } = yield* load(principal, requestId, "send")
      // The roles may have changed since the draft was saved: check again.
      const ok = yield* checked(old, old.changes, requestId)
      const at = yield* now
      const request: SariRequest = { ...old, state: "Enviada", rolesHeld: ok.held, collaborator: ok.collaborator, sentAt: at, updatedAt: at, version: old.version + 1 }
      const audit = yield* auditEntries(request, at, partyOf(who), [{ action: "sent" }])
      return yield* commit({ request, expectedVersion: old.version, audit, events: [yield* sentEvent(request, at)] })
    })

  const withdrawRequest: Svc["withdrawRequest"] = (principal, requestId) =>
    Effect.gen(function*() {
      const { who, request: old } = yield* load(principal, requestId, "withdraw")
      const at = yield* now
      const request: SariRequest = { ...old, state: "Anulada", withdrawnAt: at, updatedAt: at, version: old.version + 1 }
      const audit = yield* auditEntries(request, at, partyOf(who), [{ action: "withdrawn" }])
      const events = old.sentAt !== undefined ? [makeSariEvent(eventId(request, sariEventTags.withdrawn), sariEventTags.withdrawn, request, at)] : []
      return yield* commit({ request, expectedVersion: old.version, audit, events })
    })

  const approveRequest: Svc["approveRequest"] = (principal, requestId) =>
    Effect.gen(function*() {
      const { who, request: old } = yield* load(principal, requestId, "approve")
      // Checked against the roles held at this instant; the store refuses the commit if
      // they change before it lands (assignment-conflict), so nothing is half-applied.
      const ok = yield* checked(old, old.changes, requestId)
      const at = yield* now
      const by = partyOf(who)
      const request: SariRequest = {
        ...old,
        state: "Aprobada",
        rolesHeld: ok.held,
        decision: { outcome: "approved", by, at },
        updatedAt: at,
        version: old.version + 1
      }
      const grant: Array<RoleAssignment> = ok.changes
        .filter((c) => c.op === "add")
        .map((c) => ({ userId: old.collaborator.id, system: old.system, role: c.role, unitId: old.unit.id, grantedAt: at, grantedBy: who.id, requestId: old.id }))
      const revoke = ok.changes.filter((c) => c.op === "remove").map((c) => ({ userId: old.collaborator.id, system: old.system, role: c.role }))
      const audit = yield* auditEntries(request, at, by, [
        { action: "approved", changes: ok.changes },
        ...ok.changes.map((c) => ({
          action: c.op === "add" ? ("role-granted" as const) : ("role-revoked" as const),
          userId: old.collaborator.id,
          role: c.role,
          system: old.system
        }))
      ])
      const event = makeSariEvent(eventId(request, sariEventTags.approved), sariEventTags.approved, request, at, { decidedBy: by })
      return yield* commit({ request, expectedVersion: old.version, grant, revoke, audit, events: [event] })
    })

  const rejectRequest: Svc["rejectRequest"] = (principal, requestId, input) =>
    Effect.gen(function*() {
      const { who, request: old } = yield* load(principal, requestId, "reject")
      const reason = checkRejectionReason(input?.reason)
      if (!reason.ok) return yield* fail(reason.reason, { requestId, action: "reject" })
      const at = yield* now
      const by = partyOf(who)
      const request: SariRequest = {
        ...old,
        state: "Rechazada",
        decision: { outcome: "rejected", by, at, reason: reason.value },
        updatedAt: at,
        version: old.version + 1
      }
      const audit = yield* auditEntries(request, at, by, [{ action: "rejected", reason: reason.value }])
      const extra: Pick<SariEventData, "decidedBy" | "reason"> = { decidedBy: by, reason: reason.value }
      const event = makeSariEvent(eventId(request, sariEventTags.rejected), sariEventTags.rejected, request, at, extra)
      return yield* commit({ request, expectedVersion: old.version, audit, events: [event] })
    })

  const approveRequests: Svc["approveRequests"] = (principal, requestIds) =>
    Effect.forEach([...new Set(requestIds)], (requestId) =>
      Effect.map(Effect.result(approveRequest(principal, requestId)), (result) => ({ requestId, result })))

  const getRequest: Svc["getRequest"] = (principal, requestId) => Effect.map(visible(principal, requestId), (v) => v.request)

  const matchesSearch = (r: SariRequest, q: string) =>
    q === "" ||
    foldForSearch(`${r.number} ${r.collaborator.name} ${r.collaborator.dni} ${r.collaborator.id} ${r.requester.name}`).includes(q)

  const listRequests: Svc["listRequests"] = (principal, query) =>
    Effect.gen(function*() {
      const q = foldForSearch(query.search ?? "")
      const base = { ...(query.system && isSystem(query.system) ? { system: query.system } : {}) }
      if (isSystemPrincipal(principal)) {
        const all = yield* store.list({ ...base, ...(query.states ? { states: query.states } : {}) })
        return all.filter((r) => matchesSearch(r, q)).slice(0, query.limit)
      }
      const who = yield* current(principal)
      if (query.view === "mine") {
        const mine = yield* store.list({ ...base, requesterId: who.id, ...(query.states ? { states: query.states } : {}) })
        return mine.filter((r) => matchesSearch(r, q)).slice(0, query.limit)
      }
      const unit = unitOf(who.unit)
      if (unit === undefined) return yield* fail("not-allowed")
      const d = authorize(who, "sari.inbox.view", { unit })
      if (!d.allowed) return yield* fail(denialReason(d.reason))
      const states = query.states ?? ["Enviada"]
      const ofUnit = yield* store.list({ ...base, unitId: unit.id, states })
      // The bandeja shows only what this approver may decide: never their own request or
      // one about themselves, never a draft.
      return ofUnit
        .filter((r) => r.sentAt !== undefined && authorize(who, "sari.request.decide", { requesterId: r.requester.id, collaboratorId: r.collaborator.id, unit: r.unit }).allowed)
        .filter((r) => matchesSearch(r, q))
        .slice(0, query.limit)
    })

  const auditTrail: Svc["auditTrail"] = (principal, requestId) =>
    Effect.flatMap(visible(principal, requestId), ({ request }) => store.auditTrail(request.id))

  return {
    findCollaborators,
    createRequest,
    updateRequest,
    sendRequest,
    withdrawRequest,
    approveRequest,
    rejectRequest,
    approveRequests,
    getRequest,
    listRequests,
    auditTrail
  } satisfies Svc
})
