import { DateTime } from 'luxon'

/*
 * A timestamp column as ISO 8601 UTC text, whichever driver read it:
 * SQLite gives the stored UTC wall-clock text, MySQL a Date.
 */
export function sqlTime(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null
  const parsed =
    value instanceof Date
      ? DateTime.fromJSDate(value)
      : DateTime.fromSQL(String(value), { zone: 'utc' })
  return parsed.isValid ? parsed.toUTC().toISO({ suppressMilliseconds: true }) : String(value)
}

/* A date column as YYYY-MM-DD, whichever driver read it. */
export function sqlDate(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null
  if (value instanceof Date) return DateTime.fromJSDate(value).toISODate()
  return String(value).slice(0, 10)
}

/*
 * A timestamp column as ISO 8601 text in UK time, with its offset
 * ("2026-06-03T09:30:00+01:00"), for exports whose pages show UK times.
 */
export function sqlUkTime(value: unknown): string | null {
  const utc = sqlTime(value)
  if (utc === null) return null
  const parsed = DateTime.fromISO(utc, { zone: 'utc' })
  if (!parsed.isValid) return utc
  return parsed.setZone('Europe/London').toISO({ suppressMilliseconds: true })
}
