import type { AuthSession, Notification, NotificationDocument } from "@ecasilla/core/casilla"

/**
 * Fired by `<casilla-inbox>` when the user opened a notification (the first open marks it
 * Leída): `detail` is the notification after opening. `bubbles` and `composed`.
 *
 * @since 0.2.0
 * @category events
 */
export class NotificationOpenedEvent extends CustomEvent<Notification> {
  constructor(notification: Notification) {
    super("casilla-notification-open", { bubbles: true, composed: true, detail: notification })
  }
}

/**
 * Fired by `<casilla-inbox>` when the user downloaded (or opened) one document; the download
 * is recorded by the core. `bubbles` and `composed`.
 *
 * @since 0.2.0
 * @category events
 */
export class DocumentDownloadedEvent extends CustomEvent<{ readonly notification: Notification; readonly document: NotificationDocument }> {
  constructor(notification: Notification, document: NotificationDocument) {
    super("casilla-document-download", { bubbles: true, composed: true, detail: { notification, document } })
  }
}

/**
 * Fired by `<casilla-login>` when the user signed in: `detail` is the session (its actor is
 * what the page gives `<ecasilla-provider>`). `bubbles` and `composed`.
 *
 * @since 0.2.0
 * @category events
 */
export class CasillaLoginEvent extends CustomEvent<AuthSession> {
  constructor(session: AuthSession) {
    super("casilla-login", { bubbles: true, composed: true, detail: session })
  }
}

/**
 * Fired by `<casilla-login>` when the user signed out: the gateway ended `detail` (the
 * session). The page drops the actor and clears the receptor's data kept in the browser
 * (e.g. `clearCasillaScope` of `@ecasilla/adapters/dexie`). `bubbles` and `composed`.
 *
 * @since 0.2.0
 * @category events
 */
export class CasillaLogoutEvent extends CustomEvent<AuthSession> {
  constructor(session: AuthSession) {
    super("casilla-logout", { bubbles: true, composed: true, detail: session })
  }
}

/**
 * Fired by `<casilla-login>` when the user asked for a password reset (the answer shown
 * never says whether the account exists). `bubbles` and `composed`.
 *
 * @since 0.2.0
 * @category events
 */
export class PasswordResetRequestedEvent extends CustomEvent<void> {
  constructor() {
    super("casilla-password-reset", { bubbles: true, composed: true })
  }
}

/**
 * Fired by `<casilla-login>` when the user set a new password from a reset link (the link is
 * spent and the account's sessions ended). `bubbles` and `composed`.
 *
 * @since 0.2.0
 * @category events
 */
export class PasswordChangedEvent extends CustomEvent<void> {
  constructor() {
    super("casilla-password-changed", { bubbles: true, composed: true })
  }
}

/**
 * Fired by `<casilla-deposit>` when the user deposited the notification: `detail` is it, with
 * its legal date and constancia. `bubbles` and `composed`.
 *
 * @since 0.2.0
 * @category events
 */
export class NotificationDepositedEvent extends CustomEvent<Notification> {
  constructor(notification: Notification) {
    super("casilla-notification-deposit", { bubbles: true, composed: true, detail: notification })
  }
}

/**
 * Fired by `<casilla-sign>` when the emisor signed a notification as titular: `detail` is it,
 * now Firmada and ready for the notificador's deposit. `bubbles` and `composed`.
 *
 * @since 0.2.0
 * @category events
 */
export class NotificationSignedEvent extends CustomEvent<Notification> {
  constructor(notification: Notification) {
    super("casilla-notification-sign", { bubbles: true, composed: true, detail: notification })
  }
}
