import { defineElement } from "../internal/define.js"
import { CasillaDeposit } from "../casilla-deposit/deposit.js"

defineElement("casilla-deposit", CasillaDeposit)

export { CasillaDeposit }
