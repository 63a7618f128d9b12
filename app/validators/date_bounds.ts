import vine from '@vinejs/vine'
import { DateTime } from 'luxon'
import type { FieldContext } from '@vinejs/vine/types'
import { UK_ZONE, UkFormats } from '#domain/shared/uk_time'

/*
 * How early and how late a date anyone enters may be (ADR 9). Days are
 * compared in UK time, the time people enter them in.
 *
 * - From 1 January 2000: the service's oldest records (Fast Stream intakes,
 *   postings) start then, and anything earlier is a typing slip.
 * - Up to ten years from today: further than any session, round, campaign,
 *   plan or due date is planned.
 * - Instants (session and round times) also end on 31 December 2037: they
 *   are kept in MySQL TIMESTAMP columns, which stop on 19 January 2038.
 */
export const EARLIEST_DAY = '2000-01-01'
export const YEARS_AHEAD = 10
export const LAST_INSTANT_DAY = '2037-12-31'

/* A calendar day (DATE column), or a moment in time (TIMESTAMP column). */
export type DateKind = 'day' | 'instant'

/* The first and last days, yyyy-mm-dd, a date of the kind may fall on today. */
export function dateBounds(kind: DateKind, now: DateTime = DateTime.now()) {
  const ahead = now.setZone(UK_ZONE).plus({ years: YEARS_AHEAD }).toISODate()!
  const latest = kind === 'instant' && ahead > LAST_INSTANT_DAY ? LAST_INSTANT_DAY : ahead
  return { earliest: EARLIEST_DAY, latest }
}

/* "2036-12-07" as "7 December 2036". */
export const longDate = (isoDay: string) =>
  DateTime.fromISO(isoDay, { zone: UK_ZONE }).toFormat(UkFormats.longDate)

/* The bounds a day breaks, as words for a message, or null when it keeps them. */
export function outOfBounds(
  day: DateTime,
  kind: DateKind,
  now: DateTime = DateTime.now()
): { earliest: string; latest: string } | null {
  const isoDay = day.setZone(UK_ZONE).toISODate()!
  const { earliest, latest } = dateBounds(kind, now)
  if (isoDay >= earliest && isoDay <= latest) return null
  return { earliest: longDate(earliest), latest: longDate(latest) }
}

/* A date input's message when it is out of bounds; `label` starts it ("The start date"). */
export const boundsMessage = (label: string, bounds: { earliest: string; latest: string }) =>
  `${label} must be between ${bounds.earliest} and ${bounds.latest}`

/*
 * Reports a date out of bounds under the rule `dateRange`, with `earliest`
 * and `latest` for the message. Takes a Date (vine.date), a DateTime, or a
 * yyyy-mm-dd or ISO 8601 text read in UK time.
 */
export function reportOutOfBounds(value: unknown, kind: DateKind, field: FieldContext) {
  const date =
    value instanceof Date
      ? DateTime.fromJSDate(value, { zone: UK_ZONE })
      : DateTime.isDateTime(value)
        ? value
        : typeof value === 'string'
          ? DateTime.fromISO(value, { zone: UK_ZONE })
          : null
  if (!date?.isValid) return false
  const bounds = outOfBounds(date, kind)
  if (!bounds) return false
  field.report(
    'The {{ field }} must be between {{ earliest }} and {{ latest }}',
    'dateRange',
    field,
    bounds
  )
  return true
}

/* `vine.date().use(withinDateBounds())`: a day from 2000 to ten years ahead. */
export const withinDateBounds = vine.createRule(
  (value: unknown, options: { kind?: DateKind } | undefined, field: FieldContext) => {
    reportOutOfBounds(value, options?.kind ?? 'day', field)
  },
  { name: 'dateRange' }
)
