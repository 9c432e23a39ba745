import { Schema } from "effect"

/**
 * An instant as stored: ISO 8601 in UTC with milliseconds.
 *
 * @since 0.2.0
 * @category models
 */
export const CasillaInstant = Schema.String.check(Schema.isPattern(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/))

/**
 * Who a casilla belongs to: a persona natural logs in with a DNI; a titular de entidad or a
 * persona jurídica logs in with the entity's RUC (DOMAIN.md §1).
 *
 * @since 0.2.0
 * @category models
 */
export const ReceptorKind = Schema.Literals(["persona-natural", "entidad"])

/**
 * @since 0.2.0
 * @category models
 */
export type ReceptorKind = typeof ReceptorKind.Type

/**
 * How the casilla came to be: asignación obligatoria (by an Auxiliar de casilla) or a
 * solicitud de generación voluntaria (processed by an Operador de casilla).
 *
 * @since 0.2.0
 * @category models
 */
export const CasillaOrigin = Schema.Literals(["asignacion-obligatoria", "solicitud-voluntaria"])

/**
 * @since 0.2.0
 * @category models
 */
export type CasillaOrigin = typeof CasillaOrigin.Type

/**
 * A casilla is created Pendiente and receives notifications only once Activa.
 *
 * @since 0.2.0
 * @category models
 */
export const CasillaState = Schema.Literals(["Pendiente", "Activa"])

/**
 * @since 0.2.0
 * @category models
 */
export type CasillaState = typeof CasillaState.Type

/**
 * A person as a casilla record names them: id (user code, DNI or RUC) and name.
 *
 * @since 0.2.0
 * @category models
 */
export const CasillaParty = Schema.Struct({ id: Schema.String, name: Schema.String })

/**
 * @since 0.2.0
 * @category models
 */
export type CasillaParty = typeof CasillaParty.Type

/**
 * The titular of an entity casilla (RUC) at some time; a cambio de titular appends one.
 *
 * @since 0.2.0
 * @category models
 */
export const CasillaTitular = Schema.Struct({ dni: Schema.String, name: Schema.String, since: CasillaInstant })

/**
 * @since 0.2.0
 * @category models
 */
export type CasillaTitular = typeof CasillaTitular.Type

/**
 * A casilla electrónica account.
 *
 * @since 0.2.0
 * @category models
 */
export const Casilla = Schema.Struct({
  id: Schema.String,
  receptorKind: ReceptorKind,
  /** The DNI (persona natural) or RUC (entidad) the receptor logs in with. */
  loginId: Schema.String,
  /** Name of the person or the entity. */
  name: Schema.String,
  email: Schema.optional(Schema.String),
  origin: CasillaOrigin,
  state: CasillaState,
  createdBy: CasillaParty,
  createdAt: CasillaInstant,
  activatedAt: Schema.optional(CasillaInstant),
  activatedBy: Schema.optional(CasillaParty),
  /** Entity casillas: the titulares, current last. */
  titulares: Schema.Array(CasillaTitular),
  version: Schema.Number
})

/**
 * @since 0.2.0
 * @category models
 */
export type Casilla = typeof Casilla.Type

/**
 * Borrador → Firmada → Depositada (notified: the legal date) → Leída (first open).
 *
 * @since 0.2.0
 * @category models
 */
export const NotificationState = Schema.Literals(["Borrador", "Firmada", "Depositada", "Leída"])

/**
 * @since 0.2.0
 * @category models
 */
export type NotificationState = typeof NotificationState.Type

/**
 * The cédula de notificación: what is notified, in which file, and the deadline if any.
 *
 * @since 0.2.0
 * @category models
 */
export const Cedula = Schema.Struct({
  numero: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(60)),
  asunto: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(300)),
  expediente: Schema.optional(Schema.String.check(Schema.isMaxLength(60))),
  /** Business days the receptor has to answer, counted from the day after deposit. */
  plazoDiasHabiles: Schema.optional(Schema.Int.check(Schema.isGreaterThan(0), Schema.isLessThanOrEqualTo(365)))
})

/**
 * @since 0.2.0
 * @category models
 */
export type Cedula = typeof Cedula.Type

/**
 * The firma verdict kept with a document (what the deposit check found).
 *
 * @since 0.2.0
 * @category models
 */
export const StoredVerdict = Schema.Struct({
  verdict: Schema.Literals(["valid", "invalid", "indeterminate", "unsigned"]),
  detail: Schema.optional(Schema.String),
  at: CasillaInstant
})

/**
 * @since 0.2.0
 * @category models
 */
export type StoredVerdict = typeof StoredVerdict.Type

/**
 * One PDF of a notification; its bytes live in the store's blobs under `blobKey`.
 *
 * @since 0.2.0
 * @category models
 */
export const NotificationDocument = Schema.Struct({
  id: Schema.String,
  name: Schema.String,
  size: Schema.Number,
  blobKey: Schema.String,
  /** SHA-256 (hex) of the bytes, fixed at deposit. */
  sha256: Schema.optional(Schema.String),
  verification: Schema.optional(StoredVerdict)
})

/**
 * @since 0.2.0
 * @category models
 */
export type NotificationDocument = typeof NotificationDocument.Type

/**
 * A download of one document by the receptor.
 *
 * @since 0.2.0
 * @category models
 */
export const DocumentDownload = Schema.Struct({ documentId: Schema.String, at: CasillaInstant, by: Schema.String })

/**
 * @since 0.2.0
 * @category models
 */
export type DocumentDownload = typeof DocumentDownload.Type

/**
 * The constancia de depósito: the legal date and the SHA-256 of each document, plus the
 * generated PDF (in the blobs under `blobKey`).
 *
 * @since 0.2.0
 * @category models
 */
export const Constancia = Schema.Struct({
  id: Schema.String,
  notificationId: Schema.String,
  depositedAt: CasillaInstant,
  notificador: CasillaParty,
  receptor: Schema.Struct({ casillaId: Schema.String, loginId: Schema.String, name: Schema.String }),
  documents: Schema.Array(Schema.Struct({ documentId: Schema.String, name: Schema.String, sha256: Schema.String })),
  blobKey: Schema.String
})

/**
 * @since 0.2.0
 * @category models
 */
export type Constancia = typeof Constancia.Type

/**
 * A notification: the cédula and its documents for one receptor casilla.
 *
 * @since 0.2.0
 * @category models
 */
export const Notification = Schema.Struct({
  id: Schema.String,
  casillaId: Schema.String,
  /** The receptor's login id (DNI/RUC), kept here so the inbox reads one index. */
  receptorId: Schema.String,
  receptorName: Schema.String,
  emisor: CasillaParty,
  notificador: CasillaParty,
  cedula: Cedula,
  documents: Schema.Array(NotificationDocument),
  state: NotificationState,
  createdAt: CasillaInstant,
  signedAt: Schema.optional(CasillaInstant),
  /** The legal notification date: the deposit commit's timestamp. */
  depositedAt: Schema.optional(CasillaInstant),
  /** First open by the receptor; never changes the legal date. */
  readAt: Schema.optional(CasillaInstant),
  downloads: Schema.Array(DocumentDownload),
  constancia: Schema.optional(Constancia),
  version: Schema.Number
})

/**
 * @since 0.2.0
 * @category models
 */
export type Notification = typeof Notification.Type

/**
 * Decodes a notification read back from storage, throwing on malformed data.
 *
 * @since 0.2.0
 * @category decoding
 */
export const decodeNotificationSync: (u: unknown) => Notification = Schema.decodeUnknownSync(Notification)

/**
 * Decodes a casilla read back from storage, throwing on malformed data.
 *
 * @since 0.2.0
 * @category decoding
 */
export const decodeCasillaSync: (u: unknown) => Casilla = Schema.decodeUnknownSync(Casilla)
