import { Schema } from "effect"
import type { Locale } from "../i18n/locale.js"
import type { Role } from "./actor.js"

/**
 * The five profiles of the casilla system (DOMAIN.md §1). Each is also a {@link Role}.
 *
 * @since 0.2.0
 * @category profiles
 */
export const CasillaProfile = Schema.Literals(["auxiliar-casilla", "operador-casilla", "emisor", "notificador", "receptor"])
/** @since 0.2.0 @category profiles */
export type CasillaProfile = typeof CasillaProfile.Type

/**
 * The posts (cargos) people hold, as the profile table of DOMAIN.md §1 names them. The
 * first group are internal posts (CGR or OCI staff), the second the people a casilla is for.
 *
 * @since 0.2.0
 * @category profiles
 */
export const Cargo = Schema.Literals([
  "auditor",
  "analista",
  "supervisor",
  "mesa-de-partes",
  "gerente",
  "subgerente",
  "jefe-oci",
  "jefe-comision",
  "operador",
  "funcionario",
  "ex-funcionario",
  "servidor",
  "ex-servidor",
  "titular-entidad",
  "persona-natural",
  "persona-juridica"
])
/** @since 0.2.0 @category profiles */
export type Cargo = typeof Cargo.Type

/**
 * How a casilla comes to exist: by *asignación obligatoria* (funcionarios, servidores,
 * titulares and their "ex", created by an Auxiliar de casilla) or *generación voluntaria*
 * (anyone else who asks; processed by an Operador de casilla).
 *
 * @since 0.2.0
 * @category profiles
 */
export const AssignmentMode = Schema.Literals(["obligatoria", "voluntaria"])
/** @since 0.2.0 @category profiles */
export type AssignmentMode = typeof AssignmentMode.Type

/**
 * The configurable data of the permission model: which cargos may hold which role, and
 * which cargos get a casilla by which mode. A deployment replaces or extends it (e.g. a
 * new cargo); the defaults follow DOMAIN.md §1.
 *
 * @since 0.2.0
 * @category profiles
 */
export interface RolesConfig {
  /** Cargos eligible for each role. A role absent here has no cargo restriction. */
  readonly eligibleCargos: Readonly<Partial<Record<Role, ReadonlyArray<Cargo>>>>
  /** The casilla assignment mode of each cargo that may receive notifications. */
  readonly assignmentModes: Readonly<Partial<Record<Cargo, AssignmentMode>>>
}

/**
 * The profile table of DOMAIN.md §1 as data.
 *
 * @since 0.2.0
 * @category profiles
 */
export const defaultRolesConfig: RolesConfig = {
  eligibleCargos: {
    "auxiliar-casilla": ["auditor", "analista", "supervisor"],
    "operador-casilla": ["mesa-de-partes"],
    emisor: ["gerente", "subgerente", "jefe-oci", "jefe-comision"],
    notificador: ["operador", "auditor", "analista"],
    receptor: ["funcionario", "ex-funcionario", "servidor", "ex-servidor", "titular-entidad", "persona-natural", "persona-juridica"]
  },
  assignmentModes: {
    funcionario: "obligatoria",
    "ex-funcionario": "obligatoria",
    servidor: "obligatoria",
    "ex-servidor": "obligatoria",
    "titular-entidad": "obligatoria",
    "persona-natural": "voluntaria",
    "persona-juridica": "voluntaria"
  }
}

/**
 * Whether a person with `cargo` may hold `role` under `config`.
 *
 * @since 0.2.0
 * @category profiles
 */
export const isCargoEligible = (role: Role, cargo: Cargo | undefined, config: RolesConfig = defaultRolesConfig): boolean => {
  const allowed = config.eligibleCargos[role]
  if (allowed === undefined) return true
  return cargo !== undefined && allowed.includes(cargo)
}

/**
 * The roles a person with `cargo` may hold among `roles`.
 *
 * @since 0.2.0
 * @category profiles
 */
export const eligibleRoles = (cargo: Cargo | undefined, roles: ReadonlyArray<Role>, config: RolesConfig = defaultRolesConfig): ReadonlyArray<Role> =>
  roles.filter((r) => isCargoEligible(r, cargo, config))

/**
 * How a person with `cargo` gets a casilla, if they get one at all.
 *
 * @since 0.2.0
 * @category profiles
 */
export const assignmentModeOf = (cargo: Cargo, config: RolesConfig = defaultRolesConfig): AssignmentMode | undefined =>
  config.assignmentModes[cargo]

/**
 * The profile that creates a casilla of each mode: obligatoria → Auxiliar de casilla,
 * voluntaria → Operador de casilla.
 *
 * @since 0.2.0
 * @category profiles
 */
export const profileForAssignmentMode: Readonly<Record<AssignmentMode, CasillaProfile>> = {
  obligatoria: "auxiliar-casilla",
  voluntaria: "operador-casilla"
}

const roleNames: Record<Locale, Record<Role, string>> = {
  "es-PE": {
    "auxiliar-casilla": "Auxiliar de casilla",
    "operador-casilla": "Operador de casilla",
    emisor: "Emisor",
    notificador: "Notificador",
    receptor: "Receptor",
    "cau-analista": "Analista CAU",
    "cau-lider-grupo": "Líder de grupo CAU",
    "operador-oci": "Operador OCI",
    "operador-uo": "Operador UO",
    "jefe-oci": "Jefe de OCI",
    "supervisor-oci": "Supervisor OCI",
    gerente: "Gerente"
  },
  en: {
    "auxiliar-casilla": "Casilla assistant",
    "operador-casilla": "Casilla operator",
    emisor: "Issuer",
    notificador: "Notifier",
    receptor: "Recipient",
    "cau-analista": "Help-desk analyst",
    "cau-lider-grupo": "Help-desk group lead",
    "operador-oci": "OCI operator",
    "operador-uo": "Unit operator",
    "jefe-oci": "Head of OCI",
    "supervisor-oci": "OCI supervisor",
    gerente: "Manager (Gerente)"
  }
}

const cargoNames: Record<Locale, Record<Cargo, string>> = {
  "es-PE": {
    auditor: "Auditor",
    analista: "Analista",
    supervisor: "Supervisor",
    "mesa-de-partes": "Mesa de partes",
    gerente: "Gerente",
    subgerente: "Subgerente",
    "jefe-oci": "Jefe de OCI",
    "jefe-comision": "Jefe de Comisión",
    operador: "Operador",
    funcionario: "Funcionario",
    "ex-funcionario": "Exfuncionario",
    servidor: "Servidor",
    "ex-servidor": "Exservidor",
    "titular-entidad": "Titular de la entidad",
    "persona-natural": "Persona natural",
    "persona-juridica": "Persona jurídica"
  },
  en: {
    auditor: "Auditor",
    analista: "Analyst",
    supervisor: "Supervisor",
    "mesa-de-partes": "Registry desk (mesa de partes)",
    gerente: "Manager (Gerente)",
    subgerente: "Deputy manager (Subgerente)",
    "jefe-oci": "Head of OCI",
    "jefe-comision": "Head of audit commission",
    operador: "Operator",
    funcionario: "Public official",
    "ex-funcionario": "Former public official",
    servidor: "Public servant",
    "ex-servidor": "Former public servant",
    "titular-entidad": "Head of the entity",
    "persona-natural": "Natural person",
    "persona-juridica": "Legal person"
  }
}

/**
 * The name of a role as users read it.
 *
 * @since 0.2.0
 * @category i18n
 */
export const roleName = (role: Role, locale: Locale = "es-PE"): string => roleNames[locale][role]

/**
 * The name of a cargo as users read it.
 *
 * @since 0.2.0
 * @category i18n
 */
export const cargoName = (cargo: Cargo, locale: Locale = "es-PE"): string => cargoNames[locale][cargo]
