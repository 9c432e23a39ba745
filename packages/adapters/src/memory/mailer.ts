import { type Mail, Mailer, MailerError } from "@ecasilla/core/ports"
import { Effect, Layer } from "effect"

/**
 * A Mailer that keeps every mail in `sent` instead of sending it: for tests and demos. Like
 * a real transport given an idempotency key, it keeps a mail whose `id` it already has only
 * once; `down` makes it fail as an unreachable server would.
 *
 * @since 0.1.0
 * @category models
 */
export interface CaptureMailer {
  readonly sent: ReadonlyArray<Mail>
  readonly layer: Layer.Layer<Mailer>
  readonly clear: () => void
  /** While true, every send fails with `MailerError` reason `unavailable`. */
  down: boolean
  /** How many sends were attempted, duplicates and failures included. */
  readonly attempts: number
}

/**
 * Makes a {@link CaptureMailer}.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeCaptureMailer = (): CaptureMailer => {
  const sent: Array<Mail> = []
  const ids = new Set<string>()
  let attempts = 0
  const capture: CaptureMailer = {
    sent,
    down: false,
    get attempts() {
      return attempts
    },
    layer: Layer.succeed(Mailer, Mailer.of({
      send: (mail) =>
        Effect.suspend(() => {
          attempts++
          if (capture.down) return Effect.fail(new MailerError({ reason: "unavailable" }))
          if (mail.id !== undefined) {
            if (ids.has(mail.id)) return Effect.void
            ids.add(mail.id)
          }
          sent.push(mail)
          return Effect.void
        })
    })),
    clear: () => {
      sent.splice(0)
      ids.clear()
    }
  }
  return capture
}
