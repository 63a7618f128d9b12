import { UK_ZONE, instantFromSql } from '#domain/shared/uk_time'

/*
 * A timestamp column as ISO 8601 UTC text, whichever driver read it:
 * SQLite gives the stored UTC wall-clock text, MySQL a Date.
 */
export function sqlTime(value: unknown): string | null {
  const parsed = instantFromSql(value)
  if (parsed === null) return null
  return parsed.isValid ? parsed.toISO({ suppressMilliseconds: true }) : String(value)
}

/*
 * A timestamp column as ISO 8601 text in UK time, with its offset
 * ("2026-06-03T09:30:00+01:00"), for exports whose pages show UK times.
 */
export function sqlUkTime(value: unknown): string | null {
  const parsed = instantFromSql(value)
  if (parsed === null) return null
  return parsed.isValid
    ? parsed.setZone(UK_ZONE).toISO({ suppressMilliseconds: true })
    : String(value)
}
