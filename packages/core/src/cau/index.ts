/**
 * CAU – Central de Atención al Usuario: the help-desk tickets of the casilla
 * (DOMAIN.md §2). Catalog, ticket Schemas, the lifecycle as data, the TicketService over
 * the TicketStore port, domain events and the Spanish e-mails they send.
 *
 * @since 0.1.0
 */
export * from "./catalog.js"
export * from "./phone.js"
export * from "./attachments.js"
export * from "./text.js"
export * from "./model.js"
export * from "./events.js"
export * from "./ticket.js"
export * from "./lifecycle.js"
export * from "./messages.js"
export * from "./errors.js"
export * from "./guards.js"
export * from "./error-message.js"
export * from "./draft.js"
export * from "./config.js"
export * from "./store.js"
export * from "./domain-events.js"
export * from "./mail.js"
export * from "./service.js"
export * from "./visibility.js"
export * from "./staff.js"
export * from "./firma-attachments.js"
export * from "./sync.js"
export type { TicketServiceRequirements } from "./internal/service.js"
