/*
 * Times are stored in UTC and shown in UK time (ADR 4). The one home for
 * the zone, the formats pages, e-mails and forms show times in, and how a
 * date or timestamp read from a row (SQLite's text, MySQL's Date) becomes a
 * DateTime. Pure: no framework imports.
 */
import { DateTime } from 'luxon'

/* The zone people read and enter times in. */
export const UK_ZONE = 'Europe/London'

/* The formats times are shown in (Luxon tokens), by what they are for. */
export const UkFormats = {
  /* "3 Jun 2027": a day on a page (the Edge global formatDate). */
  date: 'd LLL yyyy',
  /* "3 Jun 2027 at 09:30": a moment on a page (the Edge global formatDateTime). */
  dateTime: "d LLL yyyy 'at' HH:mm",
  /* "3 June 2027": a day in a sentence. */
  longDate: 'd LLLL yyyy',
  /* "Thursday 3 June 2027": a day in an e-mail or a learner's own list. */
  weekdayDate: 'cccc d LLLL yyyy',
  /* "Thu 3 Jun 2027": a session's day in a list of courses. */
  shortWeekdayDate: 'ccc d LLL yyyy',
  /* "Thu 3 Jun 2027, 09:30": a session named by when it starts. */
  sessionStart: 'ccc d LLL yyyy, HH:mm',
  /* "3 June": a day in an e-mail's subject line. */
  dayAndMonth: 'd LLLL',
  /* "09:30": a time of day, as a time field holds it and a reminder gives it. */
  time: 'HH:mm',
  /* "2027-06-03T09:30": a date-and-time field's value. */
  dateTimeField: "yyyy-MM-dd'T'HH:mm",
} as const

/*
 * A stored instant (a timestamp column) as either driver reads it, in UTC:
 * SQLite's UTC text ("2027-06-03 08:30:00", or ISO 8601), a number of
 * milliseconds (a Date the query builder wrote to SQLite), or MySQL's Date.
 * Null when there is none; an invalid DateTime when the text is no time.
 */
export function instantFromSql(value: unknown): DateTime | null {
  if (value === null || value === undefined || value === '') return null
  if (value instanceof Date) return DateTime.fromJSDate(value, { zone: 'utc' })
  if (typeof value === 'number') return DateTime.fromMillis(value, { zone: 'utc' })
  const text = String(value)
  const parsed = DateTime.fromSQL(text, { zone: 'utc' })
  return parsed.isValid ? parsed : DateTime.fromISO(text, { zone: 'utc' })
}

/*
 * A calendar date (a date column) as either driver reads it: the start of
 * the day it names, with no zone to move it (UTC). SQLite gives the text
 * ("2027-06-03"), MySQL a Date at midnight UTC. Null when there is none.
 */
export function dateFromSql(value: unknown): DateTime | null {
  if (value === null || value === undefined || value === '') return null
  if (value instanceof Date) return DateTime.fromJSDate(value, { zone: 'utc' }).startOf('day')
  return DateTime.fromISO(String(value).slice(0, 10), { zone: 'utc' })
}

/* A calendar date (a date column) as yyyy-mm-dd, whichever driver read it; null when there is none. */
export function isoDateFromSql(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null
  // The UTC calendar day, as luxon's toISODate() in UTC gives it, without building a DateTime.
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10)
  return String(value).slice(0, 10)
}
