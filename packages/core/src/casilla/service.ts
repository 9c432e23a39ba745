import { Context, Effect, Layer } from "effect"
import type { Ids } from "../ports/ids.js"
import type { CasillaError, CasillaStoreError } from "./errors.js"
import type { Principal } from "./internal/patterns.js"
import { makeCasillaService } from "./internal/service.js"
import type { Casilla, CasillaOrigin, Constancia, Notification, NotificationDocument, ReceptorKind } from "./model.js"
import type { CasillaStore, NotificationQuery } from "./store.js"

/**
 * A casilla to create: who it is for and how it came to be.
 *
 * @since 0.2.0
 * @category models
 */
export interface NewCasillaInput {
  readonly receptorKind: ReceptorKind
  /** DNI for a persona natural, RUC for an entity. */
  readonly loginId: string
  readonly name: string
  readonly email?: string
  readonly origin: CasillaOrigin
  /** Entity casillas: the titular (DNI and name). */
  readonly titular?: { readonly dni: string; readonly name: string }
}

/**
 * A notification to prepare: the receptor's casilla, the emisor, the cédula and the PDFs.
 *
 * @since 0.2.0
 * @category models
 */
export interface NewNotificationInput {
  readonly casillaId: string
  readonly emisor: { readonly id: string; readonly name: string }
  readonly cedula: {
    readonly numero: string
    readonly asunto: string
    readonly expediente?: string
    readonly plazoDiasHabiles?: number
  }
  readonly documents: ReadonlyArray<{ readonly name: string; readonly bytes: Uint8Array }>
}

/**
 * Whose list: the receptor's inbox, the notificador's or the emisor's notifications. By
 * default the first of those roles the actor holds.
 *
 * @since 0.2.0
 * @category models
 */
export type NotificationListScope = "receptor" | "notificador" | "emisor"

/**
 * Every failure of a casilla command; each changes nothing.
 *
 * @since 0.2.0
 * @category errors
 */
export type CasillaCommandError = CasillaError | CasillaStoreError

/**
 * The casilla electrónica: accounts, and notifications from preparation to reading. Every
 * call takes the acting principal first and is authorized here, reads included (what an
 * actor may not see is `not-found`). Deposit verifies every document under policy `strict`
 * with the configured trust anchors and commits the notification, its hashes, the constancia
 * and the NotificationDeposited event in one transaction; its timestamp is the legal date.
 *
 * @since 0.2.0
 * @category services
 */
export class CasillaService extends Context.Service<CasillaService, {
  /** Asignación obligatoria (Auxiliar de casilla) or solicitud voluntaria (Operador de casilla) → Pendiente. */
  readonly createCasilla: (actor: Principal, input: NewCasillaInput) => Effect.Effect<Casilla, CasillaCommandError>
  /** Pendiente → Activa, by the profile that created it. */
  readonly activateCasilla: (actor: Principal, casillaId: string) => Effect.Effect<Casilla, CasillaCommandError>
  /** Cambio de titular of an entity casilla (RUC). */
  readonly changeTitular: (actor: Principal, casillaId: string, titular: { readonly dni: string; readonly name: string }) => Effect.Effect<Casilla, CasillaCommandError>
  readonly getCasilla: (actor: Principal, casillaId: string) => Effect.Effect<Casilla, CasillaCommandError>
  /** The casilla a DNI or RUC logs in to (the notificador picks the receptor with it). */
  readonly findCasilla: (actor: Principal, loginId: string) => Effect.Effect<Casilla, CasillaCommandError>
  /** The Notificador prepares a Borrador: cédula and PDF documents for a casilla. */
  readonly prepareNotification: (actor: Principal, input: NewNotificationInput) => Effect.Effect<Notification, CasillaCommandError>
  /** The Emisor named on it confirms the firma titular: Borrador → Firmada. */
  readonly signNotification: (actor: Principal, notificationId: string) => Effect.Effect<Notification, CasillaCommandError>
  /** The Notificador deposits: Firmada → Depositada, only if every document verifies and the casilla is active. */
  readonly depositNotification: (actor: Principal, notificationId: string) => Effect.Effect<Notification, CasillaCommandError>
  /** The receptor opens it: the first open makes it Leída with the reading date; later opens change nothing. */
  readonly openNotification: (actor: Principal, notificationId: string) => Effect.Effect<Notification, CasillaCommandError>
  /** The receptor downloads one document: recorded, and a first access marks it Leída. */
  readonly downloadDocument: (
    actor: Principal,
    notificationId: string,
    documentId: string
  ) => Effect.Effect<{ readonly notification: Notification; readonly document: NotificationDocument; readonly bytes: Uint8Array }, CasillaCommandError>
  readonly getNotification: (actor: Principal, notificationId: string) => Effect.Effect<Notification, CasillaCommandError>
  readonly listNotifications: (
    actor: Principal,
    query?: NotificationQuery & { readonly scope?: NotificationListScope }
  ) => Effect.Effect<ReadonlyArray<Notification>, CasillaStoreError>
  readonly countNotifications: (
    actor: Principal,
    query?: NotificationQuery & { readonly scope?: NotificationListScope }
  ) => Effect.Effect<number, CasillaStoreError>
  /** The constancia de depósito (record and PDF), for the notificador and the receptor. */
  readonly getConstancia: (
    actor: Principal,
    notificationId: string
  ) => Effect.Effect<{ readonly constancia: Constancia; readonly pdf: Uint8Array }, CasillaCommandError>
}>()("@ecasilla/core/casilla/CasillaService") {
  /**
   * The service over CasillaStore and Ids; settings from `CasillaConfig` (defaults when not
   * provided), time from effect's Clock. When a `RoleDirectory` (e.g. SARI's
   * `layerSariRoleDirectory`) is in context, every call checks the roles the actor holds now
   * there, not the roles on the `Actor` passed.
   *
   * @since 0.2.0
   * @category layers
   */
  static readonly layer: Layer.Layer<CasillaService, never, CasillaStore | Ids> = Layer.effect(CasillaService, Effect.map(makeCasillaService, (s) => CasillaService.of(s)))
}
