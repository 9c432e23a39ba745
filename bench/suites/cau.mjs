// CAU ticket decoding in Node, per second; baseline in the same run: a
// JSON.parse(JSON.stringify()) round trip of the same values.
// - cau.ticket.decode: tickets as filed (the Ticket Schema: título, descripción,
//   tipo, categoría leaf, teléfono, en nombre de), decoded with TicketDraftSchema, which is
//   what a backend runs on every incoming ticket. Target: 100 k/s.
// - cau.ticket.decode.stored: whole stored tickets (parties, attachments, notes,
//   resolution, survey and a 4–7 event history), as read back from IndexedDB or a backend.
import { catalogLeaves, decodeTicketSync, defaultCauCatalog, TicketDraftSchema } from "@ecasilla/core/cau"
import { Schema } from "effect"
import { opsPerSecond, row } from "../harness.mjs"

const leaves = catalogLeaves(defaultCauCatalog)
const filed = (n) => ({
  titulo: `No puedo ingresar a mi casilla electrónica (caso ${n})`,
  descripcion: "<p>Al ingresar con mi DNI aparece <b>usuario bloqueado</b>.</p><ul><li>Navegador: Chrome</li><li>Windows 11</li></ul>",
  tipo: n % 3 ? "Incidencia" : "Petición",
  categoria: leaves[n % leaves.length].id,
  telefono: n % 2 ? "987 654 321" : "(01) 207-3360 anexo 600",
  ...(n % 5 === 0 ? { onBehalfOf: "E40125" } : {})
})

const at = (d, h) => `2026-03-${String(d).padStart(2, "0")}T${String(h).padStart(2, "0")}:15:00.000Z`

function ticket(n) {
  const requester = { id: `E${40000 + n}`, name: `Usuaria ${n}`, email: `u${n}@oci.example.pe` }
  const analyst = { id: "U10210", name: "Carla Vílchez Paredes", email: "cvilchez@cgr.example.pe" }
  const lead = { id: "U10007", name: "Patricia Llosa Benavides" }
  const id = `tkt_${n.toString(16).padStart(32, "0")}`
  const number = `CAU-2026-${String(n + 1).padStart(6, "0")}`
  const closed = n % 2 === 0
  const history = [
    { _tag: "TicketCreated", ticketId: id, at: at(2, 9), by: requester, number },
    { _tag: "TicketAssigned", ticketId: id, at: at(2, 10), by: lead, analyst, supportGroup: "Soporte Casilla", reassigned: false },
    { _tag: "TicketNoteAdded", ticketId: id, at: at(2, 11), by: requester, noteId: "note_1", attachmentIds: ["att_2"] },
    { _tag: "TicketResolved", ticketId: id, at: at(3, 9), by: analyst, answer: "<p>Se desbloqueó su usuario.</p>" },
    ...(closed
      ? [
        { _tag: "TicketResolutionAccepted", ticketId: id, at: at(3, 10), by: requester },
        { _tag: "TicketSurveyAnswered", ticketId: id, at: at(3, 10), by: requester, level: "satisfecho" },
        { _tag: "TicketClosed", ticketId: id, at: at(3, 10), by: requester, comment: "Conforme", automatic: false }
      ]
      : [])
  ]
  return {
    id,
    number,
    titulo: `No puedo ingresar a mi casilla electrónica (caso ${n})`,
    descripcion: "<p>Al ingresar con mi DNI aparece <b>usuario bloqueado</b>.</p><ul><li>Navegador: Chrome</li><li>Windows 11</li></ul>",
    tipo: n % 3 ? "Incidencia" : "Petición",
    categoria: { id: "aplicativos.casilla.acceso-ecasilla", path: ["APLICATIVOS", "CASILLA ELECTRÓNICA", "Acceso al sistema eCasilla CGR"] },
    telefono: n % 2 ? "987 654 321" : "(01) 207-3360 anexo 600",
    requester,
    state: closed ? "Cerrada" : "Resuelta",
    supportGroup: "Soporte Casilla",
    analyst,
    attachments: [
      { id: "att_1", name: "captura.png", kind: "image", mediaType: "image/png", size: 48213, addedAt: at(2, 9), addedBy: requester.id },
      { id: "att_2", name: "oficio.pdf", kind: "pdf", mediaType: "application/pdf", size: 120334, addedAt: at(2, 11), addedBy: requester.id, noteId: "note_1" }
    ],
    notes: [{ id: "note_1", message: "Adjunto el oficio.", at: at(2, 11), by: requester, attachmentIds: ["att_2"] }],
    resolution: { answer: "<p>Se desbloqueó su usuario.</p>", at: at(3, 9), by: analyst, accepted: closed },
    ...(closed ? { survey: { level: "satisfecho", at: at(3, 10) }, closure: { at: at(3, 10), comment: "Conforme", automatic: false } } : {}),
    createdAt: at(2, 9),
    updatedAt: at(3, closed ? 10 : 9),
    version: history.length,
    history
  }
}

export default async function () {
  const rows = []
  let sink = 0
  const measure = (name, values, decode) => {
    const mask = values.length - 1
    for (const v of values) decode(v) // every value is valid, or the figure means nothing
    const value = opsPerSecond((i) => {
      sink += decode(values[i & mask]) ? 1 : 0
    })
    const baseline = opsPerSecond((i) => {
      sink += JSON.parse(JSON.stringify(values[i & mask])) ? 1 : 0
    })
    rows.push(row(name, value, "tickets/s", baseline))
  }
  measure("cau.ticket.decode", Array.from({ length: 512 }, (_, i) => filed(i)), Schema.decodeUnknownSync(TicketDraftSchema))
  measure("cau.ticket.decode.stored", Array.from({ length: 512 }, (_, i) => JSON.parse(JSON.stringify(ticket(i)))), decodeTicketSync)
  if (sink === 42) console.log("")
  return rows
}
