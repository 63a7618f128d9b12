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
