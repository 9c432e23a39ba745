import { Predicate } from "effect"
import type { AttachmentError, TicketError, TicketStoreError, TicketValidationError } from "./errors.js"

/*
 * Type guards for the CAU's tagged errors, by tag: they also recognise errors that
 * crossed HTTP as plain objects with the same `_tag`. UIs branch on these, never on
 * `_tag` strings of their own.
 */

/**
 * Whether `u` is a {@link TicketError} (a move the lifecycle forbids).
 *
 * @since 0.2.0
 * @category guards
 */
export const isTicketError = (u: unknown): u is TicketError => Predicate.isTagged(u, "@ecasilla/core/cau/TicketError")

/**
 * Whether `u` is a {@link TicketValidationError} (invalid fields of a ticket form).
 *
 * @since 0.2.0
 * @category guards
 */
export const isTicketValidationError = (u: unknown): u is TicketValidationError =>
  Predicate.isTagged(u, "@ecasilla/core/cau/TicketValidationError")

/**
 * Whether `u` is an {@link AttachmentError} (a refused file).
 *
 * @since 0.2.0
 * @category guards
 */
export const isAttachmentError = (u: unknown): u is AttachmentError => Predicate.isTagged(u, "@ecasilla/core/cau/AttachmentError")

/**
 * Whether `u` is a {@link TicketStoreError} (the storage refused or failed).
 *
 * @since 0.2.0
 * @category guards
 */
export const isTicketStoreError = (u: unknown): u is TicketStoreError => Predicate.isTagged(u, "@ecasilla/core/cau/TicketStoreError")
