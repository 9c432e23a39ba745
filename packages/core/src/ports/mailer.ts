import { Context, Effect, Layer, Schema } from "effect"
import { portErrorMessage } from "./messages.js"

/**
 * An e-mail as the domain writes it: Spanish text plus an HTML version.
 *
 * @since 0.1.0
 * @category models
 */
export interface Mail {
  /**
   * A stable identity (the domain event's id): a Mailer that already sent a mail with this
   * id sends nothing the second time, which makes event consumers idempotent under the
   * relay's at-least-once delivery. Added in 0.2.0.
   */
  readonly id?: string
  readonly to: ReadonlyArray<string>
  readonly cc?: ReadonlyArray<string>
  readonly subject: string
  /** Plain-text body. */
  readonly text: string
  /** HTML body; every value interpolated in it is escaped or sanitized. */
  readonly html: string
}

/**
 * A mail that could not be handed to the transport.
 *
 * @since 0.1.0
 * @category errors
 */
export class MailerError extends Schema.TaggedError<MailerError>()("@ecasilla/core/ports/MailerError", {
  reason: Schema.Literals(["rejected", "unavailable"]),
  detail: Schema.optional(Schema.String)
}) {
  override get message(): string {
    return portErrorMessage(this)
  }
}

/**
 * Sends e-mails. Domains never send mail inside a service: mail is a consumer of
 * domain events relayed from the outbox (see the CAU `ticketMailConsumer`). A mail whose
 * `id` was already sent must not be sent again.
 *
 * @since 0.1.0
 * @category ports
 */
export class Mailer extends Context.Service<Mailer, {
  readonly send: (mail: Mail) => Effect.Effect<void, MailerError>
}>()("@ecasilla/core/ports/Mailer") {
  /**
   * A mailer that drops every mail (for pages that show tickets without sending mail).
   *
   * @since 0.1.0
   * @category layers
   */
  static readonly layerNoop: Layer.Layer<Mailer> = Layer.succeed(Mailer, Mailer.of({ send: () => Effect.void }))
}
