import { Effect, Schema, SchemaGetter } from "effect"
import { IdentityError } from "./errors.js"
import { identityMessage } from "./messages.js"
import {
  checkCe,
  checkDni,
  checkIdentity,
  checkRuc,
  checkUserCode,
  dniOfRuc,
  type IdentityCheck,
  type IdentityKind,
  type IdentityReason,
  type RucType,
  rucTypeOfPrefix
} from "./rules.js"

const ruleFilter = (check: (s: string) => IdentityCheck, normalised: boolean) =>
  Schema.makeFilter<string>((s) => {
    const r = check(s)
    if (!r.ok) return identityMessage(r.reason, r.kind)
    // A branded value is stored normalised: no space, no check character, upper case.
    return !normalised || r.value === s ? undefined : identityMessage("not-digits", r.kind)
  })

/**
 * A DNI: exactly 8 digits, leading zeros kept, stored without its check character.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Dni = Schema.String.pipe(Schema.check(ruleFilter(checkDni, true)), Schema.brand("Dni"))
/** @since 0.1.0 @category schemas */
export type Dni = typeof Dni.Type

/**
 * A RUC: 11 digits, prefix 10/15/16/17/20, valid mod-11 check digit.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Ruc = Schema.String.pipe(Schema.check(ruleFilter(checkRuc, true)), Schema.brand("Ruc"))
/** @since 0.1.0 @category schemas */
export type Ruc = typeof Ruc.Type

/**
 * A carné de extranjería: 8 to 12 letters or digits, upper case; it has no checksum.
 *
 * @since 0.1.0
 * @category schemas
 */
export const CarneExtranjeria = Schema.String.pipe(Schema.check(ruleFilter(checkCe, true)), Schema.brand("CarneExtranjeria"))
/** @since 0.1.0 @category schemas */
export type CarneExtranjeria = typeof CarneExtranjeria.Type

/**
 * An internal user code: `U…` for CGR staff, `E…` for OCI / entity staff.
 *
 * @since 0.1.0
 * @category schemas
 */
export const UserCode = Schema.String.pipe(Schema.check(ruleFilter(checkUserCode, true)), Schema.brand("UserCode"))
/** @since 0.1.0 @category schemas */
export type UserCode = typeof UserCode.Type

const normalise = (check: (s: string) => IdentityCheck) => ({
  // An invalid text is passed on unchanged, so the branded schema reports why.
  decode: SchemaGetter.transform((s: string) => {
    const r = check(s)
    return r.ok ? r.value : s
  }),
  encode: SchemaGetter.transform((s: string) => s)
})

/**
 * Decodes a DNI as typed by a person (`" 10117410-2 "`, `10117410G`) into a {@link Dni}.
 *
 * @since 0.1.0
 * @category schemas
 */
export const DniFromInput = Schema.String.pipe(Schema.decodeTo(Dni, normalise(checkDni)))

/**
 * Decodes a RUC as typed (surrounding space allowed) into a {@link Ruc}.
 *
 * @since 0.1.0
 * @category schemas
 */
export const RucFromInput = Schema.String.pipe(Schema.decodeTo(Ruc, normalise(checkRuc)))

/**
 * SUNAT document-type codes (catálogo 06): 1 DNI, 4 carné de extranjería, 6 RUC, 7 pasaporte.
 *
 * @since 0.1.0
 * @category schemas
 */
export const SunatDocumentType = Schema.Literals(["1", "4", "6", "7"])
/** @since 0.1.0 @category schemas */
export type SunatDocumentType = typeof SunatDocumentType.Type

/**
 * The SUNAT document-type code of each identity kind that has one.
 *
 * @since 0.1.0
 * @category constants
 */
export const sunatDocumentTypeOf: Partial<Record<IdentityKind, SunatDocumentType>> = { dni: "1", ce: "4", ruc: "6" }

/**
 * @since 0.1.0
 * @category constants
 */
export const sunatDocumentTypeNames: Record<SunatDocumentType, string> = {
  "1": "DNI",
  "4": "Carné de extranjería",
  "6": "RUC",
  "7": "Pasaporte"
}

/**
 * What `parseIdentity` tells about a text: the kind it is, and whether it is valid.
 * This is also the JSON that `ecasilla id --json` prints.
 *
 * @since 0.1.0
 * @category models
 */
export type IdentityInfo =
  | {
    readonly input: string
    readonly kind: IdentityKind
    readonly valid: true
    readonly value: string
    readonly sunatDocumentType?: SunatDocumentType
    readonly ruc?: { readonly type: RucType; readonly dni?: string }
  }
  | {
    readonly input: string
    readonly kind: IdentityKind
    readonly valid: false
    readonly reason: IdentityReason
    readonly message: string
  }

/**
 * Detects the kind of an identity number (DNI, RUC, carné de extranjería, user code)
 * and validates it. Never throws: bad input gives `valid: false` with a reason.
 *
 * @since 0.1.0
 * @category parsing
 */
export const parseIdentity = (
  input: string,
  kinds?: ReadonlyArray<IdentityKind>
): IdentityInfo => {
  const text = typeof input === "string" ? input : ""
  const r = checkIdentity(text, kinds)
  if (!r.ok) return { input: text, kind: r.kind, valid: false, reason: r.reason, message: identityMessage(r.reason, r.kind) }
  const base = { input: text, kind: r.kind, valid: true as const, value: r.value }
  const doc = sunatDocumentTypeOf[r.kind]
  if (r.kind !== "ruc") return doc ? { ...base, sunatDocumentType: doc } : base
  const type = rucTypeOfPrefix(r.value.slice(0, 2))!
  const dni = dniOfRuc(r.value)
  return { ...base, sunatDocumentType: "6", ruc: dni ? { type, dni } : { type } }
}

/**
 * {@link parseIdentity} as an Effect that fails with a typed {@link IdentityError}.
 *
 * @since 0.1.0
 * @category parsing
 */
export const decodeIdentity = (
  input: string,
  kinds?: ReadonlyArray<IdentityKind>
): Effect.Effect<Extract<IdentityInfo, { valid: true }>, IdentityError> => {
  const info = parseIdentity(input, kinds)
  return info.valid
    ? Effect.succeed(info)
    : Effect.fail(new IdentityError({ reason: info.reason, kind: info.kind, input: info.input }))
}
