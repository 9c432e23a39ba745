import { defineElement } from "../internal/define.js"
import { CasillaInbox } from "../casilla-inbox/inbox.js"

defineElement("casilla-inbox", CasillaInbox)

export { CasillaInbox }
