// E-mail over SMTP (nodemailer), captured by a local smtp-server on 127.0.0.1: the relay
// delivers each event's mail once; an SMTP outage leaves the event pending and loses nothing,
// and the mail goes out once the server is back.
import type { AddressInfo } from "node:net"
import { cauDemoUsers } from "@ecasilla/adapters/memory"
import { Mailer } from "@ecasilla/core/ports"
import { Effect, Layer } from "effect"
import { SMTPServer } from "smtp-server"
import { describe, expect, it } from "vitest"
import { ACTOR_HEADER } from "@ecasilla/core/http"
import { openBackend, startServer } from "../src/server.js"
import { layerPglite, makeSmtpMailer, upsertUsers } from "../src/sql/index.js"

interface Captured {
  readonly to: ReadonlyArray<string>
  readonly raw: string
}

/** An SMTP server that keeps what it receives; `port` 0 picks one. */
const smtpOn = async (port: number, inbox: Array<Captured>) => {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      let raw = ""
      stream.on("data", (c: Buffer) => void (raw += c.toString("utf8")))
      stream.on("end", () => {
        inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), raw })
        callback()
      })
    }
  })
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", () => resolve()))
  return { port: (server.server.address() as AddressInfo).port, close: () => new Promise<void>((r) => server.close(() => r())) }
}

const draft = {
  titulo: "No llega la notificación a mi casilla",
  descripcion: "<p>Desde ayer no veo notificaciones.</p>",
  tipo: "Incidencia",
  categoria: "aplicativos.casilla.problemas-notificacion",
  telefono: "984 123 456"
}

describe("e-mail over SMTP from the outbox", () => {
  it("mails once per event; an SMTP outage loses nothing and the mail goes out when it is back", async () => {
    const inbox: Array<Captured> = []
    let smtp = await smtpOn(0, inbox)
    const port = smtp.port
    const backend = await openBackend(layerPglite())
    await backend.runPromise(upsertUsers(cauDemoUsers))
    const smtpMailer = await backend.runPromise(makeSmtpMailer({ url: `smtp://127.0.0.1:${port}`, from: "CAU <cau@cgr.example.pe>", timeoutMs: 2000 }))
    const mailer = Layer.succeed(Mailer, smtpMailer)
    const api = await startServer(backend, { port: 0, mailer, relayEveryMs: 3_600_000 })
    const post = () =>
      fetch(`${api.url}/api/tickets`, { method: "POST", headers: { "content-type": "application/json", [ACTOR_HEADER]: "E40125" }, body: JSON.stringify(draft) })
    try {
      const first = await (await post()).json()
      expect(inbox).toHaveLength(1)
      expect(inbox[0].to).toEqual(["rquispe@oci-cusco.example.pe"])
      expect(inbox[0].raw).toMatch(/^Subject: .*CAU/m)
      expect(inbox[0].raw).toContain(first.number)
      await api.relay()
      expect(inbox).toHaveLength(1)

      // The SMTP server goes down: the ticket is saved, its event waits.
      await smtp.close()
      const second = await (await post()).json()
      expect(second.state).toBe("Registrada")
      expect(inbox).toHaveLength(1)
      await api.relay()
      expect(inbox).toHaveLength(1)
      // Back on the same port: the next relay sends it, once.
      smtp = await smtpOn(port, inbox)
      await api.relay()
      expect(inbox).toHaveLength(2)
      expect(inbox[1].raw).toContain(second.number)
      await api.relay()
      expect(inbox).toHaveLength(2)
      // A redelivered event (same mail id) is not mailed again.
      const mail = { id: "evt_redelivered", to: ["a@example.pe"], subject: "s", text: "t", html: "<p>t</p>" }
      await Effect.runPromise(smtpMailer.send(mail))
      await Effect.runPromise(smtpMailer.send(mail))
      expect(inbox).toHaveLength(3)
    } finally {
      await api.close()
      await backend.dispose()
      await smtp.close()
    }
  }, 60_000)
})
