import { addBusinessDays, isBusinessDay, limaDateOf } from "./internal/calendar.js"
import type { Notification } from "./model.js"

/**
 * The last day (Lima date, `YYYY-MM-DD`) of a term of `businessDays` días hábiles that starts
 * the business day after the deposit (TUO de la Ley 27444): weekends and Peruvian public
 * holidays do not count, nor the deployment's `extraHolidays` (non-working days decreed).
 *
 * @since 0.2.0
 * @category deadlines
 */
export const deadlineFrom = (depositedAt: string, businessDays: number, extraHolidays: ReadonlyArray<string> = []): string =>
  addBusinessDays(limaDateOf(depositedAt), businessDays, extraHolidays)

/**
 * The notification's deadline when it is deposited and its cédula states a plazo; the legal
 * date is the deposit's, never the reading's.
 *
 * @since 0.2.0
 * @category deadlines
 */
export const notificationDeadline = (n: Notification, extraHolidays: ReadonlyArray<string> = []): string | undefined =>
  n.depositedAt !== undefined && n.cedula.plazoDiasHabiles !== undefined
    ? deadlineFrom(n.depositedAt, n.cedula.plazoDiasHabiles, extraHolidays)
    : undefined

/**
 * Whether a Lima date is a día hábil (Monday–Friday, not a Peruvian public holiday).
 *
 * @since 0.2.0
 * @category deadlines
 */
export const isDiaHabil = (limaDate: string, extraHolidays: ReadonlyArray<string> = []): boolean => isBusinessDay(limaDate, extraHolidays)
