// A Mailer that records mails and can be switched off, to show a failing consumer loses no event.
import { type Mail, Mailer, MailerError } from "@ecasilla/core/ports"
import { Effect, Layer } from "effect"

export class CaptureMailer {
  readonly sent: Array<Mail> = []
  down = false
  readonly layer = Layer.succeed(Mailer, Mailer.of({
    send: (mail) => Effect.suspend(() => (this.down ? Effect.fail(new MailerError({ reason: "unavailable" })) : Effect.sync(() => void this.sent.push(mail))))
  }))
}
