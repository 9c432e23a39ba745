/**
 * The fully qualified tags of the casilla's domain events (the `tag` of each `DomainEvent`).
 * Consumers (mail, audit, the server sync) read them from the outbox.
 *
 * @since 0.2.0
 * @category events
 */
export const CasillaEventTag = {
  CasillaCreated: "@ecasilla/core/casilla/CasillaCreated",
  CasillaActivated: "@ecasilla/core/casilla/CasillaActivated",
  CasillaTitularChanged: "@ecasilla/core/casilla/CasillaTitularChanged",
  NotificationPrepared: "@ecasilla/core/casilla/NotificationPrepared",
  NotificationSigned: "@ecasilla/core/casilla/NotificationSigned",
  NotificationDeposited: "@ecasilla/core/casilla/NotificationDeposited",
  NotificationRead: "@ecasilla/core/casilla/NotificationRead",
  DocumentDownloaded: "@ecasilla/core/casilla/DocumentDownloaded"
} as const

/**
 * @since 0.2.0
 * @category events
 */
export type CasillaEventTag = typeof CasillaEventTag[keyof typeof CasillaEventTag]
