import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Actor, Role } from "./actor.js"
import { actorWithRoles, effectiveRoles, grantableRoles, managedRoles, rolesHeldIn, systemOfRole } from "./assignments.js"
import { authorize, type SariRequestRef } from "./authorize.js"
import { systemPrincipal } from "./principal.js"
import { assignmentModeOf, Cargo, cargoName, defaultRolesConfig, eligibleRoles, isCargoEligible, profileForAssignmentMode, roleName } from "./profiles.js"
import { decodeUnitSync } from "./units.js"

const actor = (id: string, roles: ReadonlyArray<Role>, unit?: string) => new Actor({ id, name: id, roles: [...roles], ...(unit ? { unit } : {}) })
const ociRequest = (requesterId: string, collaboratorId = "E30001"): SariRequestRef => ({ requesterId, collaboratorId, unit: { id: "OCI-MINSA", kind: "oci" } })
const uoRequest = (requesterId: string, collaboratorId = "U30001"): SariRequestRef => ({ requesterId, collaboratorId, unit: { id: "GTI", kind: "uo" } })

describe("profiles and cargos", () => {
  it("follow the profile table of DOMAIN.md §1", () => {
    expect(isCargoEligible("notificador", "analista")).toBe(true)
    expect(isCargoEligible("notificador", "gerente")).toBe(false)
    expect(isCargoEligible("emisor", "jefe-oci")).toBe(true)
    expect(isCargoEligible("emisor", "auditor")).toBe(false)
    expect(isCargoEligible("operador-casilla", "mesa-de-partes")).toBe(true)
    expect(isCargoEligible("auxiliar-casilla", "mesa-de-partes")).toBe(false)
    expect(isCargoEligible("emisor", undefined)).toBe(false)
    // No restriction listed: any cargo.
    expect(isCargoEligible("cau-analista", "persona-natural")).toBe(true)
    expect(eligibleRoles("auditor", grantableRoles.casilla)).toEqual(["auxiliar-casilla", "notificador"])
  })

  it("are data a deployment can change", () => {
    const config = { ...defaultRolesConfig, eligibleCargos: { ...defaultRolesConfig.eligibleCargos, notificador: ["operador", "auditor", "analista", "supervisor"] as const } }
    expect(isCargoEligible("notificador", "supervisor")).toBe(false)
    expect(isCargoEligible("notificador", "supervisor", config)).toBe(true)
  })

  it("say how each receptor gets a casilla and which profile creates it", () => {
    expect(assignmentModeOf("ex-servidor")).toBe("obligatoria")
    expect(assignmentModeOf("persona-juridica")).toBe("voluntaria")
    expect(assignmentModeOf("auditor")).toBeUndefined()
    expect(profileForAssignmentMode.obligatoria).toBe("auxiliar-casilla")
    expect(profileForAssignmentMode.voluntaria).toBe("operador-casilla")
  })

  it("have Spanish and English names for every role and cargo", () => {
    for (const r of Role.literals) for (const l of ["es-PE", "en"] as const) expect(roleName(r, l)).toMatch(/\S/)
    for (const c of Cargo.literals) for (const l of ["es-PE", "en"] as const) expect(cargoName(c, l)).toMatch(/\S/)
    expect(roleName("notificador")).toBe("Notificador")
    expect(roleName("notificador", "en")).toBe("Notifier")
  })
})

describe("units", () => {
  it("an OCI carries a valid entity RUC (prefix 20), checked by the identity rules", () => {
    const oci = decodeUnitSync({ kind: "oci", id: "OCI-CGR", name: "OCI de la CGR", entityRuc: "20131378972", entityName: "Contraloría General de la República" })
    expect(oci.kind).toBe("oci")
    expect(() => decodeUnitSync({ kind: "oci", id: "OCI-X", name: "OCI", entityRuc: "20131378971", entityName: "X" })).toThrow()
    // A valid RUC of a persona natural is not an entity's.
    expect(() => decodeUnitSync({ kind: "oci", id: "OCI-X", name: "OCI", entityRuc: "10101174102", entityName: "X" })).toThrow()
    expect(() => decodeUnitSync({ kind: "oci", id: "OCI-X", name: "OCI", entityName: "X" })).toThrow()
    expect(decodeUnitSync({ kind: "uo", id: "GTI", name: "Gerencia de Tecnologías de la Información" }).kind).toBe("uo")
    expect(() => decodeUnitSync({ kind: "uo", id: "G TI", name: "x" })).toThrow()
  })
})

describe("role assignments", () => {
  it("are the only truth for managed roles", () => {
    expect(effectiveRoles(["jefe-oci", "notificador"], [])).toEqual(["jefe-oci"])
    expect(effectiveRoles(["jefe-oci"], [{ role: "emisor" }, { role: "emisor" }])).toEqual(["jefe-oci", "emisor"])
    expect(rolesHeldIn("casilla", [{ system: "casilla", role: "emisor" }, { system: "cau", role: "cau-analista" }])).toEqual(["emisor"])
    expect(systemOfRole("cau-lider-grupo")).toBe("cau")
    expect(systemOfRole("gerente")).toBeUndefined()
    expect(managedRoles.has("receptor")).toBe(false)
    const a = actorWithRoles(actor("E1", [], "OCI-MINSA"), ["emisor"])
    expect(a).toBeInstanceOf(Actor)
    expect([a.roles, a.unit]).toEqual([["emisor"], "OCI-MINSA"])
  })
})

describe("authorize", () => {
  it("routes an OCI request to the Jefe or Supervisor OCI of the same OCI, a UO request to its Gerente", () => {
    expect(authorize(actor("E1", ["jefe-oci"], "OCI-MINSA"), "sari.request.decide", ociRequest("E2"))).toEqual({ allowed: true, reason: "role" })
    expect(authorize(actor("E1", ["supervisor-oci"], "OCI-MINSA"), "sari.request.decide", ociRequest("E2")).allowed).toBe(true)
    expect(authorize(actor("E1", ["jefe-oci"], "OCI-SUNAT"), "sari.request.decide", ociRequest("E2"))).toEqual({ allowed: false, reason: "other-unit" })
    expect(authorize(actor("E1", ["gerente"], "OCI-MINSA"), "sari.request.decide", ociRequest("E2"))).toEqual({
      allowed: false,
      reason: "missing-role",
      roles: ["jefe-oci", "supervisor-oci"]
    })
    expect(authorize(actor("U1", ["gerente"], "GTI"), "sari.request.decide", uoRequest("U2")).allowed).toBe(true)
    expect(authorize(actor("U1", ["jefe-oci"], "GTI"), "sari.request.decide", uoRequest("U2")).reason).toBe("missing-role")
  })

  it("never lets an approver decide their own request or one about themselves", () => {
    expect(authorize(actor("E1", ["jefe-oci", "operador-oci"], "OCI-MINSA"), "sari.request.decide", ociRequest("E1"))).toEqual({ allowed: false, reason: "own-request" })
    expect(authorize(actor("E1", ["jefe-oci"], "OCI-MINSA"), "sari.request.decide", ociRequest("E2", "E1")).reason).toBe("own-request")
  })

  it("lets only the operator of a unit create requests there, and only the requester manage them", () => {
    expect(authorize(actor("E2", ["operador-oci"], "OCI-MINSA"), "sari.request.create", { unit: { id: "OCI-MINSA", kind: "oci" } }).allowed).toBe(true)
    expect(authorize(actor("E2", ["operador-uo"], "OCI-MINSA"), "sari.request.create", { unit: { id: "OCI-MINSA", kind: "oci" } }).reason).toBe("missing-role")
    expect(authorize(actor("E2", ["operador-oci"], "OCI-X"), "sari.request.create", { unit: { id: "OCI-MINSA", kind: "oci" } }).reason).toBe("other-unit")
    expect(authorize(actor("E2", [], "OCI-MINSA"), "sari.request.manage", ociRequest("E2"))).toEqual({ allowed: true, reason: "owner" })
    expect(authorize(actor("E3", ["operador-oci", "jefe-oci"], "OCI-MINSA"), "sari.request.manage", ociRequest("E2"))).toEqual({ allowed: false, reason: "not-owner" })
    expect(authorize(actor("E3", ["jefe-oci"], "OCI-MINSA"), "sari.request.view", ociRequest("E2")).allowed).toBe(true)
    expect(authorize(actor("E3", ["operador-oci"], "OCI-MINSA"), "sari.request.view", ociRequest("E2")).allowed).toBe(false)
  })

  it("maps casilla and CAU actions to their profiles", () => {
    expect(authorize(actor("U1", ["notificador"]), "casilla.deposit-notification", {}).allowed).toBe(true)
    expect(authorize(actor("U1", ["emisor"]), "casilla.deposit-notification", {})).toEqual({ allowed: false, reason: "missing-role", roles: ["notificador"] })
    expect(authorize(actor("U1", ["emisor"]), "casilla.sign-document", {}).allowed).toBe(true)
    expect(authorize(actor("10117410", []), "casilla.read-notifications", { ownerId: "10117410" }).reason).toBe("owner")
    expect(authorize(actor("10117411", []), "casilla.read-notifications", { ownerId: "10117410" }).allowed).toBe(false)
    expect(authorize(actor("U1", ["cau-analista"]), "cau.resolve-ticket", { analystId: "U1" }).allowed).toBe(true)
    expect(authorize(actor("U1", ["cau-analista"]), "cau.resolve-ticket", { analystId: "U2" }).reason).toBe("not-owner")
    expect(authorize(actor("U2", []), "cau.resolve-ticket", { analystId: "U2" }).reason).toBe("missing-role")
  })

  it("lets the system principal read, never decide; a user called 'system' is no one special", () => {
    expect(authorize(systemPrincipal, "sari.request.view", ociRequest("E2"))).toEqual({ allowed: true, reason: "system" })
    expect(authorize(systemPrincipal, "sari.request.decide", ociRequest("E2"))).toEqual({ allowed: false, reason: "system-not-allowed" })
    expect(authorize(actor("system", []), "sari.request.view", ociRequest("E2")).allowed).toBe(false)
  })

  it("property: a decision is allowed only with an approver role of the request's own unit, by a non-party", () => {
    const unitIds = ["OCI-MINSA", "OCI-SUNAT", "GTI", "GAJ"]
    const ids = ["E1", "E2", "E3", "U1", "U2"]
    fc.assert(
      fc.property(
        fc.constantFrom(...ids),
        fc.subarray([...Role.literals]),
        fc.option(fc.constantFrom(...unitIds), { nil: undefined }),
        fc.constantFrom(...ids),
        fc.constantFrom(...ids),
        fc.constantFrom(...unitIds),
        (id, roles, unit, requesterId, collaboratorId, requestUnit) => {
          const kind = requestUnit.startsWith("OCI") ? "oci" : "uo"
          const ref: SariRequestRef = { requesterId, collaboratorId, unit: { id: requestUnit, kind } }
          const d = authorize(actor(id, roles, unit), "sari.request.decide", ref)
          const approverRole = kind === "oci" ? roles.includes("jefe-oci") || roles.includes("supervisor-oci") : roles.includes("gerente")
          const expected = approverRole && unit === requestUnit && id !== requesterId && id !== collaboratorId
          expect(d.allowed).toBe(expected)
        }
      ),
      { numRuns: 2000 }
    )
  })
})
