import { defineElement } from "../internal/define.js"
import { CasillaLogin } from "../casilla-login/login.js"

defineElement("casilla-login", CasillaLogin)

export { CasillaLogin }
