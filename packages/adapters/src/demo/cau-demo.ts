import { Actor } from "@ecasilla/core"
import { TicketService } from "@ecasilla/core/cau"
import { Effect } from "effect"
import * as TestClock from "effect/testing/TestClock"

/**
 * The people of the CAU demo: a requester from an OCI, a CGR user, two analysts and a
 * support-group lead. Playgrounds let the visitor act as any of them.
 *
 * @since 0.1.0
 * @category demo
 */
export const cauDemoUsers: ReadonlyArray<Actor> = [
  new Actor({ id: "E40125", name: "Rosa Quispe Mamani", roles: ["notificador"], unit: "OCI Municipalidad Provincial del Cusco", email: "rquispe@oci-cusco.example.pe" }),
  new Actor({ id: "U18342", name: "Jorge Salas Ríos", roles: ["auxiliar-casilla", "emisor"], unit: "Subgerencia de Control de Municipalidades", email: "jsalas@cgr.example.pe" }),
  new Actor({ id: "U10210", name: "Carla Vílchez Paredes", roles: ["cau-analista"], unit: "Central de Atención al Usuario", email: "cvilchez@cgr.example.pe" }),
  new Actor({ id: "U10288", name: "Luis Huamán Torres", roles: ["cau-analista"], unit: "Central de Atención al Usuario", email: "lhuaman@cgr.example.pe" }),
  new Actor({ id: "U10007", name: "Patricia Llosa Benavides", roles: ["cau-lider-grupo"], unit: "Central de Atención al Usuario", email: "pllosa@cgr.example.pe" })
]

const [rosa, jorge, carla, luis, patricia] = cauDemoUsers
const day = 86_400_000

/**
 * Files the demo tickets through the TicketService itself (so each has a genuine history),
 * one in every state: Registrada, Asignada-Pendiente with a note, Resuelta waiting for the
 * verdict, Cerrada "Conforme". The history starts at `start` (epoch ms) and moves forward
 * between steps on effect's TestClock, which is provided only to the seed itself.
 *
 * @since 0.1.0
 * @category demo
 */
export const seedCauDemoTickets = (start: number) =>
  Effect.gen(function*() {
    const cau = yield* TicketService
    yield* TestClock.setTime(start)
    const step = (ms: number) => TestClock.adjust(ms)

    const closed = yield* cau.createTicket(jorge, {
      titulo: "Error al instalar Firma Perú en Windows 11",
      descripcion: "<p>Al ejecutar el instalador aparece <b>«No se pudo completar la instalación»</b>.</p><ul><li>Windows 11 Pro</li><li>Usuario sin permisos de administrador</li></ul>",
      tipo: "Incidencia",
      categoria: "aplicativos.casilla.instalacion-firma-peru",
      telefono: "(01) 207-3360 anexo 4512"
    })
    yield* step(2 * 3600_000)
    yield* cau.assignTicket(patricia, closed.id, { analystId: carla.id, supportGroup: "Soporte Firma Digital" })
    yield* step(day)
    yield* cau.resolveTicket(carla, closed.id, { answer: "<p>Se instaló con una cuenta de administrador remota. Reinicie el equipo antes de firmar.</p>" })
    yield* step(3600_000)
    yield* cau.acceptResolution(jorge, closed.id)
    yield* cau.submitSurvey(jorge, closed.id, { level: "muy-satisfecho", comment: "Atención rápida." })

    yield* step(day)
    const resolved = yield* cau.createTicket(rosa, {
      titulo: "No puedo ingresar a la casilla del administrado",
      descripcion: "<p>Al ingresar con mi DNI el sistema indica <i>usuario o contraseña incorrectos</i>, aunque restablecí la clave con «¿Olvidó su contraseña?».</p>",
      tipo: "Incidencia",
      categoria: "aplicativos.casilla.acceso-administrado",
      telefono: "984 123 456"
    })
    yield* step(3600_000)
    yield* cau.assignTicket(patricia, resolved.id, { analystId: luis.id })
    yield* step(5 * 3600_000)
    yield* cau.resolveTicket(luis, resolved.id, { answer: "<p>Su casilla estaba bloqueada por intentos fallidos. Ya fue desbloqueada: ingrese nuevamente.</p>" })

    yield* step(day)
    const assigned = yield* cau.createTicket(jorge, {
      titulo: "Cambio de titular de la casilla de la entidad",
      descripcion: "<p>Solicito el cambio de titular de la casilla de la Municipalidad Distrital de San Jerónimo por designación del nuevo alcalde.</p>",
      tipo: "Petición",
      categoria: "aplicativos.casilla.cambio-titular",
      telefono: "+51 956 789 012",
      onBehalfOf: rosa.id
    })
    yield* step(2 * 3600_000)
    yield* cau.assignTicket(patricia, assigned.id, { analystId: carla.id })
    yield* step(3600_000)
    yield* cau.addNote(rosa, assigned.id, { message: "Adjunto la resolución de alcaldía en la que se designa al nuevo titular.", attachments: [{ name: "resolucion-alcaldia.txt", bytes: new TextEncoder().encode("RESOLUCIÓN DE ALCALDÍA N° 045-2026-MDSJ\nSe designa al titular de la entidad.\n") }] })

    yield* step(day)
    yield* cau.createTicket(rosa, {
      titulo: "¿Cómo presento la declaración jurada por la casilla?",
      descripcion: "<p>Quisiera orientación para presentar mi DDJJ de ingresos y bienes. ¿Se hace desde la casilla electrónica?</p>",
      tipo: "Petición",
      categoria: "aplicativos.casilla.presentacion-ddjj",
      telefono: "984 123 456"
    })
  }).pipe(Effect.provide(TestClock.layer()))
