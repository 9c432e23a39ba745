import { addBusinessDays, type BusinessCalendar, isBusinessDay, limaDateOf, peruBusinessCalendar } from "../calendar/index.js"
import type { Notification } from "./model.js"

/**
 * The last day (Lima date, `YYYY-MM-DD`) of a term of `businessDays` días hábiles that starts
 * the business day after the deposit (TUO de la Ley 27444): weekends and the calendar's
 * holidays do not count. Pass a calendar extended with the deployment's días no laborables.
 *
 * @since 0.2.0
 * @category deadlines
 */
export const deadlineFrom = (depositedAt: string, businessDays: number, calendar: BusinessCalendar = peruBusinessCalendar): string =>
  limaDateOf(addBusinessDays(depositedAt, businessDays, calendar))

/**
 * The notification's deadline when it is deposited and its cédula states a plazo; the legal
 * date is the deposit's, never the reading's.
 *
 * @since 0.2.0
 * @category deadlines
 */
export const notificationDeadline = (n: Notification, calendar: BusinessCalendar = peruBusinessCalendar): string | undefined =>
  n.depositedAt !== undefined && n.cedula.plazoDiasHabiles !== undefined
    ? deadlineFrom(n.depositedAt, n.cedula.plazoDiasHabiles, calendar)
    : undefined

/**
 * Whether a Lima date is a día hábil (Monday–Friday, not a holiday of the calendar).
 *
 * @since 0.2.0
 * @category deadlines
 */
export const isDiaHabil = (limaDate: string, calendar: BusinessCalendar = peruBusinessCalendar): boolean =>
  isBusinessDay(limaDate, calendar)
