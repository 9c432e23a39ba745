// `ticketErrorMessage` lives with the catalogue it reads, so importing it registers it.
export { ticketErrorMessage } from "./messages.js"
