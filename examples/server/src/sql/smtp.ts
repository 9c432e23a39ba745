// E-mail over SMTP (nodemailer) for the outbox relay: what the CAU's and SARI's mail consumers
// hand to the Mailer port goes to a configurable SMTP server. The relay delivers each event at
// least once; the ids of the mails already sent are kept in the database, so a redelivered
// event does not mail twice (a crash between the SMTP answer and that record can still send
// one twice, never lose one).
import { Mailer, MailerError } from "@ecasilla/core/ports"
import { Clock, Effect } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import nodemailer from "nodemailer"

/**
 * Where to send: an SMTP URL (`smtp://user:pass@host:587`, `smtps://…`) and the sender.
 *
 * @since 0.2.0
 * @category mail
 */
export interface SmtpOptions {
  readonly url: string
  readonly from: string
  /** Per message (default 20 s). */
  readonly timeoutMs?: number
}

/**
 * The Mailer over SMTP, keeping the ids of the mails sent beside the outbox.
 *
 * @since 0.2.0
 * @category mail
 */
export const makeSmtpMailer = (options: SmtpOptions) =>
  Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    const timeout = options.timeoutMs ?? 20_000
    const transport = nodemailer.createTransport(options.url, { connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout })
    const unavailable = (e: unknown) => new MailerError({ reason: "unavailable", detail: e instanceof Error ? e.message : String(e) })
    return Mailer.of({
      send: (mail) =>
        Effect.gen(function*() {
          if (mail.id) {
            const sent = yield* sql`SELECT 1 FROM sent_mail WHERE mail_id = ${mail.id}`.pipe(Effect.mapError(unavailable))
            if (sent.length > 0) return
          }
          yield* Effect.tryPromise({
            try: () =>
              transport.sendMail({
                from: options.from,
                to: [...mail.to],
                ...(mail.cc?.length ? { cc: [...mail.cc] } : {}),
                subject: mail.subject,
                text: mail.text,
                html: mail.html,
                ...(mail.id ? { messageId: `<${mail.id}@ecasilla.local>` } : {})
              }),
            catch: unavailable
          })
          if (mail.id) {
            const at = new Date(yield* Clock.currentTimeMillis).toISOString()
            yield* sql`INSERT INTO sent_mail (mail_id, sent_at) VALUES (${mail.id}, ${at}) ON CONFLICT DO NOTHING`.pipe(Effect.mapError(unavailable))
          }
        })
    })
  })
