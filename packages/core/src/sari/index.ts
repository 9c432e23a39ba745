/**
 * SARI – access and role requests (DOMAIN.md §3): the AccessRequest Schemas, its
 * lifecycle as data with `availableSariActions`, the invariants (routing to the approver
 * of the same unit, no self-approval, roles held/not held, cargo eligibility, one open
 * request per colleague and system), `SariService` over the `SariStore` port with atomic
 * commits (request + role assignments + audit trail + events), the RoleDirectory over the
 * assignments, Spanish e-mails as an event consumer and an es-PE/en error catalogue.
 *
 * @since 0.2.0
 */
export * from "./model.js"
export * from "./errors.js"
export * from "./messages.js"
export * from "./rules.js"
export * from "./lifecycle.js"
export * from "./events.js"
export * from "./store.js"
export * from "./config.js"
export * from "./service.js"
export * from "./role-directory.js"
export * from "./mail.js"
export type { SariServiceRequirements } from "./internal/service.js"
