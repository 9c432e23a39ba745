import { defineElement } from "../internal/define.js"
import { CasillaSign } from "../casilla-sign/sign.js"

defineElement("casilla-sign", CasillaSign)

export { CasillaSign }
