// Shared fixtures of the CAU tests: the people of the seed flow and a layer over memory
// adapters, on effect's TestClock.
import { Actor } from "@ecasilla/core"
import { type CauConfigShape, TicketService } from "@ecasilla/core/cau"
import { Ids } from "@ecasilla/core/ports"
import { layerMemoryCau, type MemoryCauOptions, makeCaptureMailer } from "@ecasilla/adapters/memory"
import { layerNodeHtmlSanitizer } from "@ecasilla/adapters/node"
import { Effect, Layer, ManagedRuntime } from "effect"
import { TestClock } from "effect/testing"

export const requester = new Actor({ id: "E12345", name: "Rosa Quispe Mamani", roles: ["notificador"], unit: "OCI Municipalidad de Cusco", email: "rquispe@oci.example.pe" })
export const other = new Actor({ id: "U20001", name: "Jorge Salas", roles: ["auxiliar-casilla"], email: "jsalas@cgr.example.pe" })
export const analyst = new Actor({ id: "U10010", name: "Carla Analista", roles: ["cau-analista"], email: "canalista@cgr.example.pe" })
export const analyst2 = new Actor({ id: "U10011", name: "Luis Analista", roles: ["cau-analista"], email: "lanalista@cgr.example.pe" })
export const lead = new Actor({ id: "U10001", name: "Pedro Líder", roles: ["cau-lider-grupo"], email: "plider@cgr.example.pe" })
export const users = [requester, other, analyst, analyst2, lead]

export const validDraft = {
  titulo: "  No puedo ingresar a mi casilla  ",
  descripcion: "<p>Al ingresar con mi DNI aparece <b>usuario bloqueado</b>.</p><ul><li>Navegador: Chrome</li></ul>",
  tipo: "Incidencia",
  categoria: "aplicativos.casilla.acceso-ecasilla",
  telefono: "+51 987 654 321"
}

export const pdfBytes = new TextEncoder().encode("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n")

/** Where the fixtures' TestClock starts: a Monday, 09:00 in Lima. */
export const start = "2026-03-02T14:00:00.000Z"

/** effect's TestClock, set to `at`. */
export const layerTestClock = (at: string = start) =>
  Layer.effectDiscard(TestClock.setTime(Date.parse(at))).pipe(Layer.provideMerge(TestClock.layer()))

export const makeCau = (config: Partial<CauConfigShape> = {}, options: Partial<MemoryCauOptions> = {}) => {
  const mailer = makeCaptureMailer()
  const layer = layerMemoryCau({
    sanitizer: layerNodeHtmlSanitizer,
    users,
    mailer: mailer.layer,
    ids: Ids.layerTest,
    config,
    ...options
  }).pipe(Layer.provideMerge(layerTestClock()))
  const runtime = ManagedRuntime.make(layer)
  const run = <A, E>(f: (s: TicketService["Service"]) => Effect.Effect<A, E>) =>
    runtime.runPromise(Effect.flatMap(TicketService, f))
  const exit = <A, E>(f: (s: TicketService["Service"]) => Effect.Effect<A, E>) =>
    runtime.runPromiseExit(Effect.flatMap(TicketService, f))
  /** Sets or moves the TestClock every effect of this runtime reads. */
  const clock = {
    set: (at: string) => runtime.runPromise(TestClock.setTime(Date.parse(at))),
    advance: (ms: number) => runtime.runPromise(TestClock.adjust(ms))
  }
  return { mailer, clock, runtime, run, exit, layer }
}
