import { type Mail, Mailer } from "@ecasilla/core/ports"
import { Effect, Layer } from "effect"

/**
 * A Mailer that keeps every mail in `sent` instead of sending it: for tests and demos.
 *
 * @since 0.1.0
 * @category models
 */
export interface CaptureMailer {
  readonly sent: ReadonlyArray<Mail>
  readonly layer: Layer.Layer<Mailer>
  readonly clear: () => void
}

/**
 * Makes a {@link CaptureMailer}.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeCaptureMailer = (): CaptureMailer => {
  const sent: Array<Mail> = []
  return {
    sent,
    layer: Layer.succeed(Mailer, Mailer.of({ send: (mail) => Effect.sync(() => void sent.push(mail)) })),
    clear: () => void sent.splice(0)
  }
}
